/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Warranties remind twice: the notice days before their end
 * (“warranty-soon”, to offer an extended warranty) and on their last day
 * (“warranty-end”). The warranty repository serves both, told which by a
 * flag. */

#include "rapport-table-source-private.h"
#include "rapport-warranty-repository.h"
#include "rapport-warranty-source.h"

static const RapportSourceTable soon_table =
  RAPPORT_FLAG_SOURCE_TABLE (RAPPORT_REMINDER_SOURCE_WARRANTY_SOON, FALSE, rapport_warranty_repository);
static const RapportSourceTable end_table =
  RAPPORT_FLAG_SOURCE_TABLE (RAPPORT_REMINDER_SOURCE_WARRANTY_END, TRUE, rapport_warranty_repository);

/**
 * rapport_warranty_soon_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of warranties ending
 *   within the notice days (rapport_warranty_repository_get_notice_days())
 */
RapportReminderSource *
rapport_warranty_soon_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&soon_table, rapport_warranty_repository_new (database));
}

/**
 * rapport_warranty_end_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of warranties on
 *   their last day
 */
RapportReminderSource *
rapport_warranty_end_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&end_table, rapport_warranty_repository_new (database));
}
