/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The backups of a database: made with SQLite's online backup (a
 * consistent copy while others write), checked before they count, kept in
 * a private folder under the user data folder and rotated; exported to a
 * place the person chooses, encrypted when asked; restored in one
 * transaction, after the data of now is kept as a backup of its own. */

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
#define PARTIAL ".partial"

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

static char *
dup_stem (const char *database_path)
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

  stem = dup_stem (database_path);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, database_path, -1);
  name = g_strdup_printf ("%s-%.8s", stem, hash);
  return g_build_filename (g_get_user_data_dir (), "rapport", "backups", name, NULL);
}

static void
set_io_error (GError     **error,
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
static char *
ensure_folder (const char  *database_path,
               GError     **error)
{
  g_autofree char *folder = rapport_backups_dup_folder (database_path);
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autofree char *parent = g_path_get_dirname (folder);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_io_error (error, _("Could not create the backup folder “%s”: %s."), folder, errno);
      return NULL;
    }
  g_chmod (own, 0700);
  g_chmod (parent, 0700);
  g_chmod (folder, 0700);
  return g_steal_pointer (&folder);
}

/* An empty file, 0600 from the start, which must not exist yet. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      set_io_error (error, _("Could not create “%s”: %s."), path, errno);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd < 0 || (fsync (fd) != 0 && !directory))
    {
      set_io_error (error, _("Could not write “%s”: %s."), path, errno);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Gives a finished file its name: whole, or not at all. */
static gboolean
commit_file (const char  *partial,
             const char  *final,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (final);

  if (!sync_path (partial, FALSE, error))
    return FALSE;
  if (g_rename (partial, final) != 0)
    {
      set_io_error (error, _("Could not write “%s”: %s."), final, errno);
      return FALSE;
    }
  return sync_path (folder, TRUE, NULL) || TRUE;
}

/* Copies @source into the new file @target and checks the copy. A copy
 * that is not whole is refused: its source is damaged. */
static gboolean
copy_database (RapportSqlite       *source,
               const char          *target,
               RapportBackupFacts  *facts,
               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RapportSqlite *dest;
  gboolean ok;

  if (!create_private_file (target, error))
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
  g_autofree char *stem = dup_stem (database_path);
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

  folder = ensure_folder (database_path, error);
  if (folder == NULL)
    return NULL;

  name = make_name (folder, database_path, now, reason);
  final = g_build_filename (folder, name, NULL);
  partial = g_strdup_printf ("%s/.%s" PARTIAL, folder, name);

  if (!copy_database (source, partial, &facts, error))
    return NULL;
  if (!commit_file (partial, final, error))
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
  g_autofree char *folder = ensure_folder (database_path, error);
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

typedef struct
{
  char                *path;
  char                *output;
  char                *passphrase;
  gint64               now;
  RapportBackupPolicy  policy;
  RapportBackup       *kept;
  gboolean             replace;
  char                *prepared;
} Job;

static void
remove_database_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
job_free (Job *job)
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
    remove_database_file (job->prepared);
  g_free (job->prepared);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (RapportDatabase *database)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (rapport_database_get_path (database));
  job->now = rapport_database_now (database);
  return job;
}

/* A connection of the worker's own to @database's file, that reports the
 * damage it meets to @database. */
static RapportSqlite *
open_source (RapportDatabase  *database,
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
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *source = open_source (source_object, &error);
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
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));

  job = job_new (database);
  job->policy = policy ? *policy : RAPPORT_BACKUP_POLICY_DEFAULT;
  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backups_make_daily_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, make_daily_thread);
}

RapportBackup *
rapport_backups_make_daily_finish (RapportDatabase  *database,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

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
  g_autofree char *partial = g_strdup_printf ("%s/.%s" PARTIAL, dir, base);
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
    return copy_database (source, partial, &facts, error)
           && (commit_file (partial, output, error) || (g_unlink (partial), FALSE));

  /* The plain copy never leaves the private backups folder. */
  folder = ensure_folder (database_path, error);
  if (folder == NULL)
    return FALSE;
  plain = g_strdup_printf ("%s/.export-%" G_GINT64_FORMAT "-%u" PARTIAL, folder, now, g_random_int ());
  if (!copy_database (source, plain, &facts, error))
    return FALSE;
  ok = _rapport_backup_encrypt (plain, partial, passphrase, &facts, error)
       && commit_file (partial, output, error);
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
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *source = open_source (source_object, &error);
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
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (output != NULL);

  job = job_new (database);
  job->output = g_strdup (output);
  job->passphrase = g_strdup (passphrase);
  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backups_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rapport_backups_export_finish (RapportDatabase  *database,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
  g_autofree char *folder = ensure_folder (database_path, error);
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

  temp = g_strdup_printf ("%s/.restore-%u" PARTIAL, folder, g_random_int ());
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

      ok = source != NULL && create_private_file (temp, &local_error);
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
      remove_database_file (temp);
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

  if (!create_private_file (to, error))
    return FALSE;
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_unlink (to);
      set_io_error (error, _("Could not write “%s”: %s."), to, EIO);
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
  g_autofree char *folder = ensure_folder (database_path, error);
  g_autofree char *stem = dup_stem (database_path);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (CLAMP (now, 0, G_GINT64_CONSTANT (253402300799)));
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  g_autofree char *aside = NULL;
  g_autofree char *incoming = g_strconcat (database_path, ".restoring", NULL);
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  if (folder == NULL)
    return FALSE;
  aside = g_strdup_printf ("%s/%s-%s-%u-damaged.db", folder, stem, stamp, g_random_int () % 1000);

  g_unlink (incoming);
  if (!copy_file (prepared, incoming, error) || !sync_path (incoming, FALSE, error))
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
      set_io_error (error, _("Could not write “%s”: %s."), database_path, errno);
      g_unlink (incoming);
      return FALSE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (database_path);
    sync_path (dir, TRUE, NULL);
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
  remove_database_file (prepared);
  return ok;
}

/* All of a restore but what must happen on the database's own thread: the
 * data of now kept as a backup, the backup copied in. */
static gboolean
restore_from (RapportDatabase  *database,
              RapportSqlite    *current,
              Job              *job,
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
                Job              *job,
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
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  job = job_new (database);
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
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  RapportSqlite *current = open_source (source_object, &error);
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
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (backup != NULL);

  job = job_new (database);
  job->output = g_strdup (backup);
  job->passphrase = g_strdup (passphrase);
  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backups_restore_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
rapport_backups_restore_finish (RapportDatabase  *database,
                                GAsyncResult     *result,
                                RapportBackup   **kept,
                                GError          **error)
{
  Job *job;

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
