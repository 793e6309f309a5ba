/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The catalog of products and services, and its SQL. An item that an order
 * used is archived, never deleted: the order's lines point at it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-catalog-repository.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-text.h"

struct _RapportCatalogRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportCatalogRepository, rapport_catalog_repository, G_TYPE_OBJECT)

#define ITEM_COLUMNS \
  "id, code, name, kind, unit, unit_price, tax_rate, warranty_months, archived_at IS NOT NULL"

static void
rapport_catalog_repository_finalize (GObject *object)
{
  RapportCatalogRepository *self = (RapportCatalogRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_catalog_repository_parent_class)->finalize (object);
}

static void
rapport_catalog_repository_class_init (RapportCatalogRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_catalog_repository_finalize;
}

static void
rapport_catalog_repository_init (RapportCatalogRepository *self)
{
}

/**
 * rapport_catalog_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the catalog of @database
 */
RapportCatalogRepository *
rapport_catalog_repository_new (RapportDatabase *database)
{
  RapportCatalogRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_CATALOG_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportCatalogRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static RapportCatalogItem *
item_from_row (RapportStmt *stmt)
{
  RapportItemKind kind = RAPPORT_ITEM_PRODUCT;
  RapportCatalogItem *item;

  rapport_item_kind_from_string (_rapport_stmt_column_text (stmt, 3), &kind);
  item = rapport_catalog_item_new (_rapport_stmt_column_text (stmt, 2), kind,
                                   _rapport_stmt_column_int (stmt, 5));
  rapport_catalog_item_set_id (item, _rapport_stmt_column_int (stmt, 0));
  rapport_catalog_item_set_code (item, _rapport_stmt_column_text (stmt, 1));
  rapport_catalog_item_set_unit (item, _rapport_stmt_column_text (stmt, 4));
  rapport_catalog_item_set_tax_rate (item, (gint) CLAMP (_rapport_stmt_column_int (stmt, 6), 0, G_MAXINT));
  rapport_catalog_item_set_warranty_months (item, (gint) CLAMP (_rapport_stmt_column_int (stmt, 7), 0, G_MAXINT));
  _rapport_catalog_item_set_archived (item, _rapport_stmt_column_int (stmt, 8) != 0);
  return item;
}

/**
 * rapport_catalog_repository_find:
 * @self: the catalog
 * @text: (nullable): part of a name or a code, as typed; empty for all
 * @include_archived: whether archived items count
 * @limit: at most this many; 0 for no limit
 * @error: return location for an error
 *
 * Finds items whose name contains @text (case and accents ignored) or
 * whose code starts with it: type-ahead for order lines.
 *
 * Returns: (transfer full) (element-type RapportCatalogItem): the items,
 *   by name
 */
GPtrArray *
rapport_catalog_repository_find (RapportCatalogRepository  *self,
                                 const char                *text,
                                 gboolean                   include_archived,
                                 guint                      limit,
                                 GError                   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *folded = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), NULL);

  db = connection (self);
  folded = rapport_text_fold (text);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " ITEM_COLUMNS " FROM catalog_items"
                                  " WHERE (?2 OR archived_at IS NULL)"
                                  " AND (?1 = '' OR instr(sort_key, ?1) > 0"
                                  "      OR (code <> '' AND substr(lower(code), 1, length(?1)) = ?1))"
                                  " ORDER BY sort_key, id LIMIT ?3",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, folded);
  _rapport_stmt_bind_int (stmt, 2, include_archived);
  _rapport_stmt_bind_int (stmt, 3, limit > 0 ? (gint64) limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (items, item_from_row (stmt));
  if (!ok)
    return NULL;

  return g_steal_pointer (&items);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("The product or service no longer exists."));
}

/**
 * rapport_catalog_repository_get:
 * @self: the catalog
 * @id: an item's id
 * @error: return location for an error
 *
 * Returns: (transfer full): the item, or %NULL with %RAPPORT_ERROR_NOT_FOUND
 */
RapportCatalogItem *
rapport_catalog_repository_get (RapportCatalogRepository  *self,
                                gint64                     id,
                                GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT " ITEM_COLUMNS " FROM catalog_items WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (error);
      return NULL;
    }
  return item_from_row (stmt);
}

static gboolean
check_code_free (RapportCatalogRepository  *self,
                 RapportCatalogItem        *item,
                 GError                   **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  const char *code = rapport_catalog_item_get_code (item);
  gboolean taken = FALSE;

  if (*code == '\0')
    return TRUE;

  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM catalog_items WHERE code = ?1 AND id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, code);
  _rapport_stmt_bind_int (stmt, 2, rapport_catalog_item_get_id (item));
  if (!_rapport_sqlite_step (db, stmt, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Code: another product or service already has the code “%s”."), code);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_catalog_repository_save:
 * @self: the catalog
 * @item: a new item (id 0) or a changed one; a new one gets its id
 * @error: return location for an error naming the field
 *
 * A change to an item changes what later orders copy, never an order that
 * already has it.
 */
gboolean
rapport_catalog_repository_save (RapportCatalogRepository  *self,
                                 RapportCatalogItem        *item,
                                 GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *sort_key = NULL;
  gint64 id, now;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CATALOG_ITEM (item), FALSE);

  if (!rapport_catalog_item_tidy (item, error) || !check_code_free (self, item, error))
    return FALSE;

  db = connection (self);
  id = rapport_catalog_item_get_id (item);
  now = rapport_database_now (self->database);
  sort_key = rapport_text_fold (rapport_catalog_item_get_name (item));
  stmt = _rapport_sqlite_prepare (db,
                                  id == 0
                                  ? "INSERT INTO catalog_items (code, name, kind, unit, unit_price, tax_rate,"
                                    " warranty_months, sort_key, created_at, updated_at)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
                                  : "UPDATE catalog_items SET code = ?1, name = ?2, kind = ?3, unit = ?4,"
                                    " unit_price = ?5, tax_rate = ?6, warranty_months = ?7, sort_key = ?8,"
                                    " updated_at = ?9 WHERE id = ?10",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, rapport_catalog_item_get_code (item));
  _rapport_stmt_bind_text (stmt, 2, rapport_catalog_item_get_name (item));
  _rapport_stmt_bind_text (stmt, 3, rapport_item_kind_to_string (rapport_catalog_item_get_kind (item)));
  _rapport_stmt_bind_text (stmt, 4, rapport_catalog_item_get_unit (item));
  _rapport_stmt_bind_int (stmt, 5, rapport_catalog_item_get_unit_price (item));
  _rapport_stmt_bind_int (stmt, 6, rapport_catalog_item_get_tax_rate (item));
  _rapport_stmt_bind_int (stmt, 7, rapport_catalog_item_get_warranty_months (item));
  _rapport_stmt_bind_text (stmt, 8, sort_key);
  _rapport_stmt_bind_int (stmt, 9, now);
  if (id != 0)
    _rapport_stmt_bind_int (stmt, 10, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (id == 0)
    rapport_catalog_item_set_id (item, _rapport_sqlite_last_insert_id (db));
  else if (_rapport_sqlite_changes (db) == 0)
    {
      set_not_found (error);
      return FALSE;
    }

  _rapport_database_note_change (self->database, RAPPORT_KIND_CATALOG_ITEM,
                                 rapport_catalog_item_get_id (item));
  return TRUE;
}

static gboolean
run_on_item (RapportCatalogRepository  *self,
             const char                *sql,
             gint64                     id,
             GError                   **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      set_not_found (error);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_catalog_repository_set_archived:
 * @self: the catalog
 * @id: an item's id
 * @archived: whether it is offered no more
 * @error: return location for an error
 */
gboolean
rapport_catalog_repository_set_archived (RapportCatalogRepository  *self,
                                         gint64                     id,
                                         gboolean                   archived,
                                         GError                   **error)
{
  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), FALSE);

  if (!run_on_item (self,
                    archived ? "UPDATE catalog_items SET archived_at = coalesce(archived_at, ?2) WHERE id = ?1"
                             : "UPDATE catalog_items SET archived_at = NULL WHERE id = ?1",
                    id, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_CATALOG_ITEM, id);
  return TRUE;
}

/* Deletes the item unless an order holds on to it. */
static gboolean
try_delete (RapportCatalogRepository  *self,
            gint64                     id,
            gboolean                  *held,
            GError                   **error)
{
  g_autoptr(GError) local_error = NULL;

  *held = FALSE;
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (run_on_item (self, "DELETE FROM catalog_items WHERE id = ?1", id, &local_error))
    return _rapport_database_commit (self->database, error);

  _rapport_database_rollback (self->database);
  if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
    {
      *held = TRUE;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * rapport_catalog_repository_remove:
 * @self: the catalog
 * @id: an item's id
 * @archived: (out) (optional): %TRUE when the item was archived because
 *   orders use it, %FALSE when it was deleted
 * @error: return location for an error
 *
 * Removes an item from the catalog: deleted when no order used it,
 * archived otherwise (orders keep pointing at it; it is offered no more).
 */
gboolean
rapport_catalog_repository_remove (RapportCatalogRepository  *self,
                                   gint64                     id,
                                   gboolean                  *archived,
                                   GError                   **error)
{
  gboolean held = FALSE;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), FALSE);

  if (!try_delete (self, id, &held, error))
    return FALSE;
  if (held && !rapport_catalog_repository_set_archived (self, id, TRUE, error))
    return FALSE;

  if (!held)
    _rapport_database_note_change (self->database, RAPPORT_KIND_CATALOG_ITEM, id);
  if (archived != NULL)
    *archived = held;
  return TRUE;
}

/* The writes of the interface, on the database's worker thread (see
 * _rapport_database_write_async()): the window never waits for them. */

typedef enum
{
  WRITE_SAVE,
  WRITE_ARCHIVE,
  WRITE_REMOVE,
} WriteKind;

typedef struct
{
  WriteKind           kind;
  RapportCatalogItem *item;
  gint64              id;
  gboolean            flag;  /* WRITE_ARCHIVE: archived; WRITE_REMOVE: it was archived */
} CatalogWrite;

static void
catalog_write_free (CatalogWrite *write)
{
  g_clear_object (&write->item);
  g_free (write);
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  CatalogWrite *write = data;
  g_autoptr(RapportCatalogRepository) catalog = rapport_catalog_repository_new (worker);

  switch (write->kind)
    {
    case WRITE_SAVE:
      return rapport_catalog_repository_save (catalog, write->item, error);
    case WRITE_ARCHIVE:
      return rapport_catalog_repository_set_archived (catalog, write->id, write->flag, error);
    case WRITE_REMOVE:
      return rapport_catalog_repository_remove (catalog, write->id, &write->flag, error);
    default:
      g_assert_not_reached ();
    }
}

static void
write_async (RapportCatalogRepository *self,
             WriteKind                 kind,
             RapportCatalogItem       *item,
             gint64                    id,
             gboolean                  flag,
             gpointer                  source_tag,
             GCancellable             *cancellable,
             GAsyncReadyCallback       callback,
             gpointer                  user_data)
{
  CatalogWrite *write = g_new0 (CatalogWrite, 1);

  write->kind = kind;
  write->item = item ? g_object_ref (item) : NULL;
  write->id = id;
  write->flag = flag;
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) catalog_write_free, source_tag,
                                 cancellable, callback, user_data);
}

/**
 * rapport_catalog_repository_save_async:
 * @self: the catalog
 * @item: a new or changed item; not to be changed until the write ends,
 *   when a new one has its id
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_catalog_repository_save() on the database's worker thread.
 * Finish with rapport_catalog_repository_write_finish().
 */
void
rapport_catalog_repository_save_async (RapportCatalogRepository *self,
                                       RapportCatalogItem       *item,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_CATALOG_ITEM (item));

  write_async (self, WRITE_SAVE, item, 0, FALSE, rapport_catalog_repository_save_async,
               cancellable, callback, user_data);
}

/**
 * rapport_catalog_repository_set_archived_async:
 * @self: the catalog
 * @id: an item
 * @archived: whether it is offered no more
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_catalog_repository_set_archived() on the database's worker
 * thread. Finish with rapport_catalog_repository_write_finish().
 */
void
rapport_catalog_repository_set_archived_async (RapportCatalogRepository *self,
                                               gint64                    id,
                                               gboolean                  archived,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self));

  write_async (self, WRITE_ARCHIVE, NULL, id, archived, rapport_catalog_repository_set_archived_async,
               cancellable, callback, user_data);
}

/**
 * rapport_catalog_repository_remove_async:
 * @self: the catalog
 * @id: an item
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_catalog_repository_remove() on the database's worker thread.
 * Finish with rapport_catalog_repository_remove_finish().
 */
void
rapport_catalog_repository_remove_async (RapportCatalogRepository *self,
                                         gint64                    id,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self));

  write_async (self, WRITE_REMOVE, NULL, id, FALSE, rapport_catalog_repository_remove_async,
               cancellable, callback, user_data);
}

/**
 * rapport_catalog_repository_remove_finish:
 * @self: the catalog
 * @result: the result
 * @archived: (out) (optional): whether it was archived (orders have it)
 *   rather than deleted
 * @error: return location for an error
 *
 * Returns: whether it was removed
 */
gboolean
rapport_catalog_repository_remove_finish (RapportCatalogRepository  *self,
                                          GAsyncResult              *result,
                                          gboolean                  *archived,
                                          GError                   **error)
{
  CatalogWrite *write;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), FALSE);

  if (!_rapport_database_write_finish (self, result, error))
    return FALSE;
  write = _rapport_database_write_get_data (result);
  if (archived != NULL)
    *archived = write->flag;
  return TRUE;
}

/**
 * rapport_catalog_repository_write_finish:
 * @self: the catalog
 * @result: the result
 * @error: return location for an error
 *
 * Ends rapport_catalog_repository_save_async() and
 * rapport_catalog_repository_set_archived_async().
 *
 * Returns: whether it was written
 */
gboolean
rapport_catalog_repository_write_finish (RapportCatalogRepository  *self,
                                         GAsyncResult              *result,
                                         GError                   **error)
{
  g_return_val_if_fail (RAPPORT_IS_CATALOG_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
