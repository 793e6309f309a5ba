/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-reminder-source.h"
#include "rapport-task.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for tasks; the id is the
 * client the task is about. */
#define RAPPORT_KIND_TASK "task"

#define RAPPORT_TYPE_TASK_REPOSITORY (rapport_task_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportTaskRepository, rapport_task_repository, RAPPORT, TASK_REPOSITORY, GObject)

RapportTaskRepository *rapport_task_repository_new (RapportDatabase             *database);
gboolean     rapport_task_repository_save          (RapportTaskRepository       *self,
                                                    RapportTask                 *task,
                                                    GError                     **error);
RapportTask *rapport_task_repository_get           (RapportTaskRepository       *self,
                                                    gint64                       id,
                                                    GError                     **error);
gboolean     rapport_task_repository_delete        (RapportTaskRepository       *self,
                                                    gint64                       id,
                                                    GError                     **error);
gboolean     rapport_task_repository_restore       (RapportTaskRepository       *self,
                                                    RapportTask                 *snapshot,
                                                    GError                     **error);
gboolean     rapport_task_repository_set_done      (RapportTaskRepository       *self,
                                                    gint64                       id,
                                                    gboolean                     done,
                                                    GError                     **error);
void         rapport_task_repository_save_async    (RapportTaskRepository       *self,
                                                    RapportTask                 *task,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
void         rapport_task_repository_restore_async (RapportTaskRepository       *self,
                                                    RapportTask                 *snapshot,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
void         rapport_task_repository_delete_async  (RapportTaskRepository       *self,
                                                    gint64                       id,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
void         rapport_task_repository_set_done_async (RapportTaskRepository      *self,
                                                    gint64                       id,
                                                    gboolean                     done,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
gboolean     rapport_task_repository_write_finish  (RapportTaskRepository       *self,
                                                    GAsyncResult                *result,
                                                    GError                     **error);
GPtrArray   *rapport_task_repository_list_open     (RapportTaskRepository       *self,
                                                    gint64                       client_id,
                                                    GError                     **error);
gboolean     rapport_task_repository_collect       (RapportTaskRepository       *self,
                                                    const char                  *source,
                                                    const RapportReminderRange  *range,
                                                    GPtrArray                   *into,
                                                    GError                     **error);
gboolean     rapport_task_repository_count         (RapportTaskRepository       *self,
                                                    const char                  *from_day,
                                                    const char                  *to_day,
                                                    guint                       *count,
                                                    GError                     **error);
RapportReminder *rapport_task_repository_get_reminder (RapportTaskRepository    *self,
                                                    const char                  *source,
                                                    gint64                       id,
                                                    GError                     **error);

G_END_DECLS
