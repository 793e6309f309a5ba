/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every window and dialog fits a 360-pixel-wide screen in every language
 * Rapport speaks (the GNOME HIG's narrowest phone): none asks for more
 * than 360 pixels, with its longest translations, in either reading
 * direction. The translations are the ones this build compiled. */
#include <locale.h>
#include <glib/gi18n.h>

#include "rapport-client-editor.h"
#include "rapport-clients-page.h"
#include "rapport-gui-test-utils.h"
#include "rapport-interaction-editor.h"
#include "rapport-order-dialogs.h"
#include "rapport-order-editor.h"
#include "rapport-order-line-row.h"
#include "rapport-preferences-window.h"
#include "rapport-task-editor.h"
#include "rapport-test-utils.h"
#include "rapport-today-page.h"
#include "rapport-window.h"

#define NARROWEST 360

static const char * const languages[] = { "en", "fa", "pl", "ru", "uk" };

typedef struct
{
  GtkApplication   *app;
  RapportContext   *context;
  RapportTestStore *store;
  RapportClient    *client;
  RapportTask      *task;
  gint64            order;
} Fixture;

/* Gettext reads LANGUAGE again once told the catalogues may have changed;
 * GTK's direction follows the language. */
static void
speak (const char *language)
{
  extern int _nl_msg_cat_cntr;

  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
  gtk_widget_set_default_direction (g_str_equal (language, "fa") ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
}

static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.LanguageTest",
                                                  G_APPLICATION_NON_UNIQUE));
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

/* An order with a long line and part of it paid: its window, its lines
 * and the question when it is cancelled. */
static void
add_order (Fixture *f)
{
  g_autoptr(RapportOrder) order = rapport_order_new (rapport_client_get_id (f->client));
  g_autoptr(RapportOrderLine) line = rapport_order_line_new ("Screen repair with a genuine part, two-year warranty",
                                                             1500, 1234567);
  g_autoptr(RapportPayment) payment = NULL;
  g_autoptr(GError) error = NULL;

  line->tax_rate = 2000;
  line->discount = 1250;
  rapport_order_line_set_serial_number (line, "SN-2023-ABCDEF-123456");
  rapport_order_set_ordered_on (order, "2023-11-20");
  rapport_order_set_currency (order, "EUR");
  rapport_order_add_line (order, line);
  g_assert_true (rapport_order_repository_create (rapport_context_get_orders (f->context), order,
                                                  "{year}-{seq:4}", &error));
  g_assert_no_error (error);
  f->order = rapport_order_get_id (order);
  g_assert_true (rapport_order_repository_set_status (rapport_context_get_orders (f->context), f->order,
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  payment = rapport_payment_new (f->order, "2023-11-21", 500000, RAPPORT_PAYMENT_TRANSFER);
  g_assert_true (rapport_payment_repository_add (rapport_context_get_payments (f->context), payment, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportAddress) address = rapport_address_new ();

  f->app = get_application ();
  f->context = rapport_gui_test_context_new ("languages.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  /* The longest of what a card and a form show: a company with two
   * phones, an address, tags, notes and a history. */
  f->client = rapport_test_add_client (f->store, "Aleksandra", "Wiśniewska-Kowalczyk",
                                       "+48 601 555 777", "aleksandra.wisniewska@example.com");
  rapport_client_set_kind (f->client, RAPPORT_CLIENT_COMPANY);
  rapport_client_set_organization (f->client, "Przedsiębiorstwo Handlowo-Usługowe");
  rapport_client_add_phone (f->client, "work", "+48 22 123 45 67");
  rapport_client_set_tags (f->client, (const char *[]) { "VIP", "hurt", NULL });
  rapport_client_set_notes (f->client, "Prefers calls in the morning.");
  rapport_client_set_birthday (f->client, "1980-02-29");
  g_free (address->street);
  address->street = g_strdup ("ul. Marszałkowska 140");
  rapport_client_add_address (f->client, address);
  g_assert_true (rapport_client_repository_save (f->store->clients, f->client, NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RapportInteraction) call = rapport_interaction_new (rapport_client_get_id (f->client),
                                                                    RAPPORT_INTERACTION_CALL);

      rapport_interaction_set_direction (call, RAPPORT_DIRECTION_INBOUND);
      rapport_interaction_set_occurred_at (call, 1700000000 + i * 86400);
      rapport_interaction_set_summary (call, "Asked about the price of the repair and the delivery date");
      rapport_interaction_set_follow_up_on (call, "2023-12-01");
      g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, NULL));
    }
  /* And a reminder, so that Today lists what is due. */
  f->task = rapport_task_new (rapport_client_get_id (f->client));
  rapport_task_set_title (f->task, "Call back about the repair and the delivery date");
  rapport_task_set_notes (f->task, "She asked for the morning");
  rapport_task_set_due_on (f->task, "2023-12-02");
  rapport_task_set_due_time (f->task, "10:30");
  g_assert_true (rapport_task_repository_save (rapport_context_get_tasks (f->context), f->task, NULL));
  add_order (f);
}

static void
close_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  rapport_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_all ();
  speak ("en");
  g_clear_object (&f->client);
  g_clear_object (&f->task);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->context);
}

/* What asks for the width, to name in a failure. */
static void
print_widths (GtkWidget *widget,
              int        depth)
{
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= NARROWEST / 2)
    return;
  g_printerr ("%*s%s %s %d\n", depth, "", G_OBJECT_TYPE_NAME (widget),
              GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "", minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    print_widths (child, depth + 1);
}

/* The window's own width, without the frame around it (the resize border
 * or shadow), as libadwaita counts its 360 pixels. */
static void
assert_fits (GtkWidget  *window,
             const char *language,
             const char *what)
{
  int minimum = 0;

  rapport_gui_test_iterate ();
  for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        int child_minimum = 0;

        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
        minimum = MAX (minimum, child_minimum);
      }
  if (minimum > NARROWEST)
    print_widths (window, 0);
  if (minimum > NARROWEST)
    g_error ("In “%s”, %s needs %d pixels: more than %d", language, what, minimum, NARROWEST);
}

static void
check_main_window (Fixture    *f,
                   const char *language)
{
  RapportWindow *window = rapport_window_new (f->app, f->context);
  RapportClientsPage *page;

  gtk_window_present (GTK_WINDOW (window));
  rapport_gui_test_wait (50);
  rapport_gui_test_iterate ();
  assert_fits (GTK_WIDGET (window), language, "the main window on Today");

  /* Today's snooze, a day picked. */
  gtk_widget_activate_action (rapport_gui_test_find (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE, NULL),
                              "today.snooze-pick", "s", "follow-up:1");
  rapport_gui_test_iterate ();
  assert_fits (GTK_WIDGET (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), language,
               "the question of the day to snooze until");
  gtk_window_destroy (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-clients", NULL);
  assert_fits (GTK_WIDGET (window), language, "the main window with the list");

  page = RAPPORT_CLIENTS_PAGE (rapport_gui_test_find (GTK_WIDGET (window), RAPPORT_TYPE_CLIENTS_PAGE, NULL));
  rapport_clients_page_show_client (page, rapport_client_get_id (f->client));
  assert_fits (GTK_WIDGET (window), language, "the main window with a card");

  /* A search that finds nothing, and one too short to search. */
  gtk_editable_set_text (GTK_EDITABLE (rapport_gui_test_child (GTK_WIDGET (page), RAPPORT_TYPE_CLIENTS_PAGE,
                                                               "search_entry")),
                         "nobody-has-this-text-anywhere-at-all");
  rapport_gui_test_wait (200);
  assert_fits (GTK_WIDGET (window), language, "the main window with no results");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orders", NULL);
  rapport_gui_test_wait (200);
  assert_fits (GTK_WIDGET (window), language, "the main window with the orders");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
check_order_windows (Fixture    *f,
                     const char *language)
{
  RapportOrderEditor *editor = rapport_order_editor_new (f->context, 0);
  g_autoptr(RapportOrder) order = rapport_order_repository_get (rapport_context_get_orders (f->context),
                                                                f->order, NULL);
  GtkListBox *lines;

  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (GTK_WIDGET (editor), language, "a new order");
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = rapport_order_editor_new_open (f->context, f->order);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (GTK_WIDGET (editor), language, "a confirmed order with a payment");
  lines = GTK_LIST_BOX (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_ORDER_EDITOR, "lines_list"));
  rapport_order_line_row_edit (RAPPORT_ORDER_LINE_ROW (gtk_list_box_get_row_at_index (lines, 0)));
  assert_fits (GTK_WIDGET (editor), language, "an order's line being edited");

  rapport_order_ask_cancel (GTK_WINDOW (editor), order, NULL, NULL);
  rapport_gui_test_iterate ();
  assert_fits (GTK_WIDGET (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), language,
               "the question when an order with payments is cancelled");
  close_all ();
}

static void
check_editors (Fixture    *f,
               const char *language)
{
  g_autoptr(RapportClient) full = rapport_client_repository_get (f->store->clients,
                                                                 rapport_client_get_id (f->client), NULL);
  GtkWidget *editor = rapport_client_editor_new (f->context, NULL);

  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "the New Client form");
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = rapport_client_editor_new (f->context, full);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "the Edit Client form of a company");
  /* A change, and the question before it is thrown away. */
  gtk_editable_set_text (GTK_EDITABLE (rapport_gui_test_child (editor, RAPPORT_TYPE_CLIENT_EDITOR, "given_row")),
                         "Ola");
  rapport_client_editor_ask_discard (RAPPORT_CLIENT_EDITOR (editor));
  rapport_gui_test_iterate ();
  assert_fits (GTK_WIDGET (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), language,
               "the question before discarding changes");
  close_all ();

  editor = rapport_interaction_editor_new (f->context, full);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "the Log Interaction form");
  gtk_window_destroy (GTK_WINDOW (editor));

  {
    g_autoptr(GPtrArray) history = rapport_interaction_repository_list (f->store->interactions,
                                                                        rapport_client_get_id (full),
                                                                        NULL, 1, NULL);

    editor = rapport_interaction_editor_new_for (f->context, full, g_ptr_array_index (history, 0));
    gtk_window_present (GTK_WINDOW (editor));
    assert_fits (editor, language, "the Edit Interaction form");
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  editor = rapport_task_editor_new (f->context, full, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "the Add Reminder form");
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = rapport_task_editor_new (f->context, full, f->task);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "the Edit Reminder form");
  gtk_window_destroy (GTK_WINDOW (editor));

  check_order_windows (f, language);

  editor = rapport_preferences_window_new (f->context);
  gtk_window_present (GTK_WINDOW (editor));
  assert_fits (editor, language, "Preferences");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_narrowest (Fixture       *f,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      speak (languages[i]);
      check_main_window (f, languages[i]);
      check_editors (f, languages[i]);
      close_all ();
    }
}

/* The translations are really in use: else every language would measure
 * as English. */
static void
test_translations_load (void)
{
  speak ("ru");
  g_assert_cmpstr (_("Clients"), ==, "Клиенты");
  speak ("fa");
  g_assert_cmpstr (_("Clients"), !=, "Clients");
  speak ("en");
  g_assert_cmpstr (_("Clients"), ==, "Clients");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *catalogues = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  rapport_gui_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/rapport/languages/translations-load", test_translations_load);
  g_test_add ("/rapport/languages/narrowest", Fixture, NULL, fixture_set_up, test_narrowest,
              fixture_tear_down);

  return g_test_run ();
}
