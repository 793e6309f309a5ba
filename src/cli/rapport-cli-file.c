/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli seed, check, backup, backups and restore: the file as a
 * whole. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rapport-backups.h"
#include "rapport-cli-common.h"
#include "rapport-cli-file.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-passphrase.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  g_printerr ("\r%s %3.0f%%", _("Adding sample data…"), fraction * 100);
}

int
rapport_cli_run_seed (void)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  RapportDemoOptions options = { 0 };
  gint64 started;
  double seconds;

  if (rapport_cli_options.n_clients < -1 || rapport_cli_options.n_interactions < -1 || rapport_cli_options.n_orders < 0
      || (rapport_cli_options.n_clients == 0 && rapport_cli_options.n_interactions <= 0 && rapport_cli_options.n_orders == 0))
    return rapport_cli_fail (_("--clients, --interactions and --orders take a number above zero."));

  options.seed = (guint32) rapport_cli_options.seed;
  options.n_clients = rapport_cli_options.n_clients >= 0 ? (guint) rapport_cli_options.n_clients : (rapport_cli_options.n_interactions > 0 ? 0 : 300);
  options.n_interactions = rapport_cli_options.n_interactions >= 0 ? (guint) rapport_cli_options.n_interactions : options.n_clients * 5;
  options.n_orders = (guint) rapport_cli_options.n_orders;

  db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    return rapport_cli_fail (error->message);
  /* Writing into a damaged file spreads the damage. */
  if (!rapport_database_check (db, FALSE, &error))
    return rapport_cli_fail (error->message);

  started = g_get_monotonic_time ();
  if (!rapport_demo_seed (db, &options, isatty (STDERR_FILENO) ? print_progress : NULL,
                          NULL, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return rapport_cli_fail (error->message);
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

int
rapport_cli_run_check (void)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  /* A file cut short is checked too, and nothing is ever written. */
  db = rapport_database_open (path, RAPPORT_DATABASE_DAMAGED, &error);
  if (db == NULL || !rapport_database_check (db, TRUE, &error))
    return rapport_cli_fail (error->message);

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

int
rapport_cli_run_backups (void)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
  g_autoptr(GPtrArray) backups = rapport_backups_list (path, NULL);

  for (guint i = 0; i < backups->len; i++)
    print_backup (g_ptr_array_index (backups, i));
  return backups->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_backup (void)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autofree char *display = NULL;
  char *passphrase = NULL;
  gboolean ok;

  if (rapport_cli_options.output == NULL)
    return rapport_cli_fail (_("Name the backup file with --output FILE."));

  db = rapport_database_open (path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (db == NULL)
    return rapport_cli_fail (error->message);

  if (rapport_cli_options.encrypt)
    {
      passphrase = rapport_passphrase_lookup (NULL, &error);
      if (passphrase == NULL)
        {
          rapport_passphrase_disconnect ();
          return rapport_cli_fail (error ? error->message
                             : _("No backup passphrase is kept in the keyring. Set one in Rapport's Preferences, under Backups."));
        }
    }

  ok = rapport_backups_export (db, rapport_cli_options.output, passphrase, &error);
  rapport_passphrase_free (passphrase);
  rapport_passphrase_disconnect ();
  if (!ok)
    return rapport_cli_fail (error->message);

  display = g_filename_display_name (rapport_cli_options.output);
  g_print (rapport_cli_options.encrypt ? _("Backed up into “%s”, encrypted.\n") : _("Backed up into “%s”.\n"), display);
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

int
rapport_cli_run_restore (const char *backup)
{
  g_autofree char *path = rapport_cli_dup_database_path ();
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
    return rapport_cli_fail (error->message);
  g_clear_error (&error);

  restored = rapport_backup_describe (backup, &error);
  if (restored == NULL)
    return rapport_cli_fail (error->message);
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
    return rapport_cli_fail (error->message);

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
