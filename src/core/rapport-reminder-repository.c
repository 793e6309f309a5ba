/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The state of reminders — notified, snoozed, dismissed — under their
 * identities, and how far notifications have got: that SQL and no other. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-reminder-repository.h"

struct _RapportReminderRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportReminderRepository, rapport_reminder_repository, G_TYPE_OBJECT)

void
rapport_reminder_state_free (RapportReminderState *state)
{
  if (state == NULL)
    return;
  g_free (state->source);
  g_free (state);
}

static void
rapport_reminder_repository_finalize (GObject *object)
{
  RapportReminderRepository *self = (RapportReminderRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_reminder_repository_parent_class)->finalize (object);
}

static void
rapport_reminder_repository_class_init (RapportReminderRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_reminder_repository_finalize;
}

static void
rapport_reminder_repository_init (RapportReminderRepository *self)
{
}

/**
 * rapport_reminder_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the reminders' state in @database
 */
RapportReminderRepository *
rapport_reminder_repository_new (RapportDatabase *database)
{
  RapportReminderRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_REMINDER_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportReminderRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

#define STATE_COLUMNS \
  "SELECT source, item_id, notified_due, notified_at, snoozed_until, dismissed_at FROM reminder_state"

static RapportReminderState *
state_from_row (RapportStmt *stmt)
{
  RapportReminderState *state = g_new0 (RapportReminderState, 1);

  state->source = g_strdup (_rapport_stmt_column_text (stmt, 0));
  state->item_id = _rapport_stmt_column_int (stmt, 1);
  state->notified_due = _rapport_stmt_column_int (stmt, 2);
  state->notified_at = _rapport_stmt_column_int (stmt, 3);
  state->snoozed_until = _rapport_stmt_column_int (stmt, 4);
  state->dismissed_at = _rapport_stmt_column_int (stmt, 5);
  return state;
}

/**
 * rapport_reminder_repository_get_state:
 * @self: the reminders' state
 * @source: a source's name
 * @item_id: its record
 * @state: (out) (transfer full) (nullable): the state, or %NULL when
 *   nothing happened to the reminder yet
 * @error: return location for an error
 */
gboolean
rapport_reminder_repository_get_state (RapportReminderRepository  *self,
                                       const char                 *source,
                                       gint64                      item_id,
                                       RapportReminderState      **state,
                                       GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, STATE_COLUMNS " WHERE source = ?1 AND item_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, source);
  _rapport_stmt_bind_int (stmt, 2, item_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  *state = has_row ? state_from_row (stmt) : NULL;
  return TRUE;
}

static GPtrArray *
list_states (RapportReminderRepository  *self,
             const char                 *sql,
             gint64                      first,
             gint64                      second,
             GError                    **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_state_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db = connection (self);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, first);
  _rapport_stmt_bind_int (stmt, 2, second);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (result, state_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&result);
}

/**
 * rapport_reminder_repository_list_held_back:
 * @self: the reminders' state
 * @now: the present
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportReminderState): the
 *   reminders held back from their due time: snoozed past @now, or
 *   dismissed. Two index ranges, however many reminders there are.
 */
GPtrArray *
rapport_reminder_repository_list_held_back (RapportReminderRepository  *self,
                                            gint64                      now,
                                            GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), NULL);

  return list_states (self,
                      STATE_COLUMNS " WHERE snoozed_until > ?1 AND dismissed_at IS NULL"
                      " UNION ALL " STATE_COLUMNS " WHERE dismissed_at IS NOT NULL",
                      now, 0, error);
}

/**
 * rapport_reminder_repository_list_snoozes_ending:
 * @self: the reminders' state
 * @after: the start of the span, excluded
 * @until: its end, included
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportReminderState): the
 *   reminders whose snooze ends in the span, which come due again then
 */
GPtrArray *
rapport_reminder_repository_list_snoozes_ending (RapportReminderRepository  *self,
                                                 gint64                      after,
                                                 gint64                      until,
                                                 GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), NULL);

  return list_states (self,
                      STATE_COLUMNS " WHERE snoozed_until > ?1 AND snoozed_until <= ?2"
                      " AND dismissed_at IS NULL ORDER BY snoozed_until",
                      after, until, error);
}

/* Runs @sql, an upsert of one state whose ?1 and ?2 are the identity and
 * ?3 a moment, and tells watchers. */
static gboolean
upsert (RapportReminderRepository  *self,
        const char                 *sql,
        const char                 *source,
        gint64                      item_id,
        gint64                      moment,
        gint64                      other,
        GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db = connection (self);

  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, source);
  _rapport_stmt_bind_int (stmt, 2, item_id);
  _rapport_stmt_bind_int (stmt, 3, moment);
  _rapport_stmt_bind_int (stmt, 4, other);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_REMINDER, 0);
  return TRUE;
}

/**
 * rapport_reminder_repository_snooze:
 * @self: the reminders' state
 * @source: a source's name
 * @item_id: its record
 * @until: when the snooze ends, UTC seconds; 0 ends it now
 * @error: return location for an error
 */
gboolean
rapport_reminder_repository_snooze (RapportReminderRepository  *self,
                                    const char                 *source,
                                    gint64                      item_id,
                                    gint64                      until,
                                    GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  return upsert (self,
                 "INSERT INTO reminder_state (source, item_id, snoozed_until) VALUES (?1, ?2, nullif(?3, 0))"
                 " ON CONFLICT (source, item_id) DO UPDATE SET snoozed_until = excluded.snoozed_until",
                 source, item_id, until, 0, error);
}

/**
 * rapport_reminder_repository_dismiss:
 * @self: the reminders' state
 * @source: a source's name
 * @item_id: its record
 * @dismissed: whether it is dismissed (no more reminding of it), or back
 * @error: return location for an error
 */
gboolean
rapport_reminder_repository_dismiss (RapportReminderRepository  *self,
                                     const char                 *source,
                                     gint64                      item_id,
                                     gboolean                    dismissed,
                                     GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  return upsert (self,
                 "INSERT INTO reminder_state (source, item_id, dismissed_at) VALUES (?1, ?2, nullif(?3, 0))"
                 " ON CONFLICT (source, item_id) DO UPDATE SET dismissed_at = excluded.dismissed_at",
                 source, item_id, dismissed ? rapport_database_now (self->database) : 0, 0, error);
}

/**
 * rapport_reminder_repository_mark_notified:
 * @self: the reminders' state
 * @source: a source's name
 * @item_id: its record
 * @due: the due moment it was notified for
 * @error: return location for an error
 */
gboolean
rapport_reminder_repository_mark_notified (RapportReminderRepository  *self,
                                           const char                 *source,
                                           gint64                      item_id,
                                           gint64                      due,
                                           GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  return upsert (self,
                 "INSERT INTO reminder_state (source, item_id, notified_due, notified_at)"
                 " VALUES (?1, ?2, ?3, ?4)"
                 " ON CONFLICT (source, item_id) DO UPDATE"
                 " SET notified_due = excluded.notified_due, notified_at = excluded.notified_at",
                 source, item_id, due, rapport_database_now (self->database), error);
}

/**
 * rapport_reminder_repository_get_notified_through:
 * @self: the reminders' state
 * @moment: (out): the moment up to which everything due was notified, or
 *   0 when nothing ever was
 * @error: return location for an error
 */
gboolean
rapport_reminder_repository_get_notified_through (RapportReminderRepository  *self,
                                                  gint64                     *moment,
                                                  GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  return _rapport_sqlite_get_int (connection (self),
                                  "SELECT value FROM database_facts WHERE name = 'notified-through'",
                                  moment, error);
}

gboolean
rapport_reminder_repository_set_notified_through (RapportReminderRepository  *self,
                                                  gint64                      moment,
                                                  GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO database_facts (name, value) VALUES ('notified-through', ?1)"
                                  " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, moment);
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_reminder_repository_dup_database_uuid:
 * @self: the reminders' state
 * @error: return location for an error
 *
 * Returns: (transfer full): the file's own identity, made once when its
 *   reminders were first set up: what tells its calendar entries from
 *   another file's
 */
char *
rapport_reminder_repository_dup_database_uuid (RapportReminderRepository  *self,
                                               GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_REMINDER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT value FROM database_facts WHERE name = 'uuid'", error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  return g_strdup (has_row ? _rapport_stmt_column_text (stmt, 0) : "");
}
