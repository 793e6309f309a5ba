/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Interactions — calls, meetings, e-mails, visits, notes — and their SQL. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-client-repository.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-interaction-repository.h"

struct _RapportInteractionRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportInteractionRepository, rapport_interaction_repository, G_TYPE_OBJECT)

static void
rapport_interaction_repository_finalize (GObject *object)
{
  RapportInteractionRepository *self = (RapportInteractionRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_interaction_repository_parent_class)->finalize (object);
}

static void
rapport_interaction_repository_class_init (RapportInteractionRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_interaction_repository_finalize;
}

static void
rapport_interaction_repository_init (RapportInteractionRepository *self)
{
}

/**
 * rapport_interaction_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the interactions of @database
 */
RapportInteractionRepository *
rapport_interaction_repository_new (RapportDatabase *database)
{
  RapportInteractionRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_INTERACTION_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportInteractionRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

/* The client's history changed, and with it maybe its last contact. */
static void
note_changes (RapportInteractionRepository *self,
              gint64                        client_id)
{
  _rapport_database_note_change (self->database, RAPPORT_KIND_INTERACTION, client_id);
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, client_id);
}

/**
 * rapport_interaction_repository_add:
 * @self: the interactions
 * @interaction: a new interaction; its id is set
 * @error: return location for an error
 *
 * Logs a call, meeting, e-mail, visit or note. When no time is set, it
 * happened now. The client's last contact follows (notes excepted).
 */
gboolean
rapport_interaction_repository_add (RapportInteractionRepository  *self,
                                    RapportInteraction            *interaction,
                                    GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (rapport_interaction_get_id (interaction) == 0, FALSE);

  if (!rapport_interaction_tidy (interaction, rapport_database_now (self->database), error))
    return FALSE;

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO interactions (client_id, kind, direction, occurred_at,"
                                  " staff_id, summary, body, follow_up_on, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  _rapport_stmt_bind_int (stmt, 1, rapport_interaction_get_client_id (interaction));
  _rapport_stmt_bind_text (stmt, 2, rapport_interaction_kind_to_string (rapport_interaction_get_kind (interaction)));
  _rapport_stmt_bind_text (stmt, 3, rapport_direction_to_string (rapport_interaction_get_direction (interaction)));
  _rapport_stmt_bind_int (stmt, 4, rapport_interaction_get_occurred_at (interaction));
  _rapport_stmt_bind_id_or_null (stmt, 5, rapport_interaction_get_staff_id (interaction));
  _rapport_stmt_bind_text (stmt, 6, rapport_interaction_get_summary (interaction));
  _rapport_stmt_bind_text (stmt, 7, rapport_interaction_get_text (interaction));
  _rapport_stmt_bind_text_or_null (stmt, 8, rapport_interaction_get_follow_up_on (interaction));
  _rapport_stmt_bind_int (stmt, 9, rapport_database_now (self->database));

  if (!_rapport_sqlite_run (db, stmt, &local_error))
    {
      if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                               _("The client or staff member of this interaction no longer exists."));
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rapport_interaction_set_id (interaction, _rapport_sqlite_last_insert_id (db));
  note_changes (self, rapport_interaction_get_client_id (interaction));
  return TRUE;
}

/**
 * rapport_interaction_repository_delete:
 * @self: the interactions
 * @id: an interaction id
 * @error: return location for an error
 */
gboolean
rapport_interaction_repository_delete (RapportInteractionRepository  *self,
                                       gint64                         id,
                                       GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;
  gboolean found = FALSE, has_row;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "DELETE FROM interactions WHERE id = ?1 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      found = TRUE;
      client_id = _rapport_stmt_column_int (stmt, 0);
    }
  /* RETURNING changes nothing until the statement has run to its end. */
  while (has_row)
    if (!_rapport_sqlite_step (db, stmt, &has_row, error))
      return FALSE;

  if (!found)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The interaction no longer exists."));
      return FALSE;
    }

  note_changes (self, client_id);
  return TRUE;
}

static RapportInteraction *
interaction_from_row (RapportStmt *stmt)
{
  RapportInteractionKind kind = RAPPORT_INTERACTION_NOTE;
  RapportDirection direction = RAPPORT_DIRECTION_NONE;
  RapportInteraction *interaction;

  rapport_interaction_kind_from_string (_rapport_stmt_column_text (stmt, 2), &kind);
  rapport_direction_from_string (_rapport_stmt_column_text (stmt, 3), &direction);

  interaction = rapport_interaction_new (_rapport_stmt_column_int (stmt, 1), kind);
  rapport_interaction_set_id (interaction, _rapport_stmt_column_int (stmt, 0));
  rapport_interaction_set_direction (interaction, direction);
  rapport_interaction_set_occurred_at (interaction, _rapport_stmt_column_int (stmt, 4));
  rapport_interaction_set_staff_id (interaction, _rapport_stmt_column_int (stmt, 5));
  _rapport_interaction_set_staff_name (interaction, _rapport_stmt_column_text (stmt, 6));
  rapport_interaction_set_summary (interaction, _rapport_stmt_column_text (stmt, 7));
  rapport_interaction_set_text (interaction, _rapport_stmt_column_text (stmt, 8));
  rapport_interaction_set_follow_up_on (interaction, _rapport_stmt_column_text (stmt, 9));
  return interaction;
}

/**
 * rapport_interaction_repository_list:
 * @self: the interactions
 * @client_id: whose interactions
 * @older_than: (nullable): the last one already shown, to page on from it
 * @limit: at most this many
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportInteraction): the client's
 *   interactions, newest first
 */
GPtrArray *
rapport_interaction_repository_list (RapportInteractionRepository  *self,
                                     gint64                         client_id,
                                     RapportInteraction            *older_than,
                                     guint                          limit,
                                     GError                       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT i.id, i.client_id, i.kind, i.direction, i.occurred_at,"
                                  " i.staff_id, s.name, i.summary, i.body, i.follow_up_on"
                                  " FROM interactions i LEFT JOIN staff s ON s.id = i.staff_id"
                                  " WHERE i.client_id = ?1"
                                  " AND (?2 IS NULL OR (i.occurred_at, i.id) < (?2, ?3))"
                                  " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?4",
                                  error);
  if (stmt == NULL)
    return NULL;

  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (older_than != NULL)
    {
      _rapport_stmt_bind_int (stmt, 2, rapport_interaction_get_occurred_at (older_than));
      _rapport_stmt_bind_int (stmt, 3, rapport_interaction_get_id (older_than));
    }
  _rapport_stmt_bind_int (stmt, 4, limit);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (result, interaction_from_row (stmt));
  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * rapport_interaction_repository_count:
 * @self: the interactions
 * @client_id: whose interactions
 * @count: (out): how many there are
 * @error: return location for an error
 */
gboolean
rapport_interaction_repository_count (RapportInteractionRepository  *self,
                                      gint64                         client_id,
                                      guint                         *count,
                                      GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT count(*) FROM interactions WHERE client_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  *count = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

static gboolean
add_on_worker (RapportDatabase  *worker,
               gpointer          data,
               GError          **error)
{
  g_autoptr(RapportInteractionRepository) interactions = rapport_interaction_repository_new (worker);

  return rapport_interaction_repository_add (interactions, data, error);
}

/**
 * rapport_interaction_repository_add_async:
 * @self: the interactions
 * @interaction: what to add; not to be changed until the write ends
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when added, or refused
 * @user_data: for @callback
 *
 * rapport_interaction_repository_add() on the database's worker thread:
 * the calling thread never waits for another program.
 */
void
rapport_interaction_repository_add_async (RapportInteractionRepository *self,
                                          RapportInteraction           *interaction,
                                          GCancellable                 *cancellable,
                                          GAsyncReadyCallback           callback,
                                          gpointer                      user_data)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_INTERACTION (interaction));

  _rapport_database_write_async (self->database, self, add_on_worker, g_object_ref (interaction),
                                 g_object_unref, rapport_interaction_repository_add_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_interaction_repository_add_finish (RapportInteractionRepository  *self,
                                           GAsyncResult                  *result,
                                           GError                       **error)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
