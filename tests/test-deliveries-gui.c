/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-client-campaigns.h"
#include "rapport-client-card.h"
#include "rapport-client-message-dialog.h"
#include "rapport-deliveries-group.h"
#include "rapport-deliveries-page.h"
#include "rapport-delivery-preferences.h"
#include "rapport-delivery-window.h"
#include "rapport-gui-test-utils.h"
#include "rapport-order-editor.h"
#include "rapport-ship-dialog.h"
#include "rapport-today-page.h"
#include "rapport-test-utils.h"
#include "rapport-warranties-group.h"
#include "rapport-window.h"

/* Deliveries with real widgets on a real display: an order shipped in two
 * parts from its window, each delivery marked delivered, the order
 * fulfilled, the warranty on the client's card and a claim logged on it. */

typedef struct
{
  GtkApplication   *app;
  RapportContext   *context;
  RapportTestStore *store;
  RapportWindow    *window;
  gint64            anna;
  gint64            order_id;
} Fixture;

static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.DeliveriesTest",
                                                  G_APPLICATION_NON_UNIQUE));
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

static void
add_line (RapportOrder *order,
          const char   *name,
          gint64        quantity,
          gint          warranty_months,
          const char   *serial)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_new (name, quantity, 5000);

  line->warranty_months = warranty_months;
  rapport_order_line_set_serial_number (line, serial);
  rapport_order_add_line (order, line);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(RapportAddress) address = rapport_address_new ();
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  f->app = get_application ();
  f->context = rapport_gui_test_context_new ("deliveries.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  g_settings_set_int (rapport_context_get_settings (f->context), "window-width", 1100);
  g_settings_set_int (rapport_context_get_settings (f->context), "window-height", 720);

  anna = rapport_test_add_client (f->store, "Anna", "Nowak", "+48 601 111 222", NULL);
  address->street = (g_free (address->street), g_strdup ("Długa 1"));
  address->locality = (g_free (address->locality), g_strdup ("Warszawa"));
  rapport_client_add_address (anna, address);
  g_assert_true (rapport_client_repository_save (f->store->clients, anna, &error));
  f->anna = rapport_client_get_id (anna);

  order = rapport_order_new (f->anna);
  rapport_order_set_ordered_on (order, "2026-03-31");
  rapport_order_set_currency (order, "EUR");
  add_line (order, "Chair", 4000, 0, "");
  add_line (order, "Table", 1000, 24, "T-77");
  g_assert_true (rapport_order_repository_create (rapport_context_get_orders (f->context), order,
                                                  "{year}-{seq:4}", &error));
  g_assert_true (rapport_order_repository_set_status (rapport_context_get_orders (f->context),
                                                      rapport_order_get_id (order), RAPPORT_ORDER_CONFIRMED,
                                                      0, &error));
  g_assert_no_error (error);
  f->order_id = rapport_order_get_id (order);

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

/* Ship… in the order window, the quantities set as a person would. */
static void
ship (Fixture                *f,
      RapportDeliveriesGroup *group,
      double                  chairs,
      double                  tables)
{
  GtkWidget *ship_button = child (group, RAPPORT_TYPE_DELIVERIES_GROUP, "ship_button");
  RapportShipDialog *dialog;
  GtkWidget *chair_row, *table_row;

  g_assert_true (gtk_widget_get_sensitive (ship_button));
  rapport_gui_test_click (ship_button);
  rapport_gui_test_wait (50);
  dialog = RAPPORT_SHIP_DIALOG (rapport_gui_test_find_window (RAPPORT_TYPE_SHIP_DIALOG));
  g_assert_nonnull (dialog);

  chair_row = rapport_gui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Chair");
  table_row = rapport_gui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Table");
  if (chair_row != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (rapport_gui_test_find (chair_row, GTK_TYPE_SPIN_BUTTON, NULL)),
                               chairs);
  if (table_row != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (rapport_gui_test_find (table_row, GTK_TYPE_SPIN_BUTTON, NULL)),
                               tables);
  /* The address is a copy of Anna's. */
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, RAPPORT_TYPE_SHIP_DIALOG,
                                                                        "address_row"))), "Długa 1"));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, RAPPORT_TYPE_SHIP_DIALOG, "tracking_row")), "ZX-1");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rapport_gui_test_click (child (dialog, RAPPORT_TYPE_SHIP_DIALOG, "save_button"));
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  g_assert_null (dialog);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return rapport_test_query_int (rapport_database_get_path (rapport_context_get_database (f->context)), sql);
}

/* The path: ship in two parts, mark both delivered, see the
 * warranty on the client's card, log a claim. */
static void
test_ship_in_two_parts (Fixture       *f,
                        gconstpointer  data)
{
  RapportOrderEditor *editor = rapport_order_editor_new_open (f->context, f->order_id);
  RapportDeliveriesGroup *group;
  RapportDeliveryWindow *first, *second;
  RapportWarrantiesGroup *warranties;
  RapportClientCard *card;
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  GtkWidget *message, *dialog;
  GtkTextView *body;
  GtkTextIter start, end;

  gtk_window_present (GTK_WINDOW (editor));
  rapport_gui_test_wait (50);
  group = RAPPORT_DELIVERIES_GROUP (rapport_gui_test_find (GTK_WIDGET (editor), RAPPORT_TYPE_DELIVERIES_GROUP, NULL));
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_cmpuint (rapport_deliveries_group_get_n_shown (group), ==, 0);

  /* Two chairs now, the rest (two chairs and the table) later. */
  ship (f, group, 2, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deliveries"), ==, 1);
  g_assert_cmpint (count (f, "SELECT sum(quantity) FROM delivery_lines"), ==, 2000);
  g_assert_cmpuint (rapport_deliveries_group_get_n_shown (group), ==, 1);
  ship (f, group, 2, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deliveries"), ==, 2);
  g_assert_cmpint (count (f, "SELECT sum(quantity) FROM delivery_lines"), ==, 5000);
  g_assert_cmpuint (rapport_deliveries_group_get_n_shown (group), ==, 2);
  /* Nothing is left to ship. */
  g_assert_false (gtk_widget_get_sensitive (child (group, RAPPORT_TYPE_DELIVERIES_GROUP, "ship_button")));

  first = rapport_delivery_window_new (f->context, count (f, "SELECT min(id) FROM deliveries"));
  gtk_window_present (GTK_WINDOW (first));
  rapport_gui_test_wait (50);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (first), GTK_TYPE_BUTTON, "Delivered"));
  gtk_widget_activate_action (GTK_WIDGET (first), "delivery.set-status", "u", (guint32) RAPPORT_DELIVERY_DELIVERED);
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (first, RAPPORT_TYPE_DELIVERY_WINDOW,
                                                                          "status_label"))), "Delivered on"));
  /* Delivered: only Returned is offered now; the history has both. */
  g_assert_null (rapport_gui_test_find (GTK_WIDGET (first), GTK_TYPE_BUTTON, "Delivered"));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (first), GTK_TYPE_BUTTON, "Returned"));
  g_assert_nonnull (rapport_gui_test_find (child (first, RAPPORT_TYPE_DELIVERY_WINDOW, "history_list"),
                                           ADW_TYPE_ACTION_ROW, "Planned"));
  order = rapport_order_repository_get (rapport_context_get_orders (f->context), f->order_id, &error);
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_CONFIRMED);
  g_clear_object (&order);

  second = rapport_delivery_window_new (f->context, count (f, "SELECT max(id) FROM deliveries"));
  gtk_window_present (GTK_WINDOW (second));
  rapport_gui_test_wait (50);
  rapport_gui_test_click (rapport_gui_test_find (GTK_WIDGET (second), GTK_TYPE_BUTTON, "Delivered"));
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  order = rapport_order_repository_get (rapport_context_get_orders (f->context), f->order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_FULFILLED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM warranties"), ==, 1);

  /* Anna's card shows both deliveries and the table's warranty. */
  rapport_window_show_client (f->window, f->anna);
  rapport_gui_test_wait (100);
  card = RAPPORT_CLIENT_CARD (rapport_gui_test_find (GTK_WIDGET (f->window), RAPPORT_TYPE_CLIENT_CARD, NULL));
  g_assert_nonnull (card);
  g_assert_cmpuint (rapport_deliveries_group_get_n_shown (RAPPORT_DELIVERIES_GROUP (
                      rapport_gui_test_find (GTK_WIDGET (card), RAPPORT_TYPE_DELIVERIES_GROUP, NULL))), ==, 2);
  warranties = RAPPORT_WARRANTIES_GROUP (rapport_gui_test_find (GTK_WIDGET (card), RAPPORT_TYPE_WARRANTIES_GROUP,
                                                                NULL));
  g_assert_cmpuint (rapport_warranties_group_get_n_shown (warranties), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warranties)));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (warranties), ADW_TYPE_ACTION_ROW, "Table"));
  {
    GtkWidget *row = rapport_gui_test_find (GTK_WIDGET (warranties), ADW_TYPE_ACTION_ROW, "Table");
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    /* In a narrow window the subtitle breaks between its parts only. */
    g_assert_true (g_str_has_prefix (subtitle, "Until\u00a0"));
    g_assert_nonnull (strstr (subtitle, " · T-77 · Order\u00a0"));
    g_assert_null (strstr (strstr (subtitle, "Order"), " "));
  }
  {
    /* Wide and narrow, the card's buttons stand above the Contact
     * heading, not over it. */
    GtkWidget *window = gtk_window_new ();
    RapportClientCard *narrow = rapport_client_card_new (f->context);
    GtkWidget *actions = rapport_gui_test_find (GTK_WIDGET (narrow), GTK_TYPE_FLOW_BOX, NULL);
    GtkWidget *contact = gtk_widget_get_next_sibling (actions);   /* the Contact group */
    GtkWidget *new_order = rapport_gui_test_find (actions, GTK_TYPE_BUTTON, "New Order");
    const int widths[] = { 700, 360 };
    graphene_rect_t button_box, contact_box;

    gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (narrow));
    g_assert_true (rapport_client_card_set_client_id (narrow, f->anna));
    gtk_window_present (GTK_WINDOW (window));
    rapport_gui_test_wait (200);
    g_assert_true (ADW_IS_PREFERENCES_GROUP (contact));
    g_assert_true (gtk_widget_compute_bounds (contact, GTK_WIDGET (narrow), &contact_box));
    for (guint width = 0; width < G_N_ELEMENTS (widths); width++)
      {
        gtk_window_set_default_size (GTK_WINDOW (window), widths[width], 800);
        rapport_gui_test_wait (200);
        g_assert_true (gtk_widget_compute_bounds (contact, GTK_WIDGET (narrow), &contact_box));
        g_assert_true (gtk_widget_compute_bounds (new_order, GTK_WIDGET (narrow), &button_box));
        g_assert_cmpfloat (button_box.size.height, >, 0);
        g_assert_cmpfloat (button_box.origin.y + button_box.size.height, <=, contact_box.origin.y);
      }
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* A claim under it goes on her timeline. */
  rapport_warranties_group_log_claim (warranties, 0, "A leg wobbles");
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  summary = rapport_test_query_text (rapport_database_get_path (rapport_context_get_database (f->context)),
                                     "SELECT summary || ' / ' || body FROM interactions");
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "Warranty claim: Table / Serial number: T-77"));
  g_assert_nonnull (strstr (summary, "A leg wobbles"));

  /* The order window lists the warranty next to the deliveries. */
  warranties = RAPPORT_WARRANTIES_GROUP (rapport_gui_test_find (GTK_WIDGET (editor), RAPPORT_TYPE_WARRANTIES_GROUP,
                                                                NULL));
  g_assert_nonnull (warranties);
  g_assert_cmpuint (rapport_warranties_group_get_n_shown (warranties), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warranties)));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (warranties), ADW_TYPE_ACTION_ROW, "Table"));

  /* Anna agrees to service messages on her card: the warranty's reminder
   * on the Today page offers the ready message, to copy (she has no
   * e-mail address). */
  gtk_switch_set_active (GTK_SWITCH (rapport_gui_test_child (rapport_gui_test_find (GTK_WIDGET (card),
                                                                                  RAPPORT_TYPE_CLIENT_CAMPAIGNS,
                                                                                  NULL),
                                                           RAPPORT_TYPE_CLIENT_CAMPAIGNS, "consent_switch")),
                         TRUE);
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE service_messages_since IS NOT NULL"), ==, 1);
  rapport_test_run_sql (rapport_database_get_path (rapport_context_get_database (f->context)),
                        "UPDATE warranties SET ends_on = date('now', '+10 days')");
  rapport_database_notify_changed (rapport_context_get_database (f->context));
  rapport_window_show_today (f->window);
  rapport_today_page_reload (RAPPORT_TODAY_PAGE (rapport_gui_test_find (GTK_WIDGET (f->window),
                                                                        RAPPORT_TYPE_TODAY_PAGE, NULL)));
  rapport_gui_test_iterate ();
  message = rapport_gui_test_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Message to the Client");
  g_assert_nonnull (message);
  rapport_gui_test_click (message);
  rapport_gui_test_wait (50);
  dialog = GTK_WIDGET (rapport_gui_test_find_window (RAPPORT_TYPE_CLIENT_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  body = GTK_TEXT_VIEW (rapport_gui_test_find (dialog, GTK_TYPE_TEXT_VIEW, NULL));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (body), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (body), &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "Anna"));
  g_assert_nonnull (strstr (text, "Table (serial number T-77)"));
  g_assert_false (gtk_widget_is_sensitive (rapport_gui_test_find (dialog, GTK_TYPE_BUTTON, "Send by E-mail")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A refusal is shown in the dialog, nothing is saved, and the dialog
 * stays to be set right. */
static void
test_refusal_shown (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportOrder) order = rapport_order_repository_get (rapport_context_get_orders (f->context),
                                                                f->order_id, NULL);
  RapportShipDialog *dialog;
  GtkWidget *error_label;

  dialog = rapport_ship_dialog_new (f->context, order);
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_gui_test_wait (50);
  /* Meanwhile another window ships every chair. */
  {
    g_autoptr(RapportDelivery) delivery = rapport_delivery_new (f->order_id);
    g_autoptr(GPtrArray) lines = rapport_delivery_repository_list_deliverable (rapport_context_get_deliveries (f->context),
                                                                               f->order_id, NULL);
    g_autoptr(GError) error = NULL;

    delivery->carrier_id = rapport_carrier_repository_find (rapport_context_get_carriers (f->context),
                                                            "Pick-up in the shop", &error);
    delivery->planned_on = g_strdup ("2026-04-01");
    rapport_delivery_add_line (delivery, ((RapportDeliverable *) g_ptr_array_index (lines, 0))->order_line_id, 4000);
    g_assert_true (rapport_delivery_repository_create (rapport_context_get_deliveries (f->context), delivery, &error));
    g_assert_no_error (error);
  }
  rapport_gui_test_click (child (dialog, RAPPORT_TYPE_SHIP_DIALOG, "save_button"));
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  error_label = child (dialog, RAPPORT_TYPE_SHIP_DIALOG, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "“Chair”"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM deliveries"), ==, 1);
}

static gboolean
list_idle (gpointer list)
{
  return !rapport_delivery_list_get_loading (list);
}

/* The Deliveries page: the late one on "late", today's on "today", the
 * search by tracking number, and the warranties ending soon. */
static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  RapportDeliveriesPage *page;
  RapportDeliveryList *list;
  g_autoptr(RapportDelivery) late = rapport_delivery_new (f->order_id);
  g_autoptr(RapportDelivery) today = rapport_delivery_new (f->order_id);
  g_autoptr(GPtrArray) lines = rapport_delivery_repository_list_deliverable (rapport_context_get_deliveries (f->context),
                                                                             f->order_id, NULL);
  g_autoptr(GDateTime) now = rapport_context_dup_now (f->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDeliveryItem) first = NULL;
  gint64 chair = ((RapportDeliverable *) g_ptr_array_index (lines, 0))->order_line_id;
  gint64 table = ((RapportDeliverable *) g_ptr_array_index (lines, 1))->order_line_id;

  late->carrier_id = today->carrier_id = rapport_carrier_repository_find (rapport_context_get_carriers (f->context),
                                                                          "Own courier", &error);
  late->address = (g_free (late->address), g_strdup ("Długa 1"));
  today->address = (g_free (today->address), g_strdup ("Długa 1"));
  late->planned_on = g_strdup ("2020-01-02");
  today->planned_on = g_date_time_format (now, "%Y-%m-%d");
  today->tracking_number = (g_free (today->tracking_number), g_strdup ("TRK-42"));
  rapport_delivery_add_line (late, chair, 1000);
  rapport_delivery_add_line (today, table, 1000);
  g_assert_true (rapport_delivery_repository_create (rapport_context_get_deliveries (f->context), late, &error));
  g_assert_true (rapport_delivery_repository_create (rapport_context_get_deliveries (f->context), today, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-deliveries", NULL);
  rapport_gui_test_wait (50);
  page = RAPPORT_DELIVERIES_PAGE (rapport_gui_test_find (GTK_WIDGET (f->window), RAPPORT_TYPE_DELIVERIES_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  list = rapport_deliveries_page_get_list (page);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  /* It opens on the late ones, which say so. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (rapport_delivery_list_get_id (list, 0), ==, late->id);
  rapport_gui_test_wait (50);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION, "Late · Planned"));

  rapport_deliveries_page_set_view (page, RAPPORT_DELIVERIES_VIEW_TODAY);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (rapport_delivery_list_get_id (list, 0), ==, today->id);

  rapport_deliveries_page_set_view (page, RAPPORT_DELIVERIES_VIEW_ALL);
  rapport_gui_test_type (child (page, RAPPORT_TYPE_DELIVERIES_PAGE, "search_entry"), "TRK-4");
  rapport_gui_test_wait (300);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (rapport_delivery_list_get_id (list, 0), ==, today->id);

  /* Delivered today, the table's warranty ends in two years: not soon. */
  g_assert_true (rapport_delivery_repository_set_status (rapport_context_get_deliveries (f->context), today->id,
                                                         RAPPORT_DELIVERY_DELIVERED, 0, NULL, &error));
  g_assert_no_error (error);
  rapport_gui_test_type (child (page, RAPPORT_TYPE_DELIVERIES_PAGE, "search_entry"), "");
  rapport_deliveries_page_set_view (page, RAPPORT_DELIVERIES_VIEW_WARRANTIES);
  rapport_gui_test_wait (300);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (rapport_warranty_repository_set_notice_days (rapport_context_get_warranties (f->context), 365,
                                                              &error));
  rapport_deliveries_page_set_view (page, RAPPORT_DELIVERIES_VIEW_LATE);
  rapport_deliveries_page_set_view (page, RAPPORT_DELIVERIES_VIEW_WARRANTIES);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  rapport_test_run_sql (rapport_database_get_path (rapport_context_get_database (f->context)),
                        "UPDATE warranties SET ends_on = date('now', '+10 days')");
  rapport_database_check_changes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (300);
  g_assert_true (rapport_gui_test_wait_for (list_idle, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rapport_delivery_item_get_warranty (first)->product, ==, "Table");
}

/* Preferences, Deliveries: a carrier added with a tracking address
 * without {tracking} is refused under it; set right, it is saved. The
 * days of notice are kept in the file. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  RapportDeliveryPreferences *page = rapport_delivery_preferences_new (f->context);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *expander, *name, *pattern;
  g_autoptr(GError) error = NULL;

  g_object_ref_sink (page);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  rapport_gui_test_wait (50);

  expander = rapport_gui_test_find (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "New Carrier");
  g_assert_nonnull (expander);
  name = rapport_gui_test_find (expander, ADW_TYPE_ENTRY_ROW, "Name");
  pattern = rapport_gui_test_find (expander, ADW_TYPE_ENTRY_ROW, "Tracking Address, with {tracking} for the Number");
  gtk_editable_set_text (GTK_EDITABLE (name), "Parcel Co");
  gtk_editable_set_text (GTK_EDITABLE (pattern), "https://parcel.example/track");
  rapport_gui_test_click (rapport_gui_test_find (expander, GTK_TYPE_BUTTON, "Add Carrier"));
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM carriers WHERE name = 'Parcel Co'"), ==, 0);
  g_assert_nonnull (rapport_gui_test_find (expander, GTK_TYPE_LABEL, "Tracking address: put {tracking} where the "
                                           "tracking number goes, as in https://example.com/track?id={tracking}."));

  gtk_editable_set_text (GTK_EDITABLE (pattern), "https://parcel.example/track?n={tracking}");
  rapport_gui_test_click (rapport_gui_test_find (expander, GTK_TYPE_BUTTON, "Add Carrier"));
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  rapport_gui_test_wait (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM carriers WHERE name = 'Parcel Co'"
                             " AND tracking_pattern = 'https://parcel.example/track?n={tracking}'"), ==, 1);
  /* The list is read again: the new carrier, and a new empty one. */
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "Parcel Co"));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "New Carrier"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, NULL)),
                             14);
  rapport_test_wait_for_writes (rapport_context_get_database (f->context));
  g_assert_cmpuint (rapport_warranty_repository_get_notice_days (rapport_context_get_warranties (f->context)), ==, 14);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/deliveries-gui/ship-in-two-parts", test_ship_in_two_parts);
  ADD ("/rapport/deliveries-gui/refusal-shown", test_refusal_shown);
  ADD ("/rapport/deliveries-gui/page", test_page);
  ADD ("/rapport/deliveries-gui/preferences", test_preferences);
#undef ADD

  return g_test_run ();
}
