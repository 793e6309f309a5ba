/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-duplicates.h"
#include "rapport-client-import.h"
#include "rapport-contact-export.h"
#include "rapport-duplicates-dialog.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-import-dialog.h"
#include "rapport-imports-dialog.h"
#include "rapport-window-contacts.h"

/* The main window's contacts actions: import (a file chooser, then the
 * import dialog), export (a file chooser with the format and which
 * clients), the possible duplicates, the import history, and the Undo of
 * an import or a merge from their toasts. */

static void
show_error (RapportWindow *window,
            const char    *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  rapport_window_add_toast (window, toast);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  RapportWindow *window = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      GtkWidget *dialog = rapport_import_dialog_new (rapport_window_get_context (window), file, GTK_WINDOW (window));

      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

void
_rapport_window_import_contacts (RapportWindow *window)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Contacts"), GTK_WINDOW (window),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Contacts (vCard, CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting: off the main thread, with a connection of its own. */

typedef struct
{
  char                *database_path;
  GFile               *file;
  GArray              *ids;      /* NULL: all clients */
  RapportExportFormat  format;
  guint                n_written;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_clear_object (&job->file);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) database = rapport_database_open (job->database_path, RAPPORT_DATABASE_READ_ONLY,
                                                               &error);
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  clients = rapport_client_repository_new (database);
  if (job->ids == NULL
      && (job->ids = rapport_client_repository_search (clients, "", RAPPORT_CLIENT_SORT_NAME, FALSE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL
      || !rapport_contacts_export (clients, (const gint64 *) job->ids->data, job->ids->len, job->format,
                                   G_OUTPUT_STREAM (stream), cancellable, &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->n_written = job->ids->len;
  g_task_return_boolean (task, TRUE);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *count = rapport_format_count (job->n_written);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);

      show_error (window, message);
      return;
    }
  /* TRANSLATORS: a number of clients, then a file name */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client exported to “%s”",
                                        "%s clients exported to “%s”", job->n_written), count, name);
  escaped = g_markup_escape_text (title, -1);
  rapport_window_add_toast (window, adw_toast_new (escaped));
}

static GArray *
search_result_ids (RapportWindow *window)
{
  RapportClientList *list = rapport_clients_page_get_list (rapport_window_get_clients_page (window));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = rapport_client_list_get_id (list, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  RapportWindow *window = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  const char *format;
  const char *which;
  ExportJob *job;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      g_object_unref (chooser);
      return;
    }
  format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
  which = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "which");

  job = g_new0 (ExportJob, 1);
  job->database_path = g_strdup (rapport_database_get_path (rapport_context_get_database (
    rapport_window_get_context (window))));
  job->file = g_object_ref (file);
  job->format = g_strcmp0 (format, "vcf3") == 0 ? RAPPORT_EXPORT_VCARD_30
              : g_strcmp0 (format, "csv") == 0 ? RAPPORT_EXPORT_CSV_GOOGLE : RAPPORT_EXPORT_VCARD_40;
  if (g_strcmp0 (which, "search") == 0)
    job->ids = search_result_ids (window);
  else if (g_strcmp0 (which, "shown") == 0)
    {
      gint64 id = rapport_clients_page_get_client_id (rapport_window_get_clients_page (window));

      job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (job->ids, id);
    }
  g_object_unref (chooser);

  task = g_task_new (NULL, NULL, on_exported, g_object_ref (window));
  g_task_set_source_tag (task, on_export_chosen);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

void
_rapport_window_export_contacts (RapportWindow *window)
{
  RapportClientsPage *page = rapport_window_get_clients_page (window);
  const char *search = rapport_client_list_get_search (rapport_clients_page_get_list (page));
  gboolean searching = search != NULL && *search != '\0';
  gboolean showing = rapport_clients_page_get_client_id (page) != 0;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Contacts"), GTK_WINDOW (window),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  g_autoptr(GPtrArray) which_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) which_labels = g_ptr_array_new ();

  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               (const char *[]) { "vcf4", "vcf3", "csv", NULL },
                               (const char *[]) { _("vCard 4.0"), _("vCard 3.0, for older phones"),
                                                  _("CSV, Google's columns"), NULL });
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "vcf4");
  g_ptr_array_add (which_ids, "all");
  g_ptr_array_add (which_labels, _("All clients"));
  if (searching)
    {
      g_ptr_array_add (which_ids, "search");
      g_ptr_array_add (which_labels, _("The clients found"));
    }
  if (showing)
    {
      g_ptr_array_add (which_ids, "shown");
      g_ptr_array_add (which_labels, _("The client shown"));
    }
  g_ptr_array_add (which_ids, NULL);
  g_ptr_array_add (which_labels, NULL);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "which", _("Clients"),
                               (const char **) which_ids->pdata, (const char **) which_labels->pdata);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "which", searching ? "search" : "all");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("clients.vcf"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_rapport_window_show_duplicates (RapportWindow *window)
{
  GtkWidget *dialog = rapport_duplicates_dialog_new (rapport_window_get_context (window), GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rapport_window_show_imports (RapportWindow *window)
{
  GtkWidget *dialog = rapport_imports_dialog_new (rapport_window_get_context (window), GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    show_error (window, error->message);
  else
    rapport_window_add_toast (window, adw_toast_new (_("Undone")));
}

void
_rapport_window_undo_import (RapportWindow *window,
                             gint64         batch_id)
{
  rapport_client_repository_undo_import_async (rapport_context_get_clients (rapport_window_get_context (window)),
                                               batch_id, NULL, on_undone, g_object_ref (window));
}

void
_rapport_window_undo_merge (RapportWindow    *window,
                            RapportMergeUndo *undo)
{
  if (undo == NULL)
    return;
  rapport_client_repository_undo_merge_async (rapport_context_get_clients (rapport_window_get_context (window)),
                                              undo, NULL, on_undone, g_object_ref (window));
}

void
_rapport_window_undo_past_merge (RapportWindow *window,
                                 gint64         merge_id)
{
  rapport_client_repository_undo_merge_by_id_async (rapport_context_get_clients (rapport_window_get_context (window)),
                                                    merge_id, NULL, on_undone, g_object_ref (window));
}
