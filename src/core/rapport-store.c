/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-store-search-private.h"

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint signals[STORE_N_SIGNALS];

static void
rapport_store_finalize (GObject *object)
{
  RapportStore *self = (RapportStore *) object;

  g_mutex_lock (&self->reader_lock);
  g_clear_pointer (&self->reader, _rapport_sqlite_close);
  g_clear_pointer (&self->reader_cache, _rapport_search_cache_free);
  g_mutex_unlock (&self->reader_lock);
  g_clear_pointer (&self->search_cache, _rapport_search_cache_free);
  g_mutex_clear (&self->reader_lock);

  g_clear_pointer (&self->db, _rapport_sqlite_close);
  g_free (self->path);

  G_OBJECT_CLASS (rapport_store_parent_class)->finalize (object);
}

static void
rapport_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RapportStore *self = RAPPORT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_store_finalize;
  object_class->get_property = rapport_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportStore::clients-changed:
   * @self: the store
   * @id: the client that changed, or 0 when many did
   */
  signals[STORE_SIGNAL_CLIENTS_CHANGED] =
    g_signal_new ("clients-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RapportStore::interactions-changed:
   * @self: the store
   * @client_id: whose interactions changed, or 0 when many did
   */
  signals[STORE_SIGNAL_INTERACTIONS_CHANGED] =
    g_signal_new ("interactions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RapportStore::staff-changed:
   * @self: the store
   */
  signals[STORE_SIGNAL_STAFF_CHANGED] =
    g_signal_new ("staff-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_store_init (RapportStore *self)
{
  g_mutex_init (&self->reader_lock);
  self->search_cache = _rapport_search_cache_new ();
}

/**
 * rapport_store_dup_default_path:
 *
 * Returns: (transfer full): where the database lives unless told otherwise:
 *   `rapport/rapport.db` in the user data directory
 */
char *
rapport_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* Creates the folder (private) and an empty file (mode 0600) when there is
 * none, so SQLite never creates the file with the umask's wider mode. */
static gboolean
prepare_file (const char  *path,
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
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not create the folder “%s”: %s."),
                   display_dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not create “%s”: %s."), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    g_close (fd, NULL);

  return TRUE;
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

/* Reads the header and the schema without writing anything, and refuses
 * what Rapport must not touch. */
static gboolean
check_database (RapportSqlite  *db,
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

  if (user_version > _rapport_migrations_latest ())
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport (data version %u; this version knows up to %u). Update Rapport to open it; the file has not been changed."),
                   display, (guint) user_version, _rapport_migrations_latest ());
      return FALSE;
    }

  if (!check_length (db, display, error))
    return FALSE;

  *version = (guint) user_version;
  return TRUE;
}

static gboolean
configure_connection (RapportSqlite  *db,
                      GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || g_ascii_strcasecmp (_rapport_stmt_column_text (stmt, 0), "wal") != 0)
    g_debug ("The database is not in WAL mode; another program may hold it");

  return _rapport_sqlite_exec (db,
                               "PRAGMA foreign_keys = ON;"
                               "PRAGMA synchronous = NORMAL;"
                               "PRAGMA temp_store = MEMORY;",
                               error);
}

/**
 * rapport_store_open:
 * @path: (type filename): the database file; created when missing
 * @error: return location for a %RAPPORT_ERROR
 *
 * Opens the database, creating it (mode 0600) or upgrading its schema as
 * needed. A file of another program, a newer Rapport's file, a damaged or
 * locked file is refused with a distinct error that names it, and is left
 * exactly as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RapportStore *
rapport_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(RapportStore) self = NULL;
  guint version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = _rapport_sqlite_open (path, RAPPORT_SQLITE_READ_WRITE, error);
  if (self->db == NULL)
    return NULL;

  if (sqlite3_db_readonly (_rapport_sqlite_get_handle (self->db), "main") == 1)
    {
      _rapport_sqlite_set_error (self->db, SQLITE_READONLY, error);
      return NULL;
    }

  if (!check_database (self->db, &version, error)
      || !configure_connection (self->db, error)
      || !_rapport_migrations_apply (self->db, version, error))
    return NULL;

  self->schema_version = _rapport_migrations_latest ();
  g_chmod (path, 0600);

  return g_steal_pointer (&self);
}

const char *
rapport_store_get_path (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  return self->path;
}

guint
rapport_store_get_schema_version (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);
  return self->schema_version;
}

guint
rapport_store_get_latest_schema_version (void)
{
  return _rapport_migrations_latest ();
}

/**
 * rapport_store_notify_changed:
 * @self: a store
 *
 * Tells everyone watching @self that many records may have changed, for
 * example after another connection wrote to the same file.
 */
void
rapport_store_notify_changed (RapportStore *self)
{
  g_return_if_fail (RAPPORT_IS_STORE (self));

  self->generation++;
  g_signal_emit (self, signals[STORE_SIGNAL_STAFF_CHANGED], 0);
  g_signal_emit (self, signals[STORE_SIGNAL_CLIENTS_CHANGED], 0, (gint64) 0);
  g_signal_emit (self, signals[STORE_SIGNAL_INTERACTIONS_CHANGED], 0, (gint64) 0);
}

gint64
_rapport_store_now (RapportStore *self)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_rapport_store_emit (RapportStore *self,
                     guint         signal,
                     gint64        id)
{
  self->generation++;

  if (self->batch_depth > 0)
    {
      self->batch_changed = TRUE;
      return;
    }

  if (signal == STORE_SIGNAL_STAFF_CHANGED)
    g_signal_emit (self, signals[signal], 0);
  else
    g_signal_emit (self, signals[signal], 0, id);
}

gboolean
_rapport_store_transaction_begin (RapportStore  *self,
                                  GError       **error)
{
  g_autofree char *savepoint = NULL;

  if (self->transaction_depth == 0)
    {
      if (!_rapport_sqlite_begin (self->db, error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT level_%u", self->transaction_depth);
      if (!_rapport_sqlite_exec (self->db, savepoint, error))
        return FALSE;
    }

  self->transaction_depth++;
  return TRUE;
}

gboolean
_rapport_store_transaction_commit (RapportStore  *self,
                                   GError       **error)
{
  g_autofree char *release = NULL;

  g_assert (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    {
      if (!_rapport_sqlite_commit (self->db, error))
        {
          self->transaction_depth = 0;
          return FALSE;
        }
    }
  else
    {
      release = g_strdup_printf ("RELEASE level_%u", self->transaction_depth - 1);
      if (!_rapport_sqlite_exec (self->db, release, error))
        {
          _rapport_store_transaction_abort (self);
          return FALSE;
        }
    }

  self->transaction_depth--;
  return TRUE;
}

void
_rapport_store_transaction_abort (RapportStore *self)
{
  g_autofree char *rollback = NULL;

  g_assert (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    {
      _rapport_sqlite_rollback (self->db);
    }
  else
    {
      rollback = g_strdup_printf ("ROLLBACK TO level_%u; RELEASE level_%u",
                                  self->transaction_depth - 1,
                                  self->transaction_depth - 1);
      _rapport_sqlite_exec (self->db, rollback, NULL);
    }

  self->transaction_depth--;
}

/**
 * rapport_store_begin_batch:
 * @self: a store
 * @error: return location for an error
 *
 * Starts a batch: the writes until rapport_store_end_batch() are one
 * transaction, and watchers hear of them once, at the end.
 */
gboolean
rapport_store_begin_batch (RapportStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!_rapport_store_transaction_begin (self, error))
    return FALSE;

  self->batch_depth++;
  return TRUE;
}

gboolean
rapport_store_end_batch (RapportStore  *self,
                         GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  self->batch_depth--;
  if (!_rapport_store_transaction_commit (self, error))
    {
      self->batch_changed = FALSE;
      return FALSE;
    }

  if (self->batch_depth == 0 && self->batch_changed)
    {
      self->batch_changed = FALSE;
      rapport_store_notify_changed (self);
    }

  return TRUE;
}

void
rapport_store_cancel_batch (RapportStore *self)
{
  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (self->batch_depth > 0);

  self->batch_depth--;
  _rapport_store_transaction_abort (self);
  if (self->batch_depth == 0)
    self->batch_changed = FALSE;
}
