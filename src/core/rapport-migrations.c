/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-core-resources.h"
#include "rapport-error.h"
#include "rapport-store-private.h"

/* Each step takes the schema from version (index) to version (index + 1).
 * Steps are never edited once released: a change is a new step. */
static const char * const steps[] = {
  "0001-clients.sql",
};

guint
_rapport_migrations_latest (void)
{
  return G_N_ELEMENTS (steps);
}

static gboolean
apply_step (RapportSqlite  *db,
            guint           index,
            GError        **error)
{
  g_autofree char *resource = g_strdup_printf ("%s/core/sql/%s", RESOURCE_BASE, steps[index]);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *set_version = NULL;

  bytes = g_resource_lookup_data (_rapport_core_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  if (!_rapport_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %u;"
                                 "PRAGMA application_id = %d;",
                                 index + 1, RAPPORT_APPLICATION_ID);

  if (!_rapport_sqlite_exec (db, g_bytes_get_data (bytes, NULL), error)
      || !_rapport_sqlite_exec (db, set_version, error)
      || !_rapport_sqlite_commit (db, error))
    {
      _rapport_sqlite_rollback (db);
      g_prefix_error (error, _("Could not upgrade the database to version %u: "), index + 1);
      return FALSE;
    }

  g_debug ("Database schema upgraded to version %u", index + 1);
  return TRUE;
}

/* Brings the schema from @from_version to the latest, one transaction a
 * step, so that a failure leaves the last completed version behind. */
gboolean
_rapport_migrations_apply (RapportSqlite  *db,
                           guint           from_version,
                           GError        **error)
{
  g_assert (from_version <= G_N_ELEMENTS (steps));

  for (guint i = from_version; i < G_N_ELEMENTS (steps); i++)
    if (!apply_step (db, i, error))
      return FALSE;

  return TRUE;
}
