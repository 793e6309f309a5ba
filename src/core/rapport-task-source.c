/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Tasks: free reminders on a client (“call back Tuesday 10:00”), until they are done.
 * Its SQL is in its entity's repository. */

#include "rapport-task-repository.h"
#include "rapport-task-source.h"

struct _RapportTaskSource
{
  GObject  parent_instance;

  RapportTaskRepository *repository;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportTaskSource, rapport_task_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_REMINDER_SOURCE_TASK;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportTaskSource *self = RAPPORT_TASK_SOURCE (source);

  return rapport_task_repository_collect (self->repository, RAPPORT_REMINDER_SOURCE_TASK, range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportTaskSource *self = RAPPORT_TASK_SOURCE (source);

  return rapport_task_repository_count (self->repository, from_day, to_day, n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportTaskSource *self = RAPPORT_TASK_SOURCE (source);

  return rapport_task_repository_get_reminder (self->repository, RAPPORT_REMINDER_SOURCE_TASK, item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportTaskSource *self = RAPPORT_TASK_SOURCE (source);

  return rapport_task_repository_set_done (self->repository, item_id, done, error);
}

static void
reminder_source_iface_init (RapportReminderSourceInterface *iface)
{
  iface->get_name = get_name;
  iface->collect = collect;
  iface->count = count;
  iface->lookup = lookup;
  iface->set_done = set_done;
}

static void
rapport_task_source_finalize (GObject *object)
{
  RapportTaskSource *self = (RapportTaskSource *) object;

  g_clear_object (&self->repository);

  G_OBJECT_CLASS (rapport_task_source_parent_class)->finalize (object);
}

static void
rapport_task_source_class_init (RapportTaskSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_task_source_finalize;
}

static void
rapport_task_source_init (RapportTaskSource *self)
{
}

/**
 * rapport_task_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of task reminders in @database
 */
RapportReminderSource *
rapport_task_source_new (RapportDatabase *database)
{
  RapportTaskSource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_TASK_SOURCE, NULL);
  self->repository = rapport_task_repository_new (database);
  return RAPPORT_REMINDER_SOURCE (self);
}
