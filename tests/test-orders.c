/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-card-row.h"
#include "rapport-client-card.h"
#include "rapport-client-orders.h"
#include "rapport-clients-page.h"
#include "rapport-gui-test-utils.h"
#include "rapport-invoice-export.h"
#include "rapport-money-format.h"
#include "rapport-order-editor.h"
#include "rapport-order-format.h"
#include "rapport-order-line-row.h"
#include "rapport-order-payments.h"
#include "rapport-orders-page.h"
#include "rapport-picker.h"
#include "rapport-test-utils.h"
#include "rapport-window.h"

/* The orders' screens with real widgets on a real display: an order made
 * from a client's card, its lines typed from the catalog, a payment and
 * the balance on the card, the invoice saved and printed; wrong input
 * refused where it was typed, with nothing saved changed. */

typedef struct
{
  GtkApplication   *app;
  RapportContext   *context;
  RapportTestStore *store;
  RapportWindow    *window;
  gint64            anna;
  gint64            haircut;
} Fixture;

static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.OrdersTest",
                                                  G_APPLICATION_NON_UNIQUE));
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

static void
set_up_business (Fixture *f)
{
  g_autoptr(RapportBusiness) business = rapport_business_new ();
  g_autoptr(GError) error = NULL;

  g_free (business->name);
  business->name = g_strdup ("Salon Lotos");
  g_free (business->currency);
  business->currency = g_strdup ("EUR");
  business->prices_include_tax = TRUE;
  business->payment_terms_days = 14;
  g_assert_true (rapport_business_repository_save (rapport_context_get_business (f->context), business, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(RapportCatalogItem) haircut = rapport_catalog_item_new ("Haircut", RAPPORT_ITEM_SERVICE, 2500);
  g_autoptr(GError) error = NULL;

  f->app = get_application ();
  f->context = rapport_gui_test_context_new ("orders.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  g_settings_set_int (rapport_context_get_settings (f->context), "window-width", 1100);
  g_settings_set_int (rapport_context_get_settings (f->context), "window-height", 720);

  set_up_business (f);
  anna = rapport_test_add_client (f->store, "Anna", "Nowak", "+48 601 111 222", NULL);
  f->anna = rapport_client_get_id (anna);
  rapport_catalog_item_set_code (haircut, "H1");
  rapport_catalog_item_set_tax_rate (haircut, 2000);
  g_assert_true (rapport_catalog_repository_save (rapport_context_get_catalog (f->context), haircut, &error));
  g_assert_no_error (error);
  f->haircut = rapport_catalog_item_get_id (haircut);

  f->window = rapport_window_new (f->app, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  rapport_gui_test_wait (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  rapport_gui_test_iterate ();
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->context);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *id)
{
  return rapport_gui_test_child (GTK_WIDGET (widget), type, id);
}

/* Typing in a picker, then choosing the suggestion titled @title as a
 * click or Enter would. */
static void
pick (RapportPicker *picker,
      const char    *typed,
      const char    *title)
{
  GtkWidget *label, *row;

  gtk_widget_grab_focus (GTK_WIDGET (picker));
  rapport_gui_test_type (rapport_picker_get_entry (picker), typed);
  rapport_gui_test_wait (100);
  label = rapport_gui_test_find (GTK_WIDGET (picker), GTK_TYPE_LABEL, title);
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  rapport_gui_test_iterate ();
}

static RapportOrderLineRow *
line_row (RapportOrderEditor *editor,
          guint               index)
{
  GtkListBox *lines = GTK_LIST_BOX (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "lines_list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (lines, (int) index);

  g_assert_true (RAPPORT_IS_ORDER_LINE_ROW (row));
  return RAPPORT_ORDER_LINE_ROW (row);
}

/* A line's field, the line opened for editing as a click would. */
static GtkWidget *
line_field (RapportOrderEditor *editor,
            guint               index,
            const char         *field)
{
  RapportOrderLineRow *row = line_row (editor, index);

  rapport_order_line_row_edit (row);
  return child (rapport_order_line_row_get_fields (row), RAPPORT_TYPE_ORDER_LINE_FIELDS, field);
}

static void
type_in_line (RapportOrderEditor *editor,
              guint               index,
              const char         *field,
              const char         *text)
{
  rapport_gui_test_type (line_field (editor, index, field), text);
}

static RapportOrderEditor *
new_order_from_card (Fixture *f)
{
  RapportClientsPage *page = rapport_window_get_clients_page (f->window);
  GtkWidget *button;

  rapport_window_show_client (f->window, f->anna);
  rapport_gui_test_wait (50);
  button = rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "New Order");
  g_assert_nonnull (button);
  rapport_gui_test_click (button);
  rapport_gui_test_wait (50);
  return RAPPORT_ORDER_EDITOR (rapport_gui_test_find_window (RAPPORT_TYPE_ORDER_EDITOR));
}

static RapportOrder *
saved_order (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  RapportOrder *order = rapport_order_repository_get (rapport_context_get_orders (f->context), id, &error);

  g_assert_no_error (error);
  return order;
}

/* Until the window's writes, which run on the database's worker, are
 * written and told. */
static void
settle (Fixture *f)
{
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_iterate ();
}

static void
set_status (Fixture            *f,
            RapportOrderEditor *editor,
            RapportOrderStatus  status)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-status", "i", (gint32) status);
  settle (f);
  /* A status change after a save is asked when the save is written. */
  settle (f);
}

/* The path: a new order for Anna from her card, a catalog line and
 * a line written by hand, a partial payment, her balance on the card, and
 * the invoice saved as a PDF and printed. */
static void
test_order_from_card (Fixture       *f,
                      gconstpointer  data)
{
  RapportOrderEditor *editor = new_order_from_card (f);
  RapportPicker *client_picker, *item_picker;
  RapportClientCard *card;
  RapportClientOrders *orders_group;
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autofree char *path = NULL, *printed = NULL, *text = NULL, *printed_text = NULL;
  g_autofree char *repeat_label = NULL;
  GtkWidget *order_row, *repeat;
  g_autoptr(GError) error = NULL;
  g_autofree char *sixty = rapport_money_format (6000, "EUR");
  g_autofree char *forty = rapport_money_format (4000, "EUR");
  GtkWidget *payments;
  gint64 id;

  g_assert_nonnull (editor);
  /* Anna has no order yet, and her card says so. */
  {
    GtkWidget *clients = GTK_WIDGET (rapport_window_get_clients_page (f->window));
    GtkWidget *none = rapport_gui_test_find (clients, GTK_TYPE_LABEL, "No orders yet.");

    g_assert_nonnull (none);
    g_assert_true (gtk_widget_get_mapped (none));
  }
  client_picker = RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "client_picker"));
  item_picker = RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker"));
  g_assert_cmpstr (rapport_picker_get_text (client_picker), ==, "Anna Nowak");

  pick (item_picker, "hair", "Haircut");
  type_in_line (editor, 0, "quantity_entry", "2");
  pick (item_picker, "Beard trim", "Beard trim");
  type_in_line (editor, 1, "price_entry", "10,00");
  g_assert_null (rapport_order_line_row_get_error (line_row (editor, 1)));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (editor), GTK_TYPE_LABEL, sixty));

  g_assert_true (rapport_order_editor_save (editor));

  settle (f);
  /* Saved: nothing left to save, and closing does not ask. */
  rapport_gui_test_wait (100);
  g_assert_false (gtk_widget_get_sensitive (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "save_button")));
  id = rapport_order_editor_get_order_id (editor);
  order = saved_order (f, id);
  g_assert_cmpuint (rapport_order_get_lines (order)->len, ==, 2);
  g_assert_cmpint (rapport_order_get_total (order), ==, 6000);
  g_assert_cmpint (rapport_order_get_client_id (order), ==, f->anna);

  set_status (f, editor, RAPPORT_ORDER_CONFIRMED);
  g_clear_object (&order);
  order = saved_order (f, id);
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_CONFIRMED);

  payments = child (editor, RAPPORT_TYPE_ORDER_EDITOR, "payments");
  /* Nothing paid yet, and the list says so: its placeholder outlives the
   * list being filled again at each save. */
  {
    GtkWidget *nothing_paid = rapport_gui_test_find (payments, GTK_TYPE_LABEL, "Nothing paid yet.");

    g_assert_nonnull (nothing_paid);
    g_assert_true (gtk_widget_get_mapped (nothing_paid));
  }
  rapport_gui_test_type (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "amount_row"), "20");
  rapport_gui_test_click (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button"));
  settle (f);
  g_clear_object (&order);
  order = saved_order (f, id);
  g_assert_cmpint (rapport_order_get_paid (order), ==, 2000);
  g_assert_cmpint (rapport_order_get_balance (order), ==, 4000);

  card = RAPPORT_CLIENT_CARD (rapport_gui_test_find (GTK_WIDGET (f->window), RAPPORT_TYPE_CLIENT_CARD, NULL));
  orders_group = RAPPORT_CLIENT_ORDERS (rapport_gui_test_find (GTK_WIDGET (card), RAPPORT_TYPE_CLIENT_ORDERS, NULL));
  g_assert_cmpint (rapport_client_orders_get_balance (orders_group), ==, 4000);
  g_assert_cmpuint (rapport_client_orders_get_n_shown (orders_group), ==, 1);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (orders_group), ADW_TYPE_ACTION_ROW, "Balance Due"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (orders_group, RAPPORT_TYPE_CLIENT_ORDERS,
                                                                       "balance_row"))), ==, forty);

  /* The order's row on the card: its number and day, its status and its
   * total, which is also what a screen reader reads; Enter or a click
   * opens it, and Tab goes on to its Repeat button. */
  order_row = rapport_gui_test_find (GTK_WIDGET (orders_group), RAPPORT_TYPE_CARD_ROW, NULL);
  g_assert_nonnull (order_row);
  g_assert_true (g_str_has_prefix (rapport_card_row_get_title (RAPPORT_CARD_ROW (order_row)),
                                   rapport_order_get_number (order)));
  g_assert_cmpstr (rapport_card_row_get_subtitle (RAPPORT_CARD_ROW (order_row)), ==,
                   rapport_format_order_status (RAPPORT_ORDER_CONFIRMED));
  g_assert_cmpstr (rapport_card_row_get_end_text (RAPPORT_CARD_ROW (order_row)), ==, sixty);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (order_row)));
  repeat_label = g_strdup_printf ("Repeat Order %s", rapport_order_get_number (order));
  repeat = rapport_gui_test_find (order_row, GTK_TYPE_BUTTON, repeat_label);
  g_assert_nonnull (repeat);
  g_assert_true (gtk_widget_grab_focus (order_row));
  g_assert_true (gtk_widget_child_focus (order_row, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (order_row)) == repeat);

  path = rapport_test_dup_path ("invoice.pdf");
  pdf = g_file_new_for_path (path);
  g_assert_true (rapport_order_editor_write_invoice (editor, pdf, &error));
  g_assert_no_error (error);
  text = rapport_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "Haircut"));
  g_assert_nonnull (strstr (text, "Beard trim"));
  g_assert_nonnull (strstr (text, "Anna Nowak"));
  g_assert_nonnull (strstr (text, "Salon Lotos"));
  g_assert_nonnull (strstr (text, rapport_order_get_number (order)));
  g_assert_nonnull (strstr (text, "40.00"));

  printed = rapport_test_dup_path ("printed.pdf");
  g_assert_true (rapport_invoice_export_print (GTK_WINDOW (editor), f->context, id, printed, &error));
  g_assert_no_error (error);
  printed_text = rapport_test_pdf_text (printed);
  g_assert_nonnull (strstr (printed_text, "Haircut"));
  g_assert_nonnull (strstr (printed_text, "40.00"));

  /* Closed, the window is gone: nothing keeps it alive. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_close (GTK_WINDOW (editor));
  rapport_gui_test_wait (100);
  g_assert_null (editor);
}

/* Wrong quantities, prices and discounts are refused next to the field;
 * saving says which line, and nothing is written. */
static void
test_bad_lines (Fixture       *f,
                gconstpointer  data)
{
  RapportOrderEditor *editor = new_order_from_card (f);
  RapportPicker *item_picker = RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker"));
  GtkWidget *quantity;
  GtkLabel *error_label;
  const char *cases[][2] = {
    { "quantity_entry", "0" }, { "quantity_entry", "-1" }, { "quantity_entry", "1.2345" },
    { "price_entry", "abc" }, { "price_entry", "-5" }, { "discount_entry", "150" },
    { "tax_entry", "101" },
  };

  pick (item_picker, "H1", "Haircut");
  quantity = line_field (editor, 0, "quantity_entry");
  error_label = GTK_LABEL (line_field (editor, 0, "error_label"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *field = line_field (editor, 0, cases[i][0]);

      type_in_line (editor, 0, cases[i][0], cases[i][1]);
      g_assert_nonnull (rapport_order_line_row_get_error (line_row (editor, 0)));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
      g_assert_true (gtk_widget_has_css_class (field, "error"));
      g_assert_false (rapport_order_editor_save (editor));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "error_label"))),
                                "Line 1"));
      g_assert_cmpint (rapport_test_query_int (rapport_database_get_path (rapport_context_get_database (f->context)),
                                               "SELECT count(*) FROM orders"), ==, 0);
      /* Put right again before the next. */
      type_in_line (editor, 0, "quantity_entry", "1");
      type_in_line (editor, 0, "price_entry", "25");
      type_in_line (editor, 0, "discount_entry", "");
      type_in_line (editor, 0, "tax_entry", "20");
      g_assert_null (rapport_order_line_row_get_error (line_row (editor, 0)));
      g_assert_false (gtk_widget_has_css_class (quantity, "error"));
    }
  g_assert_true (rapport_order_editor_save (editor));
  settle (f);
}

/* No client, no order: the picker says so and nothing is written. */
static void
test_client_required (Fixture       *f,
                      gconstpointer  data)
{
  RapportOrdersPage *page = rapport_window_get_orders_page (f->window);
  RapportOrderEditor *editor;
  RapportPicker *client_picker;

  rapport_window_show_orders (f->window);
  editor = RAPPORT_ORDER_EDITOR (rapport_orders_page_new_order (page, 0));
  client_picker = RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "client_picker"));
  g_assert_false (rapport_order_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (rapport_picker_get_entry (client_picker), "error"));

  pick (client_picker, "nowak", "Anna Nowak");
  pick (RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")), "hair", "Haircut");
  g_assert_true (rapport_order_editor_save (editor));
  settle (f);
}

static gboolean
list_idle (gpointer data)
{
  return !rapport_order_list_get_loading (data);
}

/* Cancelling an order with payments asks about the money; a refund is
 * recorded, and the cancelled order takes no more payments. */
static void
test_cancel_with_payment (Fixture       *f,
                          gconstpointer  data)
{
  RapportOrderEditor *editor = new_order_from_card (f);
  GtkWidget *payments;
  AdwMessageDialog *dialog;
  g_autoptr(RapportOrder) order = NULL;
  gint64 id;

  pick (RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")), "hair", "Haircut");
  set_status (f, editor, RAPPORT_ORDER_CONFIRMED);
  id = rapport_order_editor_get_order_id (editor);
  payments = child (editor, RAPPORT_TYPE_ORDER_EDITOR, "payments");
  /* Nothing paid yet, and the list says so: its placeholder outlives the
   * list being filled again at each save. */
  {
    GtkWidget *nothing_paid = rapport_gui_test_find (payments, GTK_TYPE_LABEL, "Nothing paid yet.");

    g_assert_nonnull (nothing_paid);
    g_assert_true (gtk_widget_get_mapped (nothing_paid));
  }
  rapport_gui_test_type (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "amount_row"), "25");
  rapport_gui_test_click (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button"));
  settle (f);

  set_status (f, editor, RAPPORT_ORDER_CANCELLED);
  dialog = ADW_MESSAGE_DIALOG (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "refund"));
  g_assert_true (adw_message_dialog_has_response (dialog, "credit"));
  adw_message_dialog_response (dialog, "refund");
  rapport_gui_test_iterate ();

  order = saved_order (f, id);
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_CANCELLED);
  g_assert_cmpint (rapport_order_get_paid (order), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button")));
  /* A cancelled order's lines can no longer be changed. */
  g_assert_false (gtk_widget_get_visible (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (line_row (editor, 0))));
  rapport_order_line_row_edit (line_row (editor, 0));
  g_assert_null (rapport_order_line_row_get_fields (line_row (editor, 0)));
}

/* The Orders page lists, filters and opens orders; its count follows. */
static void
test_orders_page (Fixture       *f,
                  gconstpointer  data)
{
  RapportOrdersPage *page = rapport_window_get_orders_page (f->window);
  RapportOrderList *list = rapport_orders_page_get_list (page);
  RapportOrderEditor *editor;
  GtkToggleButton *unpaid;
  GtkDropDown *status;
  g_autofree char *number = NULL;
  gint64 first = 0;

  rapport_window_show_orders (f->window);
  for (guint i = 0; i < 3; i++)
    {
      editor = RAPPORT_ORDER_EDITOR (rapport_orders_page_new_order (page, f->anna));
      pick (RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")), "hair", "Haircut");
      if (i > 0)
        set_status (f, editor, RAPPORT_ORDER_CONFIRMED);
      else
        {
          g_assert_true (rapport_order_editor_save (editor));
          settle (f);
        }
      if (i == 0)
        {
          g_autoptr(RapportOrder) order = saved_order (f, rapport_order_editor_get_order_id (editor));

          first = rapport_order_get_id (order);
          number = g_strdup (rapport_order_get_number (order));
        }
      gtk_window_destroy (GTK_WINDOW (editor));
    }

  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (page, RAPPORT_TYPE_ORDERS_PAGE, "title"))), ==,
                   "3 orders");

  unpaid = GTK_TOGGLE_BUTTON (child (page, RAPPORT_TYPE_ORDERS_PAGE, "unpaid_button"));
  gtk_toggle_button_set_active (unpaid, TRUE);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  gtk_toggle_button_set_active (unpaid, FALSE);

  status = GTK_DROP_DOWN (child (page, RAPPORT_TYPE_ORDERS_PAGE, "status_drop_down"));
  gtk_drop_down_set_selected (status, 2);   /* Draft */
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  gtk_drop_down_set_selected (status, 8);   /* Cancelled */
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, RAPPORT_TYPE_ORDERS_PAGE, "stack"))), ==,
                   "empty");
  gtk_drop_down_set_selected (status, 0);

  rapport_gui_test_type (child (page, RAPPORT_TYPE_ORDERS_PAGE, "search_entry"), number);
  rapport_gui_test_wait (300);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_signal_emit_by_name (child (page, RAPPORT_TYPE_ORDERS_PAGE, "search_entry"), "activate");
  rapport_gui_test_iterate ();
  editor = RAPPORT_ORDER_EDITOR (rapport_gui_test_find_window (RAPPORT_TYPE_ORDER_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (rapport_order_editor_get_order_id (editor), ==, first);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* What a reminder's Open, or a notification's (app.show-order), does. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL);
  rapport_window_show_order (f->window, first);
  rapport_gui_test_iterate ();
  editor = RAPPORT_ORDER_EDITOR (rapport_gui_test_find_window (RAPPORT_TYPE_ORDER_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (rapport_order_editor_get_order_id (editor), ==, first);
}

/* A repeat is a new order with the same lines at today's catalog price. */
static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  RapportOrderEditor *editor = new_order_from_card (f);
  g_autoptr(RapportCatalogItem) haircut = NULL;
  g_autoptr(GError) error = NULL;
  RapportOrderEditor *again;
  GtkWidget *repeat_button;
  g_autofree char *label = NULL;

  pick (RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")), "hair", "Haircut");
  type_in_line (editor, 0, "quantity_entry", "3");
  g_assert_true (rapport_order_editor_save (editor));
  settle (f);
  gtk_window_destroy (GTK_WINDOW (editor));

  haircut = rapport_catalog_repository_get (rapport_context_get_catalog (f->context), f->haircut, &error);
  rapport_catalog_item_set_unit_price (haircut, 3000);
  g_assert_true (rapport_catalog_repository_save (rapport_context_get_catalog (f->context), haircut, &error));
  rapport_gui_test_iterate ();

  {
    g_autoptr(RapportOrder) order = saved_order (f, 1);

    label = g_strdup_printf ("Repeat Order %s", rapport_order_get_number (order));
  }
  repeat_button = rapport_gui_test_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, label);
  g_assert_nonnull (repeat_button);
  rapport_gui_test_click (repeat_button);
  again = RAPPORT_ORDER_EDITOR (rapport_gui_test_find_window (RAPPORT_TYPE_ORDER_EDITOR));
  g_assert_nonnull (again);
  g_assert_cmpint (rapport_order_editor_get_order_id (again), ==, 0);
  g_assert_cmpint (rapport_order_line_row_get_line (line_row (again, 0))->quantity, ==, 3000);
  g_assert_cmpint (rapport_order_line_row_get_line (line_row (again, 0))->unit_price, ==, 3000);
  g_assert_true (rapport_order_editor_save (again));
  settle (f);
  g_assert_cmpint (rapport_test_query_int (rapport_database_get_path (rapport_context_get_database (f->context)),
                                           "SELECT count(*) FROM orders"), ==, 2);
}

static gboolean
order_waits (gpointer data)
{
  return rapport_gui_test_save_waits (child (data, RAPPORT_TYPE_ORDER_EDITOR, "save_status"));
}

/* Another program holding the file, as a long import would. */
static sqlite3 *
hold_file (Fixture *f)
{
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (rapport_database_get_path (rapport_context_get_database (f->context)), &other),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return other;
}

static void
free_file (sqlite3 *other)
{
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
}

/* While another program holds the file, an order's save and status change
 * and a payment wait their turn: the window says so and keeps drawing,
 * takes no edits meanwhile (what had the focus has it again after), and
 * everything goes in once the file is free. */
static void
test_writes_wait (Fixture       *f,
                  gconstpointer  data)
{
  RapportOrderEditor *editor = new_order_from_card (f);
  const char *path = rapport_database_get_path (rapport_context_get_database (f->context));
  GtkWidget *payments, *scroller, *item_entry;
  g_autoptr(RapportOrder) order = NULL;
  sqlite3 *other;
  gint64 id;

  pick (RAPPORT_PICKER (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "item_picker")), "hair", "Haircut");
  item_entry = gtk_root_get_focus (GTK_ROOT (editor));
  scroller = child (editor, RAPPORT_TYPE_ORDER_EDITOR, "scroller");

  other = hold_file (f);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-status", "i", (gint32) RAPPORT_ORDER_CONFIRMED);
  g_assert_true (rapport_gui_test_wait_for (order_waits, editor, 5000));
  g_assert_cmpint (rapport_gui_test_longest_turn_during (500), <, 250 * 1000);
  g_assert_false (gtk_widget_get_sensitive (scroller));
  g_assert_false (gtk_widget_get_sensitive (child (editor, RAPPORT_TYPE_ORDER_EDITOR, "save_button")));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM orders"), ==, 0);
  free_file (other);

  settle (f);
  settle (f);
  g_assert_true (gtk_widget_get_sensitive (scroller));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (editor)) == item_entry);
  id = rapport_order_editor_get_order_id (editor);
  order = saved_order (f, id);
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_CONFIRMED);

  payments = child (editor, RAPPORT_TYPE_ORDER_EDITOR, "payments");
  other = hold_file (f);
  /* Clicked without waiting for the writes, as rapport_gui_test_click() would. */
  gtk_widget_activate (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button"));
  g_assert_cmpint (rapport_gui_test_longest_turn_during (500), <, 250 * 1000);
  g_assert_false (gtk_widget_get_sensitive (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button")));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM payments"), ==, 0);
  free_file (other);

  settle (f);
  g_assert_true (gtk_widget_get_sensitive (child (payments, RAPPORT_TYPE_ORDER_PAYMENTS, "record_button")));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT paid FROM orders"), ==, rapport_order_get_total (order));
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/orders/order-from-card", test_order_from_card);
  ADD ("/rapport/orders/bad-lines", test_bad_lines);
  ADD ("/rapport/orders/client-required", test_client_required);
  ADD ("/rapport/orders/cancel-with-payment", test_cancel_with_payment);
  ADD ("/rapport/orders/orders-page", test_orders_page);
  ADD ("/rapport/orders/repeat", test_repeat);
  ADD ("/rapport/orders/writes-wait", test_writes_wait);
#undef ADD

  return g_test_run ();
}
