/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-order-format.h"
#include "rapport-order-payments.h"
#include "rapport-order-rules.h"
#include "rapport-widget-util.h"

/* An order's payments: what was paid, when and how, and a form to record
 * the next one — the balance already filled in, since that is what most
 * clients pay. A refund is a payment below zero. A payment recorded by
 * mistake is taken back, with a moment to undo. Each one is written at
 * once, on the database's worker (the window never waits): money taken is
 * not part of the order's unsaved edits. */
struct _RapportOrderPayments
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  RapportOrder        *order;
  GPtrArray           *payments;   /* RapportPayment, in the list's order */
  gint64               staff_id;
  gboolean             saved;
  guint                n_writing;  /* payments being recorded */

  GtkListBox          *list;
  GtkLabel            *closed_label;
  GtkWidget           *form;
  GtkEditable         *amount_row;
  AdwComboRow         *method_row;
  RapportDateRow      *date_row;
  GtkEditable         *note_row;
  GtkLabel            *error_label;
  GtkWidget           *record_button;
};

G_DEFINE_FINAL_TYPE (RapportOrderPayments, rapport_order_payments, ADW_TYPE_PREFERENCES_GROUP)

static const RapportPaymentMethod methods[] = {
  RAPPORT_PAYMENT_CASH, RAPPORT_PAYMENT_CARD, RAPPORT_PAYMENT_TRANSFER, RAPPORT_PAYMENT_OTHER,
};

/* What a taken-back payment needs to come back. */
typedef struct
{
  RapportOrderPayments *self;
  RapportPayment       *payment;
} TakenBack;

static void
show_error (RapportOrderPayments *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
add_toast (RapportOrderPayments *self,
           AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
taken_back_free (TakenBack *taken)
{
  g_object_unref (taken->self);
  rapport_payment_free (taken->payment);
  g_free (taken);
}

static void
taken_back_notify (gpointer  data,
                   GClosure *closure)
{
  taken_back_free (data);
}

static void
on_added_again (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportOrderPayments) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_payment_repository_write_finish (RAPPORT_PAYMENT_REPOSITORY (source), result, &error))
    show_error (self, error->message);
}

static void
on_undo_take_back (AdwToast  *toast,
                   TakenBack *taken)
{
  taken->payment->id = 0;
  rapport_payment_repository_add_async (rapport_context_get_payments (taken->self->context), taken->payment,
                                        NULL, on_added_again, g_object_ref (taken->self));
}

/* Taken back: the list is rebuilt by the change notice; the toast offers
 * to record it again. */
static void
on_taken_back (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TakenBack *taken = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!rapport_payment_repository_write_finish (RAPPORT_PAYMENT_REPOSITORY (source), result, &error))
    {
      show_error (taken->self, error->message);
      taken_back_free (taken);
      return;
    }

  toast = adw_toast_new (taken->payment->amount < 0 ? _("Refund taken back") : _("Payment taken back"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_take_back), taken,
                         taken_back_notify, 0);
  add_toast (taken->self, toast);
}

static void
on_take_back (RapportOrderPayments *self,
              GtkButton            *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
  RapportPayment *payment;
  TakenBack *taken;

  if (index < 0 || (guint) index >= self->payments->len)
    return;
  payment = g_ptr_array_index (self->payments, index);

  taken = g_new0 (TakenBack, 1);
  taken->self = g_object_ref (self);
  taken->payment = rapport_payment_copy (payment);
  /* Not twice while it is written. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  rapport_payment_repository_take_back_async (rapport_context_get_payments (self->context), taken->payment->id,
                                              NULL, on_taken_back, taken);
}

static char *
describe (RapportPayment *payment)
{
  g_autofree char *day = rapport_format_iso_date (payment->paid_on);
  const char *method = rapport_format_payment_method (payment->method);

  if (payment->note != NULL && *payment->note != '\0')
    /* TRANSLATORS: a payment's day, how it was paid, and its note */
    return g_strdup_printf (_("%s · %s · %s"), day, method, payment->note);
  /* TRANSLATORS: a payment's day and how it was paid */
  return g_strdup_printf (_("%s · %s"), day, method);
}

static GtkWidget *
make_row (RapportOrderPayments *self,
          RapportPayment       *payment,
          gboolean              editable)
{
  g_autofree char *amount = rapport_money_format (payment->amount, rapport_order_get_currency (self->order));
  g_autofree char *subtitle = describe (payment);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 payment->amount < 0 ? _("Refund") : _("Payment"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (editable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Take Back This Payment"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Take Back This Payment"), -1);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_take_back), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
fill_list (RapportOrderPayments *self,
           gboolean              takes_payments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = NULL;

  rapport_list_box_remove_rows (self->list);
  g_ptr_array_set_size (self->payments, 0);

  if (!self->saved)
    return;

  payments = rapport_payment_repository_list_for_order (rapport_context_get_payments (self->context),
                                                        rapport_order_get_id (self->order), &error);
  if (payments == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < payments->len; i++)
    {
      RapportPayment *payment = g_ptr_array_index (payments, i);

      g_ptr_array_add (self->payments, rapport_payment_copy (payment));
      gtk_list_box_append (self->list, make_row (self, payment, takes_payments));
    }
}

/* Why no payment can be recorded now, or %NULL when one can. */
static const char *
why_closed (RapportOrderPayments *self)
{
  if (!self->saved)
    return _("Payments are recorded once the order is saved and confirmed.");
  switch (rapport_order_get_status (self->order))
    {
    case RAPPORT_ORDER_DRAFT:
    case RAPPORT_ORDER_QUOTED:
      return _("Payments are recorded once the client confirms the order.");
    case RAPPORT_ORDER_LOST:
      return _("This quote was lost: it takes no payments.");
    case RAPPORT_ORDER_CANCELLED:
      return _("This order was cancelled: it takes no payments.");
    default:
      return NULL;
    }
}

static void
fill_amount (RapportOrderPayments *self)
{
  gint64 balance = rapport_order_get_balance (self->order);
  g_autofree char *text = balance > 0
                          ? rapport_money_format_number (balance, rapport_order_get_currency (self->order))
                          : g_strdup ("");

  gtk_editable_set_text (self->amount_row, text);
}

static void
fill_date (RapportOrderPayments *self)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  rapport_date_row_set_date (self->date_row, today);
}

static gboolean
read_amount (RapportOrderPayments  *self,
             gint64                *amount,
             GError               **error)
{
  if (!rapport_money_parse (gtk_editable_get_text (self->amount_row),
                            rapport_order_get_currency (self->order), amount, error))
    {
      g_prefix_error (error, _("Amount: "));
      return FALSE;
    }
  return rapport_order_check_payment (self->order, *amount, error);
}

static void
on_amount_changed (RapportOrderPayments *self)
{
  g_autoptr(GError) error = NULL;
  gint64 amount;
  gboolean right;

  if (self->order == NULL)
    return;
  right = *gtk_editable_get_text (self->amount_row) == '\0' || read_amount (self, &amount, &error);
  rapport_widget_set_invalid (GTK_WIDGET (self->amount_row), !right);
  show_error (self, right ? NULL : error->message);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportOrderPayments) self = user_data;
  g_autoptr(GError) error = NULL;

  if (--self->n_writing == 0)
    gtk_widget_set_sensitive (self->record_button, TRUE);
  if (!rapport_payment_repository_write_finish (RAPPORT_PAYMENT_REPOSITORY (source), result, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (self->note_row, "");
}

static void
on_record (RapportOrderPayments *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportPayment) payment = NULL;
  guint method = adw_combo_row_get_selected (self->method_row);
  const char *note = gtk_editable_get_text (self->note_row);
  gint64 amount;

  if (self->order == NULL || why_closed (self) != NULL)
    return;
  if (!read_amount (self, &amount, &error))
    {
      rapport_widget_set_invalid (GTK_WIDGET (self->amount_row), TRUE);
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }
  if (!rapport_date_row_get_valid (self->date_row) || rapport_date_row_get_date (self->date_row) == NULL)
    {
      show_error (self, _("Date: write the day the money came, such as 2026-03-31."));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  payment = rapport_payment_new (rapport_order_get_id (self->order),
                                 rapport_date_row_get_date (self->date_row), amount,
                                 methods[MIN (method, G_N_ELEMENTS (methods) - 1)]);
  rapport_payment_set_note (payment, note);
  payment->staff_id = self->staff_id;

  self->n_writing++;
  gtk_widget_set_sensitive (self->record_button, FALSE);
  rapport_payment_repository_add_async (rapport_context_get_payments (self->context), payment, NULL,
                                        on_recorded, g_object_ref (self));
}

static void
rapport_order_payments_finalize (GObject *object)
{
  RapportOrderPayments *self = RAPPORT_ORDER_PAYMENTS (object);

  g_clear_object (&self->context);
  g_clear_object (&self->order);
  g_ptr_array_unref (self->payments);

  G_OBJECT_CLASS (rapport_order_payments_parent_class)->finalize (object);
}

static void
rapport_order_payments_class_init (RapportOrderPaymentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_order_payments_finalize;

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-order-payments.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, list);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, closed_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, form);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, method_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, note_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderPayments, record_button);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_record);
}

static void
rapport_order_payments_init (RapportOrderPayments *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->payments = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_payment_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    gtk_string_list_append (names, rapport_format_payment_method (methods[i]));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (names));
}

void
rapport_order_payments_set_context (RapportOrderPayments *self,
                                    RapportContext       *context)
{
  g_return_if_fail (RAPPORT_IS_ORDER_PAYMENTS (self));
  g_return_if_fail (RAPPORT_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  fill_date (self);
}

/**
 * rapport_order_payments_set_order:
 * @self: the group
 * @order: the order as saved
 * @saved: whether it is in the database yet
 *
 * Shows @order's payments, and the form when it takes one.
 */
void
rapport_order_payments_set_order (RapportOrderPayments *self,
                                  RapportOrder         *order,
                                  gboolean              saved)
{
  const char *closed;
  gboolean new_order;

  g_return_if_fail (RAPPORT_IS_ORDER_PAYMENTS (self));
  g_return_if_fail (RAPPORT_IS_ORDER (order));
  g_return_if_fail (self->context != NULL);

  new_order = self->order == NULL || rapport_order_get_id (self->order) != rapport_order_get_id (order)
              || rapport_order_get_balance (self->order) != rapport_order_get_balance (order);
  g_set_object (&self->order, order);
  self->saved = saved;

  closed = why_closed (self);
  gtk_label_set_text (self->closed_label, closed ? closed : "");
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), closed != NULL);
  gtk_widget_set_visible (self->form, closed == NULL);
  gtk_widget_set_visible (self->record_button, closed == NULL);
  if (closed != NULL)
    show_error (self, NULL);

  fill_list (self, closed == NULL);
  /* Before it is saved, an order has no payments to list. */
  gtk_widget_set_visible (GTK_WIDGET (self->list), saved && (closed == NULL || self->payments->len > 0));
  if (new_order)
    fill_amount (self);
}

/* Who is taking the money. */
void
rapport_order_payments_set_staff_id (RapportOrderPayments *self,
                                     gint64                staff_id)
{
  g_return_if_fail (RAPPORT_IS_ORDER_PAYMENTS (self));
  self->staff_id = staff_id;
}
