/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rapport-cli-deliveries.h"
#include "rapport-cli-campaigns.h"
#include "rapport-cli-orders.h"
#include "rapport-backups.h"
#include "rapport-cli-print.h"
#include "rapport-cli-report.h"
#include "rapport-client-repository.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-ics.h"
#include "rapport-cli-contacts.h"
#include "rapport-passphrase.h"
#include "rapport-reminders.h"
#include "rapport-wall-clock.h"

#define SEARCH_BATCH 500

static char *database;
static int n_clients = -1;
static int n_interactions = -1;
static int n_orders = 0;
static int seed = 1;
static int limit = 0;
static char *status_filter;
static gboolean unpaid_only;
static char *from_day;
static char *to_day;
static char *at;
static int days = RAPPORT_REMINDERS_DAYS_AHEAD;
static char *output;
static gboolean encrypt;
static gboolean late_only;
static int expiring_days = -1;
static char *channel;
static gboolean dry_run;
static char *on_duplicate;
static char *export_format;
static char *encoding;
static char *matching;
static char *by;

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
    N_("Use the database in FILE instead of the usual one"), N_("FILE") },
  { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients,
    N_("seed: how many clients to add (default 300)"), N_("N") },
  { "interactions", 0, 0, G_OPTION_ARG_INT, &n_interactions,
    N_("seed: how many interactions to add (default 5 per client)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
    N_("seed: the same number gives the same data (default 1)"), N_("NUMBER") },
  { "orders", 0, 0, G_OPTION_ARG_INT, &n_orders,
    N_("seed: how many orders to add, with their lines and payments (default none)"), N_("N") },
  { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
    N_("search, orders, deliveries, warranties, duplicates: print at most N"), N_("N") },
  { "status", 0, 0, G_OPTION_ARG_STRING, &status_filter,
    N_("orders: only these statuses, such as confirmed,fulfilled"), N_("LIST") },
  { "unpaid", 0, 0, G_OPTION_ARG_NONE, &unpaid_only,
    N_("orders: only sales with something still owed"), NULL },
  { "from", 0, 0, G_OPTION_ARG_STRING, &from_day,
    N_("orders, report: from this day on"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &to_day,
    N_("orders, report: up to this day"), N_("YYYY-MM-DD") },
  { "by", 0, 0, G_OPTION_ARG_STRING, &by,
    N_("report: figures by day, week or month (default: by the period's length)"), N_("PERIOD") },
  { "at", 0, 0, G_OPTION_ARG_STRING, &at,
    N_("reminders: what is due at this moment instead of now, such as “2026-03-10 14:30”"), N_("DATETIME") },
  { "days", 0, 0, G_OPTION_ARG_INT, &days,
    N_("reminders: how many days ahead to list (default 7)"), N_("N") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    N_("invoice, delivery-note, export-ics, backup: the file to write"), N_("FILE") },
  { "late", 0, 0, G_OPTION_ARG_NONE, &late_only,
    N_("deliveries: only those whose day passed and that have not arrived"), NULL },
  { "expiring", 0, 0, G_OPTION_ARG_INT, &expiring_days,
    N_("warranties: only those ending within N days from today"), N_("DAYS") },
  { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
    N_("audience: how the segment is reached: email (the default), sms or phone"), N_("CHANNEL") },
  { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
    N_("backup: encrypt it with the passphrase kept in the keyring"), NULL },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
    N_("import: show what would be imported, matched and refused, and write nothing"), NULL },
  { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &on_duplicate,
    N_("import: what to do with a contact that matches a client: skip (default), merge or add"), N_("ACTION") },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
    N_("import: the code page of a file that is not UTF-8, such as WINDOWS-1250"), N_("CHARSET") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &export_format,
    N_("export: vcf (vCard 4.0, the default), vcf3 (vCard 3.0) or csv (Google's columns); report: text or csv"), N_("FORMAT") },
  { "matching", 0, 0, G_OPTION_ARG_STRING, &matching,
    N_("export: only the clients whose details contain TEXT"), N_("TEXT") },
  { NULL }
};

int
rapport_cli_fail (const char *message)
{
  g_printerr ("rapport-cli: %s\n", message);
  return EXIT_ERROR;
}

#define fail rapport_cli_fail

static char *
dup_database_path (void)
{
  return database ? g_strdup (database) : rapport_database_dup_default_path ();
}

/* Looking never changes a file: no database is created, upgraded or
 * touched, and a missing or empty one has no clients. */
RapportDatabase *
rapport_cli_open_for_looking (int *status)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  db = rapport_database_open (path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (db == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    {
      g_printerr (_("rapport-cli: there are no clients yet: %s\n"), error->message);
      *status = EXIT_NOTHING;
      return NULL;
    }
  if (db == NULL)
    {
      *status = fail (error->message);
      return NULL;
    }

  return g_steal_pointer (&db);
}

static RapportClientRepository *
open_clients_for_looking (int *status)
{
  g_autoptr(RapportDatabase) db = rapport_cli_open_for_looking (status);

  return db ? rapport_client_repository_new (db) : NULL;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  g_printerr ("\r%s %3.0f%%", _("Adding sample data…"), fraction * 100);
}

static int
run_seed (void)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  RapportDemoOptions options = { 0 };
  gint64 started;
  double seconds;

  if (n_clients < -1 || n_interactions < -1 || n_orders < 0
      || (n_clients == 0 && n_interactions <= 0 && n_orders == 0))
    return fail (_("--clients, --interactions and --orders take a number above zero."));

  options.seed = (guint32) seed;
  options.n_clients = n_clients >= 0 ? (guint) n_clients : (n_interactions > 0 ? 0 : 300);
  options.n_interactions = n_interactions >= 0 ? (guint) n_interactions : options.n_clients * 5;
  options.n_orders = (guint) n_orders;

  db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    return fail (error->message);
  /* Writing into a damaged file spreads the damage. */
  if (!rapport_database_check (db, FALSE, &error))
    return fail (error->message);

  started = g_get_monotonic_time ();
  if (!rapport_demo_seed (db, &options, isatty (STDERR_FILENO) ? print_progress : NULL,
                          NULL, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return fail (error->message);
    }
  seconds = MAX (1e-6, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  /* TRANSLATORS: the first three are counts, then seconds and a rate per second */
  g_print (_("Added %u clients, %u interactions and %u orders in %.1f s (%.0f records a second).\n"),
           options.n_clients, options.n_interactions, options.n_orders, seconds,
           (options.n_clients + options.n_interactions + options.n_orders) / seconds);
  return EXIT_FOUND;
}

static int
run_lookup (const char *phone)
{
  g_autoptr(RapportClientRepository) repository = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;

  if (!g_utf8_validate (phone, -1, NULL))
    return fail (_("The phone number is not valid text."));

  repository = open_clients_for_looking (&status);
  if (repository == NULL)
    return status;

  clients = rapport_client_repository_find_by_phone (repository, phone, 0, &error);
  if (clients == NULL)
    return fail (error->message);

  for (guint i = 0; i < clients->len; i++)
    {
      g_autoptr(RapportClient) full = NULL;

      full = rapport_client_repository_get (repository,
                                            rapport_client_get_id (g_ptr_array_index (clients, i)),
                                            &error);
      if (full == NULL)
        return fail (error->message);
      if (i > 0)
        g_print ("\n");
      rapport_cli_print_card (full);
    }

  return clients->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static int
run_search (const char *text)
{
  g_autoptr(RapportClientRepository) repository = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  guint n;

  if (!g_utf8_validate (text, -1, NULL))
    return fail (_("The search text is not valid text."));

  repository = open_clients_for_looking (&status);
  if (repository == NULL)
    return status;

  /* With a limit, only the first clients are ordered: quick in any file. */
  ids = limit > 0 ? rapport_client_repository_search_first (repository, text, RAPPORT_CLIENT_SORT_NAME,
                                                            FALSE, (guint) limit, &error)
                  : rapport_client_repository_search (repository, text, RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
  if (ids == NULL)
    return fail (error->message);

  n = limit > 0 ? MIN ((guint) limit, ids->len) : ids->len;
  for (guint start = 0; start < n; start += SEARCH_BATCH)
    {
      g_autoptr(GPtrArray) clients = NULL;

      clients = rapport_client_repository_load (repository, &g_array_index (ids, gint64, start),
                                                MIN (SEARCH_BATCH, n - start), &error);
      if (clients == NULL)
        return fail (error->message);
      for (guint i = 0; i < clients->len; i++)
        if (g_ptr_array_index (clients, i) != NULL)
          rapport_cli_print_row (g_ptr_array_index (clients, i));
    }

  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

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

static RapportReminders *
open_reminders (RapportDatabaseFlags  flags,
                int                  *status)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  db = rapport_database_open (path, flags, &error);
  if (db == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    {
      g_printerr (_("rapport-cli: there are no reminders yet: %s\n"), error->message);
      *status = EXIT_NOTHING;
      return NULL;
    }
  if (db == NULL)
    {
      *status = fail (error->message);
      return NULL;
    }
  return rapport_reminders_new (db);
}

static int
run_reminders (void)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(RapportAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *zone;
  int status = EXIT_ERROR;
  gint64 now;

  if (days < 0 || days > 3660)
    return fail (_("--days takes a number of days from 0 to 3660."));

  reminders = open_reminders (RAPPORT_DATABASE_READ_ONLY, &status);
  if (reminders == NULL)
    return status;
  zone = rapport_reminders_get_time_zone (reminders);

  now = rapport_database_now (rapport_reminders_get_database (reminders));
  if (at != NULL && !rapport_wall_clock_parse (zone, at, &now, &error))
    return fail (error->message);

  agenda = rapport_reminders_get_agenda (reminders, now, (guint) days, 0, &error);
  if (agenda == NULL)
    return fail (error->message);

  print_reminders (agenda->overdue, "overdue", zone, now);
  print_reminders (agenda->today, "today", zone, now);
  print_reminders (agenda->upcoming, "upcoming", zone, now);
  return agenda->overdue->len + agenda->today->len + agenda->upcoming->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static int
run_snooze (const char *id,
            const char *until_text)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  gint64 until;

  reminders = open_reminders (RAPPORT_DATABASE_DEFAULT, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_wall_clock_parse (rapport_reminders_get_time_zone (reminders), until_text, &until, &error)
      || !rapport_reminders_snooze (reminders, id, until, &error))
    return fail (error->message);
  return EXIT_FOUND;
}

static int
run_done (const char *id)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;

  reminders = open_reminders (RAPPORT_DATABASE_DEFAULT, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_reminders_set_done (reminders, id, TRUE, &error))
    return fail (error->message);
  return EXIT_FOUND;
}

static int
run_export_ics (void)
{
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  guint n = 0;

  if (output == NULL)
    return fail (_("Say where to write the calendar: export-ics --output FILE.ics"));

  reminders = open_reminders (RAPPORT_DATABASE_READ_ONLY, &status);
  if (reminders == NULL)
    return status;
  if (!rapport_ics_export (reminders, rapport_database_now (rapport_reminders_get_database (reminders)),
                           output, &n, &error))
    return fail (error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u reminder.\n", "Exported %u reminders.\n", n), n);
  return EXIT_FOUND;
}

static int
run_check (void)
{
  g_autofree char *path = dup_database_path ();
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  /* A file cut short is checked too, and nothing is ever written. */
  db = rapport_database_open (path, RAPPORT_DATABASE_DAMAGED, &error);
  if (db == NULL || !rapport_database_check (db, TRUE, &error))
    return fail (error->message);

  g_print (_("“%s” is whole: the full check found no problem.\n"), display);
  return EXIT_FOUND;
}

/* “12 clients”, “1 interaction”; a count a file could not tell is “?”. */
static char *
count_phrase (gint64   n,
              gboolean interactions)
{
  g_autofree char *number = n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("?");
  gulong plural = (gulong) CLAMP (n, 0, G_MAXLONG);

  /* TRANSLATORS: %s is a number */
  return g_strdup_printf (interactions ? g_dngettext (GETTEXT_PACKAGE, "%s interaction", "%s interactions", plural)
                                       : g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", plural),
                          number);
}

static void
print_backup (RapportBackup *backup)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rapport_backup_get_created_at (backup));
  g_autoptr(GDateTime) when = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *stamp = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
  g_autofree char *display = g_filename_display_name (rapport_backup_get_path (backup));
  g_autofree char *clients = count_phrase (rapport_backup_get_n_clients (backup), FALSE);
  g_autofree char *interactions = count_phrase (rapport_backup_get_n_interactions (backup), TRUE);

  g_print ("%s\t%s\t%s\t%s\n", stamp, clients, interactions, display);
}

static int
run_backups (void)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GPtrArray) backups = rapport_backups_list (path, NULL);

  for (guint i = 0; i < backups->len; i++)
    print_backup (g_ptr_array_index (backups, i));
  return backups->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static int
run_backup (void)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autofree char *display = NULL;
  char *passphrase = NULL;
  gboolean ok;

  if (output == NULL)
    return fail (_("Name the backup file with --output FILE."));

  db = rapport_database_open (path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (db == NULL)
    return fail (error->message);

  if (encrypt)
    {
      passphrase = rapport_passphrase_lookup (NULL, &error);
      if (passphrase == NULL)
        {
          rapport_passphrase_disconnect ();
          return fail (error ? error->message
                             : _("No backup passphrase is kept in the keyring. Set one in Rapport's Preferences, under Backups."));
        }
    }

  ok = rapport_backups_export (db, output, passphrase, &error);
  rapport_passphrase_free (passphrase);
  rapport_passphrase_disconnect ();
  if (!ok)
    return fail (error->message);

  display = g_filename_display_name (output);
  g_print (encrypt ? _("Backed up into “%s”, encrypted.\n") : _("Backed up into “%s”.\n"), display);
  return EXIT_FOUND;
}

/* Asks on the terminal, without showing what is typed. */
static char *
ask_passphrase (const char *backup)
{
  g_autofree char *display = g_filename_display_name (backup);
  struct termios saved, quiet;
  char line[1024];
  gboolean ok;

  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, &saved) != 0)
    return NULL;
  g_printerr (_("Passphrase of “%s”: "), display);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
  ok = fgets (line, sizeof line, stdin) != NULL;
  tcsetattr (STDIN_FILENO, TCSANOW, &saved);
  g_printerr ("\n");
  if (!ok)
    return NULL;
  line[strcspn (line, "\n")] = '\0';
  {
    char *passphrase = g_strdup (line);
    memset (line, 0, sizeof line);
    return passphrase;
  }
}

static gboolean
restore_with (RapportDatabase  *db,
              const char       *path,
              const char       *backup,
              const char       *passphrase,
              RapportBackup   **kept,
              GError          **error)
{
  if (db == NULL)
    return rapport_backups_replace_damaged (path, backup, passphrase, error);
  return rapport_backups_restore (db, backup, passphrase, kept, error);
}

static int
run_restore (const char *backup)
{
  g_autofree char *path = dup_database_path ();
  g_autofree char *display = g_filename_display_name (backup);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportBackup) kept = NULL;
  g_autoptr(RapportBackup) restored = NULL;
  char *passphrase = NULL;
  gboolean ok;

  db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT)
      && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_DATABASE))
    return fail (error->message);
  g_clear_error (&error);

  restored = rapport_backup_describe (backup, &error);
  if (restored == NULL)
    return fail (error->message);
  if (rapport_backup_get_encrypted (restored))
    {
      passphrase = rapport_passphrase_lookup (NULL, NULL);
      rapport_passphrase_disconnect ();
      if (passphrase == NULL)
        passphrase = ask_passphrase (backup);
    }

  ok = restore_with (db, path, backup, passphrase, &kept, &error);
  if (!ok && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_WRONG_PASSPHRASE) && isatty (STDIN_FILENO))
    {
      /* The keyring's passphrase is not this file's: ask for its own. */
      g_printerr ("rapport-cli: %s\n", error->message);
      g_clear_error (&error);
      rapport_passphrase_free (passphrase);
      passphrase = ask_passphrase (backup);
      ok = restore_with (db, path, backup, passphrase, &kept, &error);
    }
  rapport_passphrase_free (passphrase);
  if (!ok)
    return fail (error->message);

  {
    g_autofree char *clients = count_phrase (rapport_backup_get_n_clients (restored), FALSE);
    g_autofree char *interactions = count_phrase (rapport_backup_get_n_interactions (restored), TRUE);

    /* TRANSLATORS: the backup restored, then how many clients and how many interactions */
    g_print (_("Restored “%s”: %s, %s.\n"), display, clients, interactions);
  }
  if (kept != NULL)
    {
      g_autofree char *kept_display = g_filename_display_name (rapport_backup_get_path (kept));
      g_print (_("The data as it was before is kept in “%s”.\n"), kept_display);
    }
  return EXIT_FOUND;
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
                       _("  campaign mark-sent ID   mark an exported campaign's recipients sent"),
                       _("  campaign results ID  what a sent campaign brought"),
                       _("  mail-password        keep the mail server's password (read from standard input)"),
                       _("  import FILE          add the contacts of a vCard or CSV file (--dry-run to preview)"),
                       _("  export               write the clients as vCards or CSV (--format, --output)"),
                       _("  duplicates           list clients that may be the same person, surest first"),
                       _("  merge ID OTHER       merge client OTHER into client ID, with all its history"),
                       _("  report WHAT          figures: revenue, funnel, lost, owed, rfm, at-risk or staff"),
                       _("                       (--from, --to: a year to today by default; --by; --format)"),
                       "",
                       _("Exit status: 0 found or done, 1 nothing matched, 2 error (for check: damaged)."),
                       NULL);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  /* “--” ends the options, as everywhere: `search -- -x` looks for “-x”. */
  positional = positional_arguments (argc, argv);
  n_positional = g_strv_length (positional);

  command = n_positional > 0 ? positional[0] : NULL;
  if (g_strcmp0 (command, "seed") == 0 && n_positional == 1)
    return run_seed ();
  if (g_strcmp0 (command, "lookup") == 0 && n_positional == 2)
    return run_lookup (positional[1]);
  if (g_strcmp0 (command, "search") == 0 && n_positional == 2)
    return run_search (positional[1]);
  if (g_strcmp0 (command, "orders") == 0 && n_positional <= 2)
    {
      RapportOrderFilter filter = { 0 };
      int result;

      filter.unpaid_only = unpaid_only;
      filter.from = from_day;
      filter.to = to_day;
      filter.text = n_positional == 2 ? positional[1] : NULL;
      result = rapport_cli_run_orders (&filter, status_filter, limit > 0 ? (guint) limit : 0);
      return result;
    }
  if (g_strcmp0 (command, "invoice") == 0 && n_positional == 2)
    return rapport_cli_run_invoice (positional[1], output);
  if (g_strcmp0 (command, "deliveries") == 0 && n_positional <= 2)
    return rapport_cli_run_deliveries (late_only, n_positional == 2 ? positional[1] : NULL,
                                       limit > 0 ? (guint) limit : 0);
  if (g_strcmp0 (command, "warranties") == 0 && n_positional <= 2)
    return rapport_cli_run_warranties (expiring_days, n_positional == 2 ? positional[1] : NULL,
                                       limit > 0 ? (guint) limit : 0);
  if (g_strcmp0 (command, "delivery-note") == 0 && n_positional == 2)
    return rapport_cli_run_delivery_note (positional[1], output);

  if (g_strcmp0 (command, "reminders") == 0 && n_positional == 1)
    return run_reminders ();
  if (g_strcmp0 (command, "snooze") == 0 && n_positional == 3)
    return run_snooze (positional[1], positional[2]);
  if (g_strcmp0 (command, "done") == 0 && n_positional == 2)
    return run_done (positional[1]);
  if (g_strcmp0 (command, "export-ics") == 0 && n_positional == 1)
    return run_export_ics ();
  if (g_strcmp0 (command, "check") == 0 && n_positional == 1)
    return run_check ();
  if (g_strcmp0 (command, "backup") == 0 && n_positional == 1)
    return run_backup ();
  if (g_strcmp0 (command, "backups") == 0 && n_positional == 1)
    return run_backups ();
  if (g_strcmp0 (command, "restore") == 0 && n_positional == 2)
    return run_restore (positional[1]);
  if (g_strcmp0 (command, "import") == 0 && n_positional == 2)
    {
      g_autofree char *path = dup_database_path ();

      return rapport_cli_run_import (path, positional[1], dry_run, on_duplicate, encoding);
    }
  if (g_strcmp0 (command, "export") == 0 && n_positional == 1)
    {
      g_autofree char *path = dup_database_path ();

      return rapport_cli_run_export (path, export_format, output, matching);
    }
  if (g_strcmp0 (command, "duplicates") == 0 && n_positional == 1)
    {
      g_autofree char *path = dup_database_path ();

      return rapport_cli_run_duplicates (path, limit > 0 ? (guint) limit : 0);
    }
  if (g_strcmp0 (command, "merge") == 0 && n_positional == 3)
    {
      g_autofree char *path = dup_database_path ();

      return rapport_cli_run_merge (path, positional[1], positional[2]);
    }

  if (g_strcmp0 (command, "report") == 0 && n_positional == 2)
    return rapport_cli_run_report (positional[1], from_day, to_day, by, export_format);

  if (g_strcmp0 (command, "segments") == 0 && n_positional == 1)
    return rapport_cli_run_segments ();
  if (g_strcmp0 (command, "audience") == 0 && n_positional == 2)
    return rapport_cli_run_audience (positional[1], channel);
  if (g_strcmp0 (command, "campaigns") == 0 && n_positional == 1)
    return rapport_cli_run_campaigns ();
  if (g_strcmp0 (command, "campaign") == 0 && n_positional == 3)
    return rapport_cli_run_campaign (positional[1], positional[2], output);
  if (g_strcmp0 (command, "mail-password") == 0 && n_positional == 1)
    return rapport_cli_run_mail_password ();

  if (command == NULL)
    return fail (_("Say what to do: the commands are listed by --help."));
  if (g_strv_contains ((const char *[]) { "seed", "lookup", "search", "orders", "invoice", "deliveries",
                                          "delivery-note", "warranties", "reminders", "snooze",
                                          "done", "export-ics", "check", "backup", "backups", "restore", "segments",
                                          "audience", "campaigns", "campaign", "mail-password",
                                          "import", "export", "duplicates", "merge", "report", NULL },
                       command))
    return fail (_("Wrong number of arguments. See --help."));
  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”. See --help."), command);
    return fail (message);
  }
}
