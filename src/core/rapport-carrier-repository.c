/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Carriers: their SQL and nothing else. What a carrier must be is in
 * rapport-delivery-rules.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-carrier-repository-private.h"
#include "rapport-database-private.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-set-str-private.h"

struct _RapportCarrierRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportCarrierRepository, rapport_carrier_repository, G_TYPE_OBJECT)

static void
rapport_carrier_repository_finalize (GObject *object)
{
  RapportCarrierRepository *self = (RapportCarrierRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_carrier_repository_parent_class)->finalize (object);
}

static void
rapport_carrier_repository_class_init (RapportCarrierRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_carrier_repository_finalize;
}

static void
rapport_carrier_repository_init (RapportCarrierRepository *self)
{
}

/**
 * rapport_carrier_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the carriers of @database
 */
RapportCarrierRepository *
rapport_carrier_repository_new (RapportDatabase *database)
{
  RapportCarrierRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_CARRIER_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportCarrierRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static RapportCarrier *
carrier_from_row (RapportStmt *stmt)
{
  RapportCarrier *carrier = rapport_carrier_new (_rapport_stmt_column_text (stmt, 1));

  carrier->id = _rapport_stmt_column_int (stmt, 0);
  carrier->pickup = _rapport_stmt_column_int (stmt, 2) != 0;
  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 3));
  carrier->active = _rapport_stmt_column_int (stmt, 4) != 0;
  return carrier;
}

#define CARRIER_COLUMNS "SELECT id, name, pickup, tracking_pattern, active FROM carriers"

/**
 * rapport_carrier_repository_list:
 * @self: the carriers
 * @include_inactive: whether carriers no longer offered are listed too
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportCarrier): the carriers, in
 *   their order
 */
GPtrArray *
rapport_carrier_repository_list (RapportCarrierRepository  *self,
                                 gboolean                   include_inactive,
                                 GError                   **error)
{
  g_autoptr(GPtrArray) carriers = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_carrier_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, CARRIER_COLUMNS " WHERE active = 1 OR ?1"
                                  " ORDER BY position, name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, include_inactive);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (carriers, carrier_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&carriers);
}

/**
 * rapport_carrier_repository_get:
 * @self: the carriers
 * @id: a carrier's id
 * @error: return location for an error; %RAPPORT_ERROR_NOT_FOUND when
 *   it is gone
 *
 * Returns: (transfer full): the carrier, or %NULL
 */
RapportCarrier *
rapport_carrier_repository_get (RapportCarrierRepository  *self,
                                gint64                     id,
                                GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, CARRIER_COLUMNS " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("Carrier: the carrier chosen no longer exists."));
      return NULL;
    }
  return carrier_from_row (stmt);
}

/**
 * rapport_carrier_repository_find:
 * @self: the carriers
 * @name: a carrier's name, in any case
 * @error: return location for an error; %RAPPORT_ERROR_NOT_FOUND when no
 *   carrier has it
 *
 * Returns: the carrier's id, or 0
 */
gint64
rapport_carrier_repository_find (RapportCarrierRepository  *self,
                                 const char                *name,
                                 GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self), 0);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT id FROM carriers WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  _rapport_stmt_bind_text (stmt, 1, name ? name : "");
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return 0;
  if (!has_row)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("There is no carrier “%s”."), name ? name : "");
      return 0;
    }
  return _rapport_stmt_column_int (stmt, 0);
}

static gboolean
check_name_free (RapportCarrierRepository  *self,
                 RapportCarrier            *carrier,
                 GError                   **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean taken = FALSE;

  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM carriers WHERE name = ?1 AND id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, carrier->name);
  _rapport_stmt_bind_int (stmt, 2, carrier->id);
  if (!_rapport_sqlite_step (db, stmt, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Name: the carrier “%s” is already in the list."), carrier->name);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_carrier_repository_save:
 * @self: the carriers
 * @carrier: a new carrier (id 0), which gets its id, or a changed one
 * @error: return location for an error naming the field
 *
 * Returns: whether it was saved
 */
gboolean
rapport_carrier_repository_save (RapportCarrierRepository  *self,
                                 RapportCarrier            *carrier,
                                 GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (carrier != NULL, FALSE);

  if (!rapport_carrier_tidy (carrier, error) || !check_name_free (self, carrier, error))
    return FALSE;

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  carrier->id == 0
                                  ? "INSERT INTO carriers (name, pickup, tracking_pattern, active, position)"
                                    " VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM carriers))"
                                  : "UPDATE carriers SET name = ?1, pickup = ?2, tracking_pattern = ?3,"
                                    " active = ?4 WHERE id = ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, carrier->name);
  _rapport_stmt_bind_int (stmt, 2, !!carrier->pickup);
  _rapport_stmt_bind_text (stmt, 3, carrier->tracking_pattern);
  _rapport_stmt_bind_int (stmt, 4, !!carrier->active);
  if (carrier->id != 0)
    _rapport_stmt_bind_int (stmt, 5, carrier->id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (carrier->id == 0)
    carrier->id = _rapport_sqlite_last_insert_id (db);
  else if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The carrier no longer exists."));
      return FALSE;
    }

  _rapport_database_note_change (self->database, RAPPORT_KIND_CARRIER, carrier->id);
  return TRUE;
}

static RapportCarrier *
carrier_copy (const RapportCarrier *carrier)
{
  RapportCarrier *copy = rapport_carrier_new (carrier->name);

  copy->id = carrier->id;
  copy->pickup = carrier->pickup;
  g_free (copy->tracking_pattern);
  copy->tracking_pattern = g_strdup (carrier->tracking_pattern);
  copy->active = carrier->active;
  return copy;
}

static gboolean
save_on_worker (RapportDatabase  *worker,
                gpointer          data,
                GError          **error)
{
  g_autoptr(RapportCarrierRepository) carriers = rapport_carrier_repository_new (worker);

  return rapport_carrier_repository_save (carriers, data, error);
}

/**
 * rapport_carrier_repository_save_async:
 * @self: the carriers
 * @carrier: a new or changed carrier; a copy is saved
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_carrier_repository_save() on the database's worker thread.
 */
void
rapport_carrier_repository_save_async (RapportCarrierRepository *self,
                                       const RapportCarrier     *carrier,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self));
  g_return_if_fail (carrier != NULL);

  _rapport_database_write_async (self->database, self, save_on_worker, carrier_copy (carrier),
                                 (GDestroyNotify) rapport_carrier_free,
                                 rapport_carrier_repository_save_async,
                                 cancellable, callback, user_data);
}

/**
 * rapport_carrier_repository_save_finish:
 * @self: the carriers
 * @result: the result
 * @error: return location for an error naming the field
 *
 * Returns: the carrier's id, or 0 with @error set
 */
gint64
rapport_carrier_repository_save_finish (RapportCarrierRepository  *self,
                                        GAsyncResult              *result,
                                        GError                   **error)
{
  RapportCarrier *saved;

  g_return_val_if_fail (RAPPORT_IS_CARRIER_REPOSITORY (self), 0);

  if (!_rapport_database_write_finish (self, result, error))
    return 0;
  saved = _rapport_database_write_get_data (result);
  return saved->id;
}

gboolean
_rapport_carrier_repository_add_defaults (RapportSqlite  *db,
                                          GError        **error)
{
  const struct { const char *name; gboolean pickup; } carriers[] = {
    /* TRANSLATORS: a carrier: the client collects the goods in the shop */
    { N_("Pick-up in the shop"), TRUE },
    /* TRANSLATORS: a carrier: the business's own driver */
    { N_("Own courier"), FALSE },
    /* TRANSLATORS: a carrier: the national post */
    { N_("Post"), FALSE },
  };
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT OR IGNORE INTO carriers (name, pickup, position) VALUES (?1, ?2, ?3)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (carriers); i++)
    {
      _rapport_stmt_bind_text (stmt, 1, g_dgettext (GETTEXT_PACKAGE, carriers[i].name));
      _rapport_stmt_bind_int (stmt, 2, carriers[i].pickup);
      _rapport_stmt_bind_int (stmt, 3, i + 1);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_rapport_carrier_repository_find_pickup (RapportSqlite  *db,
                                         gint64         *id,
                                         GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  /* The one offered first; one no longer offered rather than none. */
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id FROM carriers WHERE pickup = 1"
                                  " ORDER BY active DESC, position, id LIMIT 1",
                                  error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("No carrier is a pick-up in the shop, so goods handed over cannot be recorded: "
                             "add one in Preferences › Deliveries."));
      return FALSE;
    }
  *id = _rapport_stmt_column_int (stmt, 0);
  return TRUE;
}
