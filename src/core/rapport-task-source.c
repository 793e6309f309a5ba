/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Tasks: free reminders on a client (“call back Tuesday 10:00”), until they are done.
 * Its SQL is in its entity's repository. */

#include "rapport-table-source-private.h"
#include "rapport-task-repository.h"
#include "rapport-task-source.h"

static const RapportSourceTable task_table = {
  RAPPORT_REMINDER_SOURCE_TASK,
  (RapportSourceCollectFunc) rapport_task_repository_collect,
  (RapportSourceCountFunc) rapport_task_repository_count,
  (RapportSourceLookupFunc) rapport_task_repository_get_reminder,
  (RapportSourceSetDoneFunc) rapport_task_repository_set_done,
};

/**
 * rapport_task_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of task reminders in @database
 */
RapportReminderSource *
rapport_task_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&task_table, rapport_task_repository_new (database));
}
