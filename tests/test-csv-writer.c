/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-csv-writer.h"
#include "rapport-error.h"

static char *
row (const char * const *cells,
     gsize               n_cells)
{
  GString *out = g_string_new (NULL);

  rapport_csv_append_row (out, cells, n_cells);
  return g_string_free (out, FALSE);
}

static void
test_quoting (void)
{
  const char *plain[] = { "March", "1200.50", "12" };
  const char *special[] = { "Smith, Anna", "the \"best\"", "two\nlines", " padded ", NULL, "" };
  const char *formulas[] = { "=HYPERLINK(\"x\")", "+SUM(A1)", "-12.5", "@home", "-", "1e3" };
  const char *phones[] = { "+48 600 100 200", "-(22) 123-45", "+1", "=1+2", "\t+44 20 7946 0000" };
  const char *persian[] = { "آبان ۱۴۰۵", "۱۲٬۰۰۰" };
  g_autofree char *line = NULL;

  line = row (plain, G_N_ELEMENTS (plain));
  g_assert_cmpstr (line, ==, "March,1200.50,12\r\n");
  g_clear_pointer (&line, g_free);

  line = row (special, G_N_ELEMENTS (special));
  g_assert_cmpstr (line, ==, "\"Smith, Anna\",\"the \"\"best\"\"\",\"two\nlines\",\" padded \",,\r\n");
  g_clear_pointer (&line, g_free);

  /* Formulas are text; numbers, negative ones too, stay numbers. */
  line = row (formulas, G_N_ELEMENTS (formulas));
  g_assert_cmpstr (line, ==, "\"'=HYPERLINK(\"\"x\"\")\",'+SUM(A1),-12.5,'@home,'-,1e3\r\n");
  g_clear_pointer (&line, g_free);

  /* A phone number (digits and phone punctuation, three digits or more)
   * calls nothing: written whole, for address books to read. */
  line = row (phones, G_N_ELEMENTS (phones));
  g_assert_cmpstr (line, ==, "+48 600 100 200,-(22) 123-45,+1,'=1+2,\"\t+44 20 7946 0000\"\r\n");
  g_clear_pointer (&line, g_free);

  line = row (persian, G_N_ELEMENTS (persian));
  g_assert_cmpstr (line, ==, "آبان ۱۴۰۵,۱۲٬۰۰۰\r\n");
  g_clear_pointer (&line, g_free);

  line = row (NULL, 0);
  g_assert_cmpstr (line, ==, "\r\n");
}

static void
test_write_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "table.csv", NULL);
  g_autoptr(GString) text = g_string_new ("a,b\r\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (rapport_csv_write_file (path, text, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a,b\r\n");
  /* clients' data: for its owner alone, as the database is */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A folder that is not there: said with the file's name. */
  g_assert_false (rapport_csv_write_file (missing, text, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "table.csv"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/csv-writer/quoting", test_quoting);
  g_test_add_func ("/rapport/csv-writer/write-file", test_write_file);

  return g_test_run ();
}
