/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* What every command shares: the options, failing with a message, and
 * opening the file to look. Built into rapport-cli and into its commands
 * module, each with its own copy of the options. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-common.h"
#include "rapport-error.h"
#include "rapport-reminders.h"

G_GNUC_INTERNAL RapportCliOptions rapport_cli_options = {
  .n_clients = -1,
  .n_interactions = -1,
  .seed = 1,
  .days = RAPPORT_REMINDERS_DAYS_AHEAD,
  .expiring_days = -1,
};

int
rapport_cli_fail (const char *message)
{
  g_printerr ("rapport-cli: %s\n", message);
  return EXIT_ERROR;
}

char *
rapport_cli_dup_database_path (void)
{
  return rapport_cli_options.database ? g_strdup (rapport_cli_options.database)
                                      : rapport_database_dup_default_path ();
}

static void
print_nothing_yet (RapportCliWants  wants,
                   const char      *reason)
{
  /* Each message whole, for the translators and for -Wformat. */
  switch (wants)
    {
    case RAPPORT_CLI_WANTS_REMINDERS:
      g_printerr (_("rapport-cli: there are no reminders yet: %s\n"), reason);
      break;
    case RAPPORT_CLI_WANTS_CLIENTS:
    default:
      g_printerr (_("rapport-cli: there are no clients yet: %s\n"), reason);
      break;
    }
}

/* Opens the file the options name. A missing or empty one is not an
 * error: it has nothing yet, which is said, and the status says so. */
RapportDatabase *
rapport_cli_open (RapportDatabaseFlags  flags,
                  RapportCliWants       wants,
                  int                  *status)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  db = rapport_database_open (path, flags, &error);
  if (db == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    {
      print_nothing_yet (wants, error->message);
      *status = EXIT_NOTHING;
      return NULL;
    }
  if (db == NULL)
    {
      *status = rapport_cli_fail (error->message);
      return NULL;
    }

  return g_steal_pointer (&db);
}

/* Looking never changes a file: no database is created, upgraded or
 * touched, and a missing or empty one has no clients. */
RapportDatabase *
rapport_cli_open_for_looking (int *status)
{
  return rapport_cli_open (RAPPORT_DATABASE_READ_ONLY, RAPPORT_CLI_WANTS_CLIENTS, status);
}
