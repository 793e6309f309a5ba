/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* A backup written where the person chooses (a USB stick, say): a checked
 * copy, sealed with a passphrase when one is given. Kept apart from the
 * backups folder's own copies (rapport-backups.c) because sealing needs
 * GnuTLS, which a program that only makes or lists backups (the command
 * line's look-ups, the reminder service) then does not load. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rapport-backup-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

static gboolean
export_from (RapportSqlite  *source,
             const char     *database_path,
             const char     *output,
             const char     *passphrase,
             gint64          now,
             GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *partial = g_strdup_printf ("%s/.%s" RAPPORT_BACKUPS_PARTIAL, dir, base);
  RapportBackupFacts facts = { now, RAPPORT_BACKUP_MANUAL, 0, -1, -1 };
  g_autofree char *plain = NULL;
  g_autofree char *folder = NULL;
  gboolean ok;

  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (output);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("“%s” is a folder: name the backup file to write."), display);
      return FALSE;
    }

  g_unlink (partial);
  if (passphrase == NULL)
    return _rapport_backups_copy_database (source, partial, &facts, error)
           && (_rapport_backups_commit_file (partial, output, error) || (g_unlink (partial), FALSE));

  /* The plain copy never leaves the private backups folder. */
  folder = _rapport_backups_ensure_folder (database_path, error);
  if (folder == NULL)
    return FALSE;
  plain = g_strdup_printf ("%s/.export-%" G_GINT64_FORMAT "-%u" RAPPORT_BACKUPS_PARTIAL, folder, now, g_random_int ());
  if (!_rapport_backups_copy_database (source, plain, &facts, error))
    return FALSE;
  ok = _rapport_backup_encrypt (plain, partial, passphrase, &facts, error)
       && _rapport_backups_commit_file (partial, output, error);
  g_unlink (plain);
  if (!ok)
    g_unlink (partial);
  return ok;
}

/**
 * rapport_backups_export:
 * @database: the database, in its own thread
 * @output: (type filename): the backup file to write (on a USB stick, say);
 *   replaced only once the new copy is whole
 * @passphrase: (nullable): encrypt with this passphrase
 * @error: return location for an error
 *
 * Writes a checked backup of @database to @output, 0600. Encrypted, it
 * opens only with the passphrase, and any change to it is refused.
 *
 * Returns: whether the backup was written
 */
gboolean
rapport_backups_export (RapportDatabase  *database,
                        const char       *output,
                        const char       *passphrase,
                        GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  return export_from (_rapport_database_get_connection (database), rapport_database_get_path (database),
                      output, passphrase, rapport_database_now (database), error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportBackupsJob *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *source = _rapport_backups_open_source (source_object, &error);
  gboolean ok = FALSE;

  if (source != NULL)
    {
      ok = export_from (source, job->path, job->output, job->passphrase, job->now, &error);
      _rapport_sqlite_close (source);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
rapport_backups_export_async (RapportDatabase     *database,
                              const char          *output,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  RapportBackupsJob *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (output != NULL);

  job = _rapport_backups_job_new (database);
  job->output = g_strdup (output);
  job->passphrase = g_strdup (passphrase);
  _rapport_backups_job_run (database, job, rapport_backups_export_async, export_thread,
                            cancellable, callback, user_data);
}

gboolean
rapport_backups_export_finish (RapportDatabase  *database,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

