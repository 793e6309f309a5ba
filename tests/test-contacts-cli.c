/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-test-utils.h"

/* rapport-cli import, export, duplicates and merge, as scripts use them:
 * exit 0 done, 1 nothing to do, 2 error; refusals on stderr with the file
 * and line. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static void
cli (CliRun             *run,
     const char * const *args)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_add (builder, program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* the backups before an import or a merge go to this test's own folder */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("rapport-cli was killed by signal %d; it printed:\n%s", g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
}

static char *
corpus (const char *folder,
        const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "interop", folder, name, NULL);
}

static void
test_import_export (void)
{
  g_autofree char *path = rapport_test_dup_path ("cli-import.db");
  g_autofree char *copy = rapport_test_dup_path ("cli-copy.db");
  g_autofree char *exported = rapport_test_dup_path ("exported.vcf");
  g_autofree char *contacts = corpus ("vcard", "syncevolution_eds_contact.vcf");
  g_autofree char *cut = corpus ("vcard", "eds_vcard_9.vcf");
  g_autofree char *columns = corpus ("csv", "thunderbird_tab_comma_mixed.csv");
  g_auto(CliRun) dry = { 0 };
  g_auto(CliRun) real = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) bad_option = { 0 };
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) export = { 0 };
  g_auto(CliRun) csv = { 0 };
  g_auto(CliRun) reimport = { 0 };

  cli (&dry, (const char *[]) { "--database", path, "import", "--dry-run", contacts, NULL });
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "17 new"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS) && rapport_test_query_int (path, "SELECT count(*) FROM clients") > 0);

  cli (&real, (const char *[]) { "--database", path, "import", contacts, NULL });
  g_assert_cmpint (real.status, ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==, 17);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT n_added FROM import_batches"), ==, 17);

  /* everything matches now: skipped, so nothing imported */
  cli (&again, (const char *[]) { "--database", path, "import", "--on-duplicate", "skip", contacts, NULL });
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.out, "0 new"));

  cli (&refused, (const char *[]) { "--database", path, "import", cut, NULL });
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "eds_vcard_9.vcf: line 1:"));

  cli (&unknown, (const char *[]) { "--database", path, "import", columns, NULL });
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "thunderbird_tab_comma_mixed.csv"));

  cli (&bad_option, (const char *[]) { "--database", path, "import", "--on-duplicate", "maybe", contacts, NULL });
  g_assert_cmpint (bad_option.status, ==, 2);
  cli (&missing, (const char *[]) { "--database", path, "import", "/nonexistent/contacts.vcf", NULL });
  g_assert_cmpint (missing.status, ==, 2);

  cli (&export, (const char *[]) { "--database", path, "export", "--format", "vcf", "--output", exported, NULL });
  g_assert_cmpint (export.status, ==, 0);
  cli (&reimport, (const char *[]) { "--database", copy, "import", exported, NULL });
  g_assert_cmpint (reimport.status, ==, 0);
  g_assert_cmpint (rapport_test_query_int (copy, "SELECT count(*) FROM clients"), ==, 17);

  cli (&csv, (const char *[]) { "--database", path, "export", "--format", "csv", NULL });
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "Name,Given Name,Family Name,"));
}

static void
test_duplicates_and_merge (void)
{
  g_autofree char *path = rapport_test_dup_path ("cli-merge.db");
  g_autofree char *contacts = corpus ("vcard", "syncevolution_eds_contact.vcf");
  g_auto(CliRun) import = { 0 };
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) added = { 0 };
  g_auto(CliRun) found = { 0 };
  g_auto(CliRun) merged = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_auto(CliRun) gone = { 0 };
  g_auto(GStrv) fields = NULL;

  cli (&import, (const char *[]) { "--database", path, "import", contacts, NULL });
  g_assert_cmpint (import.status, ==, 0);
  cli (&none, (const char *[]) { "--database", path, "duplicates", NULL });
  g_assert_cmpint (none.status, ==, 1);

  /* the same file again, added anyway: every client twice */
  cli (&added, (const char *[]) { "--database", path, "import", "--on-duplicate", "add", contacts, NULL });
  g_assert_cmpint (added.status, ==, 0);
  cli (&found, (const char *[]) { "--database", path, "duplicates", "--limit", "1", NULL });
  g_assert_cmpint (found.status, ==, 0);
  fields = g_strsplit (found.out, "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 6);

  cli (&merged, (const char *[]) { "--database", path, "merge", fields[1], fields[3], NULL });
  g_assert_cmpint (merged.status, ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==, 33);

  cli (&gone, (const char *[]) { "--database", path, "merge", fields[1], fields[3], NULL });
  g_assert_cmpint (gone.status, ==, 2);
  cli (&bad, (const char *[]) { "--database", path, "merge", "1", "x", NULL });
  g_assert_cmpint (bad.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/contacts-cli/import-export", test_import_export);
  g_test_add_func ("/rapport/contacts-cli/duplicates-and-merge", test_duplicates_and_merge);

  return g_test_run ();
}
