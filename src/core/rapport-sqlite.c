/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-error.h"
#include "rapport-sqlite-private.h"

/* How long a statement waits for another program's write to end before the
 * person is told the file is in use: long writers commit in steps of a
 * fraction of a second (rapport_database_yield_batch()), so this covers
 * the longest step many times over. Writes from the interface wait longer,
 * on a worker thread, showing that they wait. */
#define BUSY_TIMEOUT_MS 5000

/* How often a waiting statement tries again: often enough to get in during
 * the moment a long writer leaves between its steps. */
#define BUSY_POLL_US 1000

struct _RapportSqlite
{
  sqlite3    *db;
  char       *path;
  char       *display_path;
  GHashTable *statements;   /* SQL text → prepared statement */

  guint       busy_limit_ms;
  gint64      busy_since;
  GCancellable *busy_cancellable;
  RapportSqliteWaitFunc wait_func;
  gpointer    wait_data;

  /* The file beside the database through which a writer that waits tells
   * the one that holds the database (see _rapport_sqlite_has_waiter()):
   * opened when first needed; -1 until then, or when it cannot be. */
  int         wait_fd;
  gboolean    wait_fd_tried;
  gboolean    waiting;      /* holds its shared lock now */

  /* Shared by every connection to one database: once damage is seen,
   * nothing is written through any of them. */
  RapportSqliteDamage *damage;
};

struct _RapportSqliteDamage
{
  gatomicrefcount        ref_count;
  gint                   damaged;     /* atomic */
  RapportSqliteDamageFunc func;
  gpointer               data;
};

/* SQLite's unix files give a write-ahead log, its index and a journal the
 * mode of the database file they belong to, and a new database file 0644.
 * Rapport's files are the person's alone: every file SQLite creates in this
 * process is made 0600 from the moment it exists, whatever the mode of an
 * older database beside it, which a look may read but never change. The
 * unix VFS's table of system calls is the one place SQLite lets a program
 * decide this. */
static int
private_open (const char *path,
              int         flags,
              int         mode)
{
  return open (path, flags, (mode_t) mode & 0600);
}

static int
private_fchmod (int    fd,
                mode_t mode)
{
  return fchmod (fd, mode & 0600);
}

static void
make_created_files_private (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xSetSystemCall != NULL)
        {
          if (vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) private_open) != SQLITE_OK
              || vfs->xSetSystemCall (vfs, "fchmod", (sqlite3_syscall_ptr) private_fchmod) != SQLITE_OK)
            g_warning ("SQLite's unix files cannot be made private");
        }
      g_once_init_leave (&done, 1);
    }
}

RapportSqliteDamage *
_rapport_sqlite_damage_new (RapportSqliteDamageFunc func,
                            gpointer                data)
{
  RapportSqliteDamage *damage = g_new0 (RapportSqliteDamage, 1);

  g_atomic_ref_count_init (&damage->ref_count);
  damage->func = func;
  damage->data = data;
  return damage;
}

RapportSqliteDamage *
_rapport_sqlite_damage_ref (RapportSqliteDamage *damage)
{
  g_atomic_ref_count_inc (&damage->ref_count);
  return damage;
}

void
_rapport_sqlite_damage_unref (RapportSqliteDamage *damage)
{
  if (damage != NULL && g_atomic_ref_count_dec (&damage->ref_count))
    g_free (damage);
}

/* Called from any thread. */
void
_rapport_sqlite_damage_mark (RapportSqliteDamage *damage)
{
  if (g_atomic_int_compare_and_exchange (&damage->damaged, 0, 1) && damage->func != NULL)
    damage->func (damage->data);
}

void
_rapport_sqlite_damage_clear (RapportSqliteDamage *damage)
{
  g_atomic_int_set (&damage->damaged, 0);
}

gboolean
_rapport_sqlite_damage_is_set (RapportSqliteDamage *damage)
{
  return damage != NULL && g_atomic_int_get (&damage->damaged);
}

void
_rapport_sqlite_set_damage (RapportSqlite       *self,
                            RapportSqliteDamage *damage)
{
  g_clear_pointer (&self->damage, _rapport_sqlite_damage_unref);
  self->damage = damage ? _rapport_sqlite_damage_ref (damage) : NULL;
}

/* A long writer commits its steps sooner when another writer waits
 * (rapport_database_yield_batch()), and SQLite does not tell it: so a
 * Rapport connection that waits for the database holds a shared flock()
 * on the file “DATABASE-wait” for as long as it waits, and the holder
 * looks whether it could take an exclusive one. flock() locks are apart
 * from the POSIX locks SQLite keeps on the database's own files, whose
 * descriptors must never be opened and closed beside SQLite's: hence a
 * file of Rapport's own. Where it cannot be made (a folder one may not
 * write in), nobody is seen waiting, and long writers keep to short
 * steps. */
static int
get_wait_fd (RapportSqlite *self)
{
  g_autofree char *path = NULL;

  if (self->wait_fd_tried)
    return self->wait_fd;
  self->wait_fd_tried = TRUE;
  if (*self->path == '\0' || g_str_equal (self->path, ":memory:") || g_str_has_prefix (self->path, "file:"))
    return -1;
  path = g_strconcat (self->path, "-wait", NULL);
  self->wait_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->wait_fd < 0)
    g_debug ("Could not open %s: %s", path, g_strerror (errno));
  return self->wait_fd;
}

static void
end_wait (RapportSqlite *self)
{
  if (!self->waiting)
    return;
  self->waiting = FALSE;
  flock (self->wait_fd, LOCK_UN);
}

/**
 * _rapport_sqlite_has_waiter:
 *
 * Whether a Rapport connection to the same database, in this process or
 * another, waits for it now.
 */
gboolean
_rapport_sqlite_has_waiter (RapportSqlite *self)
{
  int fd = get_wait_fd (self);

  if (fd < 0)
    return TRUE;  /* cannot tell: as if someone waited */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    return errno == EWOULDBLOCK;
  flock (fd, LOCK_UN);
  return FALSE;
}

static int
on_busy (void *data,
         int   count)
{
  RapportSqlite *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      self->busy_since = now;
      if (self->wait_func != NULL)
        self->wait_func (self->wait_data);
    }
  /* Said again until it holds: the holder's look takes the lock for a
   * moment. */
  if (!self->waiting && get_wait_fd (self) >= 0)
    self->waiting = flock (self->wait_fd, LOCK_SH | LOCK_NB) == 0;

  if (g_cancellable_is_cancelled (self->busy_cancellable)
      || now - self->busy_since >= (gint64) self->busy_limit_ms * 1000)
    return 0;

  g_usleep (BUSY_POLL_US);
  return 1;
}

/* How long a statement waits for another writer, and whom it tells (from
 * the waiting thread) when it starts to wait; @cancellable stops a wait. */
void
_rapport_sqlite_set_busy (RapportSqlite         *self,
                          guint                  limit_ms,
                          GCancellable          *cancellable,
                          RapportSqliteWaitFunc  wait_func,
                          gpointer               wait_data)
{
  self->busy_limit_ms = limit_ms ? limit_ms : BUSY_TIMEOUT_MS;
  g_set_object (&self->busy_cancellable, cancellable);
  self->wait_func = wait_func;
  self->wait_data = wait_data;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

RapportSqlite *
_rapport_sqlite_open (const char          *path,
                      RapportSqliteFlags   flags,
                      GError             **error)
{
  RapportSqlite *self;
  int open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  open_flags |= (flags & RAPPORT_SQLITE_READ_ONLY) ? SQLITE_OPEN_READONLY
                                                   : SQLITE_OPEN_READWRITE;

  make_created_files_private ();

  self = g_new0 (RapportSqlite, 1);
  self->busy_limit_ms = BUSY_TIMEOUT_MS;
  self->wait_fd = -1;
  /* a look never writes, so never waits to */
  self->wait_fd_tried = (flags & RAPPORT_SQLITE_READ_ONLY) != 0;
  self->path = g_strdup (path);
  self->display_path = g_filename_display_name (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _rapport_sqlite_set_error (self, rc, error);
      _rapport_sqlite_close (self);
      return NULL;
    }

  sqlite3_busy_handler (self->db, on_busy, self);
  sqlite3_extended_result_codes (self->db, 1);

  return self;
}

static gboolean
is_statement_idle (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  return !sqlite3_stmt_busy (value);
}

/* Gives back the pages the connection keeps but is not using, and the
 * statements it has cached and is not running (prepared again when next
 * asked for): a statement that writes carries the programs of every
 * trigger it fires, several kilobytes for a client's tags and addresses. */
void
_rapport_sqlite_release_memory (RapportSqlite *self)
{
  if (self == NULL || self->db == NULL)
    return;
  g_hash_table_foreach_remove (self->statements, is_statement_idle, NULL);
  sqlite3_db_release_memory (self->db);
}

void
_rapport_sqlite_close (RapportSqlite *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->wait_fd >= 0)
    close (self->wait_fd);
  g_clear_object (&self->busy_cancellable);
  g_clear_pointer (&self->damage, _rapport_sqlite_damage_unref);
  g_free (self->path);
  g_free (self->display_path);
  g_free (self);
}

sqlite3 *
_rapport_sqlite_get_handle (RapportSqlite *self)
{
  return self->db;
}

const char *
_rapport_sqlite_get_path (RapportSqlite *self)
{
  return self->path;
}

/* What SQLite refused, in words for a person: which rule a change broke,
 * never SQLite's own text (which names columns and SQL). */
static const char *
describe_constraint (int rc)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return _("the change refers to a record that no longer exists, or would leave a record pointing at nothing");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return _("a record with the same value already exists");
    case SQLITE_CONSTRAINT_NOTNULL:
      return _("a value that must be given is missing");
    default:
      return _("a value is not acceptable");
    }
}

/* The system's reason for a failed read or write, when it gave one. */
static const char *
describe_system_error (RapportSqlite *self)
{
  int system_errno = self->db ? sqlite3_system_errno (self->db) : 0;

  return system_errno != 0 ? g_strerror (system_errno) : _("the system gave no reason");
}

void
_rapport_sqlite_set_error (RapportSqlite  *self,
                           int             rc,
                           GError        **error)
{
  const char *file = self->display_path;

  g_debug ("SQLite error %d on %s: %s", rc, self->path,
           self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      if (self->damage != NULL)
        _rapport_sqlite_damage_mark (self->damage);
    }

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_BUSY,
                   _("“%s” is in use by another program. Close that program and try again."),
                   file);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read. Restore it from a backup; Rapport has not changed it."),
                   file);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_DATABASE,
                   _("“%s” is not a Rapport database: it is not a database file at all."),
                   file);
      break;

    case SQLITE_FULL:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FULL,
                   _("Could not write to “%s”: the disk is full. What was being saved was not saved; free some space and try again."),
                   file);
      break;

    case SQLITE_READONLY:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_READ_ONLY,
                   _("“%s” cannot be written to. Check that the file and its folder may be changed."),
                   file);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not read or write “%s”: %s."), file, describe_system_error (self));
      break;

    case SQLITE_INTERRUPT:
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED,
                           _("The operation was cancelled."));
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                   _("“%s” refused the change: %s. Nothing was changed."),
                   file, describe_constraint (rc));
      break;

    case SQLITE_NOMEM:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                   _("There is not enough memory to use “%s”. Close other programs and try again."),
                   file);
      break;

    case SQLITE_TOOBIG:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("A value is too large to be kept in “%s”. Nothing was changed."),
                   file);
      break;

    default:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                   _("Rapport could not use “%s” (error %d). Nothing was changed; if this happens again, restore the file from a backup."),
                   file, rc);
      break;
    }
}

void
_rapport_sqlite_set_damaged_error (RapportSqlite  *self,
                                   GError        **error)
{
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
               _("“%s” is damaged, so Rapport writes nothing to it. Restore it from a backup, or save what can still be read into a new file."),
               self->display_path);
}

/* Whether @sql (one statement or several) only reads. */
static gboolean
only_reads (RapportSqlite *self,
            const char    *sql)
{
  const char *tail = sql;

  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      gboolean reads;

      if (sqlite3_prepare_v2 (self->db, tail, -1, &stmt, &tail) != SQLITE_OK)
        return FALSE;
      if (stmt == NULL)
        break;
      reads = sqlite3_stmt_readonly (stmt);
      sqlite3_finalize (stmt);
      if (!reads)
        return FALSE;
    }
  return TRUE;
}

gboolean
_rapport_sqlite_exec (RapportSqlite  *self,
                      const char     *sql,
                      GError        **error)
{
  int rc;

  if (_rapport_sqlite_damage_is_set (self->damage) && !only_reads (self, sql))
    {
      _rapport_sqlite_set_damaged_error (self, error);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  end_wait (self);

  if (rc != SQLITE_OK)
    {
      _rapport_sqlite_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Statements are cached for the life of the connection; the caller holds it
 * in a g_autoptr(RapportStmt), which resets it when it goes out of scope. */
RapportStmt *
_rapport_sqlite_prepare (RapportSqlite  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rapport_sqlite_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_rapport_sqlite_step (RapportSqlite  *self,
                      RapportStmt    *stmt,
                      gboolean       *has_row,
                      GError        **error)
{
  int rc;

  /* Once damage is seen nothing more is written: writing into a damaged
   * file spreads the damage. */
  if (_rapport_sqlite_damage_is_set (self->damage) && !sqlite3_stmt_readonly (stmt))
    {
      *has_row = FALSE;
      _rapport_sqlite_set_damaged_error (self, error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  end_wait (self);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *has_row = rc == SQLITE_ROW;
      return TRUE;
    }

  *has_row = FALSE;
  _rapport_sqlite_set_error (self, rc, error);
  return FALSE;
}

/* Steps a statement that returns no rows. */
gboolean
_rapport_sqlite_run (RapportSqlite  *self,
                     RapportStmt    *stmt,
                     GError        **error)
{
  gboolean has_row;

  if (!_rapport_sqlite_step (self, stmt, &has_row, error))
    return FALSE;

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_rapport_sqlite_begin (RapportSqlite  *self,
                       GError        **error)
{
  return _rapport_sqlite_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_rapport_sqlite_commit (RapportSqlite  *self,
                        GError        **error)
{
  if (!_rapport_sqlite_exec (self, "COMMIT", error))
    {
      _rapport_sqlite_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_rapport_sqlite_rollback (RapportSqlite *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

guint
_rapport_sqlite_get_n_statements (RapportSqlite *self)
{
  return g_hash_table_size (self->statements);
}

gint64
_rapport_sqlite_last_insert_id (RapportSqlite *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

int
_rapport_sqlite_changes (RapportSqlite *self)
{
  return sqlite3_changes (self->db);
}

gboolean
_rapport_sqlite_get_int (RapportSqlite  *self,
                         const char     *sql,
                         gint64         *value,
                         GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (self, sql, error);
  gboolean has_row;

  if (stmt == NULL || !_rapport_sqlite_step (self, stmt, &has_row, error))
    return FALSE;

  *value = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* SQLite's quick or full integrity check: the problems it reports (at most
 * a hundred), none when the file is whole. A file too damaged to be checked
 * at all is one problem. */
GPtrArray *
_rapport_sqlite_check (RapportSqlite  *self,
                       gboolean        full,
                       GError        **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, 0);

        if (text != NULL && !g_str_equal (text, "ok"))
          g_ptr_array_add (problems, g_strdup (text));
      }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    return g_steal_pointer (&problems);
  /* The check stopped at damage it could not read past. */
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      if (problems->len == 0)
        g_ptr_array_add (problems, g_strdup (sqlite3_errstr (rc)));
      return g_steal_pointer (&problems);
    }

  _rapport_sqlite_set_error (self, rc, error);
  return NULL;
}

static char *
lookup_table (RapportSqlite *self,
              const char    *sql,
              const char    *text,
              gint64         number)
{
  sqlite3_stmt *stmt = NULL;
  char *table = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return table;
}

/* The table a problem of _rapport_sqlite_check() is in, when it says. */
char *
_rapport_sqlite_dup_problem_table (RapportSqlite *self,
                                   const char    *problem)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) tree = g_regex_new ("Tree ([0-9]+) page", 0, 0, NULL);
  g_autoptr(GRegex) index = g_regex_new ("index ([A-Za-z0-9_]+)", 0, 0, NULL);

  if (g_regex_match (tree, problem, 0, &match))
    {
      g_autofree char *root = g_match_info_fetch (match, 1);

      return lookup_table (self, "SELECT tbl_name FROM sqlite_schema WHERE rootpage = ?1", NULL,
                           g_ascii_strtoll (root, NULL, 10));
    }
  g_clear_pointer (&match, g_match_info_unref);
  if (g_regex_match (index, problem, 0, &match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);

      return lookup_table (self, "SELECT tbl_name FROM sqlite_schema WHERE name = ?1", name, 0);
    }
  return NULL;
}

/* Copies the whole of @source into @dest with SQLite's online backup: a
 * consistent copy of @source as of one moment, while others go on writing
 * to it. @dest is written in one transaction. */
gboolean
_rapport_sqlite_backup (RapportSqlite  *source,
                        RapportSqlite  *dest,
                        GError        **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest->db, "main", source->db, "main");
  int rc;

  if (backup == NULL)
    {
      _rapport_sqlite_set_error (dest, sqlite3_errcode (dest->db), error);
      return FALSE;
    }

  do
    rc = sqlite3_backup_step (backup, -1);
  while (rc == SQLITE_OK);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      /* A damaged source shows as damage of the copy's pages, later; what
       * stops the copy here is mostly the destination. */
      _rapport_sqlite_set_error (dest, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Marks the damage of this connection's database, when it is watched. */
void
_rapport_sqlite_mark_damaged (RapportSqlite *self)
{
  if (self->damage != NULL)
    _rapport_sqlite_damage_mark (self->damage);
}

void
_rapport_sqlite_interrupt (RapportSqlite *self)
{
  sqlite3_interrupt (self->db);
}

void
_rapport_stmt_release (RapportStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
_rapport_stmt_bind_text (RapportStmt *stmt,
                         int          index,
                         const char  *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
_rapport_stmt_bind_text_or_null (RapportStmt *stmt,
                                 int          index,
                                 const char  *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_rapport_stmt_bind_int (RapportStmt *stmt,
                        int          index,
                        gint64       value)
{
  sqlite3_bind_int64 (stmt, index, value);
}

void
_rapport_stmt_bind_id_or_null (RapportStmt *stmt,
                               int          index,
                               gint64       id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
_rapport_stmt_column_text (RapportStmt *stmt,
                           int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

char *
_rapport_stmt_dup_text (RapportStmt *stmt,
                        int          column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup (_rapport_stmt_column_text (stmt, column));
}

/* A blob, or NULL when the column is NULL or empty. */
GBytes *
_rapport_stmt_dup_blob (RapportStmt *stmt,
                        int          column)
{
  const void *data = sqlite3_column_blob (stmt, column);
  int size = sqlite3_column_bytes (stmt, column);

  if (data == NULL || size <= 0)
    return NULL;
  return g_bytes_new (data, (gsize) size);
}

void
_rapport_stmt_bind_blob (RapportStmt *stmt,
                         int          index,
                         GBytes      *bytes)
{
  gsize size = 0;
  const void *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL || size == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_blob64 (stmt, index, data, size, SQLITE_TRANSIENT);
}

gint64
_rapport_stmt_column_int (RapportStmt *stmt,
                          int          column)
{
  return sqlite3_column_int64 (stmt, column);
}

gboolean
_rapport_stmt_column_is_null (RapportStmt *stmt,
                              int          column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL;
}

/* A list of ids as one bound value: json_each() turns it back into rows,
 * so one prepared statement serves a list of any length. */
char *
_rapport_sqlite_ids_to_json (const gint64 *ids,
                             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Runs each of @statements, whose one parameter is @id. */
gboolean
_rapport_sqlite_run_each_with_id (RapportSqlite       *self,
                                  const char * const  *statements,
                                  guint                n_statements,
                                  gint64               id,
                                  GError             **error)
{
  for (guint i = 0; i < n_statements; i++)
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, id);
      if (!_rapport_sqlite_run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A phrase of FTS5's query syntax that matches @text literally: whatever a
 * person typed is quoted, so “AND”, “*”, “-” or a lone quote mean
 * themselves. */
char *
_rapport_sqlite_fts_phrase (const char *text)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');

  return g_string_free (phrase, FALSE);
}
