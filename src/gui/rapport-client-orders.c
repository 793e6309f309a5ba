/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-analytics.h"
#include "rapport-card-row.h"
#include "rapport-client-orders.h"
#include "rapport-format.h"
#include "rapport-gtk-workarounds.h"
#include "rapport-money-format.h"
#include "rapport-order-editor.h"
#include "rapport-order-format.h"
#include "rapport-order-rules.h"
#include "rapport-widget-util.h"

/* A client's orders on their card: what they owe (or have as credit),
 * what they have spent, and their orders newest first — a few at once,
 * more on request, so a regular with hundreds opens as fast as anyone.
 * An order opens with Enter or a click; its Repeat button starts a new
 * order with the same lines. */
#define FIRST_ORDERS 5
#define MORE_ORDERS 25

struct _RapportClientOrders
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  gint64               client_id;
  GArray              *order_ids;   /* gint64, in the list's order */
  RapportClientOrdersSummary summary;
  char                *currency;

  GtkListBox          *summary_list;
  AdwActionRow        *balance_row;
  AdwActionRow        *value_row;
  AdwActionRow        *segment_row;
  GtkListBox          *list;
  GtkWidget           *more_button;
};

G_DEFINE_FINAL_TYPE (RapportClientOrders, rapport_client_orders, ADW_TYPE_PREFERENCES_GROUP)

static void
present (RapportClientOrders *self,
         RapportOrderEditor  *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_row_activated (RapportClientOrders *self,
                  GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->order_ids->len)
    present (self, rapport_order_editor_new_open (self->context, g_array_index (self->order_ids, gint64, index)));
}

static void
on_repeat_clicked (RapportClientOrders *self,
                   GtkButton           *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;

  if (index >= 0 && (guint) index < self->order_ids->len)
    present (self, rapport_order_editor_new_repeat (self->context, g_array_index (self->order_ids, gint64, index)));
}

static GtkWidget *
make_row (RapportClientOrders *self,
          RapportOrder        *order)
{
  g_autofree char *day = rapport_format_iso_date (rapport_order_get_ordered_on (order));
  g_autofree char *total = rapport_money_format (rapport_order_get_total (order), rapport_order_get_currency (order));
  /* TRANSLATORS: an order on a client's card: its number and date */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), rapport_order_get_number (order), day);
  /* TRANSLATORS: %s is an order's number */
  g_autofree char *repeat_label = g_strdup_printf (_("Repeat Order %s"), rapport_order_get_number (order));
  GtkWidget *row = rapport_card_row_new ();
  GtkWidget *repeat = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  rapport_card_row_set_title (RAPPORT_CARD_ROW (row), title, FALSE);
  rapport_card_row_set_subtitle (RAPPORT_CARD_ROW (row), rapport_format_order_status (rapport_order_get_status (order)));
  rapport_card_row_set_end_text (RAPPORT_CARD_ROW (row), total);

  gtk_widget_add_css_class (repeat, "flat");
  rapport_gtk_set_new_tooltip (repeat, repeat_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (repeat), GTK_ACCESSIBLE_PROPERTY_LABEL, repeat_label, -1);
  g_signal_connect_swapped (repeat, "clicked", G_CALLBACK (on_repeat_clicked), self);
  rapport_card_row_set_button (RAPPORT_CARD_ROW (row), repeat);
  return row;
}

static gboolean
load_more (RapportClientOrders  *self,
           GError              **error)
{
  guint limit = self->order_ids->len == 0 ? FIRST_ORDERS : MORE_ORDERS;
  g_autoptr(GPtrArray) orders = rapport_order_repository_list_for_client (rapport_context_get_orders (self->context),
                                                                          self->client_id, self->order_ids->len,
                                                                          limit, error);

  if (orders == NULL)
    return FALSE;
  for (guint i = 0; i < orders->len; i++)
    {
      RapportOrder *order = g_ptr_array_index (orders, i);
      gint64 id = rapport_order_get_id (order);

      g_array_append_val (self->order_ids, id);
      gtk_list_box_append (self->list, make_row (self, order));
    }
  gtk_widget_set_visible (self->more_button, orders->len == limit);
  return TRUE;
}

static void
on_more_clicked (RapportClientOrders *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_more (self, &error))
    adw_action_row_set_subtitle (self->balance_row, error->message);
}

static void
set_money_row (RapportClientOrders *self,
               AdwActionRow        *row,
               gint64               amount)
{
  g_autofree char *text = rapport_money_format (amount, self->currency);

  adw_action_row_set_subtitle (row, text);
}

static void
show_summary (RapportClientOrders *self)
{
  RapportClientOrdersSummary *summary = &self->summary;
  g_autofree char *last = summary->last_order_on ? rapport_format_iso_date (summary->last_order_on) : NULL;
  g_autofree char *description = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->balance_row),
                                 summary->balance < 0 ? _("Credit") : _("Balance Due"));
  set_money_row (self, self->balance_row, ABS (summary->balance));
  set_money_row (self, self->value_row, summary->lifetime_value);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_list), summary->last_order_on != NULL);

  if (last != NULL)
    {
      g_autofree char *count = rapport_format_count (summary->n_orders);

      /* TRANSLATORS: the first %s is a number of sales, in the reader's
       * digits; the second the day of the last order */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sale · last order %s",
                                                  "%s sales · last order %s", summary->n_orders),
                                     count, last);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
}

/* The client's RFM segment, as last scored (Analytics); none before a
 * first sale. */
static gboolean
show_segment (RapportClientOrders  *self,
              GError              **error)
{
  RapportRfmScore score;
  g_autoptr(GError) local_error = NULL;
  gboolean scored;

  scored = rapport_analytics_get_client_score (rapport_context_get_analytics (self->context), self->client_id,
                                               &score, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (scored)
    adw_action_row_set_subtitle (self->segment_row, rapport_rfm_segment_get_label (score.segment));
  gtk_widget_set_visible (GTK_WIDGET (self->segment_row), scored);
  return TRUE;
}

static void
clear_list (RapportClientOrders *self)
{
  rapport_list_box_remove_rows (self->list);
  g_array_set_size (self->order_ids, 0);
  gtk_widget_set_visible (self->more_button, FALSE);
}

static void
rapport_client_orders_finalize (GObject *object)
{
  RapportClientOrders *self = RAPPORT_CLIENT_ORDERS (object);

  g_clear_object (&self->context);
  g_array_unref (self->order_ids);
  rapport_client_orders_summary_clear (&self->summary);
  g_free (self->currency);

  G_OBJECT_CLASS (rapport_client_orders_parent_class)->finalize (object);
}

static void
rapport_client_orders_class_init (RapportClientOrdersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_client_orders_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-client-orders.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, summary_list);
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, segment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, balance_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, value_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, list);
  gtk_widget_class_bind_template_child (widget_class, RapportClientOrders, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
}

static void
rapport_client_orders_init (RapportClientOrders *self)
{
  self->order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_client_orders_set_context (RapportClientOrders *self,
                                   RapportContext      *context)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_ORDERS (self));
  g_set_object (&self->context, context);
}

/**
 * rapport_client_orders_set_client_id:
 * @self: the group
 * @client_id: whose orders to show, or 0 for nobody's
 * @error: return location for an error, for a person
 *
 * Reads the client's figures and first orders again.
 */
gboolean
rapport_client_orders_set_client_id (RapportClientOrders  *self,
                                     gint64                client_id,
                                     GError              **error)
{
  g_autoptr(RapportBusiness) business = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_ORDERS (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  self->client_id = client_id;
  clear_list (self);
  rapport_client_orders_summary_clear (&self->summary);
  if (client_id == 0)
    return TRUE;

  business = rapport_business_repository_get (rapport_context_get_business (self->context), error);
  if (business == NULL)
    return FALSE;
  g_free (self->currency);
  self->currency = g_strdup (business->currency);

  if (!rapport_order_repository_summarize_client (rapport_context_get_orders (self->context), client_id,
                                                  &self->summary, error))
    return FALSE;
  show_summary (self);
  if (!show_segment (self, error))
    return FALSE;
  return load_more (self, error);
}

/* What the client owes; below zero, their credit. */
gint64
rapport_client_orders_get_balance (RapportClientOrders *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_ORDERS (self), 0);
  return self->summary.balance;
}

guint
rapport_client_orders_get_n_shown (RapportClientOrders *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_ORDERS (self), 0);
  return self->order_ids->len;
}
