/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli reminders, snooze and done: what is due, for people and
 * scripts. Built into rapport-cli itself, with the core library alone. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-common.h"
#include "rapport-cli-reminders.h"
#include "rapport-error.h"
#include "rapport-wall-clock.h"

/* What is due, the command line's way: one reminder a line, tab-separated,
 * for people and scripts alike. */
static void
print_reminders (GPtrArray  *list,
                 const char *state,
                 GTimeZone  *zone,
                 gint64      now)
{
  for (guint i = 0; i < list->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (list, i);
      g_autofree char *id = rapport_reminder_dup_id (reminder);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rapport_reminder_get_effective_due (reminder, now));
      g_autoptr(GDateTime) here = utc ? g_date_time_to_timezone (utc, zone) : NULL;
      g_autofree char *when = here ? g_date_time_format (here, "%Y-%m-%d %H:%M") : g_strdup ("?");

      g_print ("%s\t%s\t%s\t%s\t%s\n", id, when, state, reminder->client_name, reminder->title);
    }
}

RapportReminders *
rapport_cli_open_reminders (RapportDatabaseFlags  flags,
                            int                  *status)
{
  g_autoptr(RapportDatabase) db = rapport_cli_open (flags, RAPPORT_CLI_WANTS_REMINDERS, status);

  return db != NULL ? rapport_reminders_new (db) : NULL;
}

int
rapport_cli_run_reminders (void)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(RapportAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *zone;
  int status = EXIT_ERROR;
  gint64 now;

  if (rapport_cli_options.days < 0 || rapport_cli_options.days > 3660)
    return rapport_cli_fail (_("--days takes a number of days from 0 to 3660."));

  reminders = rapport_cli_open_reminders (RAPPORT_DATABASE_READ_ONLY, &status);
  if (reminders == NULL)
    return status;
  zone = rapport_reminders_get_time_zone (reminders);

  now = rapport_database_now (rapport_reminders_get_database (reminders));
  if (rapport_cli_options.at != NULL && !rapport_wall_clock_parse (zone, rapport_cli_options.at, &now, &error))
    return rapport_cli_fail (error->message);

  agenda = rapport_reminders_get_agenda (reminders, now, (guint) rapport_cli_options.days, 0, &error);
  if (agenda == NULL)
    return rapport_cli_fail (error->message);

  print_reminders (agenda->overdue, "overdue", zone, now);
  print_reminders (agenda->today, "today", zone, now);
  print_reminders (agenda->upcoming, "upcoming", zone, now);
  return agenda->overdue->len + agenda->today->len + agenda->upcoming->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_snooze (const char *id,
                        const char *until_text)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  gint64 until;

  reminders = rapport_cli_open_reminders (RAPPORT_DATABASE_DEFAULT, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_wall_clock_parse (rapport_reminders_get_time_zone (reminders), until_text, &until, &error)
      || !rapport_reminders_snooze (reminders, id, until, &error))
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}

int
rapport_cli_run_done (const char *id)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;

  reminders = rapport_cli_open_reminders (RAPPORT_DATABASE_DEFAULT, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_reminders_set_done (reminders, id, TRUE, &error))
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}
