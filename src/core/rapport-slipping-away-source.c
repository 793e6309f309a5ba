/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Regular clients who have not come back for twice their usual interval
 * (“Anna is overdue for a visit”), due on the day they reached it. Its SQL
 * is with the rest of the analytics (rapport-analytics.c); done means the
 * person called, for this absence. */

#include "rapport-analytics-private.h"
#include "rapport-slipping-away-source.h"
#include "rapport-table-source-private.h"

static const RapportSourceTable slipping_away_table = {
  RAPPORT_REMINDER_SOURCE_SLIPPING_AWAY,
  (RapportSourceCollectFunc) _rapport_analytics_collect_win_backs,
  (RapportSourceCountFunc) _rapport_analytics_count_win_backs,
  (RapportSourceLookupFunc) _rapport_analytics_get_win_back,
  (RapportSourceSetDoneFunc) _rapport_analytics_set_win_back_done,
};

/**
 * rapport_slipping_away_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of regular clients
 *   slipping away
 */
RapportReminderSource *
rapport_slipping_away_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&slipping_away_table, g_object_ref (database));
}
