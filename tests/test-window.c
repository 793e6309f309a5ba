/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "rapport-backups.h"
#include "rapport-card-row.h"
#include "rapport-client-card.h"
#include "rapport-client-editor.h"
#include "rapport-client-row.h"
#include "rapport-contact-point-row.h"
#include "rapport-clients-page.h"
#include "rapport-date-row.h"
#include "rapport-error.h"
#include "rapport-gui-test-utils.h"
#include "rapport-test-utils.h"
#include "rapport-interaction-editor.h"
#include "rapport-interaction-row.h"
#include "rapport-preferences-window.h"
#include "rapport-today-page.h"
#include "rapport-window.h"

typedef struct
{
  GtkApplication     *app;
  RapportContext     *context;
  RapportTestStore       *store;
  RapportWindow      *window;
  RapportClientsPage *page;
} Fixture;

/* One application for the program: it is registered on the bus once. */
static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.Test", G_APPLICATION_NON_UNIQUE));
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return app;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->app = get_application ();
  f->context = rapport_gui_test_context_new ("window.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  g_settings_set_int (rapport_context_get_settings (f->context), "window-width", 1100);
  g_settings_set_int (rapport_context_get_settings (f->context), "window-height", 720);
}

static void
open_window (Fixture *f)
{
  f->window = rapport_window_new (f->app, f->context);
  /* These tests are about the clients; Today has tests of its own. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->page = RAPPORT_CLIENTS_PAGE (rapport_gui_test_find (GTK_WIDGET (f->window),
                                                         RAPPORT_TYPE_CLIENTS_PAGE, NULL));
  g_assert_nonnull (f->page);
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

static gboolean
list_is_idle (gpointer data)
{
  Fixture *f = data;

  return !rapport_client_list_get_loading (rapport_clients_page_get_list (f->page));
}

static void
wait_for_list (Fixture *f)
{
  rapport_gui_test_iterate ();
  g_assert_true (rapport_gui_test_wait_for (list_is_idle, f, 5000));
  rapport_gui_test_iterate ();
}

static guint
n_listed (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (rapport_clients_page_get_list (f->page)));
}

static const char *
visible_stack_child (Fixture    *f,
                     const char *stack_id)
{
  GtkStack *stack = GTK_STACK (rapport_gui_test_child (GTK_WIDGET (f->page),
                                                              RAPPORT_TYPE_CLIENTS_PAGE, stack_id));
  return gtk_stack_get_visible_child_name (stack);
}

static RapportClientCard *
get_card (Fixture *f)
{
  return RAPPORT_CLIENT_CARD (rapport_gui_test_find (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENT_CARD, NULL));
}

static gint64
add_client (Fixture    *f,
            const char *given,
            const char *family,
            const char *phone)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (f->store, given, family, phone, NULL);

  return rapport_client_get_id (client);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  rapport_gui_test_iterate ();
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_client (f, "Temp", "Late", "+1 202 555 0100");
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, NULL);
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GDateTime) now = rapport_context_dup_now (f->context);
  GtkWidget *widgets[5];

  /* Every template builds, with no warning (warnings are fatal here). */
  open_window (f);
  rapport_interaction_set_summary (interaction, "Hello");
  rapport_interaction_set_follow_up_on (interaction, "2030-01-01");
  widgets[0] = rapport_client_editor_new (f->context, NULL);
  widgets[1] = rapport_client_editor_new (f->context, client);
  widgets[2] = rapport_interaction_editor_new (f->context, client);
  widgets[3] = rapport_preferences_window_new (f->context);
  widgets[4] = rapport_interaction_row_new (interaction, now);
  for (guint i = 0; i < 4; i++)
    gtk_window_present (GTK_WINDOW (widgets[i]));
  g_object_ref_sink (widgets[4]);
  g_object_unref (widgets[4]);
  g_object_ref_sink (rapport_date_row_new ());
  rapport_gui_test_wait (50);

  builder = gtk_builder_new_from_resource ("/io/github/rapportcrm/Rapport/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static gboolean
shows_main (gpointer data)
{
  return g_strcmp0 (visible_stack_child (data, "stack"), "main") == 0 && n_listed (data) == 300;
}

static void
test_welcome_and_sample (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *title;

  open_window (f);
  g_assert_cmpstr (visible_stack_child (f, "stack"), ==, "welcome");
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Add Client"));

  activate (f, "clients.try-sample");
  g_assert_true (rapport_gui_test_wait_for (shows_main, f, 20000));
  wait_for_list (f);
  title = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_title");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "300 clients");
}

static void
test_search_and_card (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ivan = add_client (f, "Иван", "Петров", "+7 (916) 555-01-02");
  GtkWidget *search, *list_view, *name;

  add_client (f, "Anna", "Nowak", "+48 601 111 222");
  add_client (f, "Reza", "Karimi", "0912 345 6789");
  open_window (f);
  g_assert_cmpstr (visible_stack_child (f, "stack"), ==, "main");
  g_assert_cmpuint (n_listed (f), ==, 3);

  /* Nothing is selected before a client is opened, and typing searches. */
  list_view = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))),
                    ==, GTK_INVALID_LIST_POSITION);

  /* Part of the phone, written another way. */
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  rapport_gui_test_type (search, "555-01");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 1);

  g_signal_emit_by_name (list_view, "activate", 0);
  rapport_gui_test_iterate ();
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, ivan);
  name = rapport_gui_test_child (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CLIENT_CARD, "name_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "Иван Петров");
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CARD_ROW, "\u200e\u202a+7 (916) 555-01-02\u202c\u200e"));

  /* Each copy button says what it copies; the Edit button its shortcut. */
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (get_card (f)), GTK_TYPE_BUTTON, "Copy the Number"));
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Edit Client (Ctrl+E)"));

  /* Nothing found: the page says so. */
  rapport_gui_test_type (search, "zzzz");
  wait_for_list (f);
  g_assert_cmpstr (visible_stack_child (f, "list_stack"), ==, "empty");
}

static const char *
empty_title (Fixture *f)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (rapport_gui_test_child (GTK_WIDGET (f->page),
                                                                             RAPPORT_TYPE_CLIENTS_PAGE,
                                                                             "empty_page")));
}

static gboolean
archived_told (gpointer data)
{
  return g_str_equal (empty_title (data), "Only Archived Clients Match");
}

/* What an empty list says: keep typing a number, or that only archived
 * clients match. */
static void
test_empty_states (Fixture       *f,
                   gconstpointer  data)
{
  gint64 kept = add_client (f, "Archibald", "Keeper", "+44 20 7946 0001");
  g_autoptr(RapportInteraction) call = rapport_interaction_new (kept, RAPPORT_INTERACTION_CALL);
  GtkWidget *search;

  add_client (f, "Anna", "Nowak", "+48 601 111 222");
  rapport_interaction_set_occurred_at (call, 1700000000);
  rapport_interaction_set_summary (call, "Called");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, NULL));
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, kept, TRUE, NULL));
  open_window (f);
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");

  rapport_gui_test_type (search, "9");
  wait_for_list (f);
  g_assert_cmpstr (visible_stack_child (f, "list_stack"), ==, "empty");
  g_assert_cmpstr (empty_title (f), ==, "Keep Typing");
  rapport_gui_test_type (search, "+4");
  wait_for_list (f);
  g_assert_cmpstr (empty_title (f), ==, "Keep Typing");

  rapport_gui_test_type (search, "archib");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 0);
  g_assert_true (rapport_gui_test_wait_for (archived_told, f, 5000));

  rapport_gui_test_type (search, "zzzz");
  wait_for_list (f);
  rapport_gui_test_wait (200);
  g_assert_cmpstr (empty_title (f), ==, "No Results");
}

/* The notes on a card keep off their border. */
static void
test_notes_padding (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  GtkWidget *notes, *plain;
  int with_padding, without;

  rapport_client_set_given_name (client, "Nora");
  rapport_client_set_notes (client, "W");
  g_assert_true (rapport_client_repository_save (f->store->clients, client, NULL));
  open_window (f);
  rapport_clients_page_show_client (f->page, rapport_client_get_id (client));
  rapport_gui_test_iterate ();

  notes = rapport_gui_test_child (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CLIENT_CARD, "notes_label");
  plain = g_object_ref_sink (gtk_label_new ("W"));
  gtk_widget_measure (notes, GTK_ORIENTATION_HORIZONTAL, -1, &with_padding, NULL, NULL, NULL);
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &without, NULL, NULL, NULL);
  g_object_unref (plain);
  g_assert_cmpint (with_padding - without, >=, 2 * 12);
}

/* The row of the Clients list that shows the client named @name. */
static GtkWidget *
find_client_row (Fixture    *f,
                 const char *name)
{
  GtkWidget *list_view = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *client_row = rapport_gui_test_find (row, RAPPORT_TYPE_CLIENT_ROW, NULL);
      RapportClient *client;

      if (client_row == NULL || !gtk_widget_get_mapped (client_row))
        continue;
      client = rapport_client_row_get_client (RAPPORT_CLIENT_ROW (client_row));
      if (client != NULL && g_str_equal (rapport_client_get_display_name (client), name))
        return client_row;
    }
  return NULL;
}

/* How many lines of pixels @widget leaves blank above and below what it
 * draws, drawn as GTK would draw it on screen. */
static void
measure_blank (GtkWidget *widget,
               int       *above,
               int       *below)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  GskRenderNode *node;
  int first = -1, last = -1;
  cairo_t *cr;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);
  cairo_surface_flush (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *line = (const guint32 *) (cairo_image_surface_get_data (surface)
                                               + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++)
        if ((line[x] >> 24) > 0x40)
          {
            first = first < 0 ? y : first;
            last = y;
            break;
          }
    }
  cairo_surface_destroy (surface);
  g_assert_cmpint (first, >=, 0);
  *above = first;
  *below = height - 1 - last;
}

/* Every row of the list is as high as the others; one with a line less
 * to show centres what it has instead of leaving a gap under it. */
static void
test_rows_without_tags (Fixture       *f,
                        gconstpointer  data)
{
  const char * const tags[] = { "regular", NULL };
  g_autoptr(RapportClient) tagged = rapport_test_add_client (f->store, "Tessa", "Tagged", "+1 202 555 0110", NULL);
  const char *names[] = { "Tessa Tagged", "Una Untagged", "Nina Nameonly" };
  int above[G_N_ELEMENTS (names)], below[G_N_ELEMENTS (names)], height = 0;

  rapport_client_set_tags (tagged, tags);
  g_assert_true (rapport_client_repository_save (f->store->clients, tagged, NULL));
  add_client (f, "Una", "Untagged", "+1 202 555 0111");
  add_client (f, "Nina", "Nameonly", NULL);
  open_window (f);
  wait_for_list (f);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *row = find_client_row (f, names[i]);

      g_assert_nonnull (row);
      if (height == 0)
        height = gtk_widget_get_height (row);
      g_assert_cmpint (gtk_widget_get_height (row), ==, height);
      measure_blank (row, &above[i], &below[i]);
    }

  /* Three lines fill the row; two lines, and one, sit in its middle. */
  g_assert_cmpint (below[0], <, above[1]);
  g_assert_cmpint (ABS (above[1] - below[1]), <=, 3);
  g_assert_cmpint (above[2], >, above[1]);
  g_assert_cmpint (ABS (above[2] - below[2]), <=, 3);
}

/* The id of the client selected in the list, or 0. */
static gint64
selected_id (Fixture *f)
{
  GtkListView *view = GTK_LIST_VIEW (rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE,
                                                             "list_view"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));
  RapportClientSlot *slot = gtk_single_selection_get_selected_item (selection);

  return slot ? rapport_client_get_id (rapport_client_slot_get_client (slot)) : 0;
}

static guint
n_new_client_forms (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (RAPPORT_IS_CLIENT_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      n++;
  return n;
}

static void
on_list_search (RapportClientList *list,
                GParamSpec        *pspec,
                GPtrArray         *searches)
{
  g_ptr_array_add (searches, g_strdup (rapport_client_list_get_search (list)));
}

/* After a look-up, the list, its selection and the card agree. */
static void
test_screen_pop (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ivan = add_client (f, "Иван", "Петров", "+7 (916) 555-01-02");
  gint64 olga;
  GtkWidget *search;
  g_autoptr(GPtrArray) searches = NULL;
  gulong handler;

  olga = add_client (f, "Olga", "Sidorova", "+7 (903) 444-00-11");
  add_client (f, "Oleg", "Sidorov", "8 903 444 00 11");
  /* Numbers written without +7 are Russian to this business. */
  g_settings_set_string (rapport_context_get_settings (f->context), "phone-country", "RU");
  open_window (f);
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");

  /* Someone else is on show, found by a search that does not list Ivan. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Olga");
  wait_for_list (f);
  rapport_clients_page_show_client (f->page, olga);
  g_assert_cmpint (selected_id (f), ==, olga);

  rapport_window_lookup_phone (f->window, "89165550102");
  wait_for_list (f);
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, ivan);
  g_assert_cmpint (selected_id (f), ==, ivan);
  g_assert_cmpuint (n_listed (f), ==, 3);

  /* Two clients share a number: both are listed, neither is on the card.
   * The list searches the number, and nothing before it (replacing the
   * entry's text empties it first). */
  gtk_editable_set_text (GTK_EDITABLE (search), "Oleg");
  wait_for_list (f);
  searches = g_ptr_array_new_with_free_func (g_free);
  handler = g_signal_connect (rapport_clients_page_get_list (f->page), "notify::search",
                              G_CALLBACK (on_list_search), searches);
  rapport_window_lookup_phone (f->window, "+7 903 444 00 11");
  wait_for_list (f);
  g_signal_handler_disconnect (rapport_clients_page_get_list (f->page), handler);
  g_assert_cmpuint (searches->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (searches, 0), ==, "+7 903 444 00 11");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "+7 903 444 00 11");
  g_assert_cmpuint (n_listed (f), ==, 2);
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, 0);
  g_assert_cmpint (selected_id (f), ==, 0);

  /* Nobody has it: a new client, to be filled in; the same caller again
   * gets the same form, another caller one of their own. */
  g_assert_cmpuint (n_new_client_forms (), ==, 0);
  rapport_window_lookup_phone (f->window, "+44 20 7946 0958");
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_new_client_forms (), ==, 1);
  for (guint i = 0; i < 5; i++)
    rapport_window_lookup_phone (f->window, i % 2 ? "+44 20 7946 0958" : "+44 (0)20 7946 0958");
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_new_client_forms (), ==, 1);
  rapport_window_lookup_phone (f->window, "+44 20 7946 0959");
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_new_client_forms (), ==, 2);
}

static gboolean
undo_is_gone (gpointer data)
{
  Fixture *f = data;

  return rapport_gui_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Undo") == NULL;
}

static void
click_undo (Fixture *f)
{
  GtkWidget *undo = rapport_gui_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Undo");

  g_assert_nonnull (undo);
  /* Let the toast finish rising, as it has by the time a person reads it.
   * libadwaita 1.2 frees a toast dismissed during its show animation while
   * that animation still points at it, and crashes when the animation ends. */
  rapport_gui_test_wait (600);
  rapport_gui_test_click (undo);
  wait_for_list (f);
  /* The toast leaves with an animation; its button must not be found again. */
  g_assert_true (rapport_gui_test_wait_for (undo_is_gone, f, 3000));
}

static void
test_delete_and_archive_undo (Fixture       *f,
                              gconstpointer  data)
{
  gint64 fresh = add_client (f, "Fresh", "Client", "+1 202 555 0101");
  gint64 regular = add_client (f, "Regular", "Client", "+1 202 555 0102");
  g_autoptr(RapportInteraction) visit = rapport_interaction_new (regular, RAPPORT_INTERACTION_VISIT);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) back = NULL;

  rapport_interaction_set_summary (visit, "Haircut");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, visit, &error));
  open_window (f);

  /* No history: Delete, not Archive. */
  rapport_clients_page_show_client (f->page, fresh);
  activate (f, "client.delete");
  wait_for_list (f);
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, 0);
  g_assert_null (rapport_client_repository_get (f->store->clients, fresh, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_listed (f), ==, 1);

  click_undo (f);
  back = rapport_client_repository_get (f->store->clients, fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_main_phone (back), ==, "+1 202 555 0101");
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, fresh);
  g_assert_cmpuint (n_listed (f), ==, 2);

  /* History: archived, never deleted. */
  rapport_clients_page_show_client (f->page, regular);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "client.delete", NULL);
  rapport_gui_test_iterate ();
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, regular);
  activate (f, "client.archive");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 1);
  g_clear_object (&back);
  back = rapport_client_repository_get (f->store->clients, regular, &error);
  g_assert_true (rapport_client_get_archived (back));

  click_undo (f);
  g_assert_cmpuint (n_listed (f), ==, 2);
}

static gboolean
editor_saved_and_closed (gpointer data)
{
  return rapport_gui_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

/* The whole way through, as a person would go: Ctrl+N, the dialog, the
 * list, the card, Ctrl+L, the dialog again, remove, Undo. */
static void
test_create_find_log_remove (Fixture       *f,
                             gconstpointer  data)
{
  GtkWindow *editor, *logger;
  GtkWidget *search, *list_view, *phone, *timeline;
  RapportClient *client;
  gint64 id;

  add_client (f, "Someone", "Else", "+1 202 555 0100");
  open_window (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-client", NULL));
  rapport_gui_test_iterate ();
  editor = rapport_gui_test_find_window (RAPPORT_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  rapport_gui_test_type (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CLIENT_EDITOR, "given_row"), "Małgorzata");
  rapport_gui_test_type (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CLIENT_EDITOR, "family_row"), "Wiśniewska");
  phone = rapport_gui_test_find (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CLIENT_EDITOR, "phones_group"),
                                 RAPPORT_TYPE_CONTACT_POINT_ROW, NULL);
  rapport_gui_test_type (phone, "+48 601 234 567");
  rapport_gui_test_click (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CLIENT_EDITOR, "save_button"));
  g_assert_true (rapport_gui_test_wait_for (editor_saved_and_closed, GSIZE_TO_POINTER (RAPPORT_TYPE_CLIENT_EDITOR), 2000));
  wait_for_list (f);

  /* Saved: the card shows the new client. */
  id = rapport_clients_page_get_client_id (f->page);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (n_listed (f), ==, 2);

  /* Found by part of the number, written another way. */
  rapport_clients_page_show_client (f->page, 0);
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  rapport_gui_test_type (search, "234-567");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 1);
  list_view = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");
  g_signal_emit_by_name (list_view, "activate", 0);
  rapport_gui_test_iterate ();
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, id);

  /* Log a visit. */
  activate (f, "client.log");
  logger = rapport_gui_test_find_window (RAPPORT_TYPE_INTERACTION_EDITOR);
  g_assert_nonnull (logger);
  adw_combo_row_set_selected (ADW_COMBO_ROW (rapport_gui_test_child (GTK_WIDGET (logger), RAPPORT_TYPE_INTERACTION_EDITOR, "kind_row")), 3);
  rapport_gui_test_type (rapport_gui_test_child (GTK_WIDGET (logger), RAPPORT_TYPE_INTERACTION_EDITOR, "summary_row"),
                         "Picked up the repaired phone");
  rapport_gui_test_click (rapport_gui_test_child (GTK_WIDGET (logger), RAPPORT_TYPE_INTERACTION_EDITOR, "save_button"));
  g_assert_true (rapport_gui_test_wait_for (editor_saved_and_closed, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_EDITOR), 2000));
  rapport_gui_test_iterate ();
  timeline = rapport_gui_test_child (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CLIENT_CARD, "timeline");
  g_assert_cmpuint (rapport_client_card_get_n_shown (get_card (f)), ==, 1);
  g_assert_nonnull (rapport_gui_test_find (timeline, RAPPORT_TYPE_INTERACTION_ROW, NULL));
  client = rapport_client_card_get_client (get_card (f));
  g_assert_cmpint (rapport_client_get_last_contact_at (client), >, 0);

  /* With history the client is archived, and Undo brings it back. */
  activate (f, "client.archive");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 0);
  click_undo (f);
  g_assert_cmpuint (n_listed (f), ==, 1);
  g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, id);
}

static gboolean
is_folded (gpointer data)
{
  Fixture *f = data;
  GtkWidget *leaflet = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "leaflet");

  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = add_client (f, "Narrow", "Window", "+1 202 555 0103");
  AdwLeaflet *leaflet;
  GtkWidget *list_pane, *card_pane;

  g_settings_set_int (rapport_context_get_settings (f->context), "window-width", 360);
  g_settings_set_int (rapport_context_get_settings (f->context), "window-height", 640);
  open_window (f);
  g_assert_true (rapport_gui_test_wait_for (is_folded, f, 3000));

  leaflet = ADW_LEAFLET (rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "leaflet"));
  list_pane = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_pane");
  card_pane = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "card_pane");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);

  /* One column: the card replaces the list, and Back returns to it. */
  rapport_clients_page_show_client (f->page, id);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == card_pane);
  activate (f, "clients.back");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
}

static void
test_right_to_left (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = add_client (f, "علی", "کریمی", "۰۹۱۲ ۳۴۵ ۶۷۸۹");
  g_autoptr(RapportInteraction) call = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
  GtkWidget *row, *label;
  PangoLayout *layout;

  rapport_interaction_set_occurred_at (call, 1700000000);
  rapport_interaction_set_summary (call, "Quote for the iPhone 12 screen");
  rapport_interaction_set_text (call, "Asked twice.\nWill call back.");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, NULL));

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  open_window (f);
  rapport_clients_page_show_client (f->page, id);
  rapport_gui_test_wait (50);
  rapport_gui_test_iterate ();
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_card (f))), ==, GTK_TEXT_DIR_RTL);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CARD_ROW,
                                           "\u200e\u202a۰۹۱۲ ۳۴۵ ۶۷۸۹\u202c\u200e"));

  /* A Latin summary in a right-to-left history: every line of the row
   * reads right to left, from beside the icon. */
  row = rapport_gui_test_find (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_INTERACTION_ROW, NULL);
  g_assert_nonnull (row);
  label = rapport_gui_test_find (row, GTK_TYPE_LABEL, NULL);
  layout = gtk_label_get_layout (GTK_LABEL (label));
  g_assert_cmpint (pango_layout_get_line_count (layout), >=, 4);
  for (int i = 0; i < pango_layout_get_line_count (layout); i++)
    g_assert_cmpint (pango_layout_get_line_readonly (layout, i)->resolved_dir, ==, PANGO_DIRECTION_RTL);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* The numbers of the clients whose rows are on screen, top to bottom. */
static GArray *
visible_numbers (GtkWidget *list_view)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  int height = gtk_widget_get_height (list_view);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *client_row = rapport_gui_test_find (row, RAPPORT_TYPE_CLIENT_ROW, NULL);
      RapportClient *client;
      graphene_point_t top;
      const char *text;
      guint number;

      if (client_row == NULL || !gtk_widget_get_mapped (row)
          || !gtk_widget_compute_point (row, list_view, &GRAPHENE_POINT_INIT (0, 0), &top)
          || top.y + gtk_widget_get_height (row) <= 0 || top.y >= height)
        continue;
      client = rapport_client_row_get_client (RAPPORT_CLIENT_ROW (client_row));
      g_assert_nonnull (client);
      text = rapport_client_get_display_name (client);
      g_assert_true (g_str_has_prefix (text, "Row"));
      number = (guint) atoi (text + 3);
      g_array_append_val (numbers, number);
    }
  return numbers;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  GtkWidget *list_view;
  double     row_height;
} Screen;

/* Whether the rows on screen are a run of consecutive clients, none
 * missing, none blank, within @slack of where the scroll bar says. */
static gboolean
rows_follow_on (GtkWidget *list_view,
                guint      near,
                guint      slack)
{
  g_autoptr(GArray) numbers = visible_numbers (list_view);

  if (numbers->len <= 3)
    return FALSE;
  /* Row widgets are reused in any order: sort what is on screen. */
  g_array_sort (numbers, compare_numbers);
  for (guint i = 1; i < numbers->len; i++)
    if (g_array_index (numbers, guint, i) != g_array_index (numbers, guint, i - 1) + 1)
      return FALSE;
  return ABS ((int) g_array_index (numbers, guint, 0) - (int) near) <= (int) slack;
}

static gboolean
screen_follows_on (gpointer data)
{
  Screen *screen = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (screen->list_view));

  return rows_follow_on (screen->list_view, (guint) (gtk_adjustment_get_value (adjustment) / screen->row_height), 3);
}

static void
assert_rows_follow_on (GtkWidget *list_view,
                       guint      near,
                       guint      slack)
{
  g_autoptr(GArray) numbers = visible_numbers (list_view);

  g_assert_cmpuint (numbers->len, >, 3);
  /* Row widgets are reused in any order: sort what is on screen, which
   * must be a run of consecutive clients, none missing, none blank. */
  g_array_sort (numbers, compare_numbers);
  for (guint i = 1; i < numbers->len; i++)
    g_assert_cmpuint (g_array_index (numbers, guint, i), ==, g_array_index (numbers, guint, i - 1) + 1);
  g_assert_cmpuint (ABS ((int) g_array_index (numbers, guint, 0) - (int) near), <=, slack);
}

static void
test_scroll_100k (Fixture       *f,
                  gconstpointer  data)
{
  const guint n = 100000;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) today = NULL;
  GtkWidget *list_view;
  GtkAdjustment *adjustment;
  RapportClientList *list;
  double row_height;
  Screen screen;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportClient) client = rapport_client_new ();
      g_autofree char *name = g_strdup_printf ("Row%06u", i);

      rapport_client_set_given_name (client, name);
      g_assert_true (rapport_client_repository_save (f->store->clients, client, &error));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));
  /* Once drawn, the window checks the file and makes the backup of the
   * day in the background; what is measured here is the list alone. */
  g_clear_object (&today);
  today = rapport_backups_make_daily (f->store->db, NULL, &error);
  g_assert_no_error (error);

  open_window (f);
  rapport_gui_test_wait (1500);
  list = rapport_clients_page_get_list (f->page);
  g_assert_cmpuint (n_listed (f), ==, n);
  list_view = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  rapport_gui_test_wait (100);
  row_height = gtk_adjustment_get_upper (adjustment) / n;
  g_assert_cmpfloat (row_height, >, 10);
  screen = (Screen) { list_view, row_height };

  /* Jumps anywhere, and page by page through a stretch: the rows on screen
   * are always the right ones, in order, and memory holds a few pages. */
  for (guint step = 0; step <= 20; step++)
    {
      double value = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
                     * step / 20.0;

      gtk_adjustment_set_value (adjustment, value);
      /* Within a few frames; a busy machine may take longer to draw them. */
      rapport_gui_test_wait (30);
      rapport_gui_test_wait_for (screen_follows_on, &screen, 2000);
      assert_rows_follow_on (list_view, (guint) (gtk_adjustment_get_value (adjustment) / row_height), 3);
    }
  for (guint page = 0; page < 200; page++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                            - gtk_adjustment_get_page_increment (adjustment));
      rapport_gui_test_wait (5);
    }
  rapport_gui_test_wait (30);
  rapport_gui_test_wait_for (screen_follows_on, &screen, 2000);
  assert_rows_follow_on (list_view, (guint) (gtk_adjustment_get_value (adjustment) / row_height), 3);
  g_assert_cmpuint (rapport_client_list_get_n_cached (list), <, 5000);
}

/* The ids of the clients whose rows are on screen, top to bottom. */
static GArray *
shown_ids (GtkWidget *list_view)
{
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unsorted = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int height = gtk_widget_get_height (list_view);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *client_row = rapport_gui_test_find (row, RAPPORT_TYPE_CLIENT_ROW, NULL);
      graphene_point_t top;
      RapportClient *client;
      gint64 id;
      double y;

      if (client_row == NULL || !gtk_widget_get_mapped (row) || !gtk_widget_get_child_visible (row)
          || !gtk_widget_compute_point (row, list_view, &GRAPHENE_POINT_INIT (0, 0), &top)
          || top.y + gtk_widget_get_height (row) <= 0 || top.y >= height)
        continue;
      client = rapport_client_row_get_client (RAPPORT_CLIENT_ROW (client_row));
      g_assert_nonnull (client);
      id = rapport_client_get_id (client);
      y = top.y;
      g_array_append_val (unsorted, id);
      g_array_append_val (tops, y);
    }
  /* Rows are kept in any order: put them in the order they are seen. */
  while (unsorted->len > 0)
    {
      guint best = 0;

      for (guint i = 1; i < tops->len; i++)
        if (g_array_index (tops, double, i) < g_array_index (tops, double, best))
          best = i;
      g_array_append_val (ids, g_array_index (unsorted, gint64, best));
      g_array_remove_index (unsorted, best);
      g_array_remove_index (tops, best);
    }
  return ids;
}

/* The list holds exactly what its search finds, in its order, and the
 * rows on screen show its clients from the top of the view on. */
static void
assert_rows_as_searched (Fixture   *f,
                         GtkWidget *list_view)
{
  RapportClientList *list = rapport_clients_page_get_list (f->page);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) shown = NULL;
  guint n = n_listed (f), first;

  found = rapport_client_repository_search (f->store->clients, rapport_client_list_get_search (list),
                                            rapport_client_list_get_sort (list),
                                            rapport_client_list_get_include_archived (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, found->len);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (rapport_client_list_get_id (list, i), ==, g_array_index (found, gint64, i));

  shown = shown_ids (list_view);
  g_assert_cmpuint (shown->len, <=, n);
  if (n > 0)
    g_assert_cmpuint (shown->len, >, 0);
  first = n == 0 ? 0 : (guint) (gtk_adjustment_get_value (adjustment) * n / gtk_adjustment_get_upper (adjustment));
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (g_array_index (shown, gint64, i), ==, g_array_index (found, gint64, first + i));
}

static void
on_row_made (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             guint                    *made)
{
  (*made)++;
}

/* The rows GTK 4.8's list view needs for the first @n places: it keeps
 * 200 around what it shows, and two more about each place it follows. */
static guint
rows_for (guint n)
{
  return MIN (n, 205);
}

/* As keys do: the characters after what the text shares with @text are
 * deleted, then the rest of @text is typed. Setting the whole text would
 * go through an empty search, which GTK's search entry tells at once. */
static void
type_keys (GtkWidget  *entry,
           const char *text)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (entry));
  int shared = 0, position;

  while (now[shared] != '\0' && now[shared] == text[shared])
    shared++;
  if (now[shared] != '\0')
    gtk_editable_delete_text (GTK_EDITABLE (entry), g_utf8_strlen (now, shared), -1);
  position = g_utf8_strlen (text, shared);
  gtk_editable_insert_text (GTK_EDITABLE (entry), text + shared, -1, &position);
  rapport_gui_test_iterate ();
}

static void
wait_for_rows (Fixture *f)
{
  wait_for_list (f);
  rapport_gui_test_wait (20);
}

/* Typing keeps the list's row widgets: a new search shows its clients in
 * the rows the list view has (GTK 4.8 makes rows anew only for items it
 * has not seen); the rows on screen are always exactly the search's, in
 * order, through scrolling, archiving, saves that move one row and
 * another program's writes; the card stays on the client it shows. */
static void
test_typing_keeps_rows (Fixture       *f,
                        gconstpointer  data)
{
  const char * const given[] = { "Anna", "Boris", "Marta", "Reza", "Ivan" };
  const char * const typed[] = { "a", "an", "ann", "anna", "", "row", "row1", "row12", "row1", "row",
                                 "ma", "mar", "marta", "", "r", "re", "rez", "reza r", "" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) moved = NULL;
  GtkWidget *list_view, *search;
  GtkAdjustment *adjustment;
  GtkListItemFactory *factory;
  guint made = 0, allowed = 0, n_before;
  gint64 opened, archived;
  gulong handler;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *family = g_strdup_printf ("Row%03u", i);
      g_object_unref (rapport_test_add_client (f->store, given[i % G_N_ELEMENTS (given)], family, NULL, NULL));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));

  open_window (f);
  wait_for_rows (f);
  g_assert_cmpuint (n_listed (f), ==, 300);
  list_view = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "list_view");
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  factory = gtk_list_view_get_factory (GTK_LIST_VIEW (list_view));
  handler = g_signal_connect (factory, "setup", G_CALLBACK (on_row_made), &made);
  assert_rows_as_searched (f, list_view);

  /* Open a client: the card stays on it whatever is typed; its row is
   * selected when the search finds it, none is when it does not. */
  opened = rapport_client_list_get_id (rapport_clients_page_get_list (f->page), 7);
  rapport_clients_page_show_client (f->page, opened);
  wait_for_rows (f);

  n_before = n_listed (f);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
      guint position;

      type_keys (search, typed[i]);
      wait_for_rows (f);
      assert_rows_as_searched (f, list_view);
      /* Only places the list view did not have need rows; a search that
       * finds more than its first part (128 rows) holds only those until
       * the rest comes. */
      if (n_listed (f) > 128)
        n_before = MIN (n_before, 128);
      if (rows_for (n_listed (f)) > rows_for (n_before))
        allowed += rows_for (n_listed (f)) - rows_for (n_before);
      n_before = n_listed (f);
      g_assert_cmpuint (made, <=, allowed);

      g_assert_cmpint (rapport_clients_page_get_client_id (f->page), ==, opened);
      position = rapport_client_list_find (rapport_clients_page_get_list (f->page), opened);
      g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==,
                        position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
    }
  /* Searches that kept 200 rows or more made none. */
  g_test_message ("%u rows made while typing, %u places added", made, allowed);

  /* Scrolled down, a new search is shown from its top. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  wait_for_rows (f);
  assert_rows_as_searched (f, list_view);
  type_keys (search, "row");
  wait_for_rows (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  assert_rows_as_searched (f, list_view);

  /* Archived and back; a save that moves one row; another program. */
  archived = rapport_client_list_get_id (rapport_clients_page_get_list (f->page), 2);
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, archived, TRUE, &error));
  wait_for_rows (f);
  assert_rows_as_searched (f, list_view);
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, archived, FALSE, &error));
  wait_for_rows (f);
  assert_rows_as_searched (f, list_view);

  moved = rapport_client_repository_get (f->store->clients,
                                         rapport_client_list_get_id (rapport_clients_page_get_list (f->page), 250),
                                         &error);
  g_assert_no_error (error);
  rapport_client_set_family_name (moved, "Row000a");
  rapport_client_set_display_name (moved, "");
  g_assert_true (rapport_client_repository_save (f->store->clients, moved, &error));
  wait_for_rows (f);
  assert_rows_as_searched (f, list_view);

  rapport_test_run_sql (rapport_database_get_path (f->store->db),
                        "UPDATE clients SET given_name = 'Zoe', display_name = 'Zoe Row001', sort_key = 'zoe row001' "
                        "WHERE id = (SELECT min(id) FROM clients)");
  g_assert_true (rapport_database_check_changes (f->store->db));
  wait_for_rows (f);
  assert_rows_as_searched (f, list_view);

  g_signal_handler_disconnect (factory, handler);
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
error_is_shown (gpointer data)
{
  Fixture *f = data;

  return find_label_containing (GTK_WIDGET (f->window), "could not use") != NULL;
}

/* A database that fails under the open window is told to the person, in
 * words, not logged and left as blank rows. */
static void
test_database_errors_shown (Fixture       *f,
                            gconstpointer  data)
{
  const char *path = rapport_database_get_path (rapport_context_get_database (f->context));
  GtkWidget *search;

  add_client (f, "Anna", "Nowak", NULL);
  add_client (f, "Andrei", "Popescu", NULL);
  add_client (f, "Bob", "Smith", NULL);
  open_window (f);
  wait_for_list (f);

  /* Another program breaks the file under the open window. */
  rapport_test_run_sql (path, "DROP TABLE client_tags");
  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  rapport_gui_test_type (search, "an");
  wait_for_list (f);
  g_assert_true (rapport_gui_test_wait_for (error_is_shown, f, 3000));
}

/* Ids are whatever the file holds: the window lists, searches and shows
 * clients with negative and huge ids like any other. */
static void
test_odd_ids (Fixture       *f,
              gconstpointer  data)
{
  const char *path = rapport_database_get_path (rapport_context_get_database (f->context));
  GtkWidget *search, *name;

  add_client (f, "Normal", "Client", NULL);
  rapport_test_run_sql (path,
                        "INSERT INTO clients (id, kind, display_name, created_at, updated_at, sort_key,"
                        " search_pos)"
                        " VALUES (-7, 'person', 'Negative Seven', 0, 0, 'negative seven', -7),"
                        " (9223372036854775807, 'person', 'Largest Id', 9000000000000000000,"
                        "  9000000000000000000, 'largest id', 9223372036854775807);"
                        "INSERT INTO client_search (rowid, body) VALUES (-7, 'negative seven'),"
                        " (9223372036854775807, 'largest id');"
                        "UPDATE clients SET last_contact_at = -9000000000000000000 WHERE id = -7;");
  open_window (f);
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 3);

  search = rapport_gui_test_child (GTK_WIDGET (f->page), RAPPORT_TYPE_CLIENTS_PAGE, "search_entry");
  rapport_gui_test_type (search, "largest");
  wait_for_list (f);
  g_assert_cmpuint (n_listed (f), ==, 1);

  rapport_clients_page_show_client (f->page, G_MAXINT64);
  rapport_gui_test_iterate ();
  name = rapport_gui_test_child (GTK_WIDGET (get_card (f)), RAPPORT_TYPE_CLIENT_CARD, "name_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "Largest Id");
  rapport_clients_page_show_client (f->page, -7);
  rapport_gui_test_iterate ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "Negative Seven");
  rapport_gui_test_type (search, "");
  wait_for_list (f);
  rapport_gui_test_wait (100);
}

static GtkWidget *
window_page (Fixture    *f,
             const char *name)
{
  GtkStack *pages = GTK_STACK (rapport_gui_test_child (GTK_WIDGET (f->window), RAPPORT_TYPE_WINDOW, "pages"));

  return gtk_stack_get_child_by_name (pages, name);
}

static const char *
today_shows (Fixture *f)
{
  GtkWidget *today = window_page (f, "today");

  return gtk_stack_get_visible_child_name (GTK_STACK (rapport_gui_test_child (today, RAPPORT_TYPE_TODAY_PAGE,
                                                                               "stack")));
}

static gboolean
all_pages_made (gpointer data)
{
  GtkStack *pages = GTK_STACK (rapport_gui_test_child (data, RAPPORT_TYPE_WINDOW, "pages"));
  g_autoptr(GtkSelectionModel) made = gtk_stack_get_pages (pages);

  return g_list_model_get_n_items (G_LIST_MODEL (made)) == 6;
}

/* The first frame waits only for the Today page, which reads what is due
 * in a worker and says nothing until it knows; the other pages come after
 * that frame, or when the sidebar asks for them from the keyboard, and
 * the card's history after the card. */
static void
test_first_frame (Fixture       *f,
                  gconstpointer  data)
{
  const char * const later[] = { "clients", "orders", "deliveries", "campaigns", "analytics" };
  gint64 id = add_client (f, "Ada", "Lovelace", "+44 20 7946 0001");
  g_autoptr(RapportInteraction) call = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
  RapportClientCard *card;
  GtkWidget *row;

  rapport_interaction_set_summary (call, "Asked for a quote");
  rapport_interaction_set_occurred_at (call, rapport_database_now (rapport_context_get_database (f->context)));
  rapport_interaction_set_follow_up_on (call, "2020-01-01");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, NULL));

  f->window = rapport_window_new (f->app, f->context);
  g_assert_nonnull (window_page (f, "today"));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_null (window_page (f, later[i]));
  /* Neither “Nothing Due” nor rows before the reading is in. */
  g_assert_cmpstr (today_shows (f), ==, "loading");
  g_assert_true (rapport_today_page_get_loading (RAPPORT_TODAY_PAGE (window_page (f, "today"))));

  /* The sidebar, from the keyboard, before idle time made the page. */
  gtk_window_present (GTK_WINDOW (f->window));
  row = rapport_gui_test_child (GTK_WIDGET (f->window), RAPPORT_TYPE_WINDOW, "clients_row");
  gtk_widget_grab_focus (row);
  gtk_widget_activate (row);
  g_assert_nonnull (window_page (f, "clients"));
  rapport_gui_test_iterate ();
  g_assert_true (gtk_widget_get_mapped (window_page (f, "clients")));
  g_assert_cmpstr (today_shows (f), ==, "list");

  /* A card: its history once the card is drawn. */
  f->page = RAPPORT_CLIENTS_PAGE (window_page (f, "clients"));
  rapport_window_show_client (f->window, id);
  card = get_card (f);
  g_assert_cmpuint (rapport_client_card_get_n_shown (card), ==, 0);
  g_assert_false (gtk_widget_get_visible (rapport_gui_test_child (GTK_WIDGET (card), RAPPORT_TYPE_CLIENT_CARD,
                                                                  "timeline")));
  rapport_gui_test_iterate ();
  g_assert_cmpuint (rapport_client_card_get_n_shown (card), ==, 1);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (card), RAPPORT_TYPE_INTERACTION_ROW, NULL));

  /* Idle time made every other page; each shows when asked. */
  g_assert_true (rapport_gui_test_wait_for (all_pages_made, f->window, 5000));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      g_autofree char *row_id = g_strconcat (later[i], "_row", NULL);

      g_assert_nonnull (window_page (f, later[i]));
      row = rapport_gui_test_child (GTK_WIDGET (f->window), RAPPORT_TYPE_WINDOW, row_id);
      gtk_widget_grab_focus (row);
      gtk_widget_activate (row);
      rapport_gui_test_iterate ();
      g_assert_true (gtk_widget_get_mapped (window_page (f, later[i])));
    }
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/window/templates", test_templates);
  ADD ("/rapport/window/welcome-and-sample", test_welcome_and_sample);
  ADD ("/rapport/window/search-and-card", test_search_and_card);
  ADD ("/rapport/window/screen-pop", test_screen_pop);
  ADD ("/rapport/window/empty-states", test_empty_states);
  ADD ("/rapport/window/notes-padding", test_notes_padding);
  ADD ("/rapport/window/rows-without-tags", test_rows_without_tags);
  ADD ("/rapport/window/delete-and-archive-undo", test_delete_and_archive_undo);
  ADD ("/rapport/window/create-find-log-remove", test_create_find_log_remove);
  ADD ("/rapport/window/narrow", test_narrow);
  ADD ("/rapport/window/right-to-left", test_right_to_left);
  ADD ("/rapport/window/scroll-100k", test_scroll_100k);
  ADD ("/rapport/window/typing-keeps-rows", test_typing_keeps_rows);
  ADD ("/rapport/window/database-errors-shown", test_database_errors_shown);
  ADD ("/rapport/window/odd-ids", test_odd_ids);
  ADD ("/rapport/window/first-frame", test_first_frame);
#undef ADD

  return g_test_run ();
}
