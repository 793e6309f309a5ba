/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Tasks — free reminders on a client — and their SQL. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-task-repository.h"

struct _RapportTaskRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportTaskRepository, rapport_task_repository, G_TYPE_OBJECT)

static void
rapport_task_repository_finalize (GObject *object)
{
  RapportTaskRepository *self = (RapportTaskRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_task_repository_parent_class)->finalize (object);
}

static void
rapport_task_repository_class_init (RapportTaskRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_task_repository_finalize;
}

static void
rapport_task_repository_init (RapportTaskRepository *self)
{
}

/**
 * rapport_task_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the tasks of @database
 */
RapportTaskRepository *
rapport_task_repository_new (RapportDatabase *database)
{
  RapportTaskRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_TASK_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportTaskRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("The reminder no longer exists."));
}

/* Takes @local_error. */
static gboolean
refused (GError  *local_error,
         GError **error)
{
  if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
    {
      g_error_free (local_error);
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The client or staff member of this reminder no longer exists."));
      return FALSE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Runs a statement on the one task it names, RETURNING client_id, to its
 * end; NOT_FOUND when there was none. */
static gboolean
run_on_one (RapportTaskRepository  *self,
            RapportStmt            *stmt,
            gint64                 *client_id,
            GError                **error)
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
  while (has_row)
    if (!_rapport_sqlite_step (db, stmt, &has_row, error))
      return FALSE;

  if (!found)
    set_not_found (error);
  return found;
}

static void
bind_task (RapportStmt *stmt,
           RapportTask *task,
           gint64       now)
{
  if (rapport_task_get_id (task) != 0)
    _rapport_stmt_bind_int (stmt, 1, rapport_task_get_id (task));
  _rapport_stmt_bind_int (stmt, 2, rapport_task_get_client_id (task));
  _rapport_stmt_bind_id_or_null (stmt, 3, rapport_task_get_staff_id (task));
  _rapport_stmt_bind_text (stmt, 4, rapport_task_get_title (task));
  _rapport_stmt_bind_text (stmt, 5, rapport_task_get_notes (task));
  _rapport_stmt_bind_text (stmt, 6, rapport_task_get_due_on (task));
  _rapport_stmt_bind_text_or_null (stmt, 7, rapport_task_get_due_time (task));
  if (rapport_task_get_done_at (task) != 0)
    _rapport_stmt_bind_int (stmt, 8, rapport_task_get_done_at (task));
  _rapport_stmt_bind_int (stmt, 9, now);
}

/* Inserts a new task, or one put back with its id. */
static gboolean
insert_task (RapportTaskRepository  *self,
             RapportTask            *task,
             GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db = connection (self);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO tasks (id, client_id, staff_id, title, notes, due_on,"
                                  " due_time, done_at, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_task (stmt, task, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, &local_error))
    return refused (g_steal_pointer (&local_error), error);

  rapport_task_set_id (task, _rapport_sqlite_last_insert_id (db));
  return TRUE;
}

/**
 * rapport_task_repository_save:
 * @self: the tasks
 * @task: a new task (id 0; its id is set) or a changed one
 * @error: return location for an error
 */
gboolean
rapport_task_repository_save (RapportTaskRepository  *self,
                              RapportTask            *task,
                              GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_TASK (task), FALSE);

  if (!rapport_task_tidy (task, error))
    return FALSE;

  if (rapport_task_get_id (task) == 0)
    {
      if (!insert_task (self, task, error))
        return FALSE;
      _rapport_database_note_change (self->database, RAPPORT_KIND_TASK, rapport_task_get_client_id (task));
      return TRUE;
    }

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "UPDATE tasks SET staff_id = ?3, title = ?4, notes = ?5, due_on = ?6,"
                                  " due_time = ?7, done_at = ?8"
                                  " WHERE id = ?1 AND client_id = ?2 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_task (stmt, task, rapport_database_now (self->database));
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_TASK, client_id);
  return TRUE;
}

/**
 * rapport_task_repository_restore:
 * @self: the tasks
 * @snapshot: a task as it was before it was deleted
 * @error: return location for an error
 *
 * Puts a deleted task back with its id (Undo).
 */
gboolean
rapport_task_repository_restore (RapportTaskRepository  *self,
                                 RapportTask            *snapshot,
                                 GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_TASK (snapshot), FALSE);
  g_return_val_if_fail (rapport_task_get_id (snapshot) != 0, FALSE);

  if (!rapport_task_tidy (snapshot, error) || !insert_task (self, snapshot, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_TASK, rapport_task_get_client_id (snapshot));
  return TRUE;
}

/**
 * rapport_task_repository_delete:
 * @self: the tasks
 * @id: a task
 * @error: return location for an error
 */
gboolean
rapport_task_repository_delete (RapportTaskRepository  *self,
                                gint64                  id,
                                GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "DELETE FROM tasks WHERE id = ?1 RETURNING client_id", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_TASK, client_id);
  return TRUE;
}

/**
 * rapport_task_repository_set_done:
 * @self: the tasks
 * @id: a task
 * @done: done, or open again
 * @error: return location for an error
 */
gboolean
rapport_task_repository_set_done (RapportTaskRepository  *self,
                                  gint64                  id,
                                  gboolean                done,
                                  GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 client_id = 0;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);

  stmt = _rapport_sqlite_prepare (connection (self),
                                  "UPDATE tasks SET done_at = CASE WHEN ?2 THEN coalesce(done_at, ?3) END"
                                  " WHERE id = ?1 RETURNING client_id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, done);
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  if (!run_on_one (self, stmt, &client_id, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_TASK, client_id);
  return TRUE;
}

#define TASK_COLUMNS \
  "SELECT t.id, t.client_id, c.display_name, t.title, t.notes, t.due_on, t.due_time," \
  " t.staff_id, s.name, t.done_at, t.created_at" \
  " FROM tasks t JOIN clients c ON c.id = t.client_id LEFT JOIN staff s ON s.id = t.staff_id"

static RapportTask *
task_from_row (RapportStmt *stmt)
{
  RapportTask *task = rapport_task_new (_rapport_stmt_column_int (stmt, 1));

  rapport_task_set_id (task, _rapport_stmt_column_int (stmt, 0));
  rapport_task_set_title (task, _rapport_stmt_column_text (stmt, 3));
  rapport_task_set_notes (task, _rapport_stmt_column_text (stmt, 4));
  rapport_task_set_due_on (task, _rapport_stmt_column_text (stmt, 5));
  rapport_task_set_due_time (task, _rapport_stmt_column_text (stmt, 6));
  rapport_task_set_staff_id (task, _rapport_stmt_column_int (stmt, 7));
  _rapport_task_set_staff_name (task, _rapport_stmt_column_text (stmt, 8));
  rapport_task_set_done_at (task, _rapport_stmt_column_int (stmt, 9));
  return task;
}

static RapportReminder *
reminder_from_row (RapportStmt *stmt,
                   const char  *source)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));

  reminder->client_id = _rapport_stmt_column_int (stmt, 1);
  reminder->open_id = reminder->client_id;
  g_free (reminder->client_name);
  reminder->client_name = g_strdup (_rapport_stmt_column_text (stmt, 2));
  g_free (reminder->title);
  reminder->title = g_strdup (_rapport_stmt_column_text (stmt, 3));
  g_free (reminder->detail);
  reminder->detail = g_strdup (_rapport_stmt_column_text (stmt, 4));
  reminder->due_on = _rapport_stmt_dup_text (stmt, 5);
  reminder->due_time = _rapport_stmt_dup_text (stmt, 6);
  reminder->staff_id = _rapport_stmt_column_int (stmt, 7);
  g_free (reminder->staff_name);
  reminder->staff_name = g_strdup (_rapport_stmt_column_text (stmt, 8));
  reminder->done = _rapport_stmt_column_int (stmt, 9) != 0;
  reminder->origin_at = _rapport_stmt_column_int (stmt, 10);
  return reminder;
}

/* Steps @stmt, whose one row is a task, or fails with NOT_FOUND. */
static gboolean
step_to_row (RapportTaskRepository  *self,
             RapportStmt            *stmt,
             gint64                  id,
             GError                **error)
{
  gboolean has_row;

  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (connection (self), stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    set_not_found (error);
  return has_row;
}

/**
 * rapport_task_repository_get:
 * @self: the tasks
 * @id: a task
 * @error: return location for an error
 *
 * Returns: (transfer full): the task, or %NULL with %RAPPORT_ERROR_NOT_FOUND
 */
RapportTask *
rapport_task_repository_get (RapportTaskRepository  *self,
                             gint64                  id,
                             GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), NULL);

  stmt = _rapport_sqlite_prepare (connection (self), TASK_COLUMNS " WHERE t.id = ?1", error);
  if (stmt == NULL || !step_to_row (self, stmt, id, error))
    return NULL;
  return task_from_row (stmt);
}

/**
 * rapport_task_repository_get_reminder:
 * @self: the tasks
 * @source: the name to give the reminder
 * @id: a task
 * @error: return location for an error
 *
 * Returns: (transfer full): the task as a reminder, open or done, or %NULL
 *   with %RAPPORT_ERROR_NOT_FOUND
 */
RapportReminder *
rapport_task_repository_get_reminder (RapportTaskRepository  *self,
                                      const char             *source,
                                      gint64                  id,
                                      GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), NULL);

  stmt = _rapport_sqlite_prepare (connection (self), TASK_COLUMNS " WHERE t.id = ?1", error);
  if (stmt == NULL || !step_to_row (self, stmt, id, error))
    return NULL;
  return reminder_from_row (stmt, source);
}

/**
 * rapport_task_repository_list_open:
 * @self: the tasks
 * @client_id: whose
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportTask): the client's open
 *   tasks, the soonest first
 */
GPtrArray *
rapport_task_repository_list_open (RapportTaskRepository  *self,
                                   gint64                  client_id,
                                   GError                **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  TASK_COLUMNS " WHERE t.client_id = ?1 AND t.done_at IS NULL"
                                  " ORDER BY t.due_on, t.due_time, t.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (result, task_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&result);
}

/* A range of the index of open tasks, both bounds bound. */
#define OPEN_TASKS_IN_RANGE " WHERE t.done_at IS NULL AND t.due_on BETWEEN ?1 AND ?2"

/**
 * rapport_task_repository_collect:
 * @self: the tasks
 * @source: the name to give the reminders
 * @range: which days, how many, in which order
 * @into: (element-type RapportReminder): where to add them
 * @error: return location for an error
 */
gboolean
rapport_task_repository_collect (RapportTaskRepository       *self,
                                 const char                  *source,
                                 const RapportReminderRange  *range,
                                 GPtrArray                   *into,
                                 GError                     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  range->newest_first
                                  ? TASK_COLUMNS OPEN_TASKS_IN_RANGE
                                    " ORDER BY t.due_on DESC, t.due_time DESC, t.id DESC LIMIT ?3"
                                  : TASK_COLUMNS OPEN_TASKS_IN_RANGE
                                    " ORDER BY t.due_on, t.due_time, t.id LIMIT ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, range->from_day ? range->from_day : "");
  _rapport_stmt_bind_text (stmt, 2, range->to_day);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, reminder_from_row (stmt, source));
  return ok;
}

/**
 * rapport_task_repository_count:
 * @self: the tasks
 * @from_day: (nullable): the first day, or %NULL for all before @to_day
 * @to_day: the last day
 * @count: (out): how many open tasks are due on those days
 * @error: return location for an error
 */
gboolean
rapport_task_repository_count (RapportTaskRepository  *self,
                               const char             *from_day,
                               const char             *to_day,
                               guint                  *count,
                               GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT count(*) FROM tasks t" OPEN_TASKS_IN_RANGE, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from_day ? from_day : "");
  _rapport_stmt_bind_text (stmt, 2, to_day);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  *count = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

/* The writes of the interface, on the database's worker thread (see
 * _rapport_database_write_async()): the window never waits for them. */

typedef enum
{
  WRITE_SAVE,
  WRITE_RESTORE,
  WRITE_DELETE,
  WRITE_DONE,
} WriteKind;

typedef struct
{
  WriteKind    kind;
  RapportTask *task;
  gint64       id;
  gboolean     done;
} TaskWrite;

static void
task_write_free (TaskWrite *write)
{
  g_clear_object (&write->task);
  g_free (write);
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  TaskWrite *write = data;
  g_autoptr(RapportTaskRepository) tasks = rapport_task_repository_new (worker);

  switch (write->kind)
    {
    case WRITE_SAVE:
      return rapport_task_repository_save (tasks, write->task, error);
    case WRITE_RESTORE:
      return rapport_task_repository_restore (tasks, write->task, error);
    case WRITE_DELETE:
      return rapport_task_repository_delete (tasks, write->id, error);
    case WRITE_DONE:
      return rapport_task_repository_set_done (tasks, write->id, write->done, error);
    default:
      g_assert_not_reached ();
    }
}

static void
write_async (RapportTaskRepository *self,
             WriteKind              kind,
             RapportTask           *task,
             gint64                 id,
             gboolean               done,
             gpointer               source_tag,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  TaskWrite *write = g_new0 (TaskWrite, 1);

  write->kind = kind;
  write->task = task ? g_object_ref (task) : NULL;
  write->id = id;
  write->done = done;
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) task_write_free, source_tag,
                                 cancellable, callback, user_data);
}

/**
 * rapport_task_repository_save_async:
 * @self: the tasks
 * @task: a new or changed task; not to be changed until the write ends
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_task_repository_save() on the database's worker thread: the
 * calling thread never waits for another program. Finish with
 * rapport_task_repository_write_finish().
 */
void
rapport_task_repository_save_async (RapportTaskRepository *self,
                                    RapportTask           *task,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (RAPPORT_IS_TASK_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_TASK (task));

  write_async (self, WRITE_SAVE, task, 0, FALSE, rapport_task_repository_save_async,
               cancellable, callback, user_data);
}

/**
 * rapport_task_repository_restore_async:
 * @self: the tasks
 * @snapshot: a task as it was before it was deleted
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_task_repository_restore() on the database's worker thread.
 */
void
rapport_task_repository_restore_async (RapportTaskRepository *self,
                                       RapportTask           *snapshot,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (RAPPORT_IS_TASK_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_TASK (snapshot));

  write_async (self, WRITE_RESTORE, snapshot, 0, FALSE, rapport_task_repository_restore_async,
               cancellable, callback, user_data);
}

/**
 * rapport_task_repository_delete_async:
 * @self: the tasks
 * @id: a task
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_task_repository_delete() on the database's worker thread.
 */
void
rapport_task_repository_delete_async (RapportTaskRepository *self,
                                      gint64                 id,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (RAPPORT_IS_TASK_REPOSITORY (self));

  write_async (self, WRITE_DELETE, NULL, id, FALSE, rapport_task_repository_delete_async,
               cancellable, callback, user_data);
}

/**
 * rapport_task_repository_set_done_async:
 * @self: the tasks
 * @id: a task
 * @done: done, or open again
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_task_repository_set_done() on the database's worker thread.
 */
void
rapport_task_repository_set_done_async (RapportTaskRepository *self,
                                        gint64                 id,
                                        gboolean               done,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_return_if_fail (RAPPORT_IS_TASK_REPOSITORY (self));

  write_async (self, WRITE_DONE, NULL, id, done, rapport_task_repository_set_done_async,
               cancellable, callback, user_data);
}

/**
 * rapport_task_repository_write_finish:
 * @self: the tasks
 * @result: the result of one of the `_async` writes
 * @error: return location for an error
 *
 * Returns: whether the write was made; watchers heard of it already
 */
gboolean
rapport_task_repository_write_finish (RapportTaskRepository  *self,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_TASK_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
