/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rapport-backup-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

/* A burst of writes by another program is looked at once, this long after
 * its first sign. */
#define CHECK_DELAY_MS 100

/* A long write commits a step once it has held the file this long, so that
 * another writer never waits much longer… */
#define STEP_MS 200
/* …when one waits (_rapport_sqlite_has_waiter()); when none does, it goes
 * on up to this long: each commit writes every page the step changed, and
 * a step of many thousand clients changes each index page once, not once
 * every few hundred clients. Measured adding 20,000 clients to a file of
 * 100,000: steps of a second wrote 21 times what was stored, of ten
 * seconds 3 to 4 times. A waiting save still gets in at the next look
 * (the commit writes at most the batch's page cache). A writer that is not
 * Rapport is not seen waiting, and waits this long at most; a kill loses
 * at most this much of a seed's work, never a part of a step. */
#define LONG_STEP_MS 10000
/* …and then leaves the file free this long, for a waiting writer (which
 * tries every millisecond) to get in. */
#define HANDOFF_MS 10
/* A write from the interface, on its worker thread, waits this long for
 * another program before it gives up; the window shows that it waits. */
#define WRITE_WAIT_MS 60000

typedef struct
{
  char     *kind;
  gint64    id;
  gboolean  many;
} PendingChange;

struct _RapportDatabase
{
  GObject        parent_instance;

  char          *path;
  RapportDatabaseFlags flags;
  RapportSqlite *db;
  guint          schema_version;
  RapportClock  *clock;

  /* Counts the changes this database made or heard of: SQLite's
   * data_version only counts those of other connections. */
  guint64        generation;
  gint64         data_version;

  /* Nested transactions: the outermost is BEGIN IMMEDIATE, inner ones are
   * savepoints. */
  guint          depth;
  guint          batch_depth;
  gboolean       batch_tuned;  /* the connection is set up for a long batch */
  GPtrArray     *pending;    /* PendingChange, told after the outermost commit */

  /* Searches and other long reads run in worker threads on a read-only
   * connection of their own, one at a time. It belongs to a database of
   * its own, so that reads made of repositories' calls can run there too. */
  GMutex         reader_lock;
  RapportSqlite *reader;       /* reading's connection */
  RapportDatabase *reading;

  GFileMonitor  *monitors[2];  /* the file and its write-ahead log */
  guint          check_source;

  /* Damage seen by any connection of this database, in any thread: from
   * then on nothing is written. Told on the main context. */
  RapportSqliteDamage *damage;
  GMainContext  *context;
  GThread       *thread;       /* the one that made it: it iterates context */
  gboolean       damaged;

  /* When the current step of a long write began (monotonic µs). */
  gint64         step_started;

  /* Writes from the main thread's callers run, in order, on one worker
   * thread, through a database of its own on the same file. */
  GThreadPool   *write_pool;
  RapportDatabase *worker;     /* used only on the worker thread */
  gboolean       waiting;
  /* Write jobs started on the worker whose changes are not told yet
   * (atomic), and the changes of the job being told still to come. */
  gint           writes_in_flight;
  guint          notices_to_tell;

  /* Whether another connection committed since the worker's last look, as
   * the worker's connection sees it (its data_version counts only the
   * others'): held by the worker while it writes. Tells the window's look
   * at the file its own saves from another program's. */
  GMutex         worker_lock;
  gboolean       worker_looked;
  gint64         worker_data_version;
  gboolean       worker_saw_others;
};

G_DEFINE_FINAL_TYPE (RapportDatabase, rapport_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CLOCK,
  PROP_DAMAGED,
  PROP_WAITING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pending_change_free (PendingChange *change)
{
  g_free (change->kind);
  g_free (change);
}

/* Under reader_lock. */
static void
close_reader (RapportDatabase *self)
{
  self->reader = NULL;
  g_clear_object (&self->reading);
}

static void
free_pool (GThreadPool *pool)
{
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
rapport_database_dispose (GObject *object)
{
  RapportDatabase *self = (RapportDatabase *) object;

  rapport_database_set_watching (self, FALSE);
  /* Every write holds a reference: none is running or queued any more. */
  if (self->write_pool != NULL)
    g_clear_pointer (&self->write_pool, free_pool);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (rapport_database_parent_class)->dispose (object);
}

static void
rapport_database_finalize (GObject *object)
{
  RapportDatabase *self = (RapportDatabase *) object;

  g_mutex_lock (&self->reader_lock);
  close_reader (self);
  g_mutex_unlock (&self->reader_lock);
  g_mutex_clear (&self->reader_lock);
  g_mutex_clear (&self->worker_lock);

  g_clear_pointer (&self->db, _rapport_sqlite_close);
  g_clear_pointer (&self->damage, _rapport_sqlite_damage_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->clock);
  g_free (self->path);

  G_OBJECT_CLASS (rapport_database_parent_class)->finalize (object);
}

static void
rapport_database_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportDatabase *self = RAPPORT_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_CLOCK: g_value_set_object (value, self->clock); break;
    case PROP_DAMAGED: g_value_set_boolean (value, self->damaged); break;
    case PROP_WAITING: g_value_set_boolean (value, self->waiting); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_database_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportDatabase *self = RAPPORT_DATABASE (object);

  switch (prop_id)
    {
    case PROP_CLOCK: rapport_database_set_clock (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_database_class_init (RapportDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_database_dispose;
  object_class->finalize = rapport_database_finalize;
  object_class->get_property = rapport_database_get_property;
  object_class->set_property = rapport_database_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, RAPPORT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RapportDatabase:damaged:
   *
   * Whether damage was found in the file: by a check, or by a statement
   * that met it. From then on nothing is written to it (every write fails
   * with %RAPPORT_ERROR_CORRUPT) until it is restored or recovered.
   */
  properties[PROP_DAMAGED] =
    g_param_spec_boolean ("damaged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RapportDatabase:waiting:
   *
   * Whether a write of this database (made with an `_async` repository
   * call) waits for another program to finish writing. It goes on when
   * the other program's step ends.
   */
  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportDatabase::changed:
   * @self: the database
   * @kind: (nullable): what kind of record changed (“client”, “staff”…),
   *   or %NULL when another program wrote and any kind may have
   * @id: the record that changed, when @many is %FALSE
   * @many: whether many records, or unknown ones, changed
   *
   * Emitted after a commit: this database's own, or another connection's
   * or program's, noticed by rapport_database_check_changes().
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_INT64, G_TYPE_BOOLEAN);
}

static gboolean
tell_damaged (gpointer user_data)
{
  RapportDatabase *self = user_data;

  if (!self->damaged)
    {
      self->damaged = TRUE;
      g_debug ("%s is damaged: nothing more is written to it", self->path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
    }
  return G_SOURCE_REMOVE;
}

/* Runs @func with @self in the thread that iterates @self's main context:
 * at once when that is this thread, else when its loop next turns. Not
 * g_main_context_invoke(): from a worker, it runs @func right there
 * whenever it can take the context, which it can while the main thread is
 * between two turns of its loop, and the handlers of the notice then ran
 * on the worker, beside the main thread's widgets. */
static void
tell_in_context (RapportDatabase *self,
                 GSourceFunc      func)
{
  g_autoptr(GSource) source = NULL;

  if (g_thread_self () == self->thread)
    {
      func (self);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[rapport] database notice");
  g_source_attach (source, self->context);
}

/* From any thread that met the damage. */
static void
on_damage (gpointer data)
{
  tell_in_context (data, tell_damaged);
}

static void
rapport_database_init (RapportDatabase *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->thread = g_thread_self ();
  self->damage = _rapport_sqlite_damage_new (on_damage, self);
  g_mutex_init (&self->reader_lock);
  g_mutex_init (&self->worker_lock);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_change_free);
  self->clock = rapport_clock_new_system ();
}

/**
 * rapport_database_dup_default_path:
 *
 * Returns: (transfer full): where the database lives unless told otherwise:
 *   `rapport/rapport.db` in the user data directory
 */
char *
rapport_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* Rapport's own folder (the data folder's “rapport”, with the backups) is
 * the person's alone, whatever mode it was made with before. A folder the
 * person chose for a database of their own is theirs to set. */
static void
make_own_folder_private (const char *dir)
{
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "rapport", NULL);

  if (g_str_equal (dir, own) && g_chmod (dir, 0700) != 0)
    g_debug ("Could not make %s private: %s", dir, g_strerror (errno));
}

/* Creates the folder (private) and an empty file (mode 0600) when there is
 * none, so SQLite never creates the file with the umask's wider mode. */
static gboolean
prepare_file (const char  *path,
              gboolean     read_only,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("“%s” is a folder, not a database file."), display);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!read_only)
        make_own_folder_private (dir);
      return TRUE;
    }
  if (read_only)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY,
                   _("“%s” does not exist yet: there is no data in it."), display);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not create the folder “%s”: %s."),
                   display_dir, g_strerror (saved_errno));
      return FALSE;
    }
  make_own_folder_private (dir);

  /* The mode is set again on the empty file: a umask that takes the
   * owner's bits away must not leave a file its owner cannot write. */
  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not create “%s”: %s."), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    {
      if (fchmod (fd, 0600) != 0)
        g_debug ("Could not set the mode of %s: %s", path, g_strerror (errno));
      g_close (fd, NULL);
    }

  return TRUE;
}

/* Before anything is written: the file, and what an older Rapport or a
 * look left beside it, become the person's alone. */
static void
make_files_private (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (file, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0777) != 0600
          && g_chmod (file, 0600) != 0)
        g_debug ("Could not make %s private: %s", file, g_strerror (errno));
    }
}

/* A file cut short (copied partly, or from a full disk) is damaged even
 * when its first pages read well. Only the main file is judged: with a
 * write-ahead log beside it, the log may hold the missing pages. */
static gboolean
check_length (RapportSqlite  *db,
              const char     *display,
              GError        **error)
{
  const char *path = _rapport_sqlite_get_path (db);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 page_count, page_size;
  GStatBuf st;

  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_stat (path, &st) != 0)
    return TRUE;
  if (!_rapport_sqlite_get_int (db, "PRAGMA page_count", &page_count, error)
      || !_rapport_sqlite_get_int (db, "PRAGMA page_size", &page_size, error))
    return FALSE;

  if ((gint64) st.st_size < page_count * page_size)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                   _("“%s” is damaged: it is shorter than it should be, as if it was copied only partly. Restore it from a backup; Rapport has not changed it."),
                   display);
      return FALSE;
    }

  return TRUE;
}

/* A look that cannot upgrade may only read a file of this very version. */
static gboolean
check_readable_as_is (guint        version,
                      guint        latest,
                      gint64       n_tables,
                      const char  *display,
                      GError     **error)
{
  if (version == 0 && n_tables == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY,
                   _("“%s” holds no data yet."), display);
      return FALSE;
    }
  if (version < latest)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_OLD,
                   _("“%s” was saved by an older version of Rapport. Open it in Rapport once to bring it up to date; looking at it has not changed it."),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header and the schema without writing anything, and refuses
 * what Rapport must not touch. */
static gboolean
check_database (RapportSqlite  *db,
                guint           latest,
                gboolean        read_only,
                gboolean        tolerate_damage,
                guint          *version,
                GError        **error)
{
  g_autofree char *display = g_filename_display_name (_rapport_sqlite_get_path (db));
  gint64 application_id, user_version, n_tables;

  if (!_rapport_sqlite_get_int (db, "PRAGMA application_id", &application_id, error)
      || !_rapport_sqlite_get_int (db, "PRAGMA user_version", &user_version, error)
      || !_rapport_sqlite_get_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((application_id != 0 && application_id != RAPPORT_APPLICATION_ID)
      || (application_id == 0 && n_tables > 0))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of Rapport. Rapport has not changed it."),
                   display);
      return FALSE;
    }

  if (user_version < 0 || user_version > latest)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, user_version);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport (data version %s; this version knows up to %u). Update Rapport to open it; the file has not been changed."),
                   display, found, latest);
      return FALSE;
    }

  if (!tolerate_damage && !check_length (db, display, error))
    return FALSE;
  if (read_only && !check_readable_as_is ((guint) user_version, latest, n_tables, display, error))
    return FALSE;

  *version = (guint) user_version;
  return TRUE;
}

static gboolean
configure_writer (RapportSqlite  *db,
                  GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "PRAGMA foreign_keys = ON;"
                               "PRAGMA synchronous = NORMAL;"
                               "PRAGMA temp_store = MEMORY;",
                               error);
}

/* Write-ahead logging is switched on once the schema is up to date: the
 * switch writes the file's header, and a file whose upgrade failed must
 * stay exactly as it was. */
static gboolean
use_write_ahead_log (RapportSqlite  *db,
                     GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || g_ascii_strcasecmp (_rapport_stmt_column_text (stmt, 0), "wal") != 0)
    g_debug ("The database is not in WAL mode; another program may hold it");
  return TRUE;
}

/* A look that must not change the file is refused any write by SQLite
 * itself, not only by Rapport's care. */
static gboolean
configure_reader (RapportSqlite  *db,
                  GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "PRAGMA query_only = 1;"
                               "PRAGMA temp_store = MEMORY;",
                               error);
}

static RapportSqlite *
open_connection (RapportDatabase  *self,
                 gboolean          read_only,
                 GError          **error)
{
  RapportSqlite *db;

  db = _rapport_sqlite_open (self->path,
                             read_only ? RAPPORT_SQLITE_READ_ONLY : RAPPORT_SQLITE_READ_WRITE,
                             error);
  if (db == NULL)
    return NULL;

  if (!read_only && sqlite3_db_readonly (_rapport_sqlite_get_handle (db), "main") == 1)
    {
      _rapport_sqlite_set_error (db, SQLITE_READONLY, error);
      _rapport_sqlite_close (db);
      return NULL;
    }

  return db;
}

/* A file that an upgrade is about to change is copied first, as it is. */
static gboolean
back_up_before_upgrade (RapportDatabase  *self,
                        guint             version,
                        guint             latest,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportBackup) backup = NULL;

  if (version == 0 || version >= latest || (self->flags & RAPPORT_DATABASE_NO_BACKUP) != 0)
    return TRUE;

  backup = _rapport_backup_make_from (self->db, self->path, rapport_database_now (self),
                                      RAPPORT_BACKUP_BEFORE_UPGRADE, NULL, &local_error);
  if (backup == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_prefix_error (&local_error,
                      _("“%s” was not brought up to date, because it could not be backed up first; it has not been changed. "),
                      display);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

RapportDatabase *
_rapport_database_open_with_steps (const char                  *path,
                                   RapportDatabaseFlags         flags,
                                   const RapportMigrationStep  *steps,
                                   guint                        n_steps,
                                   GError                     **error)
{
  g_autoptr(RapportDatabase) self = NULL;
  gboolean damaged = (flags & RAPPORT_DATABASE_DAMAGED) != 0;
  gboolean read_only = damaged || (flags & RAPPORT_DATABASE_READ_ONLY) != 0;
  guint version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_file (path, read_only, error))
    return NULL;

  self = g_object_new (RAPPORT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->flags = flags;
  self->db = open_connection (self, read_only, error);
  if (self->db == NULL)
    return NULL;
  /* SQLite reads a file shorter than its header says only so. */
  if (damaged && !_rapport_sqlite_exec (self->db, "PRAGMA writable_schema = ON", error))
    return NULL;

  if (!check_database (self->db, n_steps, read_only, damaged, &version, error))
    return NULL;

  if (read_only)
    {
      if (!configure_reader (self->db, error))
        return NULL;
    }
  else
    {
      make_files_private (path);
      if (!configure_writer (self->db, error)
          || !back_up_before_upgrade (self, version, n_steps, error)
          || !_rapport_migrations_apply (self->db, steps, n_steps, version, error)
          || !use_write_ahead_log (self->db, error))
        return NULL;
    }
  _rapport_sqlite_set_damage (self->db, self->damage);
  if (damaged)
    _rapport_sqlite_damage_mark (self->damage);

  self->schema_version = n_steps;
  if (!_rapport_sqlite_get_int (self->db, "PRAGMA data_version", &self->data_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

RapportSqliteDamage *
_rapport_database_get_damage (RapportDatabase *self)
{
  return self->damage;
}

/* After the file was replaced under this database: its connections are
 * opened anew, for writing when it was opened read-only for its damage. */
gboolean
_rapport_database_reopen (RapportDatabase  *self,
                          GError          **error)
{
  RapportSqlite *db;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if ((self->flags & RAPPORT_DATABASE_DAMAGED) != 0)
    self->flags &= ~(RAPPORT_DATABASE_DAMAGED | RAPPORT_DATABASE_READ_ONLY);

  g_mutex_lock (&self->reader_lock);
  close_reader (self);
  g_mutex_unlock (&self->reader_lock);
  g_mutex_lock (&self->worker_lock);
  self->worker_looked = FALSE;
  g_mutex_unlock (&self->worker_lock);

  db = open_connection (self, rapport_database_get_read_only (self), error);
  if (db == NULL)
    return FALSE;
  if (!(rapport_database_get_read_only (self) ? configure_reader (db, error)
                                              : configure_writer (db, error) && use_write_ahead_log (db, error)))
    {
      _rapport_sqlite_close (db);
      return FALSE;
    }
  _rapport_sqlite_set_damage (db, self->damage);
  g_clear_pointer (&self->db, _rapport_sqlite_close);
  self->db = db;
  return TRUE;
}

/* After a restore: the file is whole; everyone looks again. */
void
_rapport_database_restored (RapportDatabase *self)
{
  _rapport_sqlite_damage_clear (self->damage);
  if (self->damaged)
    {
      self->damaged = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
    }
  _rapport_sqlite_get_int (self->db, "PRAGMA data_version", &self->data_version, NULL);
  rapport_database_notify_changed (self);
}

/**
 * rapport_database_open:
 * @path: (type filename): the database file; created when missing
 * @flags: whether to create and upgrade, or only to look
 * @error: return location for a %RAPPORT_ERROR
 *
 * Opens the database, creating it (mode 0600) or upgrading its schema as
 * needed. A file of another program, a newer Rapport's file, a damaged or
 * locked file is refused with a distinct error that names it, and is left
 * exactly as it was. With %RAPPORT_DATABASE_READ_ONLY nothing is ever
 * written, created or upgraded.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
RapportDatabase *
rapport_database_open (const char            *path,
                       RapportDatabaseFlags   flags,
                       GError               **error)
{
  const RapportMigrationStep *steps;
  guint n_steps;

  steps = _rapport_migrations_get_steps (&n_steps);
  return _rapport_database_open_with_steps (path, flags, steps, n_steps, error);
}

const char *
rapport_database_get_path (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
rapport_database_get_read_only (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), TRUE);
  return (self->flags & (RAPPORT_DATABASE_READ_ONLY | RAPPORT_DATABASE_DAMAGED)) != 0;
}

guint
rapport_database_get_schema_version (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), 0);
  return self->schema_version;
}

guint
rapport_database_get_latest_schema_version (void)
{
  guint n_steps;

  _rapport_migrations_get_steps (&n_steps);
  return n_steps;
}

/**
 * rapport_database_get_clock:
 * @self: a database
 *
 * Returns: (transfer none): the clock that stamps and compares times
 */
RapportClock *
rapport_database_get_clock (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), NULL);
  return self->clock;
}

/**
 * rapport_database_set_clock:
 * @self: a database
 * @clock: the clock to use from now on
 */
void
rapport_database_set_clock (RapportDatabase *self,
                            RapportClock    *clock)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));
  g_return_if_fail (RAPPORT_IS_CLOCK (clock));

  if (g_set_object (&self->clock, clock))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

/**
 * rapport_database_now:
 * @self: a database
 *
 * Returns: the database clock's time, in UTC seconds since the epoch
 */
gint64
rapport_database_now (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), 0);
  return rapport_clock_get_now (self->clock);
}

RapportSqlite *
_rapport_database_get_connection (RapportDatabase *self)
{
  return self->db;
}

guint64
_rapport_database_get_generation (RapportDatabase *self)
{
  return self->generation;
}

/* Whether the file may hold writes of this database that its watchers
 * have not heard of yet: a later write's commit, told after the one being
 * told now. A watcher that patches what it shows with what it reads now
 * must not, then, and reads everything again instead. */
gboolean
_rapport_database_has_untold_writes (RapportDatabase *self)
{
  return g_atomic_int_get (&self->writes_in_flight) > 0 || self->notices_to_tell > 0;
}

static void
emit_changed (RapportDatabase *self,
              const char      *kind,
              gint64           id,
              gboolean         many)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, id, many);
}

static void
flush_pending (RapportDatabase *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_change_free);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = g_ptr_array_index (pending, i);

      self->notices_to_tell = pending->len - 1 - i;
      emit_changed (self, change->kind, change->id, change->many);
    }
  self->notices_to_tell = 0;
}

void
_rapport_database_note_change (RapportDatabase *self,
                               const char      *kind,
                               gint64           id)
{
  PendingChange *change;

  self->generation++;

  if (self->depth == 0)
    {
      emit_changed (self, kind, id, FALSE);
      return;
    }

  for (guint i = 0; i < self->pending->len; i++)
    {
      change = g_ptr_array_index (self->pending, i);
      if (g_strcmp0 (change->kind, kind) == 0)
        {
          change->many = change->many || change->id != id;
          return;
        }
    }

  change = g_new0 (PendingChange, 1);
  change->kind = g_strdup (kind);
  change->id = id;
  change->many = self->batch_depth > 0;
  g_ptr_array_add (self->pending, change);
}

gboolean
_rapport_database_begin (RapportDatabase  *self,
                         GError          **error)
{
  g_autofree char *savepoint = NULL;

  if (_rapport_sqlite_damage_is_set (self->damage))
    {
      _rapport_sqlite_set_damaged_error (self->db, error);
      return FALSE;
    }

  if (self->depth == 0)
    {
      if (!_rapport_sqlite_begin (self->db, error))
        return FALSE;
      self->step_started = g_get_monotonic_time ();
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT level_%u", self->depth);
      if (!_rapport_sqlite_exec (self->db, savepoint, error))
        return FALSE;
    }

  self->depth++;
  return TRUE;
}

void
_rapport_database_rollback (RapportDatabase *self)
{
  g_autofree char *rollback = NULL;

  g_assert (self->depth > 0);

  self->depth--;
  self->generation++;
  if (self->depth == 0)
    {
      _rapport_sqlite_rollback (self->db);
      g_ptr_array_set_size (self->pending, 0);
      return;
    }

  rollback = g_strdup_printf ("ROLLBACK TO level_%u; RELEASE level_%u", self->depth, self->depth);
  if (!_rapport_sqlite_exec (self->db, rollback, NULL))
    g_debug ("Could not roll back to savepoint level_%u", self->depth);
}

gboolean
_rapport_database_commit (RapportDatabase  *self,
                          GError          **error)
{
  g_autofree char *release = NULL;

  g_assert (self->depth > 0);

  if (self->depth > 1)
    {
      release = g_strdup_printf ("RELEASE level_%u", self->depth - 1);
      if (!_rapport_sqlite_exec (self->db, release, error))
        {
          _rapport_database_rollback (self);
          return FALSE;
        }
      self->depth--;
      return TRUE;
    }

  /* _rapport_sqlite_commit() rolls back what it could not commit. */
  self->depth = 0;
  if (!_rapport_sqlite_commit (self->db, error))
    {
      self->generation++;
      g_ptr_array_set_size (self->pending, 0);
      return FALSE;
    }

  flush_pending (self);
  return TRUE;
}

/**
 * rapport_database_begin_batch:
 * @self: a database
 * @error: return location for an error
 *
 * Starts a batch: the writes until rapport_database_end_batch() are one
 * transaction, and watchers hear of them once, at its end, as many
 * changes. Whoever begins a batch ends it once: with
 * rapport_database_end_batch() or rapport_database_cancel_batch().
 */
/* A long batch commits a step every fifth of a second, and each step
 * writes every page it touched once more, wherever its rows landed in the
 * indexes. With SQLite's defaults, the pages a step touches do not fit in
 * its cache of 2 MB (they are written out and read back in the middle of
 * the step), and every few steps the write-ahead log is copied into the
 * file and synced. For the batch, the cache holds BATCH_CACHE_KIB and the
 * log is copied once it holds BATCH_CHECKPOINT_PAGES (64 MB), so that a
 * page written by many steps reaches the file once; then SQLite's
 * defaults again. */
#define BATCH_CACHE_KIB 65536
#define BATCH_CHECKPOINT_PAGES 16384

/* What was freed goes back to the system, not to malloc's free lists:
 * glibc keeps what a thread freed for that thread, and a long write on
 * the worker (a batch's pages, the rows it held, SQLite's sorts) left the
 * window holding 110 MB more after a change of country at a million
 * clients, until it quit. */
static void
give_memory_back (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
tune_for_batch (RapportDatabase *self,
                gboolean         batch)
{
  g_autofree char *pragmas = NULL;

  if (self->batch_tuned == batch)
    return;
  self->batch_tuned = batch;
  pragmas = batch ? g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA wal_autocheckpoint = %d",
                                     BATCH_CACHE_KIB, BATCH_CHECKPOINT_PAGES)
                  : g_strdup ("PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000");
  /* Only speed depends on it. */
  if (!_rapport_sqlite_exec (self->db, pragmas, NULL))
    g_debug ("Could not set the connection up for a batch");
  /* A batch's pages, and what its rows held, are not kept after it. */
  if (!batch)
    give_memory_back ();
}

gboolean
rapport_database_begin_batch (RapportDatabase  *self,
                              GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  if (self->depth == 0)
    tune_for_batch (self, TRUE);
  if (!_rapport_database_begin (self, error))
    {
      if (self->depth == 0)
        tune_for_batch (self, FALSE);
      return FALSE;
    }

  self->batch_depth++;
  return TRUE;
}

/**
 * rapport_database_end_batch:
 * @self: a database
 * @error: return location for an error
 *
 * Commits the batch. When that fails (the disk is full, say), the batch
 * has been rolled back and must not be cancelled again.
 */
gboolean
rapport_database_end_batch (RapportDatabase  *self,
                            GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  self->batch_depth--;
  ok = _rapport_database_commit (self, error);
  if (self->depth == 0)
    tune_for_batch (self, FALSE);
  return ok;
}

/**
 * rapport_database_yield_batch:
 * @self: a database
 * @error: return location for an error
 *
 * For long writes (sample data, imports): call it often, between records.
 * Once the batch has held the file for a fifth of a second and another
 * writer — the window saving a client, the reminder service — waits for
 * it, or for ten seconds when none does, what it wrote is committed and
 * the file is left free for a moment, so that a waiting writer waits for
 * less than a second; then the batch goes on. Watchers hear of each step.
 * Inside an outer transaction it does nothing. When it fails, the batch
 * has been rolled back and ended, as by a failed
 * rapport_database_end_batch().
 *
 * Returns: whether the batch goes on
 */
gboolean
rapport_database_yield_batch (RapportDatabase  *self,
                              GError          **error)
{
  gint64 elapsed;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (self->depth != 1 || self->batch_depth != 1)
    return TRUE;
  elapsed = g_get_monotonic_time () - self->step_started;
  if (elapsed < STEP_MS * 1000
      || (elapsed < LONG_STEP_MS * 1000 && !_rapport_sqlite_has_waiter (self->db)))
    return TRUE;

  self->batch_depth--;
  if (!_rapport_database_commit (self, error))
    {
      tune_for_batch (self, FALSE);
      return FALSE;
    }

  g_usleep (HANDOFF_MS * 1000);

  return rapport_database_begin_batch (self, error);
}

void
rapport_database_cancel_batch (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));
  g_return_if_fail (self->batch_depth > 0);

  self->batch_depth--;
  _rapport_database_rollback (self);
  if (self->depth == 0)
    tune_for_batch (self, FALSE);
}

/* The write path of the interface.
 *
 * A save must never hold the main thread while another program writes, so
 * each one runs on a worker thread, one at a time and in the order asked,
 * through a database of the worker's own on the same file: its own writer
 * connection, whose busy handler waits (telling the main thread, which
 * shows it) until the other writer's step ends. Transactions keep their
 * one owner: the write function, on the worker. The change notices the
 * worker's database records are told by this database, on the main
 * thread, after the commit. */

typedef struct
{
  char      *kind;
  gint64     id;
  gboolean   many;
} Notice;

typedef struct
{
  RapportDatabase  *self;
  RapportWriteFunc  func;
  gpointer          data;
  GDestroyNotify    data_free;
  RapportClock     *clock;
  GArray           *notices;
  GError           *error;
  gboolean          started;   /* counted in writes_in_flight */
} WriteJob;

static void
notice_clear (Notice *notice)
{
  g_free (notice->kind);
}

static void
write_job_free (WriteJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->clock);
  g_clear_pointer (&job->notices, g_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
set_waiting (RapportDatabase *self,
             gboolean         waiting)
{
  if (self->waiting == waiting)
    return FALSE;
  self->waiting = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
  return TRUE;
}

static gboolean
tell_waiting (gpointer user_data)
{
  set_waiting (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* On the worker, when its write starts to wait for another program. */
static void
on_worker_waits (gpointer data)
{
  RapportDatabase *self = data;

  tell_in_context (self, tell_waiting);
}

static void
on_worker_changed (RapportDatabase *worker,
                   const char      *kind,
                   gint64           id,
                   gboolean         many,
                   GArray          *notices)
{
  Notice notice = { g_strdup (kind), id, many };

  g_array_append_val (notices, notice);
}

/* The worker's database: the file is open and up to date already. */
static RapportDatabase *
open_worker (RapportDatabase  *self,
             GError          **error)
{
  g_autoptr(RapportDatabase) worker = g_object_new (RAPPORT_TYPE_DATABASE, NULL);

  worker->path = g_strdup (self->path);
  worker->flags = RAPPORT_DATABASE_DEFAULT;
  worker->schema_version = self->schema_version;
  g_clear_pointer (&worker->damage, _rapport_sqlite_damage_unref);
  worker->damage = _rapport_sqlite_damage_ref (self->damage);
  worker->db = open_connection (worker, FALSE, error);
  if (worker->db == NULL || !configure_writer (worker->db, error))
    return NULL;
  _rapport_sqlite_set_damage (worker->db, worker->damage);
  return g_steal_pointer (&worker);
}

/* Under worker_lock: notes whether another connection committed since
 * the worker last looked; its own commits do not count. */
static void
worker_look (RapportDatabase *self)
{
  gint64 data_version = 0;

  if (self->worker == NULL
      || !_rapport_sqlite_get_int (self->worker->db, "PRAGMA data_version", &data_version, NULL))
    {
      self->worker_saw_others = TRUE;
      self->worker_looked = FALSE;
      return;
    }
  if (!self->worker_looked || data_version != self->worker_data_version)
    self->worker_saw_others = TRUE;
  self->worker_looked = TRUE;
  self->worker_data_version = data_version;
}

/* Whether only this database's own writes, through its worker, were
 * committed since the last look at the file: the worker has seen no other
 * connection commit since, nor does it now. When the worker is writing,
 * it cannot tell yet. Either way it then looks from now on. */
static gboolean
only_own_writes (RapportDatabase *self)
{
  gboolean only_own;

  if (!g_mutex_trylock (&self->worker_lock))
    return FALSE;
  only_own = self->worker_looked;
  worker_look (self);
  only_own = only_own && !self->worker_saw_others;
  self->worker_saw_others = FALSE;
  g_mutex_unlock (&self->worker_lock);
  return only_own;
}

static void
write_thread (gpointer data,
              gpointer user_data)
{
  g_autoptr(GTask) task = data;
  RapportDatabase *self = user_data;
  WriteJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gulong handler;

  g_mutex_lock (&self->worker_lock);
  if (self->worker == NULL)
    self->worker = open_worker (self, &job->error);
  if (self->worker == NULL)
    {
      g_mutex_unlock (&self->worker_lock);
      g_task_return_boolean (task, FALSE);
      return;
    }

  rapport_database_set_clock (self->worker, job->clock);
  _rapport_sqlite_set_busy (self->worker->db, WRITE_WAIT_MS, cancellable, on_worker_waits, self);
  handler = g_signal_connect (self->worker, "changed", G_CALLBACK (on_worker_changed), job->notices);

  job->started = TRUE;
  g_atomic_int_inc (&self->writes_in_flight);
  worker_look (self);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    job->func (self->worker, job->data, &job->error);
  worker_look (self);

  g_signal_handler_disconnect (self->worker, handler);
  _rapport_sqlite_set_busy (self->worker->db, 0, NULL, NULL, NULL);
  g_mutex_unlock (&self->worker_lock);
  g_task_return_boolean (task, job->error == NULL);
}

/* On the main thread, after the commit: everyone hears of it here. */
static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportDatabase *self = RAPPORT_DATABASE (source);
  g_autoptr(GTask) outer = user_data;
  WriteJob *job = g_task_get_task_data (G_TASK (result));

  set_waiting (self, FALSE);
  if (job->started)
    g_atomic_int_dec_and_test (&self->writes_in_flight);
  for (guint i = 0; i < job->notices->len; i++)
    {
      Notice *notice = &g_array_index (job->notices, Notice, i);

      self->generation++;
      self->notices_to_tell = job->notices->len - 1 - i;
      emit_changed (self, notice->kind, notice->id, notice->many);
    }
  self->notices_to_tell = 0;

  if (job->error != NULL)
    g_task_return_error (outer, g_steal_pointer (&job->error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * _rapport_database_write_async:
 *
 * Runs @func on the worker thread with the worker's database, after the
 * writes asked before; @callback gets @source_object (a repository). @func owns its transaction as any writer does. The
 * change notices it causes are told by @self after it returns; @data
 * stays with the result (_rapport_database_write_get_data()).
 */
void
_rapport_database_write_async (RapportDatabase     *self,
                               gpointer             source_object,
                               RapportWriteFunc     func,
                               gpointer             data,
                               GDestroyNotify       data_free,
                               gpointer             source_tag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *outer = g_task_new (source_object, cancellable, callback, user_data);
  GTask *inner = g_task_new (self, cancellable, on_written, outer);
  WriteJob *job = g_new0 (WriteJob, 1);

  g_task_set_source_tag (outer, source_tag);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->clock = g_object_ref (self->clock);
  job->notices = g_array_new (FALSE, TRUE, sizeof (Notice));
  g_array_set_clear_func (job->notices, (GDestroyNotify) notice_clear);
  g_task_set_task_data (inner, job, (GDestroyNotify) write_job_free);
  /* The caller reads @data from the outer task. */
  g_task_set_task_data (outer, g_object_ref (inner), g_object_unref);

  /* A write refused before it starts is refused at once. */
  if (_rapport_sqlite_damage_is_set (self->damage) || rapport_database_get_read_only (self))
    {
      g_autoptr(GError) error = NULL;

      if (_rapport_sqlite_damage_is_set (self->damage))
        _rapport_sqlite_set_damaged_error (self->db, &error);
      else
        _rapport_sqlite_set_error (self->db, SQLITE_READONLY, &error);
      job->error = g_steal_pointer (&error);
      g_task_return_boolean (inner, FALSE);
      g_object_unref (inner);
      return;
    }

  if (self->write_pool == NULL)
    self->write_pool = g_thread_pool_new (write_thread, self, 1, FALSE, NULL);
  g_thread_pool_push (self->write_pool, inner, NULL);
}

gboolean
_rapport_database_write_finish (gpointer          source_object,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
_rapport_database_write_get_data (GAsyncResult *result)
{
  GTask *inner = g_task_get_task_data (G_TASK (result));
  WriteJob *job = g_task_get_task_data (inner);

  return job->data;
}

static gboolean
write_nothing (RapportDatabase  *worker,
               gpointer          data,
               GError          **error)
{
  return TRUE;
}

/**
 * rapport_database_wait_for_writes_async:
 * @self: a database
 * @cancellable: (nullable): a cancellable
 * @callback: called once every write asked before has ended
 * @user_data: for @callback
 *
 * Writes made with the repositories' `_async` calls end in the order they
 * were asked; this tells when all that were asked so far have, and their
 * change notices have been told.
 */
void
rapport_database_wait_for_writes_async (RapportDatabase     *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  if (_rapport_sqlite_damage_is_set (self->damage) || rapport_database_get_read_only (self))
    {
      /* Nothing is written to such a file: there is nothing to wait for. */
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, rapport_database_wait_for_writes_async);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  _rapport_database_write_async (self, self, write_nothing, NULL, NULL,
                                 rapport_database_wait_for_writes_async, cancellable, callback, user_data);
}

gboolean
rapport_database_wait_for_writes_finish (RapportDatabase  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_database_get_waiting:
 * @self: a database
 *
 * Returns: whether a write waits for another program (see
 *   #RapportDatabase:waiting)
 */
gboolean
rapport_database_get_waiting (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  return self->waiting;
}

/**
 * rapport_database_get_damaged:
 * @self: a database
 *
 * Returns: whether damage was found in the file (see #RapportDatabase:damaged)
 */
gboolean
rapport_database_get_damaged (RapportDatabase *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  return self->damaged || _rapport_sqlite_damage_is_set (self->damage);
}

/* Names the tables the problems SQLite found are in: its own report is
 * not for people. */
static char *
describe_problems (RapportSqlite *db,
                   GPtrArray     *problems)
{
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  GList *keys;

  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);
      g_autofree char *table = _rapport_sqlite_dup_problem_table (db, problem);

      if (table != NULL)
        g_hash_table_add (tables, g_steal_pointer (&table));
    }

  keys = g_list_sort (g_hash_table_get_keys (tables), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", l != keys ? ", " : "", (char *) l->data);
  g_list_free (keys);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
run_check (RapportSqlite  *db,
           gboolean        full,
           GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (_rapport_sqlite_get_path (db));
  g_autofree char *where = NULL;

  problems = _rapport_sqlite_check (db, full, &local_error);
  if (problems == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (problems->len == 0)
    return TRUE;

  where = describe_problems (db, problems);
  if (*where != '\0')
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” is damaged: the check found %u problem, in: %s. Restore it from a backup, or save what can still be read into a new file.",
                              "“%s” is damaged: the check found %u problems, in: %s. Restore it from a backup, or save what can still be read into a new file.",
                              problems->len),
                 display, problems->len, where);
  else
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” is damaged: the check found %u problem. Restore it from a backup, or save what can still be read into a new file.",
                              "“%s” is damaged: the check found %u problems. Restore it from a backup, or save what can still be read into a new file.",
                              problems->len),
                 display, problems->len);
  return FALSE;
}

static gboolean
check_on_own_connection (RapportDatabase  *self,
                         gboolean          full,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db = open_connection (self, TRUE, &local_error);
  gboolean ok;

  if (db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_sqlite_set_damage (db, self->damage);
  ok = run_check (db, full, &local_error);
  if (!ok && g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT))
    _rapport_sqlite_damage_mark (self->damage);
  _rapport_sqlite_close (db);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/**
 * rapport_database_check:
 * @self: a database
 * @full: the full integrity check (reads every row and index) rather than
 *   the quick one (every page and row, not the indexes' agreement)
 * @error: return location for an error
 *
 * Looks for damage in the file, on a connection of its own (so from any
 * thread). Damage found makes @self #RapportDatabase:damaged.
 *
 * Returns: whether the file is whole; %FALSE with %RAPPORT_ERROR_CORRUPT
 *   naming what is damaged, or another error when it could not be read
 */
gboolean
rapport_database_check (RapportDatabase  *self,
                        gboolean          full,
                        GError          **error)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);
  return check_on_own_connection (self, full, error);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (check_on_own_connection (source_object, GPOINTER_TO_INT (task_data), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * rapport_database_check_async:
 * @self: a database
 * @full: whether to run the full check
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_database_check() in a worker thread: the window opens at once
 * and hears of damage through #RapportDatabase:damaged.
 */
void
rapport_database_check_async (RapportDatabase     *self,
                              gboolean             full,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_database_check_async);
  g_task_set_task_data (task, GINT_TO_POINTER (full), NULL);
  g_task_run_in_thread (task, check_thread);
}

gboolean
rapport_database_check_finish (RapportDatabase  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_database_notify_changed:
 * @self: a database
 *
 * Tells everyone watching @self that anything may have changed.
 */
void
rapport_database_notify_changed (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  self->generation++;
  emit_changed (self, NULL, 0, TRUE);
}

/**
 * rapport_database_check_changes:
 * @self: a database
 *
 * Looks whether another connection or program committed to the file since
 * the last look, and if so tells the watchers (#RapportDatabase::changed
 * with no kind). Costs one read of a counter in shared memory.
 *
 * Returns: whether something changed
 */
gboolean
rapport_database_check_changes (RapportDatabase *self)
{
  g_autoptr(GError) error = NULL;
  gint64 data_version = 0;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (self), FALSE);

  if (self->depth > 0)
    return FALSE;
  if (!_rapport_sqlite_get_int (self->db, "PRAGMA data_version", &data_version, &error))
    {
      g_debug ("Could not read the data version: %s", error->message);
      return FALSE;
    }
  if (data_version == self->data_version)
    return FALSE;

  /* This database's own saves, made on its worker, count as another
   * connection's commits here, and their watchers heard of them already:
   * reading every list again after each save would cost as much as the
   * largest list. */
  self->data_version = data_version;
  if (only_own_writes (self))
    return FALSE;
  rapport_database_notify_changed (self);
  return TRUE;
}

static gboolean
on_check_timeout (gpointer user_data)
{
  RapportDatabase *self = user_data;

  self->check_source = 0;
  rapport_database_check_changes (self);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 RapportDatabase   *self)
{
  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, on_check_timeout, self);
}

static GFileMonitor *
watch_file (RapportDatabase *self,
            const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return NULL;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), self);
  return monitor;
}

/**
 * rapport_database_set_watching:
 * @self: a database
 * @watching: whether to watch
 *
 * While watching, a write by another program (the command line, the
 * reminder service, an import) is noticed within a moment and told through
 * #RapportDatabase::changed, without polling: the file and its write-ahead
 * log are monitored, on the calling thread's main context.
 */
void
rapport_database_set_watching (RapportDatabase *self,
                               gboolean         watching)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  if (!watching)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
        if (self->monitors[i] != NULL)
          {
            g_signal_handlers_disconnect_by_data (self->monitors[i], self);
            g_file_monitor_cancel (self->monitors[i]);
            g_clear_object (&self->monitors[i]);
          }
      g_clear_handle_id (&self->check_source, g_source_remove);
      return;
    }

  if (self->monitors[0] == NULL)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);

      self->monitors[0] = watch_file (self, self->path);
      self->monitors[1] = watch_file (self, wal);
    }
}

static void
on_read_cancelled (GCancellable    *cancellable,
                   RapportDatabase *self)
{
  /* Only connected while a reader runs a statement under reader_lock. */
  if (self->reader != NULL)
    _rapport_sqlite_interrupt (self->reader);
}

/* The reader's database: the file is open and up to date already. */
static gboolean
ensure_reader (RapportDatabase  *self,
               GError          **error)
{
  g_autoptr(RapportDatabase) reading = NULL;

  if (self->reader != NULL)
    return TRUE;

  reading = g_object_new (RAPPORT_TYPE_DATABASE, NULL);
  reading->path = g_strdup (self->path);
  reading->flags = RAPPORT_DATABASE_READ_ONLY;
  reading->schema_version = self->schema_version;
  g_clear_pointer (&reading->damage, _rapport_sqlite_damage_unref);
  reading->damage = _rapport_sqlite_damage_ref (self->damage);
  reading->db = open_connection (self, TRUE, error);
  if (reading->db == NULL)
    return FALSE;
  _rapport_sqlite_set_damage (reading->db, self->damage);
  if (!configure_reader (reading->db, error))
    return FALSE;
  self->reading = g_steal_pointer (&reading);
  self->reader = self->reading->db;
  return TRUE;
}

/* Runs @func with the reader's connection, or with its database when
 * @through is set. */
static gpointer
read_with (RapportDatabase  *self,
           RapportReadFunc   func,
           RapportReadThroughFunc through,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer result = NULL;
  gulong handler = 0;

  g_mutex_lock (&self->reader_lock);

  if (ensure_reader (self, &local_error)
      && !g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (on_read_cancelled), self, NULL);
      if (through != NULL)
        result = through (self->reading, data, &local_error);
      else
        result = func (self->reader, data, &local_error);
      if (handler != 0)
        g_cancellable_disconnect (cancellable, handler);
    }

  g_mutex_unlock (&self->reader_lock);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

gpointer
_rapport_database_read (RapportDatabase  *self,
                        RapportReadFunc   func,
                        gpointer          data,
                        GCancellable     *cancellable,
                        GError          **error)
{
  return read_with (self, func, NULL, data, cancellable, error);
}

gpointer
_rapport_database_read_through (RapportDatabase        *self,
                                RapportReadThroughFunc  func,
                                gpointer                data,
                                GCancellable           *cancellable,
                                GError                **error)
{
  return read_with (self, NULL, func, data, cancellable, error);
}

/**
 * rapport_database_rest:
 * @self: a #RapportDatabase
 *
 * Gives back what idle connections hold, for a process about to sleep a
 * long time (the notifier between reminders). The connection that reads
 * in worker threads and the one that writes in the background are closed,
 * to be opened again when next needed; this one's unused pages go. Each
 * connection holds its own copy of the schema, over half a megabyte with
 * the summaries' triggers, and up to 2 MB of pages. A connection in use
 * at that moment is left open.
 */
void
rapport_database_rest (RapportDatabase *self)
{
  g_return_if_fail (RAPPORT_IS_DATABASE (self));

  if (g_mutex_trylock (&self->reader_lock))
    {
      close_reader (self);
      g_mutex_unlock (&self->reader_lock);
    }
  if (g_mutex_trylock (&self->worker_lock))
    {
      /* The next write opens it again, and looks at the file afresh. */
      g_clear_object (&self->worker);
      self->worker_looked = FALSE;
      g_mutex_unlock (&self->worker_lock);
    }
  _rapport_sqlite_release_memory (self->db);
  give_memory_back ();
}
