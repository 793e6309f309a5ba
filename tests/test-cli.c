/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "rapport-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs rapport-cli with the NULL-terminated arguments, with the
 * launcher's environment. */
static void
run_cli_valist (Run                 *run,
                GSubprocessLauncher *launcher,
                va_list              args)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_ptr_array_add (argv, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  /* A crash, or a sanitizer report in the sanitizer run, ends the program with a
   * signal; what it printed is the only account of why. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("rapport-cli was killed by signal %d; it printed:\n%s",
             g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
}

static GSubprocessLauncher *
launcher_new (void)
{
  return g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  va_list args;

  va_start (args, run);
  run_cli_valist (run, launcher, args);
  va_end (args);
}

/* The same with one more variable in its environment. */
static void
run_cli_with (Run        *run,
              const char *variable,
              const char *value,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  va_list args;

  g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  va_start (args, value);
  run_cli_valist (run, launcher, args);
  va_end (args);
}

/* A test database that starts empty, at the newest schema. */
static char *
dup_empty_path (const char *name)
{
  char *path = rapport_test_dup_path (name);

  rapport_test_prepare_empty (path);
  return path;
}

static void
test_seed_lookup_search (void)
{
  g_autofree char *path = dup_empty_path ("cli.db");
  g_autoptr(RapportTestStore) store = NULL;
  g_autoptr(RapportClient) client = NULL;
  g_auto(Run) seed = { 0 }, found = { 0 }, missing = { 0 }, search = { 0 }, none = { 0 }, limited = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&seed, "--database", path, "seed", "--clients", "200", "--interactions", "1000", "--seed", "5", NULL);
  g_assert_cmpint (seed.status, ==, 0);
  g_assert_nonnull (strstr (seed.out, "200"));
  g_assert_nonnull (strstr (seed.out, "1000"));

  /* A client of our own, to look up however the number is written. */
  store = rapport_test_store_open_path (path, NULL);
  client = rapport_test_add_client (store, "Ольга", "Смирнова", "+7 (916) 555-01-02", "olga@example.ru");
  /* The file says which country numbers without a calling code are of. */
  g_assert_true (rapport_client_repository_set_phone_region (store->clients, "RU", NULL));
  g_clear_pointer (&store, rapport_test_store_free);

  run_cli (&found, "--database", path, "lookup", "8 916 555 01 02", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_nonnull (strstr (found.out, "Ольга Смирнова"));
  g_assert_nonnull (strstr (found.out, "olga@example.ru"));
  g_assert_nonnull (strstr (found.out, "+7 (916) 555-01-02"));

  run_cli (&missing, "--database", path, "lookup", "+1 000 000 0000", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpstr (missing.out, ==, "");

  run_cli (&search, "--database", path, "search", "СМИРНОВ", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "Ольга Смирнова\t"));
  g_assert_nonnull (strstr (search.out, "\t+7 (916) 555-01-02\tolga@example.ru\n"));

  run_cli (&none, "--database", path, "search", "\"; DROP TABLE clients; --", NULL);
  g_assert_cmpint (none.status, ==, 1);

  run_cli (&limited, "--database", path, "search", "a", "--limit", "3", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  lines = g_strsplit (g_strchomp (limited.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
}

static void
test_errors (void)
{
  g_autofree char *missing_path = rapport_test_dup_path ("never-created.db");
  g_autofree char *text_path = rapport_test_dup_path ("notes.txt");
  g_auto(Run) no_command = { 0 }, unknown = { 0 }, missing = { 0 }, not_db = { 0 }, bad_count = { 0 }, help = { 0 };

  run_cli (&no_command, NULL);
  g_assert_cmpint (no_command.status, ==, 2);
  g_assert_nonnull (strstr (no_command.err, "--help"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  /* Looking up never creates a database. */
  run_cli (&missing, "--database", missing_path, "lookup", "12345", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (text_path, "shopping list: milk, bread, eggs, and many more lines "
                                                 "so that this is clearly not a database file at all\n", -1, NULL));
  run_cli (&not_db, "--database", text_path, "search", "milk", NULL);
  g_assert_cmpint (not_db.status, ==, 2);
  g_assert_nonnull (strstr (not_db.err, "notes.txt"));

  run_cli (&bad_count, "--database", missing_path, "seed", "--clients", "0", NULL);
  g_assert_cmpint (bad_count.status, ==, 2);

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "lookup"));
}

/* “--” ends the options: text that starts with “-” can be searched. */
static void
test_dash_dash (void)
{
  g_autofree char *path = dup_empty_path ("dash.db");
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_auto(Run) found = { 0 }, limited = { 0 };

  rapport_client_set_given_name (client, "Dashiell");
  rapport_client_set_notes (client, "Door code -x42b");
  g_assert_true (rapport_client_repository_save (store->clients, client, NULL));
  g_clear_pointer (&store, rapport_test_store_free);

  run_cli (&found, "--database", path, "search", "--", "-x42b", NULL);
  g_assert_cmpstr (found.err, ==, "");
  g_assert_cmpint (found.status, ==, 0);
  g_assert_nonnull (strstr (found.out, "Dashiell"));

  run_cli (&limited, "--database", path, "--limit", "1", "search", "--", "-x42b", NULL);
  g_assert_cmpint (limited.status, ==, 0);
}

static void
assert_unchanged (const char *path,
                  const char *checksum,
                  guint       mode)
{
  g_autofree char *now = rapport_test_dup_file_checksum (path);
  GStatBuf st;

  g_assert_cmpstr (now, ==, checksum);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

/* Looking never changes a file: not an empty one, not its mode. */
static void
test_looking_never_writes (void)
{
  g_autofree char *empty = rapport_test_dup_path ("zero-bytes.db");
  g_autofree char *path = rapport_test_dup_path ("shared.db");
  g_autofree char *empty_sum = NULL;
  g_autofree char *sum = NULL;
  g_auto(Run) empty_search = { 0 }, empty_lookup = { 0 }, empty_reminders = { 0 };
  g_auto(Run) seed = { 0 }, search = { 0 }, lookup = { 0 };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (g_chmod (empty, 0644), ==, 0);
  empty_sum = rapport_test_dup_file_checksum (empty);
  run_cli (&empty_search, "--database", empty, "search", "anna", NULL);
  run_cli (&empty_lookup, "--database", empty, "lookup", "+44 20 7946 0958", NULL);
  g_assert_cmpint (empty_search.status, ==, 1);
  g_assert_cmpint (empty_lookup.status, ==, 1);
  g_assert_nonnull (strstr (empty_search.err, "no clients yet"));
  g_assert_null (strstr (empty_search.err, "no reminders yet"));
  run_cli (&empty_reminders, "--database", empty, "reminders", NULL);
  g_assert_cmpint (empty_reminders.status, ==, 1);
  g_assert_nonnull (strstr (empty_reminders.err, "no reminders yet"));
  g_assert_nonnull (strstr (empty_reminders.err, empty));
  assert_unchanged (empty, empty_sum, 0644);

  run_cli (&seed, "--database", path, "seed", "--clients", "20", "--interactions", "40", NULL);
  g_assert_cmpint (seed.status, ==, 0);
  /* Folded into the file, as a clean shutdown leaves it. */
  rapport_test_run_sql (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  sum = rapport_test_dup_file_checksum (path);
  run_cli (&search, "--database", path, "search", "", NULL);
  run_cli (&lookup, "--database", path, "lookup", "+44 20 7946 0958", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_cmpint (lookup.status, !=, 2);
  assert_unchanged (path, sum, 0644);
}

/* What a file holds is input: a huge id, a time no calendar has, text
 * that is not UTF-8. The command line says what it can, and no more. */
static void
test_odd_values (void)
{
  g_autofree char *path = dup_empty_path ("odd.db");
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Odd", "Values", "+44 20 7946 0999", NULL);
  g_autofree char *sql = NULL;
  g_auto(Run) lookup = { 0 }, search = { 0 };

  g_clear_pointer (&store, rapport_test_store_free);
  sql = g_strdup_printf ("UPDATE clients SET id = 9223372036854775807, last_contact_at = 9000000000000000000,"
                         " created_at = -9000000000000000000 WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE client_phones SET client_id = 9223372036854775807;"
                         "UPDATE clients SET search_pos = 9223372036854775807;"
                         "UPDATE client_search SET rowid = 9223372036854775807;"
                         "INSERT INTO client_emails (client_id, position, label, address, match_key)"
                         " VALUES (9223372036854775807, 0, '', CAST(x'41ff42406578' AS TEXT), 'x');",
                         rapport_client_get_id (client));
  rapport_test_run_sql (path, "PRAGMA foreign_keys = OFF");
  rapport_test_run_sql (path, sql);

  run_cli (&lookup, "--database", path, "lookup", "+44 (0)20 7946 0999", NULL);
  g_assert_cmpint (lookup.status, ==, 0);
  g_assert_nonnull (strstr (lookup.out, "Odd Values"));
  g_assert_nonnull (strstr (lookup.out, "unknown date"));
  g_assert_nonnull (strstr (lookup.out, "9223372036854775807"));
  g_assert_null (strstr (lookup.out, "(null)"));
  g_assert_null (strstr (lookup.err, "CRITICAL"));

  run_cli (&search, "--database", path, "search", "values", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_true (g_str_has_prefix (search.out, "9223372036854775807\tOdd Values"));
  g_assert_null (strstr (search.err, "CRITICAL"));
}

/* Seeding onto a disk that fills up stops with a message and exit 2,
 * keeping what was committed. A small private file system stands for the
 * full disk where this machine allows one (a user and mount namespace). */
static void
test_full_disk (void)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autofree char *dir = rapport_test_dup_path ("small-disk");
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  if (unshare == NULL)
    {
      g_test_skip ("no unshare(1) to make a small file system");
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  script = g_strdup_printf ("mount -t tmpfs -o size=1200k tmpfs '%s' || exit 77;"
                            "'%s' --database '%s/full.db' seed --clients 5000 --interactions 0;"
                            "echo \"status=$?\";"
                            "'%s' --database '%s/full.db' search a >/dev/null; echo \"search=$?\"",
                            dir, program, dir, program, dir);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              unshare, "-rm", "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) == 77 || strstr (err, "unshare:") != NULL)
    {
      g_test_skip ("this machine allows no private file system");
      return;
    }

  g_assert_nonnull (strstr (out, "status=2"));
  g_assert_nonnull (strstr (err, "disk is full"));
  g_assert_null (strstr (err, "assertion"));
  g_assert_null (strstr (err, "CRITICAL"));
  /* The file is whole and readable afterwards (with the chunks that fit,
   * if any did). */
  g_assert_null (strstr (out, "search=2"));
  g_assert_nonnull (strstr (out, "search="));
}

/* Orders on the command line: the list with its filters, and an order's
 * invoice as PDF. */
static void
test_orders_and_invoice (void)
{
  g_autofree char *path = rapport_test_dup_path ("orders.db");
  g_autofree char *pdf = rapport_test_dup_path ("invoice.pdf");
  g_auto(Run) seed = { 0 }, closed = { 0 }, bad_status = { 0 }, bad_day = { 0 }, by_number = { 0 };
  g_auto(Run) invoice = { 0 }, unknown = { 0 }, nowhere = { 0 }, on_empty = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *empty = rapport_test_dup_path ("empty-orders.db");
  g_autofree char *n_orders = g_strdup_printf ("%u", rapport_test_scaled (300));

  run_cli (&seed, "--database", path, "seed", "--clients", "40", "--interactions", "0",
           "--orders", n_orders, "--seed", "3", NULL);
  g_assert_cmpint (seed.status, ==, 0);
  g_assert_nonnull (strstr (seed.out, n_orders));

  run_cli (&closed, "--database", path, "orders", "--status", "closed", "--limit", "3", NULL);
  g_assert_cmpint (closed.status, ==, 0);
  lines = g_strsplit (g_strchomp (closed.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 8);
  g_assert_cmpstr (fields[3], ==, "closed");
  g_assert_cmpstr (fields[6], ==, "0.00");

  run_cli (&bad_status, "--database", path, "orders", "--status", "shipped", NULL);
  g_assert_cmpint (bad_status.status, ==, 2);
  g_assert_nonnull (strstr (bad_status.err, "shipped"));
  run_cli (&bad_day, "--database", path, "orders", "--from", "2026-13-01", NULL);
  g_assert_cmpint (bad_day.status, ==, 2);
  g_assert_nonnull (strstr (bad_day.err, "--from"));

  run_cli (&by_number, "--database", path, "orders", fields[0], NULL);
  g_assert_cmpint (by_number.status, ==, 0);
  g_assert_true (g_str_has_prefix (by_number.out, fields[0]));

  run_cli (&invoice, "--database", path, "invoice", fields[0], "--output", pdf, NULL);
  g_assert_cmpint (invoice.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  run_cli (&unknown, "--database", path, "invoice", "NO-SUCH-1", "--output", pdf, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "NO-SUCH-1"));
  run_cli (&nowhere, "--database", path, "invoice", fields[0], NULL);
  g_assert_cmpint (nowhere.status, ==, 2);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  run_cli (&on_empty, "--database", empty, "orders", NULL);
  g_assert_cmpint (on_empty.status, ==, 1);
}

/* Deliveries and warranties on the command line: the list, the late ones,
 * the warranties ending soon, and a delivery's note as PDF. */
static void
test_deliveries (void)
{
  g_autofree char *path = rapport_test_dup_path ("deliveries.db");
  g_autofree char *pdf = rapport_test_dup_path ("note.pdf");
  g_autofree char *n_orders = g_strdup_printf ("%u", rapport_test_scaled (300));
  g_auto(Run) seed = { 0 }, all = { 0 }, late = { 0 }, expiring = { 0 }, note = { 0 };
  g_auto(Run) no_such = { 0 }, not_a_number = { 0 }, nowhere = { 0 }, bad_days = { 0 }, all_warranties = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *text = NULL;

  run_cli (&seed, "--database", path, "seed", "--clients", "40", "--interactions", "0",
           "--orders", n_orders, "--seed", "3", NULL);
  g_assert_cmpint (seed.status, ==, 0);

  run_cli (&all, "--database", path, "deliveries", "--limit", "5", NULL);
  g_assert_cmpint (all.status, ==, 0);
  lines = g_strsplit (g_strchomp (all.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 8);

  /* Late: every one listed is late, and it is late. */
  rapport_test_run_sql (path, "UPDATE deliveries SET status = 'shipped', planned_on = '2020-01-02'"
                              " WHERE id = (SELECT min(id) FROM deliveries)");
  run_cli (&late, "--database", path, "deliveries", "--late", NULL);
  g_assert_cmpint (late.status, ==, 0);
  g_assert_nonnull (strstr (late.out, "2020-01-02\tshipped"));
  g_assert_true (g_str_has_suffix (g_strchomp (late.out), "late"));

  run_cli (&all_warranties, "--database", path, "warranties", NULL);
  g_assert_cmpint (all_warranties.status, ==, 0);
  run_cli (&expiring, "--database", path, "warranties", "--expiring", "30", NULL);
  g_assert_cmpint (expiring.status, !=, 2);
  g_assert_cmpuint (strlen (expiring.out), <, strlen (all_warranties.out));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *last = g_date_time_format (later, "%Y-%m-%d");
    g_auto(GStrv) ending = g_strsplit (expiring.out, "\n", -1);

    for (guint i = 0; ending[i] != NULL && *ending[i] != '\0'; i++)
      {
        g_assert_cmpint (strncmp (ending[i], today, 10), >=, 0);
        g_assert_cmpint (strncmp (ending[i], last, 10), <=, 0);
      }
  }
  run_cli (&bad_days, "--database", path, "warranties", "--expiring", "99999999", NULL);
  g_assert_cmpint (bad_days.status, ==, 2);

  run_cli (&note, "--database", path, "delivery-note", fields[0], "--output", pdf, NULL);
  g_assert_cmpint (note.status, ==, 0);
  text = rapport_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, fields[3]));
  g_assert_nonnull (strstr (text, "Received by"));
  run_cli (&no_such, "--database", path, "delivery-note", "999999", "--output", pdf, NULL);
  g_assert_cmpint (no_such.status, ==, 1);
  run_cli (&not_a_number, "--database", path, "delivery-note", "12abc", "--output", pdf, NULL);
  g_assert_cmpint (not_a_number.status, ==, 2);
  g_assert_nonnull (strstr (not_a_number.err, "12abc"));
  run_cli (&nowhere, "--database", path, "delivery-note", fields[0], NULL);
  g_assert_cmpint (nowhere.status, ==, 2);
}

static gint64
add_dated_interaction (RapportTestStore *store,
                       gint64            client_id,
                       const char       *summary,
                       const char       *day,
                       const char       *time)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (client_id, RAPPORT_INTERACTION_CALL);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, 1773000000);
  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_follow_up_on (interaction, day);
  rapport_interaction_set_follow_up_time (interaction, time);
  g_assert_true (rapport_interaction_repository_add (store->interactions, interaction, &error));
  return rapport_interaction_get_id (interaction);
}

/* reminders, snooze, done and export-ics, on the same module as the
 * Today page. The tests run in UTC. */
static void
test_reminders (void)
{
  g_autofree char *path = rapport_test_dup_path ("reminders.db");
  g_autofree char *ics = rapport_test_dup_path ("reminders.ics");
  g_autofree char *id_late = NULL, *id_soon = NULL;
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Ada", "Lovelace", NULL, NULL);
  g_auto(Run) list = { 0 }, later = { 0 }, snooze = { 0 }, after_snooze = { 0 }, done = { 0 };
  g_auto(Run) after_done = { 0 }, export = { 0 }, none = { 0 }, past = { 0 }, bad = { 0 };
  g_auto(Run) no_output = { 0 }, no_such = { 0 }, bad_days = { 0 };
  g_autofree char *text = NULL;
  GStatBuf st;

  id_late = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT,
                             add_dated_interaction (store, rapport_client_get_id (client), "Quote", "2026-03-09", NULL));
  id_soon = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT,
                             add_dated_interaction (store, rapport_client_get_id (client), "Repair", "2026-03-12", "14:30"));
  g_clear_pointer (&store, rapport_test_store_free);

  run_cli (&list, "--database", path, "reminders", "--at", "2026-03-10 10:00", NULL);
  g_assert_cmpint (list.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("%s\t2026-03-09 09:00\toverdue\tAda Lovelace\tFollow up: Quote\n"
                                                 "%s\t2026-03-12 14:30\tupcoming\tAda Lovelace\tFollow up: Repair\n",
                                                 id_late, id_soon);
    g_assert_cmpstr (list.out, ==, expected);
  }
  run_cli (&later, "--database", path, "reminders", "--at", "2026-03-10T10:00:00Z", "--days", "1", NULL);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_null (strstr (later.out, "Repair"));

  run_cli (&snooze, "--database", path, "snooze", id_late, "2099-01-01 08:00", NULL);
  g_assert_cmpint (snooze.status, ==, 0);
  run_cli (&after_snooze, "--database", path, "reminders", "--at", "2026-03-10 10:00", NULL);
  g_assert_null (strstr (after_snooze.out, "Quote"));

  run_cli (&done, "--database", path, "done", id_soon, NULL);
  g_assert_cmpint (done.status, ==, 0);
  run_cli (&after_done, "--database", path, "reminders", "--at", "2026-03-10 10:00", NULL);
  g_assert_cmpint (after_done.status, ==, 1);
  g_assert_cmpstr (after_done.out, ==, "");

  /* What is still open (the snoozed one) goes to the calendar. */
  run_cli (&export, "--database", path, "export-ics", "--output", ics, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "BEGIN:VTODO"));
  g_assert_nonnull (strstr (text, "Follow up: Quote"));
  g_assert_null (strstr (text, "Repair"));
  g_assert_cmpint (g_stat (ics, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Mistakes are named, and nothing changes. */
  run_cli (&past, "--database", path, "snooze", id_late, "2001-01-01 08:00", NULL);
  g_assert_cmpint (past.status, ==, 2);
  g_assert_nonnull (strstr (past.err, "passed"));
  run_cli (&bad, "--database", path, "snooze", id_late, "tomorrow-ish", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "tomorrow-ish"));
  run_cli (&no_such, "--database", path, "done", "task:424242", NULL);
  g_assert_cmpint (no_such.status, ==, 2);
  run_cli (&none, "--database", path, "done", "-- not an id", NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_cli (&no_output, "--database", path, "export-ics", NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  g_assert_nonnull (strstr (no_output.err, "--output"));
  run_cli (&bad_days, "--database", path, "reminders", "--days", "-3", NULL);
  g_assert_cmpint (bad_days.status, ==, 2);
}

/* rapport-cli starts with the core's libraries alone; documents, mail,
 * calendars and the keyring are in the commands module, loaded only for
 * the commands that need them, and so is GnuTLS, which only exporting and
 * restoring a backup use. A missing module is said, naming the
 * command and the file, and the look-ups still work. */
static void
test_commands_module (void)
{
  g_autofree char *path = dup_empty_path ("module.db");
  g_autofree char *gone = rapport_test_dup_path ("no-such-module.so");
  g_auto(Run) libraries = { 0 }, orders = { 0 }, search = { 0 }, reminders = { 0 }, arity = { 0 };
  const char *heavy[] = { "libicu", "libpango", "libcairo", "libgmime", "libcurl", "libical",
                          "libsecret", "libgtk", "libgnutls", NULL };

  /* The dynamic loader lists what it would load, as ldd does, and stops. */
  run_cli_with (&libraries, "LD_TRACE_LOADED_OBJECTS", "1", "--help", NULL);
  g_assert_cmpint (libraries.status, ==, 0);
  g_assert_nonnull (strstr (libraries.out, "libsqlite3"));
  for (guint i = 0; heavy[i] != NULL; i++)
    if (strstr (libraries.out, heavy[i]) != NULL)
      g_error ("rapport-cli loads %s at start:\n%s", heavy[i], libraries.out);

  run_cli_with (&orders, "RAPPORT_CLI_MODULE", gone, "--database", path, "orders", NULL);
  g_assert_cmpint (orders.status, ==, 2);
  g_assert_nonnull (strstr (orders.err, "“orders”"));
  g_assert_nonnull (strstr (orders.err, "no-such-module.so"));
  g_assert_cmpstr (orders.out, ==, "");

  run_cli_with (&search, "RAPPORT_CLI_MODULE", gone, "--database", path, "search", "anna", NULL);
  g_assert_cmpint (search.status, ==, 1);
  g_assert_null (strstr (search.err, "no-such-module.so"));
  run_cli_with (&reminders, "RAPPORT_CLI_MODULE", gone, "--database", path, "reminders", NULL);
  g_assert_cmpint (reminders.status, ==, 1);
  g_assert_null (strstr (reminders.err, "no-such-module.so"));

  /* The arguments are checked before the module is looked for. */
  run_cli_with (&arity, "RAPPORT_CLI_MODULE", gone, "--database", path, "invoice", NULL);
  g_assert_cmpint (arity.status, ==, 2);
  g_assert_nonnull (strstr (arity.err, "--help"));
  g_assert_null (strstr (arity.err, "no-such-module.so"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/cli/seed-lookup-search", test_seed_lookup_search);
  g_test_add_func ("/rapport/cli/errors", test_errors);
  g_test_add_func ("/rapport/cli/dash-dash", test_dash_dash);
  g_test_add_func ("/rapport/cli/looking-never-writes", test_looking_never_writes);
  g_test_add_func ("/rapport/cli/odd-values", test_odd_values);
  g_test_add_func ("/rapport/cli/full-disk", test_full_disk);
  g_test_add_func ("/rapport/cli/orders-and-invoice", test_orders_and_invoice);
  g_test_add_func ("/rapport/cli/deliveries", test_deliveries);
  g_test_add_func ("/rapport/cli/reminders", test_reminders);
  g_test_add_func ("/rapport/cli/commands-module", test_commands_module);

  return g_test_run ();
}
