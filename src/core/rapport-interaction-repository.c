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

/* What SQLite refused about an interaction, for the person: the client or
 * staff member it names is gone. */
/* Takes @local_error. */
static gboolean
refused (GError  *local_error,
         GError **error)
{
  if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
    {
      g_error_free (local_error);
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The client or staff member of this interaction no longer exists."));
      return FALSE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Binds ?2… to the interaction's fields, in the order both the insert and
 * the update name them. */
static void
bind_fields (RapportStmt        *stmt,
             RapportInteraction *interaction)
{
  _rapport_stmt_bind_text (stmt, 2, rapport_interaction_kind_to_string (rapport_interaction_get_kind (interaction)));
  _rapport_stmt_bind_text (stmt, 3, rapport_direction_to_string (rapport_interaction_get_direction (interaction)));
  _rapport_stmt_bind_int (stmt, 4, rapport_interaction_get_occurred_at (interaction));
  _rapport_stmt_bind_id_or_null (stmt, 5, rapport_interaction_get_staff_id (interaction));
  _rapport_stmt_bind_text (stmt, 6, rapport_interaction_get_summary (interaction));
  _rapport_stmt_bind_text (stmt, 7, rapport_interaction_get_text (interaction));
  _rapport_stmt_bind_text_or_null (stmt, 8, rapport_interaction_get_follow_up_on (interaction));
  _rapport_stmt_bind_text_or_null (stmt, 9, rapport_interaction_get_follow_up_time (interaction));
  if (rapport_interaction_get_follow_up_done_at (interaction) != 0
      && rapport_interaction_get_follow_up_on (interaction) != NULL)
    _rapport_stmt_bind_int (stmt, 10, rapport_interaction_get_follow_up_done_at (interaction));
}

/* A new row, or one put back with the id it had (Undo of a delete). */
static gboolean
insert_row (RapportInteractionRepository  *self,
            RapportInteraction            *interaction,
            gboolean                       with_id,
            GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db = connection (self);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO interactions (id, client_id, kind, direction, occurred_at,"
                                  " staff_id, summary, body, follow_up_on, follow_up_time,"
                                  " follow_up_done_at, created_at)"
                                  " VALUES (?1, ?11, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (with_id)
    _rapport_stmt_bind_int (stmt, 1, rapport_interaction_get_id (interaction));
  bind_fields (stmt, interaction);
  _rapport_stmt_bind_int (stmt, 11, rapport_interaction_get_client_id (interaction));
  _rapport_stmt_bind_int (stmt, 12, rapport_database_now (self->database));

  if (!_rapport_sqlite_run (db, stmt, &local_error))
    return refused (g_steal_pointer (&local_error), error);
  return TRUE;
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
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (rapport_interaction_get_id (interaction) == 0, FALSE);

  if (!rapport_interaction_tidy (interaction, rapport_database_now (self->database), error))
    return FALSE;

  if (!insert_row (self, interaction, FALSE, error))
    return FALSE;

  rapport_interaction_set_id (interaction, _rapport_sqlite_last_insert_id (connection (self)));
  note_changes (self, rapport_interaction_get_client_id (interaction));
  return TRUE;
}

/**
 * rapport_interaction_repository_delete:
 * @self: the interactions
 * @id: an interaction id
 * @error: return location for an error
 */
/* Runs a statement that names the client of the one row it changed
 * (RETURNING client_id), to its end. */
static gboolean
run_on_one (RapportInteractionRepository  *self,
            RapportStmt                   *stmt,
            gint64                        *client_id,
            GError                       **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db = connection (self);
  gboolean found = FALSE, has_row;

  if (!_rapport_sqlite_step (db, stmt, &has_row, &local_error))
    return refused (g_steal_pointer (&local_error), error);
  if (has_row)
    {
      found = TRUE;
      *client_id = _rapport_stmt_column_int (stmt, 0);
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
  return TRUE;
}

gboolean
rapport_interaction_repository_delete (RapportInteractionRepository  *self,
                                       gint64                         id,
                                       GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "DELETE FROM interactions WHERE id = ?1 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

  note_changes (self, client_id);
  return TRUE;
}

/**
 * rapport_interaction_repository_update:
 * @self: the interactions
 * @interaction: an interaction as corrected; its id names the row
 * @error: return location for an error
 *
 * Saves what a person corrected: kind, direction, time, staff, words and
 * the follow-up (its day, time and whether it is done).
 */
gboolean
rapport_interaction_repository_update (RapportInteractionRepository  *self,
                                       RapportInteraction            *interaction,
                                       GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), FALSE);

  if (!rapport_interaction_tidy (interaction, rapport_database_now (self->database), error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "UPDATE interactions SET kind = ?2, direction = ?3, occurred_at = ?4,"
                                  " staff_id = ?5, summary = ?6, body = ?7, follow_up_on = ?8,"
                                  " follow_up_time = ?9, follow_up_done_at = ?10"
                                  " WHERE id = ?1 AND client_id = ?11 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, rapport_interaction_get_id (interaction));
  bind_fields (stmt, interaction);
  _rapport_stmt_bind_int (stmt, 11, rapport_interaction_get_client_id (interaction));
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

  note_changes (self, client_id);
  return TRUE;
}

/**
 * rapport_interaction_repository_restore:
 * @self: the interactions
 * @snapshot: an interaction as it was before it was deleted
 * @error: return location for an error
 *
 * Puts a deleted interaction back with its id (Undo).
 */
gboolean
rapport_interaction_repository_restore (RapportInteractionRepository  *self,
                                        RapportInteraction            *snapshot,
                                        GError                       **error)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (snapshot), FALSE);
  g_return_val_if_fail (rapport_interaction_get_id (snapshot) != 0, FALSE);

  if (!rapport_interaction_tidy (snapshot, rapport_database_now (self->database), error)
      || !insert_row (self, snapshot, TRUE, error))
    return FALSE;

  note_changes (self, rapport_interaction_get_client_id (snapshot));
  return TRUE;
}

/**
 * rapport_interaction_repository_set_follow_up_done:
 * @self: the interactions
 * @id: an interaction with a follow-up
 * @done: done, or open again
 * @error: return location for an error
 */
gboolean
rapport_interaction_repository_set_follow_up_done (RapportInteractionRepository  *self,
                                                   gint64                         id,
                                                   gboolean                       done,
                                                   GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "UPDATE interactions SET follow_up_done_at ="
                                  " CASE WHEN ?2 THEN coalesce(follow_up_done_at, ?3) END"
                                  " WHERE id = ?1 AND follow_up_on IS NOT NULL RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, done);
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

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
  /* A time or a done mark without a day is what the file holds, not a
   * follow-up: the schema forbids the first, and the second means nothing. */
  if (rapport_interaction_get_follow_up_on (interaction) != NULL)
    {
      rapport_interaction_set_follow_up_time (interaction, _rapport_stmt_column_text (stmt, 10));
      rapport_interaction_set_follow_up_done_at (interaction, _rapport_stmt_column_int (stmt, 11));
    }
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
                                  " i.staff_id, s.name, i.summary, i.body, i.follow_up_on,"
                                  " i.follow_up_time, i.follow_up_done_at"
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

/* The follow-up of the row as a reminder: what the interaction said, whom
 * it was with, and the kind and moment it comes from. */
static RapportReminder *
follow_up_from_row (RapportStmt *stmt,
                    const char  *source)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));
  const char *summary = _rapport_stmt_column_text (stmt, 5);
  const char *body = _rapport_stmt_column_text (stmt, 6);

  reminder->client_id = _rapport_stmt_column_int (stmt, 1);
  reminder->open_id = reminder->client_id;
  g_free (reminder->client_name);
  reminder->client_name = g_strdup (_rapport_stmt_column_text (stmt, 2));
  g_free (reminder->origin);
  reminder->origin = g_strdup (_rapport_stmt_column_text (stmt, 3));
  reminder->origin_at = _rapport_stmt_column_int (stmt, 4);
  g_free (reminder->title);
  reminder->title = g_strdup (*summary != '\0' ? summary : body);
  g_free (reminder->detail);
  reminder->detail = g_strdup (*summary != '\0' ? body : "");
  reminder->due_on = _rapport_stmt_dup_text (stmt, 7);
  reminder->due_time = _rapport_stmt_dup_text (stmt, 8);
  reminder->staff_id = _rapport_stmt_column_int (stmt, 9);
  g_free (reminder->staff_name);
  reminder->staff_name = g_strdup (_rapport_stmt_column_text (stmt, 10));
  reminder->done = _rapport_stmt_column_int (stmt, 11) != 0;
  return reminder;
}

#define FOLLOW_UP_COLUMNS \
  "SELECT i.id, i.client_id, c.display_name, i.kind, i.occurred_at, i.summary, i.body," \
  " i.follow_up_on, i.follow_up_time, i.staff_id, s.name, i.follow_up_done_at IS NOT NULL" \
  " FROM interactions i JOIN clients c ON c.id = i.client_id" \
  " LEFT JOIN staff s ON s.id = i.staff_id"

/* A range of the index of open follow-ups: the bounds are bound, never
 * left out, so that the lower one is a bound of the range too. */
#define OPEN_FOLLOW_UPS_IN_RANGE \
  " WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NULL" \
  " AND i.follow_up_on BETWEEN ?1 AND ?2"

/**
 * rapport_interaction_repository_collect_follow_ups:
 * @self: the interactions
 * @source: the name to give the reminders
 * @range: which days, how many, in which order
 * @into: (element-type RapportReminder): where to add them
 * @error: return location for an error
 *
 * The open follow-ups due on the days of @range, as reminders.
 */
gboolean
rapport_interaction_repository_collect_follow_ups (RapportInteractionRepository  *self,
                                                   const char                    *source,
                                                   const RapportReminderRange    *range,
                                                   GPtrArray                     *into,
                                                   GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  range->newest_first
                                  ? FOLLOW_UP_COLUMNS OPEN_FOLLOW_UPS_IN_RANGE
                                    " ORDER BY i.follow_up_on DESC, i.follow_up_time DESC, i.id DESC LIMIT ?3"
                                  : FOLLOW_UP_COLUMNS OPEN_FOLLOW_UPS_IN_RANGE
                                    " ORDER BY i.follow_up_on, i.follow_up_time, i.id LIMIT ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, range->from_day ? range->from_day : "");
  _rapport_stmt_bind_text (stmt, 2, range->to_day);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, follow_up_from_row (stmt, source));
  return ok;
}

/**
 * rapport_interaction_repository_count_follow_ups:
 * @self: the interactions
 * @from_day: (nullable): the first day, or %NULL for all before @to_day
 * @to_day: the last day
 * @count: (out): how many open follow-ups are due on those days
 * @error: return location for an error
 */
gboolean
rapport_interaction_repository_count_follow_ups (RapportInteractionRepository  *self,
                                                 const char                    *from_day,
                                                 const char                    *to_day,
                                                 guint                         *count,
                                                 GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);

  db = connection (self);
  /* Tens of thousands can be overdue: counted from their days, kept by
   * the triggers of step 0017, a row a day. */
  stmt = _rapport_sqlite_prepare (db, "SELECT coalesce(sum(due), 0) FROM reminder_days"
                                  " WHERE source = 'follow-up' AND day BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from_day ? from_day : "");
  _rapport_stmt_bind_text (stmt, 2, to_day);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  *count = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

/**
 * rapport_interaction_repository_get_follow_up:
 * @self: the interactions
 * @source: the name to give the reminder
 * @id: an interaction
 * @error: return location for an error
 *
 * Returns: (transfer full): the interaction's follow-up as a reminder,
 *   open or done; %NULL with %RAPPORT_ERROR_NOT_FOUND when the interaction
 *   is gone or asks for no follow-up
 */
RapportReminder *
rapport_interaction_repository_get_follow_up (RapportInteractionRepository  *self,
                                              const char                    *source,
                                              gint64                         id,
                                              GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  FOLLOW_UP_COLUMNS " WHERE i.id = ?1 AND i.follow_up_on IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("There is no such follow-up: the interaction was deleted, or asks for none."));
      return NULL;
    }
  return follow_up_from_row (stmt, source);
}

/**
 * rapport_interaction_repository_get:
 * @self: the interactions
 * @id: an interaction
 * @error: return location for an error
 *
 * Returns: (transfer full): the interaction, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportInteraction *
rapport_interaction_repository_get (RapportInteractionRepository  *self,
                                    gint64                         id,
                                    GError                       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT i.id, i.client_id, i.kind, i.direction, i.occurred_at,"
                                  " i.staff_id, s.name, i.summary, i.body, i.follow_up_on,"
                                  " i.follow_up_time, i.follow_up_done_at"
                                  " FROM interactions i LEFT JOIN staff s ON s.id = i.staff_id"
                                  " WHERE i.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The interaction no longer exists."));
      return NULL;
    }
  return interaction_from_row (stmt);
}

/* The writes of the interface, on the database's worker thread (see
 * _rapport_database_write_async()): the window never waits for them. */

typedef enum
{
  WRITE_ADD,
  WRITE_UPDATE,
  WRITE_RESTORE,
  WRITE_DELETE,
  WRITE_FOLLOW_UP_DONE,
} WriteKind;

typedef struct
{
  WriteKind           kind;
  RapportInteraction *interaction;
  gint64              id;
  gboolean            done;
} InteractionWrite;

static void
interaction_write_free (InteractionWrite *write)
{
  g_clear_object (&write->interaction);
  g_free (write);
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  InteractionWrite *write = data;
  g_autoptr(RapportInteractionRepository) interactions = rapport_interaction_repository_new (worker);

  switch (write->kind)
    {
    case WRITE_ADD:
      return rapport_interaction_repository_add (interactions, write->interaction, error);
    case WRITE_UPDATE:
      return rapport_interaction_repository_update (interactions, write->interaction, error);
    case WRITE_RESTORE:
      return rapport_interaction_repository_restore (interactions, write->interaction, error);
    case WRITE_DELETE:
      return rapport_interaction_repository_delete (interactions, write->id, error);
    case WRITE_FOLLOW_UP_DONE:
      return rapport_interaction_repository_set_follow_up_done (interactions, write->id, write->done, error);
    default:
      g_assert_not_reached ();
    }
}

static void
write_async (RapportInteractionRepository *self,
             WriteKind                     kind,
             RapportInteraction           *interaction,
             gint64                        id,
             gboolean                      done,
             gpointer                      source_tag,
             GCancellable                 *cancellable,
             GAsyncReadyCallback           callback,
             gpointer                      user_data)
{
  InteractionWrite *write = g_new0 (InteractionWrite, 1);

  write->kind = kind;
  write->interaction = interaction ? g_object_ref (interaction) : NULL;
  write->id = id;
  write->done = done;
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) interaction_write_free, source_tag,
                                 cancellable, callback, user_data);
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

  write_async (self, WRITE_ADD, interaction, 0, FALSE, rapport_interaction_repository_add_async,
               cancellable, callback, user_data);
}

gboolean
rapport_interaction_repository_add_finish (RapportInteractionRepository  *self,
                                           GAsyncResult                  *result,
                                           GError                       **error)
{
  return rapport_interaction_repository_write_finish (self, result, error);
}

/**
 * rapport_interaction_repository_update_async:
 * @self: the interactions
 * @interaction: the corrected interaction; not to be changed until the
 *   write ends
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_interaction_repository_update() on the database's worker
 * thread. Finish with rapport_interaction_repository_write_finish().
 */
void
rapport_interaction_repository_update_async (RapportInteractionRepository *self,
                                             RapportInteraction           *interaction,
                                             GCancellable                 *cancellable,
                                             GAsyncReadyCallback           callback,
                                             gpointer                      user_data)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_INTERACTION (interaction));

  write_async (self, WRITE_UPDATE, interaction, 0, FALSE, rapport_interaction_repository_update_async,
               cancellable, callback, user_data);
}

/**
 * rapport_interaction_repository_restore_async:
 * @self: the interactions
 * @snapshot: the interaction as it was before it was deleted
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_interaction_repository_restore() on the database's worker
 * thread. Finish with rapport_interaction_repository_write_finish().
 */
void
rapport_interaction_repository_restore_async (RapportInteractionRepository *self,
                                              RapportInteraction           *snapshot,
                                              GCancellable                 *cancellable,
                                              GAsyncReadyCallback           callback,
                                              gpointer                      user_data)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_INTERACTION (snapshot));

  write_async (self, WRITE_RESTORE, snapshot, 0, FALSE, rapport_interaction_repository_restore_async,
               cancellable, callback, user_data);
}

/**
 * rapport_interaction_repository_delete_async:
 * @self: the interactions
 * @id: the interaction to delete
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_interaction_repository_delete() on the database's worker
 * thread. Finish with rapport_interaction_repository_write_finish().
 */
void
rapport_interaction_repository_delete_async (RapportInteractionRepository *self,
                                             gint64                        id,
                                             GCancellable                 *cancellable,
                                             GAsyncReadyCallback           callback,
                                             gpointer                      user_data)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self));

  write_async (self, WRITE_DELETE, NULL, id, FALSE, rapport_interaction_repository_delete_async,
               cancellable, callback, user_data);
}

/**
 * rapport_interaction_repository_set_follow_up_done_async:
 * @self: the interactions
 * @id: the interaction whose follow-up it is
 * @done: done, or open again
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_interaction_repository_set_follow_up_done() on the database's
 * worker thread. Finish with rapport_interaction_repository_write_finish().
 */
void
rapport_interaction_repository_set_follow_up_done_async (RapportInteractionRepository *self,
                                                         gint64                        id,
                                                         gboolean                      done,
                                                         GCancellable                 *cancellable,
                                                         GAsyncReadyCallback           callback,
                                                         gpointer                      user_data)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self));

  write_async (self, WRITE_FOLLOW_UP_DONE, NULL, id, done,
               rapport_interaction_repository_set_follow_up_done_async, cancellable, callback, user_data);
}

/**
 * rapport_interaction_repository_write_finish:
 * @self: the interactions
 * @result: the result of one of the `_async` writes
 * @error: return location for an error
 *
 * Returns: whether the write was made; watchers heard of it already
 */
gboolean
rapport_interaction_repository_write_finish (RapportInteractionRepository  *self,
                                             GAsyncResult                  *result,
                                             GError                       **error)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
