/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-invoice-export.h"
#include "rapport-money-format.h"
#include "rapport-order-dialogs.h"
#include "rapport-order-editor.h"
#include "rapport-order-format.h"
#include "rapport-order-line-row.h"
#include "rapport-deliveries-group.h"
#include "rapport-warranties-group.h"
#include "rapport-order-payments.h"
#include "rapport-order-rules.h"
#include "rapport-picker.h"
#include "rapport-save-status.h"
#include "rapport-widget-util.h"

#define N_SUGGESTIONS 8

/* One order, new or saved: its client, lines, totals, status, payments
 * and invoice. The keyboard path: the client is typed and picked with
 * Enter, each item is typed and picked with Enter, its quantity typed and
 * Enter brings back the item field; Ctrl+S saves. Lines and details are
 * saved with Save; a status change saves first; payments are written at
 * once. Every write runs on the database's worker: the window keeps
 * drawing, says when it waits for another program, and takes no edits
 * until the write ends (what was being typed keeps the focus). The window
 * follows the database: a payment recorded here or in another program
 * shows in the totals. */

/* What a save goes on to do once it is written. */
typedef enum
{
  THEN_NOTHING,
  THEN_STATUS,
  THEN_SAVE_PDF,
  THEN_PRINT,
} Then;
struct _RapportOrderEditor
{
  AdwWindow             parent_instance;

  RapportContext       *context;
  RapportBusiness      *business;
  RapportOrder         *order;          /* the order being edited */
  RapportOrder         *saved;          /* as in the database, or NULL */
  GArray               *staff_ids;
  GCancellable         *client_search;
  gboolean              dirty;
  gboolean              filling;
  gboolean              discarding;
  GCancellable         *write_cancellable;  /* while a write runs */
  RapportOrder         *writing;            /* the order a save writes */
  Then                  then;
  RapportOrderStatus    then_status;
  guint                 lock_source;        /* takes edits away if a write is slow */
  GtkWidget            *focus_before_lock;

  AdwWindowTitle       *title;
  GtkWidget            *close_button;
  GtkWidget            *save_button;
  GtkWidget            *invoice_button;
  RapportSaveStatus    *save_status;
  GtkWidget            *scroller;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *status_label;
  GtkLabel             *payment_status_label;
  GtkFlowBox           *status_buttons;
  GtkLabel             *locked_label;
  RapportPicker        *client_picker;
  GtkLabel             *client_hint;
  GtkListBox           *lines_list;
  RapportPicker        *item_picker;
  GtkListBox           *totals_list;
  RapportOrderPayments *payments;
  RapportDeliveriesGroup *deliveries;
  RapportWarrantiesGroup *warranties;
  RapportDateRow       *date_row;
  RapportDateRow       *valid_until_row;
  GtkSpinButton        *terms_spin;
  AdwComboRow          *staff_row;
  GtkSwitch            *include_tax_switch;
  GtkTextView          *notes_view;
  GtkWidget            *history_group;
  GtkListBox           *history_list;
};

G_DEFINE_FINAL_TYPE (RapportOrderEditor, rapport_order_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The statuses a button can move an order to, in the order shown. */
static const RapportOrderStatus next_statuses[] = {
  RAPPORT_ORDER_QUOTED, RAPPORT_ORDER_CONFIRMED, RAPPORT_ORDER_FULFILLED, RAPPORT_ORDER_CLOSED,
  RAPPORT_ORDER_DRAFT, RAPPORT_ORDER_LOST, RAPPORT_ORDER_CANCELLED,
};

static void update_totals (RapportOrderEditor *self);
static void update_status (RapportOrderEditor *self);

static void
show_error (RapportOrderEditor *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
add_toast (RapportOrderEditor *self,
           const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
set_dirty (RapportOrderEditor *self,
           gboolean            dirty)
{
  self->dirty = dirty;
  gtk_widget_set_sensitive (self->save_button, dirty || self->saved == NULL);
  gtk_button_set_label (GTK_BUTTON (self->close_button), dirty ? _("_Cancel") : _("_Close"));
}

static void
replace_order (RapportOrderEditor *self,
               RapportOrder       *order)
{
  g_clear_object (&self->order);
  self->order = order;
}

static gboolean
editable (RapportOrderEditor *self)
{
  return rapport_order_status_allows_editing (rapport_order_get_status (self->order));
}

/* Lines */

static GPtrArray *
line_rows (RapportOrderEditor *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RAPPORT_IS_ORDER_LINE_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static void
number_lines (RapportOrderEditor *self)
{
  g_autoptr(GPtrArray) rows = line_rows (self);

  for (guint i = 0; i < rows->len; i++)
    rapport_order_line_row_set_number (g_ptr_array_index (rows, i), i + 1);
}

static void
on_line_changed (RapportOrderEditor *self)
{
  if (self->filling)
    return;
  set_dirty (self, TRUE);
  update_totals (self);
}

static void
on_line_remove (RapportOrderEditor  *self,
                RapportOrderLineRow *row)
{
  gtk_list_box_remove (self->lines_list, GTK_WIDGET (row));
  number_lines (self);
  set_dirty (self, TRUE);
  update_totals (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_picker));
}

/* Enter in a line's field: on to the next item. */
static void
on_line_finished (RapportOrderEditor *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->item_picker));
}

static RapportOrderLineRow *
append_line (RapportOrderEditor     *self,
             const RapportOrderLine *line)
{
  GtkWidget *row = rapport_order_line_row_new (line, rapport_order_get_currency (self->order),
                                               rapport_order_get_prices_include_tax (self->order));

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_line_changed), self);
  g_signal_connect_swapped (row, "remove", G_CALLBACK (on_line_remove), self);
  g_signal_connect_swapped (row, "finished", G_CALLBACK (on_line_finished), self);
  gtk_list_box_append (self->lines_list, row);
  rapport_order_line_row_set_editable (RAPPORT_ORDER_LINE_ROW (row), editable (self));
  number_lines (self);
  return RAPPORT_ORDER_LINE_ROW (row);
}

static void
fill_lines (RapportOrderEditor *self)
{
  GPtrArray *lines = rapport_order_get_lines (self->order);
  g_autoptr(GPtrArray) rows = line_rows (self);

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->lines_list, g_ptr_array_index (rows, i));
  for (guint i = 0; i < lines->len; i++)
    append_line (self, g_ptr_array_index (lines, i));
}

/* The first line the person must still put right, or %NULL. */
static const char *
lines_error (RapportOrderEditor *self)
{
  g_autoptr(GPtrArray) rows = line_rows (self);

  for (guint i = 0; i < rows->len; i++)
    if (rapport_order_line_row_get_error (g_ptr_array_index (rows, i)) != NULL)
      return rapport_order_line_row_get_error (g_ptr_array_index (rows, i));
  return NULL;
}

/* Totals */

static void
add_total_row (RapportOrderEditor *self,
               const char         *title,
               gint64              amount,
               const char         *style)
{
  g_autofree char *text = rapport_money_format (amount, rapport_order_get_currency (self->order));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    {
      gtk_widget_add_css_class (label, style);
      gtk_widget_add_css_class (row, style);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->totals_list, row);
}

/* The order as the fields say, lines that are wrong left out. */
static RapportOrder *
order_from_lines (RapportOrderEditor *self)
{
  RapportOrder *order = rapport_order_copy (self->order);
  g_autoptr(GPtrArray) rows = line_rows (self);

  g_ptr_array_set_size (rapport_order_get_lines (order), 0);
  rapport_order_set_prices_include_tax (order, gtk_switch_get_active (self->include_tax_switch));
  for (guint i = 0; i < rows->len; i++)
    if (rapport_order_line_row_get_error (g_ptr_array_index (rows, i)) == NULL)
      rapport_order_add_line (order, rapport_order_line_row_get_line (g_ptr_array_index (rows, i)));
  return order;
}

static void
update_totals (RapportOrderEditor *self)
{
  g_autoptr(RapportOrder) order = order_from_lines (self);
  g_auto(RapportOrderTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 paid = self->saved ? rapport_order_get_paid (self->saved) : 0;

  rapport_list_box_remove_rows (self->totals_list);

  if (!rapport_order_compute_totals (order, &totals, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (totals.tax != 0)
    {
      add_total_row (self, _("Before Tax"), totals.net, NULL);
      for (guint i = 0; totals.by_rate != NULL && i < totals.by_rate->len; i++)
        {
          RapportTaxSum *sum = &g_array_index (totals.by_rate, RapportTaxSum, i);
          g_autofree char *rate = rapport_rate_format (sum->tax_rate);
          /* TRANSLATORS: a row of an order's totals; %s is a tax rate such as “20 %” */
          g_autofree char *title = g_strdup_printf (_("Tax at %s"), rate);

          if (sum->tax_rate != 0)
            add_total_row (self, title, sum->tax, NULL);
        }
    }
  add_total_row (self, _("Total"), totals.gross, "heading");
  if (paid != 0)
    {
      add_total_row (self, _("Paid"), paid, NULL);
      add_total_row (self, totals.gross - paid < 0 ? _("Credit") : _("Balance Due"),
                     ABS (totals.gross - paid), totals.gross - paid > 0 ? "warning" : "success");
    }
}

/* Status */

static char *
describe_payment (RapportOrderEditor *self)
{
  RapportOrder *saved = self->saved;
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *due_on = NULL;
  g_autofree char *due = NULL;
  RapportPaymentStatus status;

  if (saved == NULL || !rapport_order_counts_as_sale (rapport_order_get_status (saved)))
    return NULL;

  status = rapport_payment_status_of (rapport_order_get_total (saved), rapport_order_get_paid (saved));
  if (status == RAPPORT_PAYMENT_PAID || status == RAPPORT_PAYMENT_OVERPAID)
    return g_strdup (rapport_format_payment_status (status));

  due_on = rapport_order_dup_payment_due_on (saved);
  due = due_on ? rapport_format_iso_date (due_on) : NULL;
  if (due == NULL)
    return g_strdup (rapport_format_payment_status (status));
  if (g_strcmp0 (due_on, today) < 0)
    /* TRANSLATORS: a payment status, then the day the payment was due */
    return g_strdup_printf (_("%s · overdue since %s"), rapport_format_payment_status (status), due);
  /* TRANSLATORS: a payment status, then the day the payment is due */
  return g_strdup_printf (_("%s · due %s"), rapport_format_payment_status (status), due);
}

static void
fill_status_buttons (RapportOrderEditor *self)
{
  RapportOrderStatus status = rapport_order_get_status (self->order);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_flow_box_remove (self->status_buttons, child);

  for (guint i = 0; i < G_N_ELEMENTS (next_statuses); i++)
    {
      GtkWidget *button;

      if (!rapport_order_can_become (status, next_statuses[i]))
        continue;
      button = gtk_button_new_with_mnemonic (rapport_format_status_verb (next_statuses[i]));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) next_statuses[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.set-status");
      if (next_statuses[i] == RAPPORT_ORDER_LOST || next_statuses[i] == RAPPORT_ORDER_CANCELLED)
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_flow_box_append (self->status_buttons, button);
    }
}

static void
set_fields_editable (RapportOrderEditor *self,
                     gboolean            can_edit)
{
  g_autoptr(GPtrArray) rows = line_rows (self);

  for (guint i = 0; i < rows->len; i++)
    rapport_order_line_row_set_editable (g_ptr_array_index (rows, i), can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->item_picker), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_picker), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->valid_until_row), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->terms_spin), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->staff_row), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->include_tax_switch), can_edit);
  gtk_text_view_set_editable (self->notes_view, can_edit);
  gtk_widget_set_visible (self->save_button, can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_edit);
}

/* Why the lines can no longer change, and what can still be done. */
static const char *
why_locked (RapportOrderStatus status)
{
  switch (status)
    {
    case RAPPORT_ORDER_LOST:
      return _("This quote was lost. Send it as a quote again to change it.");
    case RAPPORT_ORDER_CANCELLED:
      return _("This order was cancelled; it can no longer be changed.");
    case RAPPORT_ORDER_FULFILLED:
    case RAPPORT_ORDER_CLOSED:
    default:
      return _("A fulfilled or closed order can no longer be changed; payments can still be recorded.");
    }
}

/* What the order sold under warranty, next to its deliveries. */
static void
show_warranties (RapportOrderEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = self->saved != NULL ? rapport_order_get_id (self->saved) : 0;

  if (!rapport_warranties_group_set_order_id (self->warranties, id, &error))
    show_error (self, error->message);
}

static void
update_status (RapportOrderEditor *self)
{
  RapportOrderStatus status = rapport_order_get_status (self->order);
  g_autofree char *payment = describe_payment (self);
  const char *styles[] = { "accent", "warning", "success", "dim-label" };
  gboolean can_edit = editable (self);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), rapport_format_order_status_style (status));
  gtk_label_set_text (self->status_label, rapport_format_order_status (status));
  gtk_label_set_text (self->payment_status_label, payment ? payment : "");

  fill_status_buttons (self);
  set_fields_editable (self, can_edit);
  gtk_label_set_text (self->locked_label, can_edit ? "" : why_locked (status));
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), !can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->valid_until_row),
                          status == RAPPORT_ORDER_DRAFT || status == RAPPORT_ORDER_QUOTED);
  gtk_widget_set_sensitive (self->invoice_button, self->saved != NULL);

  if (self->saved != NULL)
    rapport_order_payments_set_order (self->payments, self->saved, TRUE);
  else
    rapport_order_payments_set_order (self->payments, self->order, FALSE);
  rapport_deliveries_group_set_order (self->deliveries, self->saved);
  show_warranties (self);
}

static void
update_title (RapportOrderEditor *self)
{
  const char *client = rapport_order_get_client_name (self->order);

  if (self->saved != NULL)
    {
      /* TRANSLATORS: the order window's title; %s is the order's number */
      g_autofree char *title = g_strdup_printf (_("Order %s"), rapport_order_get_number (self->saved));

      adw_window_title_set_title (self->title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  adw_window_title_set_subtitle (self->title, client ? client : "");
}

static void
fill_history (RapportOrderEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);

  rapport_list_box_remove_rows (self->history_list);
  gtk_widget_set_visible (self->history_group, self->saved != NULL);
  if (self->saved == NULL)
    return;

  changes = rapport_order_repository_list_changes (rapport_context_get_orders (self->context),
                                                   rapport_order_get_id (self->saved), &error);
  if (changes == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      RapportStatusChange *change = g_ptr_array_index (changes, i);
      g_autofree char *when = rapport_format_moment (change->changed_at, now);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GString *details = g_string_new (when);

      if (change->staff_name && *change->staff_name)
        g_string_append_printf (details, " · %s", change->staff_name);
      if (change->reason && *change->reason)
        g_string_append_printf (details, " · %s", change->reason);
      if (change->note && *change->note)
        g_string_append_printf (details, " · %s", change->note);
      subtitle = g_string_free (details, FALSE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_format_order_status (change->status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
}

/* Client */

static void
on_clients_found (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RapportOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  GPtrArray *suggestions;

  ids = rapport_client_repository_search_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  clients = rapport_client_repository_load (RAPPORT_CLIENT_REPOSITORY (source), (gint64 *) ids->data,
                                            MIN (ids->len, N_SUGGESTIONS), &error);
  if (clients == NULL)
    {
      show_error (self, error->message);
      return;
    }

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_suggestion_free);
  for (guint i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);
      const char *detail = rapport_client_get_main_phone (client);

      if (detail == NULL || *detail == '\0')
        detail = rapport_client_get_main_email (client);
      if (detail == NULL || *detail == '\0')
        detail = rapport_client_get_organization (client);
      g_ptr_array_add (suggestions, rapport_suggestion_new (rapport_client_get_id (client),
                                                            rapport_client_get_display_name (client),
                                                            detail));
    }
  rapport_picker_set_suggestions (self->client_picker, suggestions);
}

static void
show_client_hint (RapportOrderEditor *self)
{
  gboolean chosen = rapport_order_get_client_id (self->order) != 0;

  gtk_label_set_text (self->client_hint,
                      chosen ? "" : _("Type the client’s name, phone or e-mail and pick them from the list."));
  gtk_widget_set_visible (GTK_WIDGET (self->client_hint), !chosen);
}

static void
on_client_search (RapportOrderEditor *self,
                  const char         *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* What is typed is no longer the client that was picked. */
  rapport_order_set_client_id (self->order, 0);
  show_client_hint (self);
  set_dirty (self, TRUE);

  g_cancellable_cancel (self->client_search);
  g_clear_object (&self->client_search);
  if (*stripped == '\0')
    {
      rapport_picker_set_suggestions (self->client_picker,
                                      g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_suggestion_free));
      return;
    }
  self->client_search = g_cancellable_new ();
  rapport_client_repository_search_async (rapport_context_get_clients (self->context), stripped,
                                          RAPPORT_CLIENT_SORT_NAME, FALSE, self->client_search,
                                          on_clients_found, g_object_ref (self));
}

static void
on_client_picked (RapportOrderEditor *self,
                  gint64              id,
                  const char         *name)
{
  rapport_order_set_client_id (self->order, id);
  _rapport_order_set_client_name (self->order, name);
  rapport_picker_set_text (self->client_picker, name);
  rapport_widget_set_invalid (rapport_picker_get_entry (self->client_picker), FALSE);
  show_client_hint (self);
  update_title (self);
  set_dirty (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_picker));
}

/* Items */

static char *
describe_item (RapportOrderEditor *self,
               RapportCatalogItem *item)
{
  g_autofree char *price = rapport_money_format (rapport_catalog_item_get_unit_price (item),
                                                 rapport_order_get_currency (self->order));
  const char *code = rapport_catalog_item_get_code (item);
  const char *unit = rapport_catalog_item_get_unit (item);
  g_autofree char *priced = unit && *unit ? g_strdup_printf (_("%s per %s"), price, unit) : g_strdup (price);

  if (code != NULL && *code != '\0')
    /* TRANSLATORS: a catalog item's code, then its price */
    return g_strdup_printf (_("%s · %s"), code, priced);
  return g_steal_pointer (&priced);
}

static void
on_item_search (RapportOrderEditor *self,
                const char         *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GPtrArray *suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_suggestion_free);

  if (*stripped == '\0')
    {
      rapport_picker_set_suggestions (self->item_picker, suggestions);
      return;
    }
  items = rapport_catalog_repository_find (rapport_context_get_catalog (self->context), stripped,
                                           FALSE, N_SUGGESTIONS, &error);
  if (items == NULL)
    show_error (self, error->message);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      RapportCatalogItem *item = g_ptr_array_index (items, i);
      g_autofree char *detail = describe_item (self, item);

      g_ptr_array_add (suggestions, rapport_suggestion_new (rapport_catalog_item_get_id (item),
                                                            rapport_catalog_item_get_name (item), detail));
    }
  g_ptr_array_add (suggestions, rapport_suggestion_new (0, stripped, _("Add as written, not from the catalog")));
  rapport_picker_set_suggestions (self->item_picker, suggestions);
}

static void
on_item_picked (RapportOrderEditor *self,
                gint64              id,
                const char         *name)
{
  g_autoptr(RapportCatalogItem) item = NULL;
  g_autoptr(RapportOrderLine) line = NULL;
  g_autoptr(GError) error = NULL;
  RapportOrderLineRow *row;

  if (id != 0)
    {
      item = rapport_catalog_repository_get (rapport_context_get_catalog (self->context), id, &error);
      if (item == NULL)
        {
          show_error (self, error->message);
          return;
        }
      line = rapport_catalog_item_to_line (item, RAPPORT_QUANTITY_ONE);
    }
  else
    line = rapport_order_line_new (name, RAPPORT_QUANTITY_ONE, 0);

  rapport_picker_clear (self->item_picker);
  row = append_line (self, line);
  set_dirty (self, TRUE);
  update_totals (self);
  if (id != 0)
    rapport_order_line_row_focus_quantity (row);
  else
    rapport_order_line_row_focus_price (row);
}

/* Filling and reading the fields */

static void
fill (RapportOrderEditor *self)
{
  const char *notes = rapport_order_get_notes (self->order);
  g_autoptr(GError) error = NULL;

  self->filling = TRUE;
  rapport_picker_set_text (self->client_picker, rapport_order_get_client_name (self->order));
  rapport_date_row_set_date (self->date_row, rapport_order_get_ordered_on (self->order));
  rapport_date_row_set_date (self->valid_until_row, rapport_order_get_quote_valid_until (self->order));
  gtk_spin_button_set_value (self->terms_spin, rapport_order_get_payment_terms_days (self->order));
  gtk_switch_set_active (self->include_tax_switch, rapport_order_get_prices_include_tax (self->order));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  if (!rapport_staff_row_fill (self->staff_row, self->staff_ids, rapport_context_get_staff (self->context),
                                  rapport_order_get_staff_id (self->order), self->saved != NULL, &error))
    show_error (self, error->message);
  fill_lines (self);
  self->filling = FALSE;

  show_client_hint (self);
  update_title (self);
  update_status (self);
  update_totals (self);
  fill_history (self);
  set_dirty (self, FALSE);
}

static void
on_changed (RapportOrderEditor *self)
{
  if (!self->filling)
    set_dirty (self, TRUE);
}

static void
on_staff_selected (RapportOrderEditor *self)
{
  gint64 staff_id = rapport_staff_row_get_id (self->staff_row, self->staff_ids);

  rapport_order_payments_set_staff_id (self->payments, staff_id);
  if (self->filling)
    return;
  g_settings_set_int64 (rapport_context_get_settings (self->context), "last-staff-id", staff_id);
  set_dirty (self, TRUE);
}

static void
on_include_tax_changed (RapportOrderEditor *self)
{
  g_autoptr(GPtrArray) rows = line_rows (self);
  gboolean include = gtk_switch_get_active (self->include_tax_switch);

  rapport_order_set_prices_include_tax (self->order, include);
  for (guint i = 0; i < rows->len; i++)
    rapport_order_line_row_set_prices_include_tax (g_ptr_array_index (rows, i), include);
  on_changed (self);
  update_totals (self);
}

static char *
dup_notes (RapportOrderEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The order as the fields say, or %NULL and the first thing to put right,
 * with the focus on it. */
static RapportOrder *
collect (RapportOrderEditor  *self,
         GError             **error)
{
  g_autoptr(RapportOrder) order = order_from_lines (self);
  g_autofree char *notes = dup_notes (self);
  const char *wrong_line = lines_error (self);

  if (rapport_order_get_client_id (order) == 0)
    {
      rapport_widget_set_invalid (rapport_picker_get_entry (self->client_picker), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->client_picker));
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Client: an order is for a client; type a name and pick one from the list."));
      return NULL;
    }
  if (wrong_line != NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, wrong_line);
      return NULL;
    }
  if (!rapport_date_row_get_valid (self->date_row) || !rapport_date_row_get_valid (self->valid_until_row))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Date: write a day such as 2026-03-31, or pick one from the calendar."));
      return NULL;
    }

  rapport_order_set_ordered_on (order, rapport_date_row_get_date (self->date_row));
  rapport_order_set_quote_valid_until (order, rapport_date_row_get_date (self->valid_until_row));
  rapport_order_set_payment_terms_days (order, (guint) gtk_spin_button_get_value_as_int (self->terms_spin));
  rapport_order_set_staff_id (order, rapport_staff_row_get_id (self->staff_row, self->staff_ids));
  rapport_order_set_notes (order, notes);
  return g_steal_pointer (&order);
}

/* The saved order again, after a change here or elsewhere. */
static gboolean
reload (RapportOrderEditor *self,
        gint64              id)
{
  g_autoptr(GError) error = NULL;
  RapportOrder *saved = rapport_order_repository_get (rapport_context_get_orders (self->context), id, &error);

  if (saved == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_clear_object (&self->saved);
  self->saved = saved;
  return TRUE;
}

/* Writes */

#define LOCK_AFTER_MS 150

/* A write that takes long (another program holds the file) takes the
 * form's edits away until it ends, so that nothing typed meanwhile is lost
 * when the saved order is shown; a quick one never moves the focus. */
static gboolean
on_lock_timeout (gpointer user_data)
{
  RapportOrderEditor *self = user_data;

  self->lock_source = 0;
  g_set_weak_pointer (&self->focus_before_lock, gtk_root_get_focus (GTK_ROOT (self)));
  /* GTK 4.8's text fields want to lose the focus before they go
   * insensitive. */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_set_sensitive (self->scroller, FALSE);
  return G_SOURCE_REMOVE;
}

static void
set_writing (RapportOrderEditor *self,
             gboolean            writing)
{
  const char *actions[] = { "editor.save", "editor.set-status", "editor.save-pdf", "editor.print" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !writing && (i > 0 || editable (self)));
  if (writing)
    {
      self->write_cancellable = g_cancellable_new ();
      rapport_save_status_begin (self->save_status);
      self->lock_source = g_timeout_add (LOCK_AFTER_MS, on_lock_timeout, self);
      return;
    }

  g_clear_object (&self->write_cancellable);
  rapport_save_status_end (self->save_status);
  g_clear_handle_id (&self->lock_source, g_source_remove);
  if (!gtk_widget_get_sensitive (self->scroller))
    {
      gtk_widget_set_sensitive (self->scroller, TRUE);
      if (self->focus_before_lock != NULL)
        gtk_widget_grab_focus (self->focus_before_lock);
    }
  g_clear_weak_pointer (&self->focus_before_lock);
}

/* Ends a write: FALSE when the window was closed meanwhile. */
static gboolean
end_write (RapportOrderEditor *self)
{
  gboolean closed = g_cancellable_is_cancelled (self->write_cancellable);

  if (closed)
    {
      g_clear_object (&self->write_cancellable);
      return FALSE;
    }
  set_writing (self, FALSE);
  return TRUE;
}

static void run_then (RapportOrderEditor *self);

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportOrderEditor) self = user_data;
  g_autoptr(RapportOrder) order = g_steal_pointer (&self->writing);
  g_autoptr(GError) error = NULL;
  gboolean saved = rapport_order_repository_write_finish (RAPPORT_ORDER_REPOSITORY (source), result, &error);

  if (!end_write (self))
    return;
  if (!saved)
    {
      /* Nothing saved changed; the fields stay as they were typed. */
      show_error (self, error->message);
      return;
    }
  if (!reload (self, rapport_order_get_id (order)))
    return;

  show_error (self, NULL);
  replace_order (self, rapport_order_copy (self->saved));
  fill (self);
  {
    /* TRANSLATORS: %s is the order's number */
    g_autofree char *message = g_strdup_printf (_("Order %s saved"), rapport_order_get_number (self->saved));

    add_toast (self, message);
  }
  run_then (self);
}

/* Saves, then does @then; what is wrong is shown and nothing is written. */
static gboolean
save_then (RapportOrderEditor *self,
           Then                then)
{
  g_autoptr(GError) error = NULL;
  gboolean is_new = self->saved == NULL;

  if (self->write_cancellable != NULL)
    return FALSE;
  self->then = then;
  if (!self->dirty && !is_new)
    {
      run_then (self);
      return TRUE;
    }
  self->writing = collect (self, &error);
  if (self->writing == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  set_writing (self, TRUE);
  rapport_order_repository_save_async (rapport_context_get_orders (self->context), self->writing,
                                       is_new ? self->business->number_pattern : NULL,
                                       self->write_cancellable, on_saved, g_object_ref (self));
  return TRUE;
}

/**
 * rapport_order_editor_save:
 * @self: the editor
 *
 * Saves the lines and details as the fields say, on the database's worker;
 * what is wrong is shown at once and nothing is written. The saved order
 * is shown when the write ends (rapport_database_wait_for_writes_async()
 * waits for it); a refusal is shown then, and nothing saved changes.
 *
 * Returns: whether the fields were right and the save began
 */
gboolean
rapport_order_editor_save (RapportOrderEditor *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_EDITOR (self), FALSE);

  return save_then (self, THEN_NOTHING);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rapport_order_editor_save (RAPPORT_ORDER_EDITOR (widget));
}

/* Status changes */

static void
on_status_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RapportOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = rapport_order_repository_write_finish (RAPPORT_ORDER_REPOSITORY (source), result, &error);

  if (!end_write (self))
    return;
  if (!changed)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  if (reload (self, rapport_order_get_id (self->saved)))
    {
      replace_order (self, rapport_order_copy (self->saved));
      fill (self);
    }
}

static gint64
staff_id (RapportOrderEditor *self)
{
  return rapport_staff_row_get_id (self->staff_row, self->staff_ids);
}

/* Begins a status write; FALSE when another write runs. */
static gboolean
begin_status_write (RapportOrderEditor *self)
{
  if (self->write_cancellable != NULL || self->saved == NULL)
    return FALSE;
  set_writing (self, TRUE);
  return TRUE;
}

static void
on_lost_answer (gint64      reason_id,
                const char *note,
                gpointer    user_data)
{
  RapportOrderEditor *self = user_data;

  if (begin_status_write (self))
    rapport_order_repository_mark_lost_async (rapport_context_get_orders (self->context),
                                              rapport_order_get_id (self->saved), reason_id, note,
                                              staff_id (self), self->write_cancellable,
                                              on_status_written, g_object_ref (self));
}

static void
on_cancel_answer (RapportCancellation money,
                  gpointer            user_data)
{
  RapportOrderEditor *self = user_data;

  if (begin_status_write (self))
    rapport_order_repository_cancel_async (rapport_context_get_orders (self->context),
                                           rapport_order_get_id (self->saved), money, NULL,
                                           staff_id (self), self->write_cancellable,
                                           on_status_written, g_object_ref (self));
}

static void
ask_lost_reason (RapportOrderEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = rapport_order_repository_list_lost_reasons (rapport_context_get_orders (self->context),
                                                                              FALSE, &error);

  if (reasons == NULL)
    show_error (self, error->message);
  else if (reasons->len == 0)
    show_error (self, _("The list of reasons quotes are lost for is empty: add one in Preferences."));
  else
    rapport_order_ask_lost_reason (GTK_WINDOW (self), self->saved, reasons, on_lost_answer, self);
}

/* A quote gets its end date from the business's terms, unless the person
 * gave one. */
static void
date_the_quote (RapportOrderEditor *self)
{
  g_autoptr(GDate) day = NULL;
  const char *ordered_on = rapport_date_row_get_date (self->date_row);
  char text[16];

  if (rapport_date_row_get_date (self->valid_until_row) != NULL || ordered_on == NULL)
    return;
  day = g_date_new_dmy ((GDateDay) g_ascii_strtoull (ordered_on + 8, NULL, 10),
                        (GDateMonth) g_ascii_strtoull (ordered_on + 5, NULL, 10),
                        (GDateYear) g_ascii_strtoull (ordered_on, NULL, 10));
  if (!g_date_valid (day))
    return;
  g_date_add_days (day, self->business->quote_days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  rapport_date_row_set_date (self->valid_until_row, text);
}

/* The status change asked for, once what the person sees is saved. */
static void
change_status (RapportOrderEditor *self,
               RapportOrderStatus  status)
{
  if (status == RAPPORT_ORDER_LOST)
    ask_lost_reason (self);
  else if (status == RAPPORT_ORDER_CANCELLED)
    rapport_order_ask_cancel (GTK_WINDOW (self), self->saved, on_cancel_answer, self);
  else if (begin_status_write (self))
    rapport_order_repository_set_status_async (rapport_context_get_orders (self->context),
                                               rapport_order_get_id (self->saved), status, staff_id (self),
                                               self->write_cancellable, on_status_written,
                                               g_object_ref (self));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (widget);
  RapportOrderStatus status = (RapportOrderStatus) g_variant_get_int32 (parameter);

  if (self->write_cancellable != NULL)
    return;
  if (status == RAPPORT_ORDER_QUOTED && editable (self))
    date_the_quote (self);
  /* What the person sees is what changes status. */
  self->then_status = status;
  if (editable (self))
    save_then (self, THEN_STATUS);
  else
    change_status (self, status);
}

/* Invoice */

static void
on_invoice_written (const char *message,
                    gpointer    user_data)
{
  add_toast (RAPPORT_ORDER_EDITOR (user_data), message);
}

static void
print_invoice (RapportOrderEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_invoice_export_print (GTK_WINDOW (self), self->context, rapport_order_get_id (self->saved),
                                     NULL, &error))
    show_error (self, error->message);
}

/* What a save was asked to do next, once the order is saved. */
static void
run_then (RapportOrderEditor *self)
{
  Then then = self->then;

  self->then = THEN_NOTHING;
  if (self->saved == NULL)
    return;
  switch (then)
    {
    case THEN_STATUS:
      change_status (self, self->then_status);
      break;
    case THEN_SAVE_PDF:
      rapport_invoice_export_choose_file (GTK_WINDOW (self), self->context, rapport_order_get_id (self->saved),
                                          rapport_order_get_number (self->saved), on_invoice_written, self);
      break;
    case THEN_PRINT:
      print_invoice (self);
      break;
    case THEN_NOTHING:
    default:
      break;
    }
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_then (RAPPORT_ORDER_EDITOR (widget), THEN_SAVE_PDF);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  save_then (RAPPORT_ORDER_EDITOR (widget), THEN_PRINT);
}

/**
 * rapport_order_editor_write_invoice:
 * @self: the editor, its order saved
 * @file: where to write the PDF
 * @error: return location for an error naming the file
 *
 * What “Save Invoice as PDF” does once the file is chosen.
 */
gboolean
rapport_order_editor_write_invoice (RapportOrderEditor  *self,
                                    GFile               *file,
                                    GError             **error)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_EDITOR (self), FALSE);
  g_return_val_if_fail (self->saved != NULL, FALSE);

  return rapport_invoice_export_write (self->context, rapport_order_get_id (self->saved), file, error);
}

/* Following the database */

static void
on_database_changed (RapportOrderEditor *self,
                     const char         *kind,
                     gint64              id,
                     gboolean            many)
{
  gboolean ours = self->saved != NULL && (many || kind == NULL || id == rapport_order_get_id (self->saved));
  g_autoptr(GError) error = NULL;

  if (rapport_database_change_concerns (kind, RAPPORT_KIND_STAFF))
    {
      self->filling = TRUE;
      if (!rapport_staff_row_fill (self->staff_row, self->staff_ids, rapport_context_get_staff (self->context),
                                      staff_id (self), self->saved != NULL, &error))
        show_error (self, error->message);
      self->filling = FALSE;
    }
  if (!ours || !rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER)
      || !reload (self, rapport_order_get_id (self->saved)))
    return;

  /* Unsaved edits stay; the status, payments and totals are news. */
  if (!self->dirty)
    {
      replace_order (self, rapport_order_copy (self->saved));
      fill (self);
      return;
    }
  _rapport_order_set_status (self->order, rapport_order_get_status (self->saved));
  update_status (self);
  update_totals (self);
  fill_history (self);
}

/* Closing */

static void
on_discard_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     RapportOrderEditor *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rapport_order_editor_close_request (GtkWindow *window)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (window);
  GtkWidget *dialog;

  if (!self->dirty || self->discarding || !editable (self))
    return GTK_WINDOW_CLASS (rapport_order_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("The changes to this order have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Construction */

static void
rapport_order_editor_constructed (GObject *object)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (rapport_order_editor_parent_class)->constructed (object);

  self->business = rapport_business_repository_get (rapport_context_get_business (self->context), &error);
  if (self->business == NULL)
    {
      show_error (self, error->message);
      self->business = rapport_business_new ();
    }
  rapport_order_payments_set_context (self->payments, self->context);
  rapport_save_status_set_database (self->save_status, rapport_context_get_database (self->context));
  rapport_deliveries_group_set_context (self->deliveries, self->context);
  rapport_warranties_group_set_context (self->warranties, self->context);
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
}

static void
rapport_order_editor_dispose (GObject *object)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (object);

  g_cancellable_cancel (self->client_search);
  g_clear_object (&self->client_search);
  /* Closed while a write waits for another program: it waits no more. */
  if (self->write_cancellable != NULL)
    g_cancellable_cancel (self->write_cancellable);
  g_clear_handle_id (&self->lock_source, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_lock);

  G_OBJECT_CLASS (rapport_order_editor_parent_class)->dispose (object);
}

static void
rapport_order_editor_finalize (GObject *object)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->order);
  g_clear_object (&self->saved);
  g_clear_object (&self->writing);
  g_clear_pointer (&self->business, rapport_business_free);
  g_array_unref (self->staff_ids);

  G_OBJECT_CLASS (rapport_order_editor_parent_class)->finalize (object);
}

static void
rapport_order_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_order_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportOrderEditor *self = RAPPORT_ORDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_order_editor_class_init (RapportOrderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rapport_order_editor_constructed;
  object_class->dispose = rapport_order_editor_dispose;
  object_class->finalize = rapport_order_editor_finalize;
  object_class->get_property = rapport_order_editor_get_property;
  object_class->set_property = rapport_order_editor_set_property;
  window_class->close_request = rapport_order_editor_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  g_type_ensure (RAPPORT_TYPE_PICKER);
  g_type_ensure (RAPPORT_TYPE_ORDER_PAYMENTS);
  g_type_ensure (RAPPORT_TYPE_DELIVERIES_GROUP);
  g_type_ensure (RAPPORT_TYPE_WARRANTIES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-order-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, title);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, invoice_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, save_status);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, payment_status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, locked_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, client_picker);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, client_hint);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, lines_list);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, item_picker);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, totals_list);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, payments);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, deliveries);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, warranties);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, terms_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, staff_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, include_tax_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderEditor, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_client_search);
  gtk_widget_class_bind_template_callback (widget_class, on_client_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_item_search);
  gtk_widget_class_bind_template_callback (widget_class, on_item_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_include_tax_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.set-status", "i", set_status_action);
  gtk_widget_class_install_action (widget_class, "editor.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "editor.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_order_editor_init (RapportOrderEditor *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (rapport_picker_get_entry (self->client_picker)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Client"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (rapport_picker_get_entry (self->client_picker)),
                                  _("Name, phone or e-mail"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (rapport_picker_get_entry (self->item_picker)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an Item"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (rapport_picker_get_entry (self->item_picker)),
                                  _("Add an item: its name or code, or any text"));
}

static RapportOrderEditor *
new_editor (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_ORDER_EDITOR, "context", context, NULL);
}

/* A new order's terms come from the business's. */
static RapportOrder *
new_order (RapportOrderEditor *self,
           gint64              client_id)
{
  RapportOrder *order = rapport_order_new (client_id);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GSettings *settings = rapport_context_get_settings (self->context);

  rapport_order_set_ordered_on (order, today);
  rapport_order_set_currency (order, self->business->currency);
  rapport_order_set_payment_terms_days (order, self->business->payment_terms_days);
  rapport_order_set_prices_include_tax (order, self->business->prices_include_tax);
  rapport_order_set_staff_id (order, g_settings_get_int64 (settings, "last-staff-id"));
  return order;
}

static void
name_client (RapportOrderEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = NULL;

  if (rapport_order_get_client_id (self->order) == 0)
    return;
  client = rapport_client_repository_get (rapport_context_get_clients (self->context),
                                          rapport_order_get_client_id (self->order), &error);
  if (client == NULL)
    {
      show_error (self, error->message);
      rapport_order_set_client_id (self->order, 0);
      return;
    }
  _rapport_order_set_client_name (self->order, rapport_client_get_display_name (client));
}

/* The first field a person fills in. */
static void
focus_first (RapportOrderEditor *self)
{
  if (rapport_order_get_client_id (self->order) == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_picker));
  else if (editable (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->item_picker));
}

/**
 * rapport_order_editor_new:
 * @context: the context
 * @client_id: the client the order is for, or 0 to choose one
 *
 * A new order, not saved until the person saves it.
 */
RapportOrderEditor *
rapport_order_editor_new (RapportContext *context,
                          gint64          client_id)
{
  RapportOrderEditor *self = new_editor (context);

  self->order = new_order (self, client_id);
  name_client (self);
  fill (self);
  focus_first (self);
  return self;
}

/**
 * rapport_order_editor_new_open:
 * @context: the context
 * @order_id: a saved order
 */
RapportOrderEditor *
rapport_order_editor_new_open (RapportContext *context,
                               gint64          order_id)
{
  RapportOrderEditor *self = new_editor (context);

  if (reload (self, order_id))
    self->order = rapport_order_copy (self->saved);
  else
    self->order = new_order (self, 0);
  fill (self);
  focus_first (self);
  return self;
}

/* A line as it would be sold today: the catalog's current name, price
 * and tax when the item is still offered, the old line's otherwise. */
static RapportOrderLine *
repeat_line (RapportOrderEditor     *self,
             const RapportOrderLine *old)
{
  g_autoptr(RapportCatalogItem) item = NULL;
  RapportOrderLine *line;

  if (old->catalog_item_id != 0)
    item = rapport_catalog_repository_get (rapport_context_get_catalog (self->context),
                                           old->catalog_item_id, NULL);
  if (item != NULL && !rapport_catalog_item_get_archived (item))
    line = rapport_catalog_item_to_line (item, old->quantity);
  else
    line = rapport_order_line_copy (old);
  line->id = 0;
  line->discount = old->discount;
  rapport_order_line_set_serial_number (line, NULL);
  return line;
}

/**
 * rapport_order_editor_new_repeat:
 * @context: the context
 * @order_id: a saved order to sell again
 *
 * A new order for the same client with the same lines at today's prices.
 */
RapportOrderEditor *
rapport_order_editor_new_repeat (RapportContext *context,
                                 gint64          order_id)
{
  RapportOrderEditor *self = new_editor (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportOrder) old = rapport_order_repository_get (rapport_context_get_orders (context),
                                                              order_id, &error);

  self->order = new_order (self, old ? rapport_order_get_client_id (old) : 0);
  if (old == NULL)
    show_error (self, error->message);
  for (guint i = 0; old != NULL && i < rapport_order_get_lines (old)->len; i++)
    {
      g_autoptr(RapportOrderLine) line = repeat_line (self, g_ptr_array_index (rapport_order_get_lines (old), i));

      rapport_order_add_line (self->order, line);
    }
  name_client (self);
  fill (self);
  /* Nothing saved yet: closing asks. */
  set_dirty (self, old != NULL && rapport_order_get_lines (old)->len > 0);
  focus_first (self);
  return self;
}

/* The order's id once saved, or 0. */
gint64
rapport_order_editor_get_order_id (RapportOrderEditor *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_EDITOR (self), 0);
  return self->saved ? rapport_order_get_id (self->saved) : 0;
}
