/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "rapport-backups.h"
#include "rapport-client-editor.h"
#include "rapport-interaction-editor.h"
#include "rapport-damage-dialog.h"
#include "rapport-demo.h"
#include "rapport-data-status.h"
#include "rapport-error.h"
#include "rapport-gui-test-utils.h"
#include "rapport-preferences-window.h"
#include "rapport-restore-dialog.h"
#include "rapport-task-editor.h"
#include "rapport-test-utils.h"
#include "rapport-today-page.h"
#include "rapport-window.h"

/* The window and the data's safety: damage told and restored from, a
 * backup restored with Undo, a week without backup, a save that waits. */

typedef struct
{
  GtkApplication   *app;
  RapportContext   *context;
  RapportTestStore *store;
  RapportWindow    *window;
} Fixture;

static GtkApplication *
get_application (void)
{
  static GtkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.SafetyTest",
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
  f->context = rapport_gui_test_context_new ("safety.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
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

static const char *
path_of (Fixture *f)
{
  return rapport_database_get_path (f->store->db);
}

static void
add_clients (Fixture *f,
             guint    n,
             const char *family)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *given = g_strdup_printf ("Client%u", i);
      g_object_unref (rapport_test_add_client (f->store, given, family, NULL, NULL));
    }
}

static void
open_window (Fixture *f)
{
  f->window = rapport_window_new (f->app, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  rapport_gui_test_wait (50);
}

static RapportDataStatus *
data_status (Fixture *f)
{
  return RAPPORT_DATA_STATUS (rapport_gui_test_find (GTK_WIDGET (f->window), RAPPORT_TYPE_DATA_STATUS, NULL));
}

static gboolean
revealed (GtkWidget  *root,
          GType       type,
          const char *name)
{
  GtkWidget *revealer = rapport_gui_test_child (root, type, name);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static gboolean
damage_shown (gpointer data)
{
  Fixture *f = data;

  return revealed (GTK_WIDGET (data_status (f)), RAPPORT_TYPE_DATA_STATUS, "damage_revealer");
}

static gboolean
damage_gone (gpointer data)
{
  return !damage_shown (data);
}

/* Scribbles over a page of the interactions, in the file itself, under
 * the open database, as a failing disk would. */
static void
damage_interactions (const char *path)
{
  gint64 page;
  g_autofree char *garbage = g_strnfill (4096, (char) 0xEE);
  int fd;

  rapport_test_run_sql (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  page = rapport_test_query_int (path, "SELECT pageno FROM dbstat WHERE name = 'interactions'"
                                       " AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 1");
  g_assert_cmpint (page, >, 1);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, 4096, (page - 1) * 4096), ==, 4096);
  close (fd);
}

static gboolean
restore_offered (gpointer data)
{
  return gtk_widget_get_sensitive (rapport_gui_test_child (data, RAPPORT_TYPE_DAMAGE_DIALOG, "restore_row"));
}

static gboolean
no_dialog (gpointer data)
{
  return rapport_gui_test_find_window (RAPPORT_TYPE_DAMAGE_DIALOG) == NULL;
}

/* Damage found after the window opened: the banner says so, nothing more
 * is written, and the dialog restores the newest backup. */
static void
test_damage_banner_and_restore (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) refused = rapport_client_new ();
  GtkWidget *dialog;

  add_clients (f, 40, "Before");
  {
    RapportDemoOptions options = { 5, 0, 3000, 1700000000 };
    g_assert_true (rapport_demo_seed (f->store->db, &options, NULL, NULL, NULL, &error));
  }
  backup = rapport_backups_make (f->store->db, RAPPORT_BACKUP_DAILY, NULL, &error);
  g_assert_no_error (error);
  damage_interactions (path_of (f));

  open_window (f);
  g_assert_true (rapport_gui_test_wait_for (damage_shown, f, 5000));
  g_assert_true (rapport_database_get_damaged (f->store->db));

  /* A save is refused with the reason. */
  rapport_client_set_given_name (refused, "Refused");
  g_assert_false (rapport_client_repository_save (f->store->clients, refused, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
  g_clear_error (&error);

  gtk_widget_activate_action (GTK_WIDGET (data_status (f)), "status.damage-help", NULL);
  rapport_gui_test_iterate ();
  dialog = GTK_WIDGET (rapport_gui_test_find_window (RAPPORT_TYPE_DAMAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (rapport_gui_test_wait_for (restore_offered, dialog, 5000));
  g_signal_emit_by_name (rapport_gui_test_child (dialog, RAPPORT_TYPE_DAMAGE_DIALOG, "restore_row"), "activated");
  g_assert_true (rapport_gui_test_wait_for (no_dialog, NULL, 10000));
  g_assert_true (rapport_gui_test_wait_for (damage_gone, f, 5000));

  g_assert_false (rapport_database_get_damaged (f->store->db));
  g_assert_true (rapport_database_check (f->store->db, TRUE, &error));
  g_assert_cmpint (rapport_test_query_int (path_of (f), "SELECT count(*) FROM interactions"), ==,
                   rapport_backup_get_n_interactions (backup));
  g_object_unref (rapport_test_add_client (f->store, "Saved", "Again", NULL, NULL));
}

static gboolean
backups_listed (gpointer data)
{
  GtkListBox *list = GTK_LIST_BOX (rapport_gui_test_child (data, RAPPORT_TYPE_RESTORE_DIALOG, "list"));

  return gtk_list_box_get_row_at_index (list, 0) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
has_message_dialog (gpointer data)
{
  return rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
no_restore_dialog (gpointer data)
{
  return rapport_gui_test_find_window (RAPPORT_TYPE_RESTORE_DIALOG) == NULL;
}

static gboolean
has_clients (gpointer data)
{
  Fixture *f = data;

  return rapport_test_query_int (path_of (f), "SELECT count(*) FROM clients") == 20;
}

/* A backup chosen from the list is restored after the person confirms;
 * the window's toast undoes it. */
static void
test_restore_with_undo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *restore = NULL, *undo;
  GtkListBox *list;

  add_clients (f, 10, "Backed");
  backup = rapport_backups_make (f->store->db, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);
  g_assert_no_error (error);
  add_clients (f, 10, "Later");
  open_window (f);

  dialog = rapport_restore_dialog_new (f->context, GTK_WINDOW (f->window));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rapport_gui_test_wait_for (backups_listed, dialog, 5000));

  /* The newest first: the one made before the change (the daily backup of
   * the open window came after it, with 20 clients). */
  list = GTK_LIST_BOX (rapport_gui_test_child (dialog, RAPPORT_TYPE_RESTORE_DIALOG, "list"));
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i));

      if (strstr (adw_action_row_get_subtitle (row), "10 clients") != NULL)
        restore = rapport_gui_test_find (GTK_WIDGET (row), GTK_TYPE_BUTTON, "Restore");
    }
  g_assert_nonnull (restore);
  rapport_gui_test_click (restore);
  g_assert_true (rapport_gui_test_wait_for (has_message_dialog, NULL, 2000));
  adw_message_dialog_response (find_message_dialog (), "restore");
  g_assert_true (rapport_gui_test_wait_for (no_restore_dialog, NULL, 10000));
  rapport_gui_test_iterate ();
  g_assert_cmpint (rapport_test_query_int (path_of (f), "SELECT count(*) FROM clients"), ==, 10);
  g_assert_cmpint (rapport_test_query_int (path_of (f), "SELECT count(*) FROM clients WHERE family_name = 'Later'"), ==, 0);

  undo = rapport_gui_test_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  rapport_gui_test_wait (600);
  rapport_gui_test_click (undo);
  g_assert_true (rapport_gui_test_wait_for (has_clients, f, 10000));
}

static gboolean
backup_warning_shown (gpointer data)
{
  Fixture *f = data;

  return revealed (GTK_WIDGET (data_status (f)), RAPPORT_TYPE_DATA_STATUS, "backup_revealer");
}

static gboolean
backup_warning_gone (gpointer data)
{
  return !backup_warning_shown (data);
}

/* Only a backup eight days old: the window says so, and Back Up Now
 * makes one. */
static void
test_week_without_backup (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RapportClock) clock = rapport_clock_new_fixed (1700000000);
  g_autoptr(RapportBackup) old = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *label;

  rapport_database_set_clock (f->store->db, clock);
  add_clients (f, 3, "Weekly");
  old = rapport_backups_make (f->store->db, RAPPORT_BACKUP_DAILY, NULL, &error);
  g_assert_no_error (error);
  rapport_clock_advance (clock, 8 * 86400);

  open_window (f);
  /* The window makes the day's backup; take it away, as if it had failed. */
  rapport_gui_test_wait (1000);
  rapport_gui_test_iterate ();
  backups = rapport_backups_list (path_of (f), &error);
  for (guint i = 0; i < backups->len; i++)
    if (rapport_backup_get_created_at (g_ptr_array_index (backups, i)) != 1700000000)
      g_unlink (rapport_backup_get_path (g_ptr_array_index (backups, i)));
  rapport_database_notify_changed (f->store->db);
  g_assert_true (rapport_gui_test_wait_for (backup_warning_shown, f, 5000));
  label = GTK_LABEL (rapport_gui_test_child (GTK_WIDGET (data_status (f)), RAPPORT_TYPE_DATA_STATUS, "backup_label"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "8 days"));

  gtk_widget_activate_action (GTK_WIDGET (data_status (f)), "status.back-up", NULL);
  g_assert_true (rapport_gui_test_wait_for (backup_warning_gone, f, 5000));
  g_assert_cmpint (rapport_data_status_get_last_backup (data_status (f)), ==, rapport_database_now (f->store->db));
}

static gboolean
is_waiting (gpointer data)
{
  return rapport_gui_test_save_waits (rapport_gui_test_child (data, RAPPORT_TYPE_CLIENT_EDITOR, "save_status"));
}

static gboolean
editor_closed (gpointer data)
{
  return rapport_gui_test_find_window (RAPPORT_TYPE_CLIENT_EDITOR) == NULL;
}


/* Another program holds the file: the editor says its save waits, the
 * window keeps drawing, and the save goes in when the file is free. */
static void
test_save_waits (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *editor;
  sqlite3 *other = NULL;

  open_window (f);
  editor = rapport_client_editor_new (f->context, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  rapport_gui_test_iterate ();
  rapport_gui_test_type (rapport_gui_test_child (editor, RAPPORT_TYPE_CLIENT_EDITOR, "given_row"), "Patient");

  g_assert_cmpint (sqlite3_open (path_of (f), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (rapport_gui_test_wait_for (is_waiting, editor, 5000));
  /* The main loop turns all the while: its longest turn is a frame drawn
   * in software, never the wait. */
  g_assert_cmpint (rapport_gui_test_longest_turn_during (500), <, 250 * 1000);
  g_assert_nonnull (rapport_gui_test_find_window (RAPPORT_TYPE_CLIENT_EDITOR));
  g_assert_false (gtk_widget_get_sensitive (rapport_gui_test_child (editor, RAPPORT_TYPE_CLIENT_EDITOR, "save_button")));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (rapport_gui_test_wait_for (editor_closed, NULL, 10000));
  g_assert_cmpint (rapport_test_query_int (path_of (f), "SELECT count(*) FROM clients WHERE given_name = 'Patient'"),
                   ==, 1);
}

static gboolean
all_written (gpointer data)
{
  const char *path = data;

  return rapport_test_query_int (path, "SELECT count(*) FROM tasks WHERE title = 'Call back'") == 1
         && rapport_test_query_int (path, "SELECT count(*) FROM interactions WHERE summary = 'Corrected'") == 1
         && rapport_test_query_int (path, "SELECT count(*) FROM interactions"
                                          " WHERE follow_up_done_at IS NOT NULL") == 1
         && rapport_test_query_int (path, "SELECT count(*) FROM interactions WHERE summary = 'Wrong'") == 0;
}

/* The writes of the reminders and the corrections — Done on the Today
 * page, a task saved, an interaction corrected and another deleted — wait
 * for another program as the editors' saves do: the window keeps drawing
 * while they wait, and all of them go in when the file is free. */
static void
test_reminder_writes_wait (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (f->store, "Reza", "Karimi", NULL, NULL);
  g_autoptr(RapportInteraction) due = rapport_interaction_new (rapport_client_get_id (client),
                                                               RAPPORT_INTERACTION_CALL);
  g_autoptr(RapportInteraction) typo = rapport_interaction_new (rapport_client_get_id (client),
                                                                RAPPORT_INTERACTION_CALL);
  g_autoptr(RapportInteraction) wrong = rapport_interaction_new (rapport_client_get_id (client),
                                                                 RAPPORT_INTERACTION_NOTE);
  g_autoptr(GDateTime) now = rapport_context_dup_now (f->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *reminder = NULL;
  GtkWidget *today_page, *task_editor, *corrector, *deleter;
  sqlite3 *other = NULL;

  rapport_interaction_set_summary (due, "Quote");
  rapport_interaction_set_occurred_at (due, g_date_time_to_unix (now));
  rapport_interaction_set_follow_up_on (due, today);
  rapport_interaction_set_summary (typo, "Qoute");
  rapport_interaction_set_occurred_at (typo, g_date_time_to_unix (now));
  rapport_interaction_set_summary (wrong, "Wrong");
  rapport_interaction_set_occurred_at (wrong, g_date_time_to_unix (now));
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, due, NULL));
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, typo, NULL));
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, wrong, NULL));
  reminder = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT, rapport_interaction_get_id (due));

  open_window (f);
  today_page = rapport_gui_test_find (GTK_WIDGET (f->window), RAPPORT_TYPE_TODAY_PAGE, NULL);
  task_editor = rapport_task_editor_new (f->context, client, NULL);
  corrector = rapport_interaction_editor_new_for (f->context, client, typo);
  deleter = rapport_interaction_editor_new_for (f->context, client, wrong);
  gtk_window_present (GTK_WINDOW (task_editor));
  gtk_window_present (GTK_WINDOW (corrector));
  gtk_window_present (GTK_WINDOW (deleter));
  rapport_gui_test_iterate ();
  rapport_gui_test_type (rapport_gui_test_child (task_editor, RAPPORT_TYPE_TASK_EDITOR, "title_row"), "Call back");
  gtk_editable_set_text (GTK_EDITABLE (rapport_gui_test_child (corrector, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                               "summary_row")), "Corrected");
  rapport_gui_test_iterate ();

  g_assert_cmpint (sqlite3_open (path_of (f), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (today_page, "today.done", "s", reminder);
  gtk_widget_activate_action (task_editor, "task.save", NULL);
  gtk_widget_activate_action (corrector, "editor.save", NULL);
  gtk_widget_activate_action (deleter, "editor.delete", NULL);
  g_assert_cmpint (rapport_gui_test_longest_turn_during (700), <, 250 * 1000);
  g_assert_true (rapport_database_get_waiting (f->store->db));
  g_assert_false (all_written ((gpointer) path_of (f)));
  /* Nothing is asked twice while a write waits. */
  g_assert_false (gtk_widget_get_sensitive (rapport_gui_test_child (task_editor, RAPPORT_TYPE_TASK_EDITOR,
                                                                    "save_button")));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (rapport_gui_test_wait_for (all_written, (gpointer) path_of (f), 10000));
  rapport_gui_test_iterate ();
  g_assert_null (rapport_gui_test_find_window (RAPPORT_TYPE_TASK_EDITOR));
  g_assert_null (rapport_gui_test_find_window (RAPPORT_TYPE_INTERACTION_EDITOR));
}

/* The dialogs build from their templates, with no warning. */
static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *damage = rapport_damage_dialog_new (f->context, path_of (f));
  GtkWidget *restore = rapport_restore_dialog_new (f->context, NULL);
  GtkWidget *preferences = rapport_preferences_window_new (f->context);

  gtk_window_present (GTK_WINDOW (damage));
  gtk_window_present (GTK_WINDOW (restore));
  gtk_window_present (GTK_WINDOW (preferences));
  rapport_gui_test_wait (200);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/data-safety/templates", test_templates);
  ADD ("/rapport/data-safety/damage-banner-and-restore", test_damage_banner_and_restore);
  ADD ("/rapport/data-safety/restore-with-undo", test_restore_with_undo);
  ADD ("/rapport/data-safety/week-without-backup", test_week_without_backup);
  ADD ("/rapport/data-safety/save-waits", test_save_waits);
  ADD ("/rapport/data-safety/reminder-writes-wait", test_reminder_writes_wait);
#undef ADD

  return g_test_run ();
}
