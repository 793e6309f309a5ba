/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-analytics-private.h"
#include "rapport-carrier-repository-private.h"
#include "rapport-client-repository-private.h"
#include "rapport-core-resources.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-order-repository-private.h"

/* The one list of schema steps: step i takes a file from version i to
 * version i + 1. A released step is never edited; a change is a new step.
 * (The resource bundle carries the SQL files; a test checks that it holds
 * exactly the files named here.) */
static gboolean
rebuild_phone_keys (RapportSqlite  *db,
                    GError        **error)
{
  return _rapport_client_repository_rebuild_phone_keys (db, "", error);
}

static const RapportMigrationStep steps[] = {
  { "0001-clients.sql", NULL },
  { "0002-reminders.sql", NULL },
  { "0003-phone-keys.sql", rebuild_phone_keys },
  { "0004-orders.sql", _rapport_order_repository_add_default_lost_reasons },
  { "0005-deliveries.sql", _rapport_carrier_repository_add_defaults },
  { "0006-campaigns.sql", NULL },
  { "0007-import.sql", NULL },
  { "0008-analytics.sql", _rapport_analytics_fill_summaries },
  { "0009-service-messages.sql", NULL },
  { "0010-campaign-html.sql", NULL },
  { "0011-merge-history.sql", NULL },
  { "0012-line-days.sql", _rapport_analytics_fill_line_days },
  { "0013-funnel-days.sql", _rapport_analytics_fill_funnel_days },
  { "0014-client-days.sql", _rapport_analytics_fill_client_days },
  { "0015-overdue-and-follow-ups.sql", NULL },
  { "0016-staff-clients.sql", _rapport_analytics_fill_staff_clients },
  { "0017-reminder-days.sql", NULL },
  { "0018-item-orders.sql", _rapport_analytics_fill_item_summaries },
  { "0019-phone-keys-with-clients.sql", NULL },
  { "0020-client-groups.sql", _rapport_analytics_fill_group_summaries },
  { "0021-item-owed.sql", _rapport_analytics_fill_item_owed },
  { "0022-search-index-hash.sql", NULL },
  { "0023-group-lines.sql", _rapport_analytics_fill_group_lines },
  { "0024-group-owed.sql", _rapport_analytics_fill_group_owed },
  { "0025-group-activity.sql", _rapport_analytics_fill_group_activity },
  { "0026-item-funnel.sql", _rapport_analytics_fill_item_funnel },
  { "0027-line-kind-repeats.sql", _rapport_analytics_fill_line_kind_repeats },
  { "0028-search-positions.sql", NULL },
  { "0029-phone-positions.sql", NULL },
};

const RapportMigrationStep *
_rapport_migrations_get_steps (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

static gboolean
run_sql_file (RapportSqlite  *db,
              const char     *name,
              GError        **error)
{
  g_autofree char *resource = g_strdup_printf ("%s/core/sql/%s", RESOURCE_BASE, name);
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (_rapport_core_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  return _rapport_sqlite_exec (db, g_bytes_get_data (bytes, NULL), error);
}

static gboolean
run_step (RapportSqlite               *db,
          const RapportMigrationStep  *step,
          guint                        version,
          GError                     **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;"
                                                  "PRAGMA application_id = %d;",
                                                  version, RAPPORT_APPLICATION_ID);

  if (step->sql_file != NULL && !run_sql_file (db, step->sql_file, error))
    return FALSE;
  if (step->run != NULL && !step->run (db, error))
    return FALSE;
  return _rapport_sqlite_exec (db, set_version, error);
}

static gboolean
apply_step (RapportSqlite               *db,
            const RapportMigrationStep  *step,
            guint                        version,
            GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (_rapport_sqlite_get_path (db));

  if (!_rapport_sqlite_begin (db, &local_error)
      || !run_step (db, step, version, &local_error)
      || !_rapport_sqlite_commit (db, &local_error))
    {
      _rapport_sqlite_rollback (db);
      g_prefix_error (&local_error,
                      _("Could not bring “%s” up to data version %u; it stays as it was at version %u. "),
                      display, version, version - 1);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Database schema upgraded to version %u", version);
  return TRUE;
}

/* Brings the schema from @from_version to the last of @steps, one
 * transaction a step, so that a failure leaves the last completed version
 * behind, never half a step. */
gboolean
_rapport_migrations_apply (RapportSqlite               *db,
                           const RapportMigrationStep  *steps_to_run,
                           guint                        n_steps,
                           guint                        from_version,
                           GError                     **error)
{
  g_assert (from_version <= n_steps);

  for (guint i = from_version; i < n_steps; i++)
    if (!apply_step (db, &steps_to_run[i], i + 1, error))
      return FALSE;

  return TRUE;
}
