/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Restoring a backup: checked whole, opened with its passphrase when
 * sealed, brought up to this version, then copied into the live file in one
 * transaction after the data of now is kept as a backup of its own; a file
 * too damaged to be written into is replaced, and kept aside. Apart from
 * rapport-backups.c for the same reason as rapport-backups-export.c: only
 * restoring and exporting need GnuTLS. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rapport-backup-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

/* Turns @backup into a checked database file of this version at a new
 * temporary path: decrypted, copied, upgraded. The backup itself is never
 * changed. Refuses what the database itself would refuse. */
static char *
prepare_restore (const char  *database_path,
                 const char  *backup,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportBackup) described = NULL;
  g_autoptr(RapportDatabase) opened = NULL;
  g_autofree char *display = g_filename_display_name (backup);
  g_autofree char *folder = _rapport_backups_ensure_folder (database_path, error);
  g_autofree char *temp = NULL;
  guint latest = rapport_database_get_latest_schema_version ();
  gboolean ok;

  if (folder == NULL)
    return NULL;

  described = rapport_backup_describe (backup, &local_error);
  if (described == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Nothing was restored. "));
      return NULL;
    }
  if (rapport_backup_get_schema_version (described) > latest)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Rapport (data version %u; this version knows up to %u). Update Rapport to restore it; nothing was restored."),
                   display, rapport_backup_get_schema_version (described), latest);
      return NULL;
    }

  temp = g_strdup_printf ("%s/.restore-%u" RAPPORT_BACKUPS_PARTIAL, folder, g_random_int ());
  if (rapport_backup_get_encrypted (described))
    {
      if (passphrase == NULL)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NO_PASSPHRASE,
                       _("“%s” is encrypted: give its passphrase to restore it."), display);
          return NULL;
        }
      ok = _rapport_backup_decrypt (backup, temp, passphrase, &local_error);
    }
  else
    {
      RapportSqlite *source = _rapport_sqlite_open (backup, RAPPORT_SQLITE_READ_ONLY, &local_error);
      RapportSqlite *dest = NULL;

      ok = source != NULL && _rapport_backups_create_private_file (temp, &local_error);
      if (ok)
        {
          dest = _rapport_sqlite_open (temp, RAPPORT_SQLITE_READ_WRITE, &local_error);
          ok = dest != NULL && _rapport_sqlite_backup (source, dest, &local_error);
        }
      g_clear_pointer (&dest, _rapport_sqlite_close);
      g_clear_pointer (&source, _rapport_sqlite_close);
    }

  /* Brought up to this version's data, and checked whole. */
  if (ok)
    {
      opened = rapport_database_open (temp, RAPPORT_DATABASE_NO_BACKUP, &local_error);
      ok = opened != NULL;
    }
  if (ok)
    {
      /* SQLite's quick check reads every page and row; the full one also
       * compares every index with its table, which takes ten times as long
       * and which the search index, rebuilt by upgrades, does not need. */
      g_autoptr(GPtrArray) problems = _rapport_sqlite_check (_rapport_database_get_connection (opened),
                                                            FALSE, &local_error);

      ok = problems != NULL;
      if (ok && problems->len > 0)
        {
          g_set_error (&local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                       _("“%s” is damaged: it cannot be restored. Choose another backup."), display);
          ok = FALSE;
        }
      /* One file again, with no log beside it. */
      ok = ok && _rapport_sqlite_exec (_rapport_database_get_connection (opened),
                                       "PRAGMA journal_mode = DELETE", &local_error);
    }
  g_clear_object (&opened);

  /* Damage found while opening the copy is the backup's: name it, not
   * the copy, which is about to go. */
  if (!ok && g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: it cannot be restored. Choose another backup."), display);
    }

  if (!ok)
    {
      _rapport_backups_remove_database_file (temp);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Copies the prepared file into the live database in one transaction, so
 * that every connection — this program's and others' — sees the restored
 * data at once and a crash leaves the one or the other, whole. */
static gboolean
copy_into (const char  *prepared,
           const char  *database_path,
           gboolean    *needs_replacing,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *source = _rapport_sqlite_open (prepared, RAPPORT_SQLITE_READ_ONLY, error);
  RapportSqlite *dest = NULL;
  gboolean ok = FALSE;

  *needs_replacing = FALSE;
  if (source == NULL)
    return FALSE;
  dest = _rapport_sqlite_open (database_path, RAPPORT_SQLITE_READ_WRITE, &local_error);
  if (dest != NULL)
    ok = _rapport_sqlite_backup (source, dest, &local_error);
  g_clear_pointer (&dest, _rapport_sqlite_close);
  _rapport_sqlite_close (source);

  if (!ok && (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT)
              || g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_DATABASE)))
    {
      *needs_replacing = TRUE;
      return FALSE;
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!_rapport_backups_create_private_file (to, error))
    return FALSE;
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_unlink (to);
      _rapport_backups_set_io_error (error, _("Could not write “%s”: %s."), to, EIO);
      return FALSE;
    }
  g_chmod (to, 0600);
  return TRUE;
}

/* For a file too damaged to be written into: the damaged file and its log
 * are kept aside in the backups folder, and the prepared file takes its
 * place, whole. */
static gboolean
replace_file (const char  *prepared,
              const char  *database_path,
              gint64       now,
              GError     **error)
{
  g_autofree char *folder = _rapport_backups_ensure_folder (database_path, error);
  g_autofree char *stem = _rapport_backups_dup_stem (database_path);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (CLAMP (now, 0, G_GINT64_CONSTANT (253402300799)));
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  g_autofree char *aside = NULL;
  g_autofree char *incoming = g_strconcat (database_path, ".restoring", NULL);
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  if (folder == NULL)
    return FALSE;
  aside = g_strdup_printf ("%s/%s-%s-%u-damaged.db", folder, stem, stamp, g_random_int () % 1000);

  g_unlink (incoming);
  if (!copy_file (prepared, incoming, error) || !_rapport_backups_sync_path (incoming, FALSE, error))
    return FALSE;

  if (g_file_test (database_path, G_FILE_TEST_EXISTS) && !copy_file (database_path, aside, error))
    {
      g_unlink (incoming);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (database_path, suffixes[i], NULL);

      if (i == 0 && g_file_test (side, G_FILE_TEST_EXISTS))
        {
          g_autofree char *side_aside = g_strconcat (aside, "-wal", NULL);
          copy_file (side, side_aside, NULL);
        }
      g_unlink (side);
    }

  if (g_rename (incoming, database_path) != 0)
    {
      _rapport_backups_set_io_error (error, _("Could not write “%s”: %s."), database_path, errno);
      g_unlink (incoming);
      return FALSE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (database_path);
    _rapport_backups_sync_path (dir, TRUE, NULL);
  }
  return TRUE;
}

/**
 * rapport_backups_replace_damaged:
 * @database_path: (type filename): a database file too damaged to open
 * @backup: (type filename): the backup to put in its place
 * @passphrase: (nullable): the passphrase, when @backup is encrypted
 * @error: return location for an error
 *
 * Puts a checked copy of @backup in the place of a database that cannot
 * be opened; the damaged file is kept aside in the backups folder. Nothing
 * may have the file open.
 *
 * Returns: whether it was restored
 */
gboolean
rapport_backups_replace_damaged (const char  *database_path,
                                 const char  *backup,
                                 const char  *passphrase,
                                 GError     **error)
{
  g_autofree char *prepared = NULL;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL && backup != NULL, FALSE);

  prepared = prepare_restore (database_path, backup, passphrase, error);
  if (prepared == NULL)
    return FALSE;
  ok = replace_file (prepared, database_path, g_get_real_time () / G_USEC_PER_SEC, error);
  _rapport_backups_remove_database_file (prepared);
  return ok;
}

/* All of a restore but what must happen on the database's own thread: the
 * data of now kept as a backup, the backup copied in. */
static gboolean
restore_from (RapportDatabase  *database,
              RapportSqlite    *current,
              RapportBackupsJob              *job,
              const char       *backup,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  job->prepared = prepare_restore (job->path, backup, job->passphrase, error);
  if (job->prepared == NULL)
    return FALSE;

  /* A damaged file cannot be copied; it is kept aside instead, whole. */
  if (!rapport_database_get_damaged (database))
    {
      job->kept = _rapport_backup_make_from (current, job->path, job->now,
                                             RAPPORT_BACKUP_BEFORE_RESTORE, NULL, &local_error);
      if (job->kept == NULL && !g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Nothing was restored, because the data of now could not be kept first. "));
          return FALSE;
        }
    }
  if (rapport_database_get_read_only (database))
    {
      job->replace = TRUE;
      return TRUE;
    }
  return copy_into (job->prepared, job->path, &job->replace, error) || job->replace;
}

/* On the database's thread: a replaced file is reopened, damage forgotten,
 * and everyone told that anything may have changed. */
static gboolean
finish_restore (RapportDatabase  *database,
                RapportBackupsJob              *job,
                GError          **error)
{
  if (job->replace && (!replace_file (job->prepared, job->path, job->now, error)
                       || !_rapport_database_reopen (database, error)))
    return FALSE;
  _rapport_database_restored (database);
  return TRUE;
}

/**
 * rapport_backups_restore:
 * @database: the database, in its own thread, outside any transaction
 * @backup: (type filename): the backup to restore, plain or encrypted
 * @passphrase: (nullable): the passphrase, when @backup is encrypted
 * @kept: (out) (optional) (nullable): the backup of the data as it was
 *   just before, for Undo (none when it was damaged; it is kept aside)
 * @error: return location for an error
 *
 * Replaces the data of @database with that of @backup, after checking the
 * backup whole and bringing it up to this version. A backup from a newer
 * Rapport, another program's file, a damaged backup, a wrong passphrase or
 * an encrypted file that was changed are refused by name, and then nothing
 * is changed. Everyone watching @database is told that anything changed;
 * a damaged database is whole again.
 *
 * Returns: whether the backup was restored
 */
gboolean
rapport_backups_restore (RapportDatabase  *database,
                         const char       *backup,
                         const char       *passphrase,
                         RapportBackup   **kept,
                         GError          **error)
{
  g_autoptr(RapportBackupsJob) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  job = _rapport_backups_job_new (database);
  job->passphrase = g_strdup (passphrase);
  if (!restore_from (database, _rapport_database_get_connection (database), job, backup, error)
      || !finish_restore (database, job, error))
    return FALSE;

  if (kept != NULL)
    *kept = g_steal_pointer (&job->kept);
  return TRUE;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportBackupsJob *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *current = _rapport_backups_open_source (source_object, &error);
  gboolean ok = FALSE;

  if (current != NULL)
    {
      ok = restore_from (source_object, current, job, job->output, &error);
      _rapport_sqlite_close (current);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * rapport_backups_restore_async:
 * @database: the database
 * @backup: (type filename): the backup to restore
 * @passphrase: (nullable): its passphrase, when encrypted
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_backups_restore(), the long part in a worker thread.
 */
void
rapport_backups_restore_async (RapportDatabase     *database,
                               const char          *backup,
                               const char          *passphrase,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  RapportBackupsJob *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (backup != NULL);

  job = _rapport_backups_job_new (database);
  job->output = g_strdup (backup);
  job->passphrase = g_strdup (passphrase);
  _rapport_backups_job_run (database, job, rapport_backups_restore_async, restore_thread,
                            cancellable, callback, user_data);
}

gboolean
rapport_backups_restore_finish (RapportDatabase  *database,
                                GAsyncResult     *result,
                                RapportBackup   **kept,
                                GError          **error)
{
  RapportBackupsJob *job;

  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (!finish_restore (database, job, error))
    return FALSE;
  if (kept != NULL)
    *kept = g_steal_pointer (&job->kept);
  return TRUE;
}
