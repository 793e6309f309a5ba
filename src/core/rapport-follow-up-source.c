/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Follow-ups: the interactions that ask to get back to the client on a day (and at a time, if given), until the follow-up is done.
 * Its SQL is in its entity's repository. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-follow-up-source.h"
#include "rapport-interaction-repository.h"
#include "rapport-table-source-private.h"

/* What to do is to follow up, on what the interaction was about. */
static void
name_the_action (RapportReminder *reminder)
{
  char *title = g_strdup_printf (_("Follow up: %s"), reminder->title);

  g_free (reminder->title);
  reminder->title = title;
}

static gboolean
collect (RapportInteractionRepository  *repository,
         const char                    *source,
         const RapportReminderRange    *range,
         GPtrArray                     *into,
         GError                       **error)
{
  guint first = into->len;

  if (!rapport_interaction_repository_collect_follow_ups (repository, source, range, into, error))
    return FALSE;
  for (guint i = first; i < into->len; i++)
    name_the_action (g_ptr_array_index (into, i));
  return TRUE;
}

static RapportReminder *
lookup (RapportInteractionRepository  *repository,
        const char                    *source,
        gint64                         item_id,
        GError                       **error)
{
  RapportReminder *reminder = rapport_interaction_repository_get_follow_up (repository, source, item_id, error);

  if (reminder != NULL)
    name_the_action (reminder);
  return reminder;
}

static const RapportSourceTable follow_up_table = {
  RAPPORT_REMINDER_SOURCE_FOLLOW_UP,
  (RapportSourceCollectFunc) collect,
  (RapportSourceCountFunc) rapport_interaction_repository_count_follow_ups,
  (RapportSourceLookupFunc) lookup,
  (RapportSourceSetDoneFunc) rapport_interaction_repository_set_follow_up_done,
};

/**
 * rapport_follow_up_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of follow-up reminders in @database
 */
RapportReminderSource *
rapport_follow_up_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&follow_up_table, rapport_interaction_repository_new (database));
}
