/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The backups of a database: made with SQLite's online backup (a
 * consistent copy while others write), checked before they count, kept in
 * a private folder under the user data folder and rotated. Exporting one
 * to a place the person chooses (rapport-backups-export.c) and restoring
 * one (rapport-backups-restore.c) are apart: they seal and open with
 * GnuTLS, which a program that only makes backups then does not load. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "rapport-backup-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

/* Copies made before upgrades, changes and restores: the newest kept. */
#define KEEP_BEFORE_CHANGES 10
/* A temporary file this old belongs to a run that ended without tidying. */
#define STALE_PARTIAL_SECONDS (24 * 3600)
#define SUFFIX ".db"
#define PARTIAL RAPPORT_BACKUPS_PARTIAL

static GRegex *
name_pattern (void)
{
  static GRegex *pattern;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern,
                       g_regex_new ("-([0-9]{4})-([0-9]{2})-([0-9]{2})-([0-9]{2})([0-9]{2})([0-9]{2})"
                                    "(?:-[0-9]+)?-(daily|upgrade|change|restore)\\.db$",
                                    G_REGEX_OPTIMIZE, 0, NULL));
  return pattern;
}

gboolean
_rapport_backups_parse_name (const char         *path,
                             RapportBackupFacts *facts)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *reason = NULL;
  int parts[6];

  if (!g_regex_match (name_pattern (), base, 0, &match))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = g_match_info_fetch (match, (int) i + 1);
      parts[i] = atoi (part);
    }
  when = g_date_time_new_utc (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
  if (when == NULL)
    return FALSE;
  reason = g_match_info_fetch (match, 7);
  facts->created_at = g_date_time_to_unix (when);
  facts->reason = _rapport_backup_reason_from_string (reason);
  return TRUE;
}

char *
_rapport_backups_dup_stem (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

/**
 * rapport_backups_dup_folder:
 * @database_path: (type filename): a database file
 *
 * Returns: (transfer full) (type filename): where its automatic backups
 *   are kept: `rapport/backups` in the user data folder for the usual
 *   database, a folder of its own in there for any other
 */
char *
rapport_backups_dup_folder (const char *database_path)
{
  g_autofree char *usual = rapport_database_dup_default_path ();
  g_autofree char *stem = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  /* The same file, however it was named. */
  absolute = g_canonicalize_filename (database_path, NULL);
  database_path = absolute;
  if (g_str_equal (database_path, usual))
    return g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);

  stem = _rapport_backups_dup_stem (database_path);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, database_path, -1);
  name = g_strdup_printf ("%s-%.8s", stem, hash);
  return g_build_filename (g_get_user_data_dir (), "rapport", "backups", name, NULL);
}

void
_rapport_backups_set_io_error (GError     **error,
              const char  *message_format,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, RAPPORT_ERROR, saved_errno == ENOSPC ? RAPPORT_ERROR_FULL : RAPPORT_ERROR_IO,
               message_format, display, g_strerror (saved_errno));
#pragma GCC diagnostic pop
}

/* The backups folder and the folders above it that are Rapport's own are
 * the person's alone. */
char *
_rapport_backups_ensure_folder (const char  *database_path,
               GError     **error)
{
  g_autofree char *folder = rapport_backups_dup_folder (database_path);
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autofree char *parent = g_path_get_dirname (folder);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      _rapport_backups_set_io_error (error, _("Could not create the backup folder “%s”: %s."), folder, errno);
      return NULL;
    }
  g_chmod (own, 0700);
  g_chmod (parent, 0700);
  g_chmod (folder, 0700);
  return g_steal_pointer (&folder);
}

/* An empty file, 0600 from the start, which must not exist yet. */
gboolean
_rapport_backups_create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      _rapport_backups_set_io_error (error, _("Could not create “%s”: %s."), path, errno);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
_rapport_backups_sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd < 0 || (fsync (fd) != 0 && !directory))
    {
      _rapport_backups_set_io_error (error, _("Could not write “%s”: %s."), path, errno);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Gives a finished file its name: whole, or not at all. */
gboolean
_rapport_backups_commit_file (const char  *partial,
             const char  *final,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (final);

  if (!_rapport_backups_sync_path (partial, FALSE, error))
    return FALSE;
  if (g_rename (partial, final) != 0)
    {
      _rapport_backups_set_io_error (error, _("Could not write “%s”: %s."), final, errno);
      return FALSE;
    }
  return _rapport_backups_sync_path (folder, TRUE, NULL) || TRUE;
}

/* Copies @source into the new file @target and checks the copy. A copy
 * that is not whole is refused: its source is damaged. */
gboolean
_rapport_backups_copy_database (RapportSqlite       *source,
               const char          *target,
               RapportBackupFacts  *facts,
               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RapportSqlite *dest;
  gboolean ok;

  if (!_rapport_backups_create_private_file (target, error))
    return FALSE;
  dest = _rapport_sqlite_open (target, RAPPORT_SQLITE_READ_WRITE, error);
  if (dest == NULL)
    return FALSE;

  ok = _rapport_sqlite_backup (source, dest, &local_error)
       && _rapport_sqlite_exec (dest, "PRAGMA journal_mode = DELETE", &local_error);
  if (ok)
    {
      problems = _rapport_sqlite_check (dest, FALSE, &local_error);
      ok = problems != NULL;
    }
  if (ok && problems->len > 0)
    {
      g_autofree char *display = g_filename_display_name (_rapport_sqlite_get_path (source));

      _rapport_sqlite_mark_damaged (source);
      g_set_error (&local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                   _("“%s” could not be backed up: it is damaged. Restore it from a backup, or save what can still be read into a new file."),
                   display);
      ok = FALSE;
    }
  if (ok)
    ok = _rapport_backup_count (dest, facts, &local_error);
  _rapport_sqlite_close (dest);

  if (!ok)
    {
      g_unlink (target);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ok;
}

typedef struct
{
  char                *path;
  RapportBackupFacts   facts;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_free (entry);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  if (x->facts.created_at != y->facts.created_at)
    return x->facts.created_at > y->facts.created_at ? -1 : 1;
  return -g_strcmp0 (x->path, y->path);
}

/* The backups in @folder, newest first; stale temporary files go. */
static GPtrArray *
list_entries (const char *folder,
              gint64      now)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      Entry *entry;

      if (name[0] == '.' && g_str_has_suffix (name, PARTIAL))
        {
          GStatBuf st;

          if (g_stat (path, &st) == 0 && now - st.st_mtime > STALE_PARTIAL_SECONDS)
            g_unlink (path);
          continue;
        }

      entry = g_new0 (Entry, 1);
      entry->facts.n_clients = entry->facts.n_interactions = entry->facts.n_orders = -1;
      if (!_rapport_backups_parse_name (path, &entry->facts))
        {
          entry_free (entry);
          continue;
        }
      entry->path = g_steal_pointer (&path);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_newest_first);
  return entries;
}

/* Monday-based weeks, counted in UTC. */
static gint64
week_of (gint64 time)
{
  const gint64 week = 7 * 86400;
  /* 1 January 1970 was a Thursday. */
  gint64 since_monday = time + 3 * 86400;

  return since_monday >= 0 ? since_monday / week : (since_monday - week + 1) / week;
}

static void
rotate (const char                *folder,
        const RapportBackupPolicy *policy,
        gint64                     now)
{
  g_autoptr(GPtrArray) entries = list_entries (folder, now);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_daily = 0, n_weekly = 0, n_before = 0;
  guint keep_daily = MAX (1, policy->keep_daily);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      gboolean keep;

      if (entry->facts.reason == RAPPORT_BACKUP_DAILY)
        {
          gint64 week = week_of (entry->facts.created_at);
          gboolean new_week = !g_hash_table_contains (weeks, &week);

          /* The newest daily copies; then, a week apart, the newest copy
           * of each earlier week that none of those stands for. */
          keep = n_daily++ < keep_daily;
          if (!keep && new_week && n_weekly < policy->keep_weekly)
            {
              keep = TRUE;
              n_weekly++;
            }
          if (new_week)
            g_hash_table_add (weeks, g_memdup2 (&week, sizeof week));
        }
      else
        keep = n_before++ < KEEP_BEFORE_CHANGES;

      /* The newest backup of all stays, whatever the policy says. */
      if (!keep && i > 0)
        {
          g_debug ("Rotating out %s", entry->path);
          g_unlink (entry->path);
        }
    }
}

static char *
make_name (const char          *folder,
           const char          *database_path,
           gint64               now,
           RapportBackupReason  reason)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (CLAMP (now, 0, G_GINT64_CONSTANT (253402300799)));
  g_autofree char *stem = _rapport_backups_dup_stem (database_path);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  const char *why = _rapport_backup_reason_to_string (reason);

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s-%s" SUFFIX, stem, stamp, why)
                                     : g_strdup_printf ("%s-%s-%u-%s" SUFFIX, stem, stamp, n, why);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *partial = g_strdup_printf ("%s/.%s" PARTIAL, folder, name);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (partial, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

RapportBackup *
_rapport_backup_make_from (RapportSqlite             *source,
                           const char                *database_path,
                           gint64                     now,
                           RapportBackupReason        reason,
                           const RapportBackupPolicy *policy,
                           GError                   **error)
{
  RapportBackupPolicy usual = RAPPORT_BACKUP_POLICY_DEFAULT;
  RapportBackupFacts facts = { now, reason, 0, -1, -1 };
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *final = NULL;
  g_autofree char *partial = NULL;

  folder = _rapport_backups_ensure_folder (database_path, error);
  if (folder == NULL)
    return NULL;

  name = make_name (folder, database_path, now, reason);
  final = g_build_filename (folder, name, NULL);
  partial = g_strdup_printf ("%s/.%s" PARTIAL, folder, name);

  if (!_rapport_backups_copy_database (source, partial, &facts, error))
    return NULL;
  if (!_rapport_backups_commit_file (partial, final, error))
    {
      g_unlink (partial);
      return NULL;
    }

  rotate (folder, policy ? policy : &usual, now);
  g_debug ("Backed up %s into %s", database_path, final);
  return _rapport_backup_new (final, &facts, FALSE);
}

/**
 * rapport_backups_make:
 * @database: the database, in its own thread, outside any transaction
 * @reason: why: %RAPPORT_BACKUP_BEFORE_CHANGE before an import or a merge
 * @policy: (nullable): which copies the rotation keeps; %NULL for the usual
 * @error: return location for an error
 *
 * Backs @database up into its backups folder now, checks the copy and
 * rotates the folder. Call it before any change of many records at once;
 * when it fails, do not make the change.
 *
 * Returns: (transfer full): the new backup, or %NULL with @error set
 */
RapportBackup *
rapport_backups_make (RapportDatabase            *database,
                      RapportBackupReason         reason,
                      const RapportBackupPolicy  *policy,
                      GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_backup_make_from (_rapport_database_get_connection (database),
                                    rapport_database_get_path (database),
                                    rapport_database_now (database), reason, policy, error);
}

/* Whether a daily backup was made on the local calendar day of @now. */
static gboolean
has_daily_of (const char *folder,
              gint64      now)
{
  g_autoptr(GPtrArray) entries = list_entries (folder, now);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) made = NULL;

      if (entry->facts.reason != RAPPORT_BACKUP_DAILY)
        continue;
      made = g_date_time_new_from_unix_local (entry->facts.created_at);
      return made != NULL && today != NULL
             && g_date_time_get_year (made) == g_date_time_get_year (today)
             && g_date_time_get_day_of_year (made) == g_date_time_get_day_of_year (today);
    }
  return FALSE;
}

static RapportBackup *
make_daily_from (RapportSqlite              *source,
                 const char                 *database_path,
                 gint64                      now,
                 const RapportBackupPolicy  *policy,
                 GError                    **error)
{
  g_autofree char *folder = _rapport_backups_ensure_folder (database_path, error);
  g_autofree char *lock_path = NULL;
  RapportBackup *made = NULL;
  int lock;

  if (folder == NULL)
    return NULL;

  /* The window and the reminder service both make the backup of the day,
   * often at the same moment: one at a time, so that the second finds the
   * first's and one day never counts twice in the rotation. */
  lock_path = g_build_filename (folder, ".daily-lock", NULL);
  lock = g_open (lock_path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock >= 0)
    while (flock (lock, LOCK_EX) != 0 && errno == EINTR)
      ;

  if (!has_daily_of (folder, now))
    made = _rapport_backup_make_from (source, database_path, now, RAPPORT_BACKUP_DAILY, policy, error);
  if (lock >= 0)
    close (lock);
  return made;
}

/**
 * rapport_backups_make_daily:
 * @database: the database, in its own thread
 * @policy: (nullable): which copies the rotation keeps
 * @error: return location for an error
 *
 * Makes the backup of the day unless one was made today (by the database's
 * clock, in the local time zone).
 *
 * Returns: (transfer full) (nullable): the new backup; %NULL without an
 *   error when today's was already made
 */
RapportBackup *
rapport_backups_make_daily (RapportDatabase            *database,
                            const RapportBackupPolicy  *policy,
                            GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return make_daily_from (_rapport_database_get_connection (database),
                          rapport_database_get_path (database),
                          rapport_database_now (database), policy, error);
}

void
_rapport_backups_remove_database_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

void
_rapport_backups_job_free (RapportBackupsJob *job)
{
  g_free (job->path);
  g_free (job->output);
  if (job->passphrase != NULL)
    {
      memset (job->passphrase, 0, strlen (job->passphrase));
      g_free (job->passphrase);
    }
  g_clear_object (&job->kept);
  if (job->prepared != NULL)
    _rapport_backups_remove_database_file (job->prepared);
  g_free (job->prepared);
  g_free (job);
}

RapportBackupsJob *
_rapport_backups_job_new (RapportDatabase *database)
{
  RapportBackupsJob *job = g_new0 (RapportBackupsJob, 1);

  job->path = g_strdup (rapport_database_get_path (database));
  job->now = rapport_database_now (database);
  return job;
}

void
_rapport_backups_job_run (RapportDatabase     *database,
                          RapportBackupsJob   *job,
                          gpointer             source_tag,
                          GTaskThreadFunc      thread,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (database, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) _rapport_backups_job_free);
  g_task_run_in_thread (task, thread);
}

/* A connection of the worker's own to @database's file, that reports the
 * damage it meets to @database. */
RapportSqlite *
_rapport_backups_open_source (RapportDatabase  *database,
             GError          **error)
{
  RapportSqlite *db = _rapport_sqlite_open (rapport_database_get_path (database),
                                            RAPPORT_SQLITE_READ_ONLY, error);

  if (db != NULL)
    _rapport_sqlite_set_damage (db, _rapport_database_get_damage (database));
  return db;
}

static void
make_daily_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RapportBackupsJob *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *source = _rapport_backups_open_source (source_object, &error);
  RapportBackup *made = NULL;

  if (source != NULL)
    {
      made = make_daily_from (source, job->path, job->now, &job->policy, &error);
      _rapport_sqlite_close (source);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, made, made ? g_object_unref : NULL);
}

/**
 * rapport_backups_make_daily_async:
 * @database: the database
 * @policy: (nullable): which copies the rotation keeps
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_backups_make_daily() in a worker thread, on a connection of its
 * own: the window goes on meanwhile.
 */
void
rapport_backups_make_daily_async (RapportDatabase            *database,
                                  const RapportBackupPolicy  *policy,
                                  GCancellable               *cancellable,
                                  GAsyncReadyCallback         callback,
                                  gpointer                    user_data)
{
  RapportBackupsJob *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));

  job = _rapport_backups_job_new (database);
  job->policy = policy ? *policy : RAPPORT_BACKUP_POLICY_DEFAULT;
  _rapport_backups_job_run (database, job, rapport_backups_make_daily_async, make_daily_thread,
                            cancellable, callback, user_data);
}

RapportBackup *
rapport_backups_make_daily_finish (RapportDatabase  *database,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_backups_get_last_time:
 * @database_path: (type filename): a database file
 *
 * When the newest automatic backup of @database_path was made, from the
 * backups' names alone: cheap enough for the main thread.
 *
 * Returns: UTC seconds, 0 when there is none
 */
gint64
rapport_backups_get_last_time (const char *database_path)
{
  g_autofree char *folder = rapport_backups_dup_folder (database_path);
  g_autoptr(GPtrArray) entries = list_entries (folder, g_get_real_time () / G_USEC_PER_SEC);

  return entries->len > 0 ? ((Entry *) g_ptr_array_index (entries, 0))->facts.created_at : 0;
}

/**
 * rapport_backups_list:
 * @database_path: (type filename): a database file
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportBackup): the automatic
 *   backups of @database_path, newest first, with what each holds
 */
GPtrArray *
rapport_backups_list (const char  *database_path,
                      GError     **error)
{
  g_autofree char *folder = rapport_backups_dup_folder (database_path);
  g_autoptr(GPtrArray) entries = list_entries (folder, g_get_real_time () / G_USEC_PER_SEC);
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) local_error = NULL;
      RapportBackup *backup = rapport_backup_describe (entry->path, &local_error);

      /* One unreadable copy does not hide the others. */
      if (backup == NULL)
        {
          g_debug ("Skipping %s: %s", entry->path, local_error->message);
          continue;
        }
      g_ptr_array_add (backups, backup);
    }
  return backups;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, rapport_backups_list (task_data, NULL),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
rapport_backups_list_async (const char          *database_path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rapport_backups_list_async);
  g_task_set_task_data (task, g_strdup (database_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
rapport_backups_list_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

