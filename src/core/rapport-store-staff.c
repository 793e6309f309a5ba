/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-store-private.h"

/**
 * rapport_store_list_staff:
 * @self: a store
 * @include_inactive: whether people who left are listed too
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportStaff): the staff, by name
 */
GPtrArray *
rapport_store_list_staff (RapportStore  *self,
                          gboolean       include_inactive,
                          GError       **error)
{
  g_autoptr(GPtrArray) staff = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = _rapport_sqlite_prepare (self->db,
                                  "SELECT id, name, role, active FROM staff"
                                  " WHERE active = 1 OR ?1"
                                  " ORDER BY name COLLATE NOCASE, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, include_inactive);

  while (_rapport_sqlite_step (self->db, stmt, &has_row, error) && has_row)
    {
      RapportStaff *member = rapport_staff_new (_rapport_stmt_column_text (stmt, 1),
                                                _rapport_stmt_column_text (stmt, 2));

      rapport_staff_set_id (member, _rapport_stmt_column_int (stmt, 0));
      rapport_staff_set_active (member, _rapport_stmt_column_int (stmt, 3) != 0);
      g_ptr_array_add (staff, member);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&staff);
}

/**
 * rapport_store_save_staff:
 * @self: a store
 * @staff: a new staff member (id 0) or a changed one
 * @error: return location for an error
 *
 * A staff member who leaves is made inactive, not deleted: their name stays
 * on the clients they owned and the interactions they logged.
 */
gboolean
rapport_store_save_staff (RapportStore  *self,
                          RapportStaff  *staff,
                          GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STAFF (staff), FALSE);

  name = g_strstrip (g_strdup (rapport_staff_get_name (staff)));
  role = g_strstrip (g_strdup (rapport_staff_get_role (staff)));
  if (*name == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A staff member needs a name."));
      return FALSE;
    }

  id = rapport_staff_get_id (staff);
  stmt = _rapport_sqlite_prepare (self->db,
                                  id == 0
                                  ? "INSERT INTO staff (name, role, active, created_at)"
                                    " VALUES (?1, ?2, ?3, ?4)"
                                  : "UPDATE staff SET name = ?1, role = ?2, active = ?3"
                                    " WHERE id = ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, name);
  _rapport_stmt_bind_text (stmt, 2, role);
  _rapport_stmt_bind_int (stmt, 3, rapport_staff_get_active (staff));
  if (id == 0)
    _rapport_stmt_bind_int (stmt, 4, _rapport_store_now (self));
  else
    _rapport_stmt_bind_int (stmt, 5, id);
  if (!_rapport_sqlite_run (self->db, stmt, error))
    return FALSE;

  if (id == 0)
    rapport_staff_set_id (staff, _rapport_sqlite_last_insert_id (self->db));
  else if (_rapport_sqlite_changes (self->db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("The staff member “%s” no longer exists."), name);
      return FALSE;
    }

  rapport_staff_set_name (staff, name);
  rapport_staff_set_role (staff, role);
  _rapport_store_emit (self, STORE_SIGNAL_STAFF_CHANGED, id);
  return TRUE;
}
