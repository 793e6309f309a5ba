/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-duplicates-dialog.h"
#include "rapport-gui-test-utils.h"
#include "rapport-import-dialog.h"
#include "rapport-imports-dialog.h"
#include "rapport-merge-dialog.h"
#include "rapport-test-utils.h"
#include "rapport-window.h"

/* The import dialog (preview, columns, import, Undo from the window), the
 * import history, the possible duplicates and the merge dialog, driven as
 * a person would, on real files of the interoperability corpus. */

typedef struct
{
  GtkApplication   *app;
  RapportContext   *context;
  RapportTestStore *store;
  RapportWindow    *window;
  const char       *stack_name;
  GType             stack_type;
  GtkWidget        *dialog;
} Fixture;

static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.ContactsTest",
                                                  G_APPLICATION_NON_UNIQUE));
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
  f->context = rapport_gui_test_context_new ("contacts-gui.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
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

static GFile *
corpus (const char *folder,
        const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "interop", folder, name, NULL);

  return g_file_new_for_path (path);
}

static gint64
count_clients (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_client_repository_search (rapport_context_get_clients (f->context), "",
                                                            RAPPORT_CLIENT_SORT_NAME, TRUE, &error);

  g_assert_no_error (error);
  return ids->len;
}

static gboolean
stack_shows (gpointer data)
{
  Fixture *f = data;
  GtkWidget *stack = rapport_gui_test_child (f->dialog, f->stack_type, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), f->stack_name) == 0;
}

static void
wait_for_page (Fixture    *f,
               GType       type,
               const char *name)
{
  f->stack_type = type;
  f->stack_name = name;
  g_assert_true (rapport_gui_test_wait_for (stack_shows, f, 10000));
}

static gboolean
dialog_gone (gpointer data)
{
  Fixture *f = data;

  return rapport_gui_test_find_window (f->stack_type) == NULL;
}

typedef struct
{
  Fixture *f;
  gint64   wanted;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *count = data;

  return count_clients (count->f) == count->wanted;
}

static void
wait_for_count (Fixture *f,
                gint64   wanted)
{
  Count count = { f, wanted };

  g_assert_true (rapport_gui_test_wait_for (has_count, &count, 10000));
}

static void
test_import_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = corpus ("vcard", "syncevolution_eds_contact.vcf");
  GtkWidget *summary, *import;
  const char *description;
  GtkWidget *history;

  f->dialog = rapport_import_dialog_new (f->context, file, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (f->dialog));
  wait_for_page (f, RAPPORT_TYPE_IMPORT_DIALOG, "review");

  summary = rapport_gui_test_child (f->dialog, RAPPORT_TYPE_IMPORT_DIALOG, "summary_group");
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (summary));
  g_assert_nonnull (strstr (description, "17 new clients"));
  g_assert_nonnull (strstr (description, "0 refused"));
  g_assert_nonnull (rapport_gui_test_find (f->dialog, ADW_TYPE_ACTION_ROW, "Umlaut Ä Ö Ü ß"));

  import = rapport_gui_test_child (f->dialog, RAPPORT_TYPE_IMPORT_DIALOG, "import_button");
  g_assert_true (gtk_widget_get_sensitive (import));
  rapport_gui_test_click (import);
  g_assert_true (rapport_gui_test_wait_for (dialog_gone, f, 20000));
  g_assert_cmpint (count_clients (f), ==, 17);

  history = rapport_imports_dialog_new (f->context, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (history));
  rapport_gui_test_wait (50);
  g_assert_nonnull (rapport_gui_test_find (history, ADW_TYPE_ACTION_ROW, "syncevolutionedscontact.vcf"));

  /* the toast's Undo */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-import", "x",
                              rapport_test_query_int (rapport_database_get_path (rapport_context_get_database (f->context)),
                                                      "SELECT max(id) FROM import_batches"));
  wait_for_count (f, 0);
  rapport_gui_test_wait (100);
  g_assert_null (rapport_gui_test_find (history, GTK_TYPE_BUTTON, "Undo Import"));
}

static void
test_import_columns (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = corpus ("csv", "thunderbird_tab_comma_mixed.csv");
  GtkWidget *columns, *import, *row;

  f->dialog = rapport_import_dialog_new (f->context, file, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (f->dialog));
  wait_for_page (f, RAPPORT_TYPE_IMPORT_DIALOG, "review");

  columns = rapport_gui_test_child (f->dialog, RAPPORT_TYPE_IMPORT_DIALOG, "columns_group");
  import = rapport_gui_test_child (f->dialog, RAPPORT_TYPE_IMPORT_DIALOG, "import_button");
  g_assert_true (gtk_widget_get_visible (columns));
  g_assert_false (gtk_widget_get_sensitive (import));

  /* the fifth column holds e-mails: say so */
  row = rapport_gui_test_find (columns, ADW_TYPE_COMBO_ROW, "Column 5");
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 6 /* E-mail */);
  wait_for_page (f, RAPPORT_TYPE_IMPORT_DIALOG, "busy");
  wait_for_page (f, RAPPORT_TYPE_IMPORT_DIALOG, "review");
  import = rapport_gui_test_child (f->dialog, RAPPORT_TYPE_IMPORT_DIALOG, "import_button");
  g_assert_true (gtk_widget_get_sensitive (import));
  rapport_gui_test_click (import);
  g_assert_true (rapport_gui_test_wait_for (dialog_gone, f, 20000));
  g_assert_cmpint (count_clients (f), ==, 4);
  /* remembered for files laid out the same way */
  g_assert_cmpint (rapport_test_query_int (rapport_database_get_path (rapport_context_get_database (f->context)),
                                           "SELECT count(*) FROM import_column_maps"), ==, 1);
}

static gint64
add_client (Fixture    *f,
            const char *given,
            const char *family,
            const char *phone)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_add_phone (client, "mobile", phone);
  g_assert_true (rapport_client_repository_save (rapport_context_get_clients (f->context), client, &error));
  return rapport_client_get_id (client);
}

static void
test_duplicates_and_merge (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *merge_button, *merge_dialog, *confirm, *history, *undo;

  add_client (f, "Zofia", "Nowak", "+48 601 234 567");
  add_client (f, "Zosia", "Nowak-Kowalska", "+48601234567");
  add_client (f, "Other", "Person", "+48 700 000 000");

  f->dialog = rapport_duplicates_dialog_new (f->context, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (f->dialog));
  wait_for_page (f, RAPPORT_TYPE_DUPLICATES_DIALOG, "list");
  g_assert_nonnull (rapport_gui_test_find (f->dialog, ADW_TYPE_ACTION_ROW, "Zofia Nowak and Zosia Nowak-Kowalska"));

  merge_button = rapport_gui_test_find (f->dialog, GTK_TYPE_BUTTON, "Merge…");
  g_assert_nonnull (merge_button);
  rapport_gui_test_click (merge_button);
  rapport_gui_test_wait (100);
  merge_dialog = GTK_WIDGET (rapport_gui_test_find_window (RAPPORT_TYPE_MERGE_DIALOG));
  g_assert_nonnull (merge_dialog);
  /* the given names differ: both offered, the kept client's chosen */
  g_assert_nonnull (rapport_gui_test_find (merge_dialog, ADW_TYPE_ACTION_ROW, "Zosia"));
  confirm = rapport_gui_test_child (merge_dialog, RAPPORT_TYPE_MERGE_DIALOG, "merge_button");
  rapport_gui_test_click (confirm);
  wait_for_count (f, 2);
  rapport_gui_test_wait (100);
  g_assert_null (rapport_gui_test_find_window (RAPPORT_TYPE_MERGE_DIALOG));
  wait_for_page (f, RAPPORT_TYPE_DUPLICATES_DIALOG, "none");

  /* undone later, from the history, as after a restart */
  history = rapport_imports_dialog_new (f->context, GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (history));
  rapport_gui_test_wait (100);
  undo = rapport_gui_test_find (history, GTK_TYPE_BUTTON, "Undo Merge");
  g_assert_nonnull (undo);
  rapport_gui_test_click (undo);
  wait_for_count (f, 3);
  rapport_gui_test_wait (100);
  g_assert_null (rapport_gui_test_find (history, GTK_TYPE_BUTTON, "Undo Merge"));
  gtk_window_destroy (GTK_WINDOW (history));
  /* the toast's Undo, now too late, says so */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-merge", NULL);
  rapport_gui_test_wait (100);
  wait_for_count (f, 3);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/contacts-gui/import-and-undo", test_import_and_undo);
  ADD ("/rapport/contacts-gui/import-columns", test_import_columns);
  ADD ("/rapport/contacts-gui/duplicates-and-merge", test_duplicates_and_merge);

  return g_test_run ();
}
