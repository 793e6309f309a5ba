/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* The commands module: every command but the quick look-ups, with what
 * they need (documents through Pango, Cairo and ICU; mail through GMime and
 * libcurl; calendars through libical; the keyring). rapport-cli loads it
 * only when one of these commands is asked for, so that a look-up does not
 * pay for loading them (rapport-cli-module.c). The command and the number
 * of its arguments were checked by rapport-cli. */

#include "config.h"

#include <gmodule.h>

#include "rapport-cli-calendar.h"
#include "rapport-cli-campaigns.h"
#include "rapport-cli-commands.h"
#include "rapport-cli-contacts.h"
#include "rapport-cli-deliveries.h"
#include "rapport-cli-file.h"
#include "rapport-cli-orders.h"
#include "rapport-cli-report.h"

static guint
limit_or_all (void)
{
  return rapport_cli_options.limit > 0 ? (guint) rapport_cli_options.limit : 0;
}

static int
run_orders (const char *text)
{
  RapportOrderFilter filter = { 0 };

  filter.unpaid_only = rapport_cli_options.unpaid_only;
  filter.from = rapport_cli_options.from_day;
  filter.to = rapport_cli_options.to_day;
  filter.text = (char *) text;
  return rapport_cli_run_orders (&filter, rapport_cli_options.status_filter, limit_or_all ());
}

static int
run_contacts (const char * const *arguments)
{
  const char *command = arguments[0];
  g_autofree char *path = rapport_cli_dup_database_path ();

  if (g_str_equal (command, "import"))
    return rapport_cli_run_import (path, arguments[1], rapport_cli_options.dry_run,
                                   rapport_cli_options.on_duplicate, rapport_cli_options.encoding);
  if (g_str_equal (command, "export"))
    return rapport_cli_run_export (path, rapport_cli_options.export_format, rapport_cli_options.output,
                                   rapport_cli_options.matching);
  if (g_str_equal (command, "duplicates"))
    return rapport_cli_run_duplicates (path, limit_or_all ());
  return rapport_cli_run_merge (path, arguments[1], arguments[2]);
}

int
rapport_cli_commands_run (const RapportCliOptions *options,
                          const char * const      *arguments)
{
  const char *command = arguments[0];
  const char *argument = arguments[1];
  const RapportCliOptions *o = &rapport_cli_options;

  rapport_cli_options = *options;

  if (g_str_equal (command, "seed"))
    return rapport_cli_run_seed ();
  if (g_str_equal (command, "orders"))
    return run_orders (argument);
  if (g_str_equal (command, "invoice"))
    return rapport_cli_run_invoice (argument, o->output);
  if (g_str_equal (command, "deliveries"))
    return rapport_cli_run_deliveries (o->late_only, argument, limit_or_all ());
  if (g_str_equal (command, "warranties"))
    return rapport_cli_run_warranties (o->expiring_days, argument, limit_or_all ());
  if (g_str_equal (command, "delivery-note"))
    return rapport_cli_run_delivery_note (argument, o->output);
  if (g_str_equal (command, "export-ics"))
    return rapport_cli_run_export_ics ();
  if (g_str_equal (command, "check"))
    return rapport_cli_run_check ();
  if (g_str_equal (command, "backup"))
    return rapport_cli_run_backup ();
  if (g_str_equal (command, "backups"))
    return rapport_cli_run_backups ();
  if (g_str_equal (command, "restore"))
    return rapport_cli_run_restore (argument);
  if (g_strv_contains ((const char *[]) { "import", "export", "duplicates", "merge", NULL }, command))
    return run_contacts (arguments);
  if (g_str_equal (command, "report"))
    return rapport_cli_run_report (argument, o->from_day, o->to_day, o->by, o->export_format);
  if (g_str_equal (command, "segments"))
    return rapport_cli_run_segments ();
  if (g_str_equal (command, "audience"))
    return rapport_cli_run_audience (argument, o->channel);
  if (g_str_equal (command, "campaigns"))
    return rapport_cli_run_campaigns ();
  if (g_str_equal (command, "campaign"))
    return rapport_cli_run_campaign (argument, arguments[2], o->output);
  if (g_str_equal (command, "mail-password"))
    return rapport_cli_run_mail_password ();
  if (g_str_equal (command, "warranty-message"))
    return rapport_cli_run_warranty_message (argument, arguments[2]);

  g_critical ("The commands module has no command “%s”", command);
  return EXIT_ERROR;
}
