/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Staff — who owns clients and logs interactions — and their SQL. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-staff-repository.h"

struct _RapportStaffRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportStaffRepository, rapport_staff_repository, G_TYPE_OBJECT)

static void
rapport_staff_repository_finalize (GObject *object)
{
  RapportStaffRepository *self = (RapportStaffRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_staff_repository_parent_class)->finalize (object);
}

static void
rapport_staff_repository_class_init (RapportStaffRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_staff_repository_finalize;
}

static void
rapport_staff_repository_init (RapportStaffRepository *self)
{
}

/**
 * rapport_staff_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the staff of @database
 */
RapportStaffRepository *
rapport_staff_repository_new (RapportDatabase *database)
{
  RapportStaffRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_STAFF_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportStaff *
staff_from_row (RapportStmt *stmt)
{
  RapportStaff *member = rapport_staff_new (_rapport_stmt_column_text (stmt, 1),
                                            _rapport_stmt_column_text (stmt, 2));

  rapport_staff_set_id (member, _rapport_stmt_column_int (stmt, 0));
  rapport_staff_set_active (member, _rapport_stmt_column_int (stmt, 3) != 0);
  return member;
}

/**
 * rapport_staff_repository_list:
 * @self: the staff
 * @include_inactive: whether people who left are listed too
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportStaff): the staff, by name
 */
GPtrArray *
rapport_staff_repository_list (RapportStaffRepository  *self,
                               gboolean                 include_inactive,
                               GError                 **error)
{
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_STAFF_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id, name, role, active FROM staff"
                                  " WHERE active = 1 OR ?1"
                                  " ORDER BY name COLLATE NOCASE, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, include_inactive);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (staff, staff_from_row (stmt));
  if (!ok)
    return NULL;

  return g_steal_pointer (&staff);
}

/**
 * rapport_staff_repository_get:
 * @self: the staff
 * @id: a staff id
 * @error: return location for an error
 *
 * Returns: (transfer full): the staff member, also one who left, or %NULL
 *   with %RAPPORT_ERROR_NOT_FOUND
 */
RapportStaff *
rapport_staff_repository_get (RapportStaffRepository  *self,
                              gint64                   id,
                              GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_STAFF_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "SELECT id, name, role, active FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The staff member no longer exists."));
      return NULL;
    }
  return staff_from_row (stmt);
}

/**
 * rapport_staff_repository_save:
 * @self: the staff
 * @staff: a new staff member (id 0) or a changed one
 * @error: return location for an error
 *
 * A staff member who leaves is made inactive, not deleted: their name stays
 * on the clients they owned and the interactions they logged.
 */
gboolean
rapport_staff_repository_save (RapportStaffRepository  *self,
                               RapportStaff            *staff,
                               GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STAFF_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STAFF (staff), FALSE);

  if (!rapport_staff_tidy (staff, error))
    return FALSE;

  db = _rapport_database_get_connection (self->database);
  id = rapport_staff_get_id (staff);
  stmt = _rapport_sqlite_prepare (db,
                                  id == 0
                                  ? "INSERT INTO staff (name, role, active, created_at)"
                                    " VALUES (?1, ?2, ?3, ?4)"
                                  : "UPDATE staff SET name = ?1, role = ?2, active = ?3"
                                    " WHERE id = ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, rapport_staff_get_name (staff));
  _rapport_stmt_bind_text (stmt, 2, rapport_staff_get_role (staff));
  _rapport_stmt_bind_int (stmt, 3, rapport_staff_get_active (staff));
  if (id == 0)
    _rapport_stmt_bind_int (stmt, 4, rapport_database_now (self->database));
  else
    _rapport_stmt_bind_int (stmt, 5, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (id == 0)
    rapport_staff_set_id (staff, _rapport_sqlite_last_insert_id (db));
  else if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("The staff member “%s” no longer exists."), rapport_staff_get_name (staff));
      return FALSE;
    }

  _rapport_database_note_change (self->database, RAPPORT_KIND_STAFF, rapport_staff_get_id (staff));
  return TRUE;
}

static gboolean
save_on_worker (RapportDatabase  *worker,
                gpointer          data,
                GError          **error)
{
  g_autoptr(RapportStaffRepository) staff = rapport_staff_repository_new (worker);

  return rapport_staff_repository_save (staff, data, error);
}

/**
 * rapport_staff_repository_save_async:
 * @self: the staff
 * @staff: whom to save; not to be changed until the write ends
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_staff_repository_save() on the database's worker thread.
 */
void
rapport_staff_repository_save_async (RapportStaffRepository *self,
                                     RapportStaff           *staff,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_return_if_fail (RAPPORT_IS_STAFF_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_STAFF (staff));

  _rapport_database_write_async (self->database, self, save_on_worker, g_object_ref (staff),
                                 g_object_unref, rapport_staff_repository_save_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_staff_repository_save_finish (RapportStaffRepository  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
