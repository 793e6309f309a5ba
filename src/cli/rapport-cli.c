/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli: reads the options and runs the command asked for, the quick
 * look-ups itself and the rest through the commands module. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rapport-cli-clients.h"
#include "rapport-cli-common.h"
#include "rapport-cli-module.h"
#include "rapport-cli-reminders.h"

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &rapport_cli_options.database,
    N_("Use the database in FILE instead of the usual one"), N_("FILE") },
  { "clients", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.n_clients,
    N_("seed: how many clients to add (default 300)"), N_("N") },
  { "interactions", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.n_interactions,
    N_("seed: how many interactions to add (default 5 per client)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.seed,
    N_("seed: the same number gives the same data (default 1)"), N_("NUMBER") },
  { "orders", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.n_orders,
    N_("seed: how many orders to add, with their lines and payments (default none)"), N_("N") },
  { "limit", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.limit,
    N_("search, orders, deliveries, warranties, duplicates: print at most N"), N_("N") },
  { "status", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.status_filter,
    N_("orders: only these statuses, such as confirmed,fulfilled"), N_("LIST") },
  { "unpaid", 0, 0, G_OPTION_ARG_NONE, &rapport_cli_options.unpaid_only,
    N_("orders: only sales with something still owed"), NULL },
  { "from", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.from_day,
    N_("orders, report: from this day on"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.to_day,
    N_("orders, report: up to this day"), N_("YYYY-MM-DD") },
  { "by", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.by,
    N_("report: figures by day, week or month (default: by the period's length)"), N_("PERIOD") },
  { "at", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.at,
    N_("reminders: what is due at this moment instead of now, such as “2026-03-10 14:30”"), N_("DATETIME") },
  { "days", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.days,
    N_("reminders: how many days ahead to list (default 7)"), N_("N") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &rapport_cli_options.output,
    N_("invoice, delivery-note, export-ics, backup: the file to write"), N_("FILE") },
  { "late", 0, 0, G_OPTION_ARG_NONE, &rapport_cli_options.late_only,
    N_("deliveries: only those whose day passed and that have not arrived"), NULL },
  { "expiring", 0, 0, G_OPTION_ARG_INT, &rapport_cli_options.expiring_days,
    N_("warranties: only those ending within N days from today"), N_("DAYS") },
  { "channel", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.channel,
    N_("audience: how the segment is reached: email (the default), sms or phone"), N_("CHANNEL") },
  { "encrypt", 0, 0, G_OPTION_ARG_NONE, &rapport_cli_options.encrypt,
    N_("backup: encrypt it with the passphrase kept in the keyring"), NULL },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &rapport_cli_options.dry_run,
    N_("import: show what would be imported, matched and refused, and write nothing"), NULL },
  { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.on_duplicate,
    N_("import: what to do with a contact that matches a client: skip (default), merge or add"), N_("ACTION") },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.encoding,
    N_("import: the code page of a file that is not UTF-8, such as WINDOWS-1250"), N_("CHARSET") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.export_format,
    N_("export: vcf (vCard 4.0, the default), vcf3 (vCard 3.0) or csv (Google's columns); report: text or csv"), N_("FORMAT") },
  { "matching", 0, 0, G_OPTION_ARG_STRING, &rapport_cli_options.matching,
    N_("export: only the clients whose details contain TEXT"), N_("TEXT") },
  { NULL }
};

/* Each command with how many arguments it takes. Those built in need the
 * core library alone; the others are in the commands module. */
typedef struct
{
  const char *name;
  guint       min_arguments;
  guint       max_arguments;
  int       (*built_in) (const char * const *arguments);
} Command;

static int
run_lookup (const char * const *arguments)
{
  return rapport_cli_run_lookup (arguments[1]);
}

static int
run_search (const char * const *arguments)
{
  return rapport_cli_run_search (arguments[1]);
}

static int
run_reminders (const char * const *arguments)
{
  return rapport_cli_run_reminders ();
}

static int
run_snooze (const char * const *arguments)
{
  return rapport_cli_run_snooze (arguments[1], arguments[2]);
}

static int
run_done (const char * const *arguments)
{
  return rapport_cli_run_done (arguments[1]);
}

static const Command commands[] = {
  { "lookup", 1, 1, run_lookup },
  { "search", 1, 1, run_search },
  { "reminders", 0, 0, run_reminders },
  { "snooze", 2, 2, run_snooze },
  { "done", 1, 1, run_done },
  { "seed", 0, 0, NULL },
  { "orders", 0, 1, NULL },
  { "invoice", 1, 1, NULL },
  { "deliveries", 0, 1, NULL },
  { "warranties", 0, 1, NULL },
  { "delivery-note", 1, 1, NULL },
  { "warranty-message", 1, 2, NULL },
  { "export-ics", 0, 0, NULL },
  { "check", 0, 0, NULL },
  { "backup", 0, 0, NULL },
  { "backups", 0, 0, NULL },
  { "restore", 1, 1, NULL },
  { "import", 1, 1, NULL },
  { "export", 0, 0, NULL },
  { "duplicates", 0, 0, NULL },
  { "merge", 2, 2, NULL },
  { "report", 1, 1, NULL },
  { "segments", 0, 0, NULL },
  { "audience", 1, 1, NULL },
  { "campaigns", 0, 0, NULL },
  { "campaign", 2, 2, NULL },
  { "mail-password", 0, 0, NULL },
};

static int
run (const Command      *command,
     const char * const *arguments)
{
  return command->built_in ? command->built_in (arguments) : rapport_cli_run_in_module (arguments);
}

/* The arguments after the program's name that are not options, without
 * the first “--” that GOption leaves in place. */
static GStrv
positional_arguments (int    argc,
                      char **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ended = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (!ended && g_str_equal (argv[i], "--"))
        {
          ended = TRUE;
          continue;
        }
      g_strv_builder_add (builder, argv[i]);
    }
  return g_strv_builder_end (builder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) positional = NULL;
  guint n_positional;
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENT]"));
  summary = g_strjoin ("\n",
                       _("Rapport on the command line."),
                       "",
                       _("Commands:"),
                       _("  seed                 add realistic sample clients, interactions and orders"),
                       _("  lookup PHONE         show the clients with this phone number"),
                       _("  search TEXT          list the clients whose details contain TEXT"),
                       _("  orders [TEXT]        list orders, newest first; TEXT is a number or a client"),
                       _("  invoice NUMBER       write the invoice of an order (with --output FILE.pdf)"),
                       _("  deliveries [TEXT]    list deliveries, latest first (--late: only late ones)"),
                       _("  delivery-note ID     write the note of a delivery (with --output FILE.pdf)"),
                       _("  warranties [TEXT]    list warranties, first to end first (--expiring DAYS)"),
                       _("  warranty-message ID [send]   print, or e-mail, the ready message to the client"),
                       _("  reminders            list what is due: overdue, today and the days ahead"),
                       _("  snooze ID UNTIL      remind of ID again at UNTIL, such as “2026-03-10 14:30”"),
                       _("  done ID              mark the reminder ID done"),
                       _("  export-ics           write open reminders to a calendar file (--output)"),
                       _("  check                look for damage in the whole file (exit 2 when damaged)"),
                       _("  backup --output FILE write a checked backup to FILE (--encrypt to encrypt it)"),
                       _("  backups              list the automatic backups, newest first"),
                       _("  restore FILE         replace the data with that of a backup, keeping it first"),
                       _("  segments             list the saved segments with how many each reaches"),
                       _("  audience SEGMENT     list who a segment reaches, tab-separated (--channel)"),
                       _("  campaigns            list the campaigns with their recipients, sent and failed"),
                       _("  campaign send ID     send an e-mail campaign, or go on where it stopped"),
                       _("  campaign export-sms ID --output FILE.csv   write an SMS campaign for a gateway"),
                       _("  campaign call-list ID --output FILE.pdf   write a phone campaign's call list"),
                       _("  campaign mark-sent ID   mark an exported campaign's recipients sent"),
                       _("  campaign results ID  what a sent campaign brought"),
                       _("  mail-password        keep the mail server's password (read from standard input)"),
                       _("  import FILE          add the contacts of a vCard or CSV file (--dry-run to preview)"),
                       _("  export               write the clients as vCards or CSV (--format, --output)"),
                       _("  duplicates           list clients that may be the same person, surest first"),
                       _("  merge ID OTHER       merge client OTHER into client ID, with all its history"),
                       _("  report WHAT          figures: revenue, funnel, lost, owed, rfm, at-risk or staff"),
                       _("                       (--from, --to: a year to today by default; --by; --format)"),
                       _("  report check|rebuild compare the figures' summaries with the orders, or rebuild them"),
                       "",
                       _("Exit status: 0 found or done, 1 nothing matched, 2 error (for check: damaged)."),
                       NULL);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rapport_cli_fail (error->message);

  /* “--” ends the options, as everywhere: `search -- -x` looks for “-x”. */
  positional = positional_arguments (argc, argv);
  n_positional = g_strv_length (positional);

  command = n_positional > 0 ? positional[0] : NULL;
  if (command == NULL)
    return rapport_cli_fail (_("Say what to do: the commands are listed by --help."));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      {
        if (n_positional - 1 < commands[i].min_arguments || n_positional - 1 > commands[i].max_arguments)
          return rapport_cli_fail (_("Wrong number of arguments. See --help."));
        return run (&commands[i], (const char * const *) positional);
      }
  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”. See --help."), command);
    return rapport_cli_fail (message);
  }
}
