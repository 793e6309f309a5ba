/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Follow-ups: the interactions that ask to get back to the client on a day (and at a time, if given), until the follow-up is done.
 * Its SQL is in its entity's repository. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-interaction-repository.h"
#include "rapport-follow-up-source.h"

struct _RapportFollowUpSource
{
  GObject  parent_instance;

  RapportInteractionRepository *repository;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportFollowUpSource, rapport_follow_up_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_REMINDER_SOURCE_FOLLOW_UP;
}

/* What to do is to follow up, on what the interaction was about. */
static void
name_the_action (RapportReminder *reminder)
{
  char *title = g_strdup_printf (_("Follow up: %s"), reminder->title);

  g_free (reminder->title);
  reminder->title = title;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportFollowUpSource *self = RAPPORT_FOLLOW_UP_SOURCE (source);
  guint first = into->len;

  if (!rapport_interaction_repository_collect_follow_ups (self->repository, RAPPORT_REMINDER_SOURCE_FOLLOW_UP,
                                                          range, into, error))
    return FALSE;
  for (guint i = first; i < into->len; i++)
    name_the_action (g_ptr_array_index (into, i));
  return TRUE;
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportFollowUpSource *self = RAPPORT_FOLLOW_UP_SOURCE (source);

  return rapport_interaction_repository_count_follow_ups (self->repository, from_day, to_day, n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportFollowUpSource *self = RAPPORT_FOLLOW_UP_SOURCE (source);
  RapportReminder *reminder;

  reminder = rapport_interaction_repository_get_follow_up (self->repository, RAPPORT_REMINDER_SOURCE_FOLLOW_UP,
                                                           item_id, error);
  if (reminder != NULL)
    name_the_action (reminder);
  return reminder;
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportFollowUpSource *self = RAPPORT_FOLLOW_UP_SOURCE (source);

  return rapport_interaction_repository_set_follow_up_done (self->repository, item_id, done, error);
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
rapport_follow_up_source_finalize (GObject *object)
{
  RapportFollowUpSource *self = (RapportFollowUpSource *) object;

  g_clear_object (&self->repository);

  G_OBJECT_CLASS (rapport_follow_up_source_parent_class)->finalize (object);
}

static void
rapport_follow_up_source_class_init (RapportFollowUpSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_follow_up_source_finalize;
}

static void
rapport_follow_up_source_init (RapportFollowUpSource *self)
{
}

/**
 * rapport_follow_up_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of follow-up reminders in @database
 */
RapportReminderSource *
rapport_follow_up_source_new (RapportDatabase *database)
{
  RapportFollowUpSource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_FOLLOW_UP_SOURCE, NULL);
  self->repository = rapport_interaction_repository_new (database);
  return RAPPORT_REMINDER_SOURCE (self);
}
