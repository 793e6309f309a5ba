/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-test-utils.h"

/* Every client has a position, positions follow the name order, the
 * search index holds one row a client, at its position, with its text,
 * and every phone holds its client's position. */
static void
assert_positions_follow_names (RapportTestStore *store)
{
  const char *path = rapport_database_get_path (store->db);

  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients WHERE search_pos IS NULL"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM"
                                                 " (SELECT search_pos AS p, lag (search_pos)"
                                                 "  OVER (ORDER BY sort_key, id) AS q FROM clients)"
                                                 " WHERE p <= q"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_search"), ==,
                   rapport_test_query_int (path, "SELECT count(*) FROM clients"));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_search"
                                                 " WHERE rowid NOT IN (SELECT search_pos FROM clients)"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients AS c"
                                                 " JOIN client_search AS s ON s.rowid = c.search_pos"
                                                 " WHERE instr (s.body, c.sort_key) <> 1"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones AS p"
                                                 " JOIN clients AS c ON c.id = p.client_id"
                                                 " WHERE p.search_pos IS NOT c.search_pos"), ==, 0);
}

/* A Polish mobile number of its own for the @i-th client. */
static char *
phone_number (guint i)
{
  return g_strdup_printf ("+48 601 %03u %03u", i / 1000 % 1000, i % 1000);
}

/* The first rows of @text, at a few limits, are the start of its whole
 * result, in both orders, with archived clients and without, whether the
 * repository holds the order (it searched) or not (a new one). */
static void
assert_first_rows (RapportTestStore *store,
                   const char       *text)
{
  for (int sort = RAPPORT_CLIENT_SORT_NAME; sort <= RAPPORT_CLIENT_SORT_LAST_CONTACT; sort++)
    for (int archived = 0; archived < 2; archived++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) all = rapport_client_repository_search (store->clients, text, sort, archived, &error);

        g_assert_no_error (error);
        for (guint limit = 1; limit <= 64; limit *= 4)
          {
            g_autoptr(RapportClientRepository) fresh = rapport_client_repository_new (store->db);
            RapportClientRepository *searching = limit % 2 ? store->clients : fresh;
            g_autoptr(GArray) first = rapport_client_repository_search_first (searching, text, sort,
                                                                              archived, limit, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (first->len, ==, MIN (limit, all->len));
            for (guint i = 0; i < first->len; i++)
              g_assert_cmpint (g_array_index (first, gint64, i), ==, g_array_index (all, gint64, i));
          }
      }
}

static gint64
position_of (RapportTestStore *store,
             gint64            id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT search_pos FROM clients WHERE id = %" G_GINT64_FORMAT, id);

  return rapport_test_query_int (rapport_database_get_path (store->db), sql);
}

static void
rename_client (RapportTestStore *store,
               gint64            id,
               const char       *given,
               const char       *family)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, id, &error);

  g_assert_no_error (error);
  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_set_display_name (client, "");
  g_assert_true (rapport_client_repository_save (store->clients, client, &error));
  g_assert_no_error (error);
}

static const char * const given_names[] = {
  "Anna", "Jan", "Olga", "Иван", "Zofia", "Ali", "Marek", "Léa", "Ольга", "محمد", "Ewa", "Tomasz",
};
static const char * const family_names[] = {
  "Nowak", "Kowalski", "Смирнов", "Laurent", "Wiśniewska", "کریمی", "Zieliński", "Ng", "O'Brien", "Abe",
};

/* Clients added one at a time in no order, renamed, archived and deleted:
 * positions follow the names throughout, and the index meets matches in
 * the list's order. */
static void
test_follow_names (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("follow.db");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *number = i % 2 ? phone_number (i) : NULL;
      g_autoptr(RapportClient) client = rapport_test_add_client (store,
                                                                 given_names[g_test_rand_int_range (0, G_N_ELEMENTS (given_names))],
                                                                 family_names[g_test_rand_int_range (0, G_N_ELEMENTS (family_names))],
                                                                 number, NULL);
      gint64 id = rapport_client_get_id (client);

      g_array_append_val (ids, id);
    }
  assert_positions_follow_names (store);

  for (guint i = 0; i < 50; i++)
    rename_client (store, g_array_index (ids, gint64, g_test_rand_int_range (0, ids->len)),
                   given_names[g_test_rand_int_range (0, G_N_ELEMENTS (given_names))], "Renamed");
  for (guint i = 0; i < 30; i++)
    {
      g_assert_true (rapport_client_repository_set_archived (store->clients, g_array_index (ids, gint64, i * 3),
                                                             TRUE, &error));
      g_assert_no_error (error);
      g_assert_true (rapport_client_repository_remove (store->clients, g_array_index (ids, gint64, i * 3 + 1),
                                                       NULL, &error));
      g_assert_no_error (error);
    }
  assert_positions_follow_names (store);

  for (guint i = 0; i < G_N_ELEMENTS (given_names); i++)
    assert_first_rows (store, given_names[i]);
  assert_first_rows (store, "a");
  assert_first_rows (store, "ol");
  assert_first_rows (store, "renamed");
  assert_first_rows (store, "+48 601");
  assert_first_rows (store, "601 000 1");
}

/* Clients added over and over at one place use up the room there: the
 * clients around are numbered again, their search rows with them. */
static void
test_no_room_left (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("room.db");
  g_autoptr(RapportClient) first = rapport_test_add_client (store, "Aaron", "First", NULL, NULL);
  g_autoptr(RapportClient) last = rapport_test_add_client (store, "Zyta", "Last", NULL, NULL);
  gint64 first_before = position_of (store, rapport_client_get_id (first));
  g_autoptr(GArray) found = NULL;

  /* Each after the one before it: the same name, a higher id. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *number = phone_number (i);

      g_object_unref (rapport_test_add_client (store, "Olga", "Same", number, NULL));
    }
  /* Each before the one before it. */
  for (guint i = 40; i-- > 0; )
    {
      g_autofree char *family = g_strdup_printf ("Down%02u", i);

      g_object_unref (rapport_test_add_client (store, "Maria", family, NULL, NULL));
    }
  assert_positions_follow_names (store);
  g_assert_cmpint (position_of (store, rapport_client_get_id (first)), !=, first_before);
  g_assert_cmpint (position_of (store, rapport_client_get_id (last)), >, position_of (store, rapport_client_get_id (first)));

  found = rapport_test_search (store, "same");
  g_assert_cmpuint (found->len, ==, 60);
  assert_first_rows (store, "same");
  assert_first_rows (store, "down");
  assert_first_rows (store, "m");
  assert_first_rows (store, "+48 601");
}

/* Many new clients that fall between two neighbours with no room for
 * them all, and many that fall all over the order, in one bulk insert. */
static void
test_bulk_runs (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("bulk-runs.db");
  g_autoptr(RapportClient) before = rapport_test_add_client (store, "Anna", "A", NULL, NULL);
  g_autoptr(RapportClient) after = rapport_test_add_client (store, "Anna", "B", NULL, NULL);
  g_autoptr(GPtrArray) between = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) anywhere = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 after_before = position_of (store, rapport_client_get_id (before)) + 1000;
  g_autoptr(GError) error = NULL;
  g_autofree char *closer = g_strdup_printf ("UPDATE client_search SET rowid = %" G_GINT64_FORMAT
                                             " WHERE rowid = %" G_GINT64_FORMAT ";"
                                             "UPDATE clients SET search_pos = %" G_GINT64_FORMAT
                                             " WHERE id = %" G_GINT64_FORMAT,
                                             after_before, position_of (store, rapport_client_get_id (after)),
                                             after_before, rapport_client_get_id (after));

  /* The two a thousand apart, as a schema step numbers clients. */
  rapport_test_run_sql (rapport_database_get_path (store->db), closer);

  for (guint i = 0; i < 2000; i++)
    {
      RapportClient *client = rapport_client_new ();
      g_autofree char *family = g_strdup_printf ("Ab%04u", i);

      rapport_client_set_given_name (client, "Anna");
      rapport_client_set_family_name (client, family);
      g_ptr_array_add (between, client);
    }
  g_assert_true (rapport_client_repository_add_many (store->clients, between, &error));
  g_assert_no_error (error);
  assert_positions_follow_names (store);
  g_assert_cmpint (position_of (store, rapport_client_get_id (after)), !=, after_before);

  for (guint i = 0; i < 3000; i++)
    {
      RapportClient *client = rapport_client_new ();

      rapport_client_set_given_name (client, given_names[g_test_rand_int_range (0, G_N_ELEMENTS (given_names))]);
      rapport_client_set_family_name (client, family_names[g_test_rand_int_range (0, G_N_ELEMENTS (family_names))]);
      if (i % 3 == 0)
        {
          g_autofree char *number = phone_number (i);

          rapport_client_add_phone (client, NULL, number);
        }
      g_ptr_array_add (anywhere, client);
    }
  g_assert_true (rapport_client_repository_add_many (store->clients, anywhere, &error));
  g_assert_no_error (error);
  assert_positions_follow_names (store);
  assert_first_rows (store, "anna");
  assert_first_rows (store, "ab0");
  assert_first_rows (store, "n");
  assert_first_rows (store, "+48 601 000");
}

/* Adds @n clients named @given @family, in one bulk insert. */
static void
add_many_named (RapportTestStore  *store,
                const char        *given,
                const char * const *families,
                guint              n)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      RapportClient *client = rapport_client_new ();

      rapport_client_set_given_name (client, given);
      rapport_client_set_family_name (client, families[i]);
      g_ptr_array_add (clients, client);
    }
  g_assert_true (rapport_client_repository_add_many (store->clients, clients, &error));
  g_assert_no_error (error);
}

/* One bulk insert whose clients fall in many places with no room left:
 * each place is numbered again in turn, and clients of the same insert
 * placed before it move with the rest. */
static void
test_bulk_tight_spots (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("tight.db");
  const char *path = rapport_database_get_path (store->db);
  g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) found = NULL;

  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (families, g_strdup_printf ("Tight%04u", i));
  add_many_named (store, "Eva", (const char * const *) families->pdata, families->len);

  /* Every 40th client's next one (the last has none) moved right after
   * it: no room between. */
  rapport_test_run_sql (path,
                        "CREATE TABLE squeeze AS SELECT next AS id, pos + 1 AS pos FROM"
                        " (SELECT search_pos AS pos, lead (id) OVER (ORDER BY sort_key, id) AS next,"
                        "  row_number () OVER (ORDER BY sort_key, id) AS n FROM clients)"
                        " WHERE n % 40 = 0;"
                        "UPDATE client_search SET rowid = (SELECT q.pos FROM squeeze AS q JOIN clients AS c"
                        " ON c.id = q.id WHERE c.search_pos = client_search.rowid)"
                        " WHERE rowid IN (SELECT c.search_pos FROM squeeze AS q JOIN clients AS c ON c.id = q.id);"
                        "UPDATE clients SET search_pos = (SELECT pos FROM squeeze WHERE squeeze.id = clients.id)"
                        " WHERE id IN (SELECT id FROM squeeze);"
                        "DROP TABLE squeeze;");
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM (SELECT search_pos - lag (search_pos)"
                                                 " OVER (ORDER BY sort_key, id) AS d FROM clients) WHERE d = 1"),
                   ==, 24);
  assert_positions_follow_names (store);

  /* Two more of each such name (they come right after it), and a
   * client after every tenth other: in one insert. */
  for (guint i = 0; i < 1000; i++)
    if ((i + 1) % 40 == 0 || i % 10 == 5)
      for (guint copies = (i + 1) % 40 == 0 ? 2 : 1; copies > 0; copies--)
        g_ptr_array_add (again, g_strdup_printf ("Tight%04u", i));
  add_many_named (store, "Eva", (const char * const *) again->pdata, again->len);

  assert_positions_follow_names (store);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM (SELECT search_pos - lag (search_pos)"
                                                 " OVER (ORDER BY sort_key, id) AS d FROM clients) WHERE d = 1"),
                   ==, 0);
  found = rapport_test_search (store, "tight");
  g_assert_cmpuint (found->len, ==, 1000 + again->len);
  assert_first_rows (store, "tight");
  assert_first_rows (store, "tight00");
}

/* A file another program wrote: positions in reverse name order, a
 * client with none and no search row, a search row that is no client's.
 * Saves still succeed, and what is saved is found. */
static void
test_odd_positions (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("odd.db");
  const char *path = rapport_database_get_path (store->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(RapportClient) unplaced = NULL;
  g_autoptr(RapportClient) added = NULL;

  for (guint i = 0; i < 100; i++)
    g_object_unref (rapport_test_add_client (store, given_names[i % G_N_ELEMENTS (given_names)],
                                             family_names[i % G_N_ELEMENTS (family_names)], NULL, NULL));
  rapport_test_run_sql (path,
                        "UPDATE clients SET search_pos = -search_pos;"
                        "UPDATE client_search SET rowid = -rowid;"
                        "INSERT INTO clients (id, kind, display_name, created_at, updated_at, sort_key)"
                        " VALUES (5000, 'person', 'Unplaced Person', 0, 0, 'unplaced person');"
                        "INSERT INTO client_search (rowid, body) VALUES (1024, 'orphan text');");

  all = rapport_test_search (store, NULL);
  g_assert_cmpuint (all->len, ==, 101);
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, 5000);
  found = rapport_test_search (store, "unplaced");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "orphan");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  unplaced = rapport_client_repository_get (store->clients, 5000, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_client_repository_save (store->clients, unplaced, &error));
  g_assert_no_error (error);
  added = rapport_test_add_client (store, "Nina", "Added", NULL, NULL);
  rename_client (store, g_array_index (all, gint64, 50), "Renata", "Renamed");

  found = rapport_test_search (store, "unplaced");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "nina added");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "renata");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients WHERE search_pos IS NULL"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients AS c"
                                                 " JOIN client_search AS s ON s.rowid = c.search_pos"
                                                 " WHERE instr (s.body, c.sort_key) <> 1"), ==, 0);
  assert_first_rows (store, "a");
}

/* A file whose phones' positions another program changed after removing
 * the triggers that keep them: the first rows of a number are still the
 * start of its whole result, found by looking each client up, and the
 * next save of a client gives its phones its position again. */
static void
test_stale_phone_positions (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("stale-phones.db");
  const char *path = rapport_database_get_path (store->db);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) first = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *number = phone_number (i);

      g_object_unref (rapport_test_add_client (store, given_names[i % G_N_ELEMENTS (given_names)],
                                               family_names[i % G_N_ELEMENTS (family_names)], number, NULL));
    }
  all = rapport_test_search (store, "+48 601");
  g_assert_cmpuint (all->len, ==, 200);
  assert_first_rows (store, "+48 601");

  /* The phones' positions reversed, then each one past its client's,
   * then one lost. */
  rapport_test_run_sql (path, "DROP TRIGGER client_phones_moved;"
                              "UPDATE client_phones SET search_pos = -search_pos;");
  assert_first_rows (store, "+48 601");
  rapport_test_run_sql (path, "UPDATE client_phones SET search_pos = 1 - search_pos;");
  assert_first_rows (store, "+48 601");
  rapport_test_run_sql (path, "UPDATE client_phones SET search_pos = search_pos - 1;"
                              "UPDATE client_phones SET search_pos = NULL"
                              " WHERE id = (SELECT max(id) FROM client_phones);");
  assert_first_rows (store, "+48 601");

  /* Saved, the first client's phone holds its position again. */
  first = rapport_client_repository_get (store->clients, g_array_index (all, gint64, 0), &error);
  g_assert_no_error (error);
  rapport_client_set_notes (first, "Saved again");
  g_assert_true (rapport_client_repository_save (store->clients, first, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM client_phones AS p JOIN clients AS c"
                                            " ON c.id = p.client_id WHERE p.search_pos = c.search_pos"
                                            " AND c.id = %" G_GINT64_FORMAT, g_array_index (all, gint64, 0));

    g_assert_cmpint (rapport_test_query_int (path, sql), ==, 1);
  }
  assert_first_rows (store, "+48 601");
}

/* A region set for a file of many phones rebuilds their keys' index as
 * the file's schema made it, positions and all: a number typed without
 * its calling code then finds its clients in name order, from the index,
 * as the whole search does. */
static void
test_region_keeps_phone_positions (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("region.db");
  const char *path = rapport_database_get_path (store->db);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *index_sql = NULL;

  for (guint i = 0; i < 1200; i++)
    {
      RapportClient *client = rapport_client_new ();
      g_autofree char *number = g_strdup_printf ("0601 %03u %03u", i / 1000, i % 1000);

      rapport_client_set_given_name (client, given_names[(i * 7) % G_N_ELEMENTS (given_names)]);
      rapport_client_set_family_name (client, family_names[(i * 11) % G_N_ELEMENTS (family_names)]);
      rapport_client_add_phone (client, NULL, number);
      g_ptr_array_add (clients, client);
    }
  g_assert_true (rapport_client_repository_add_many (store->clients, clients, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_client_repository_set_phone_region (store->clients, "PL", &error));
  g_assert_no_error (error);
  index_sql = rapport_test_query_text (path, "SELECT sql FROM sqlite_schema WHERE name = 'client_phones_by_match_key'");
  g_assert_nonnull (strstr (index_sql, "search_pos"));
  assert_positions_follow_names (store);
  assert_first_rows (store, "0601");
  assert_first_rows (store, "+48 601 000");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/client-positions/follow-names", test_follow_names);
  g_test_add_func ("/rapport/client-positions/no-room-left", test_no_room_left);
  g_test_add_func ("/rapport/client-positions/bulk-runs", test_bulk_runs);
  g_test_add_func ("/rapport/client-positions/bulk-tight-spots", test_bulk_tight_spots);
  g_test_add_func ("/rapport/client-positions/odd-positions", test_odd_positions);
  g_test_add_func ("/rapport/client-positions/stale-phone-positions", test_stale_phone_positions);
  g_test_add_func ("/rapport/client-positions/region-keeps-phone-positions", test_region_keeps_phone_positions);

  return g_test_run ();
}
