/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The floor under the search figures: the same keystrokes as the
 * benchmark, each answered by SQLite alone, with no Rapport code around
 * it: the statement that finds the matches (the trigram index, as
 * Rapport's search does) and the one that reads the first screen of
 * them in name order, the index's own.
 *   bench-floor FILE
 * prints median and p95 of each, to set beside the benchmark's. */

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#define FIRST_ROWS 128

static const char * const typed[] = {
  "anna kowalska", "иванова", "محمدی", "gmail.com", "wiśniewska", "garcía", "smith",
  "müller", "office", "ул. лени", "vip",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-44s median %7.2f ms   p95 %7.2f ms   (%u runs)\n", what,
           g_array_index (samples, double, (guint) (0.5 * (samples->len - 1) + 0.5)),
           g_array_index (samples, double, (guint) (0.95 * (samples->len - 1) + 0.5)), samples->len);
}

/* Every word of three letters or more as a quoted FTS5 phrase: what
 * Rapport binds (the words are folded already: these are lower case).
 * With none, the words of one or two letters as the marks of a name
 * word's start that the search text holds for them. */
static char *
match_of (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *match = g_string_new (NULL);
  gboolean has_long;

  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 3)
      g_string_append_printf (match, "%s\"%s\"", match->len ? " " : "", words[i]);
  has_long = match->len > 0;
  for (guint i = 0; !has_long && words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (match, "%s\"\x1e%s%s\"", match->len ? " " : "", words[i],
                              g_utf8_strlen (words[i], -1) == 1 ? "\x1e" : "");
  return g_string_free (match, FALSE);
}

static double
run (sqlite3    *db,
     const char *sql,
     const char *match)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) find = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;

  if (argc != 2 || sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("usage: bench-floor FILE");

  for (guint run_no = 0; run_no < 5; run_no++)
    for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
      for (gsize len = 1; len <= strlen (typed[q]); len++)
        {
          g_autofree char *prefix = NULL;
          g_autofree char *match = NULL;
          double ms;

          if ((typed[q][len] & 0xC0) == 0x80)
            continue;
          prefix = g_utf8_strdown (typed[q], len);
          match = match_of (prefix);
          if (*match == '\0')
            continue;
          ms = run (db, "SELECT rowid FROM client_search WHERE client_search MATCH ?1", match);
          g_array_append_val (find, ms);
          ms = run (db, "SELECT c.id FROM client_search JOIN clients AS c ON c.search_pos = client_search.rowid"
                        " WHERE client_search MATCH ?1 AND c.archived_at IS NULL"
                        " ORDER BY client_search.rowid LIMIT " G_STRINGIFY (FIRST_ROWS), match);
          g_array_append_val (order, ms);
        }

  report ("SQLite alone: finding every match", find);
  report ("SQLite alone: the first 128 matches in order", order);
  sqlite3_close (db);
  return 0;
}
