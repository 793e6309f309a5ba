/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

static gboolean
validate_interaction (RapportStore        *self,
                      RapportInteraction  *interaction,
                      GError             **error)
{
  const char *follow_up = rapport_interaction_get_follow_up_on (interaction);
  g_autofree char *summary = g_strstrip (g_strdup (rapport_interaction_get_summary (interaction)));
  g_autofree char *text = g_strstrip (g_strdup (rapport_interaction_get_text (interaction)));

  if (rapport_interaction_get_client_id (interaction) <= 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("An interaction belongs to a client; none was given."));
      return FALSE;
    }
  if (*summary == '\0' && *text == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Say what happened: the summary and the text are both empty."));
      return FALSE;
    }
  if (follow_up != NULL && !rapport_date_validate (follow_up, error))
    {
      g_prefix_error (error, _("Follow-up date: "));
      return FALSE;
    }

  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_text (interaction, text);
  if (rapport_interaction_get_occurred_at (interaction) == 0)
    rapport_interaction_set_occurred_at (interaction, _rapport_store_now (self));
  return TRUE;
}

static void
map_missing_reference (RapportStore  *self,
                       GError       **error)
{
  if (error != NULL && *error != NULL
      && g_error_matches (*error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
    {
      g_clear_error (error);
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The client or staff member of this interaction no longer exists."));
    }
}

/**
 * rapport_store_add_interaction:
 * @self: a store
 * @interaction: a new interaction; its id is set
 * @error: return location for an error
 *
 * Logs a call, meeting, e-mail, visit or note. When no time is set, it
 * happened now. The client's last contact follows (notes excepted).
 */
gboolean
rapport_store_add_interaction (RapportStore        *self,
                               RapportInteraction  *interaction,
                               GError             **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (rapport_interaction_get_id (interaction) == 0, FALSE);

  if (!validate_interaction (self, interaction, error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (self->db,
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
  _rapport_stmt_bind_int (stmt, 9, _rapport_store_now (self));

  if (!_rapport_sqlite_run (self->db, stmt, error))
    {
      map_missing_reference (self, error);
      return FALSE;
    }

  rapport_interaction_set_id (interaction, _rapport_sqlite_last_insert_id (self->db));
  _rapport_store_emit (self, STORE_SIGNAL_INTERACTIONS_CHANGED,
                       rapport_interaction_get_client_id (interaction));
  /* The client's last contact may have moved. */
  _rapport_store_emit (self, STORE_SIGNAL_CLIENTS_CHANGED,
                       rapport_interaction_get_client_id (interaction));
  return TRUE;
}

/**
 * rapport_store_delete_interaction:
 * @self: a store
 * @id: an interaction id
 * @error: return location for an error
 */
gboolean
rapport_store_delete_interaction (RapportStore  *self,
                                  gint64         id,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  stmt = _rapport_sqlite_prepare (self->db,
                                  "DELETE FROM interactions WHERE id = ?1 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (self->db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    client_id = _rapport_stmt_column_int (stmt, 0);
  /* RETURNING changes nothing until the statement has run to its end. */
  while (has_row && _rapport_sqlite_step (self->db, stmt, &has_row, error))
    ;
  if (error != NULL && *error != NULL)
    return FALSE;

  if (client_id == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The interaction no longer exists."));
      return FALSE;
    }

  _rapport_store_emit (self, STORE_SIGNAL_INTERACTIONS_CHANGED, client_id);
  _rapport_store_emit (self, STORE_SIGNAL_CLIENTS_CHANGED, client_id);
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
 * rapport_store_list_interactions:
 * @self: a store
 * @client_id: whose interactions
 * @older_than: (nullable): the last one already shown, to page on from it
 * @limit: at most this many
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportInteraction): the client's
 *   interactions, newest first
 */
GPtrArray *
rapport_store_list_interactions (RapportStore        *self,
                                 gint64               client_id,
                                 RapportInteraction  *older_than,
                                 guint                limit,
                                 GError             **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = _rapport_sqlite_prepare (self->db,
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

  while (_rapport_sqlite_step (self->db, stmt, &has_row, error) && has_row)
    g_ptr_array_add (result, interaction_from_row (stmt));
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * rapport_store_count_interactions:
 * @self: a store
 * @client_id: whose interactions
 * @count: (out): how many there are
 * @error: return location for an error
 */
gboolean
rapport_store_count_interactions (RapportStore  *self,
                                  gint64         client_id,
                                  guint         *count,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  stmt = _rapport_sqlite_prepare (self->db,
                                  "SELECT count(*) FROM interactions WHERE client_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (self->db, stmt, &has_row, error))
    return FALSE;

  *count = has_row ? (guint) _rapport_stmt_column_int (stmt, 0) : 0;
  return TRUE;
}
