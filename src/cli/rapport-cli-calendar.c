/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli export-ics: open reminders as a calendar file (libical). */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-calendar.h"
#include "rapport-cli-common.h"
#include "rapport-cli-reminders.h"
#include "rapport-ics.h"

int
rapport_cli_run_export_ics (void)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  guint n = 0;

  if (rapport_cli_options.output == NULL)
    return rapport_cli_fail (_("Say where to write the calendar: export-ics --output FILE.ics"));

  reminders = rapport_cli_open_reminders (RAPPORT_DATABASE_READ_ONLY, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_ics_export (reminders, rapport_database_now (rapport_reminders_get_database (reminders)),
                           rapport_cli_options.output, &n, &error))
    return rapport_cli_fail (error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u reminder.\n", "Exported %u reminders.\n", n), n);
  return EXIT_FOUND;
}
