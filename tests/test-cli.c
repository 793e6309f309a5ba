/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

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

/* Runs rapport-cli with the NULL-terminated arguments. */
static void
run_cli (Run *run,
         ...)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, program);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
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

static void
test_seed_lookup_search (void)
{
  g_autofree char *path = rapport_test_dup_path ("cli.db");
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportClient) client = NULL;
  g_auto(Run) seed = { 0 }, found = { 0 }, missing = { 0 }, search = { 0 }, none = { 0 }, limited = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&seed, "--database", path, "seed", "--clients", "200", "--interactions", "1000", "--seed", "5", NULL);
  g_assert_cmpint (seed.status, ==, 0);
  g_assert_nonnull (strstr (seed.out, "200"));
  g_assert_nonnull (strstr (seed.out, "1000"));

  /* A client of our own, to look up however the number is written. */
  store = rapport_store_open (path, NULL);
  client = rapport_test_add_client (store, "Ольга", "Смирнова", "+7 (916) 555-01-02", "olga@example.ru");
  g_clear_object (&store);

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
  g_assert_nonnull (strstr (no_command.err, "seed"));

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/cli/seed-lookup-search", test_seed_lookup_search);
  g_test_add_func ("/rapport/cli/errors", test_errors);

  return g_test_run ();
}
