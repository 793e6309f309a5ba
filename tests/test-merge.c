/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-client-duplicates.h"
#include "rapport-client-merge.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-test-utils.h"

/* Possible duplicates and their reasons; merging two clients with history
 * on both sides, and undoing it to the same rows. */

static gint64
add_client (RapportTestStore *store,
            const char       *given,
            const char       *family,
            const char       *phone,
            const char       *email)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  if (phone != NULL)
    rapport_client_add_phone (client, "mobile", phone);
  if (email != NULL)
    rapport_client_add_email (client, "home", email);
  g_assert_true (rapport_client_repository_save (store->clients, client, &error));
  g_assert_no_error (error);
  return rapport_client_get_id (client);
}

static const RapportDuplicatePair *
find_pair (GArray *pairs,
           gint64  a,
           gint64  b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const RapportDuplicatePair *pair = &g_array_index (pairs, RapportDuplicatePair, i);

      if (pair->a == MIN (a, b) && pair->b == MAX (a, b))
        return pair;
    }
  return NULL;
}

static RapportDuplicateReasons
reasons_of (GArray *pairs,
            gint64  a,
            gint64  b)
{
  const RapportDuplicatePair *pair = find_pair (pairs, a, b);

  return pair ? pair->reasons : 0;
}

static guint
score_of (GArray *pairs,
          gint64  a,
          gint64  b)
{
  const RapportDuplicatePair *pair = find_pair (pairs, a, b);

  return pair ? pair->score : 0;
}

static void
test_find_duplicates (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("duplicates.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 ivan = add_client (store, "Ivan", "Petrov", NULL, NULL);
  gint64 ivan_lower = add_client (store, "ivan", "PETROV", NULL, NULL);
  gint64 petrov_ivan = add_client (store, "Petrov", "Ivan", NULL, NULL);
  gint64 typo = add_client (store, "Ivan", "Petrof", NULL, NULL);
  gint64 accents = add_client (store, "José", "Núñez", NULL, NULL);
  gint64 plain = add_client (store, "Jose", "Nunez", NULL, NULL);
  gint64 anna = add_client (store, "Anna", "Smith", "+48 601 234 567", "anna@example.org");
  gint64 bob = add_client (store, "Bob", "Jones", "+48601234567", NULL);
  gint64 carol = add_client (store, "Carol", "White", NULL, "ANNA@example.org");
  gint64 ana = add_client (store, "Ana", NULL, NULL, NULL);
  gint64 ann = add_client (store, "Ann", NULL, NULL, NULL);
  g_autofree char *reasons = NULL;

  pairs = rapport_client_repository_find_duplicates (store->clients, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (reasons_of (pairs, ivan, ivan_lower), ==, RAPPORT_DUPLICATE_SAME_NAME);
  g_assert_cmpuint (score_of (pairs, ivan, ivan_lower), ==, 70);
  g_assert_cmpuint (reasons_of (pairs, ivan, petrov_ivan), ==, RAPPORT_DUPLICATE_NAME_ORDER);
  g_assert_cmpuint (reasons_of (pairs, ivan, typo), ==, RAPPORT_DUPLICATE_NAME_TYPO);
  g_assert_cmpuint (reasons_of (pairs, accents, plain), ==, RAPPORT_DUPLICATE_SAME_NAME);
  g_assert_cmpuint (reasons_of (pairs, anna, bob), ==, RAPPORT_DUPLICATE_SAME_PHONE);
  g_assert_cmpuint (score_of (pairs, anna, bob), ==, 90);
  g_assert_cmpuint (reasons_of (pairs, anna, carol), ==, RAPPORT_DUPLICATE_SAME_EMAIL);
  reasons = rapport_duplicate_reasons_to_string (reasons_of (pairs, anna, carol));
  g_assert_cmpstr (reasons, ==, "same e-mail");
  /* short names one letter apart are two people */
  g_assert_null (find_pair (pairs, ana, ann));
  g_assert_null (find_pair (pairs, bob, carol));
  /* surest first */
  g_assert_cmpuint (g_array_index (pairs, RapportDuplicatePair, 0).score, ==, 95);

  g_assert_true (rapport_client_repository_set_not_duplicate (store->clients, petrov_ivan, ivan, &error));
  g_assert_no_error (error);
  after = rapport_client_repository_find_duplicates (store->clients, NULL, &error);
  g_assert_null (find_pair (after, ivan, petrov_ivan));
  g_assert_nonnull (find_pair (after, ivan, ivan_lower));
  g_assert_cmpuint (after->len, ==, pairs->len - 1);
}

static void
test_typo_rule (void)
{
  g_assert_true (rapport_names_differ_by_typo ("maria garcia", "maria garcya"));
  g_assert_true (rapport_names_differ_by_typo ("maria garcia", "maria gracia"));
  g_assert_true (rapport_names_differ_by_typo ("maria garcia", "maria garci"));
  g_assert_true (rapport_names_differ_by_typo ("maria garcia", "mmaria garcia"));
  g_assert_true (rapport_names_differ_by_typo ("علی رضایی", "علی رضائی"));
  g_assert_false (rapport_names_differ_by_typo ("maria garcia", "maria garcia"));
  g_assert_false (rapport_names_differ_by_typo ("maria garcia", "mario garcis"));
  g_assert_false (rapport_names_differ_by_typo ("maria garcia", "maria garciaaa"));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table, in order; the rows the client repository
 * rewrites on each save (phones, e-mails, addresses) without their ids,
 * which are not stable, and not the search index's own storage. */
static char *
dump_tables (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_search%'"
                                           " AND name <> 'client_merges'"
                                           " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      gboolean drop_id = g_str_equal (table, "client_phones") || g_str_equal (table, "client_emails")
                         || g_str_equal (table, "client_addresses");
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt *rows = NULL;
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          GString *line = g_string_new (table);

          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              if (drop_id && g_str_equal (sqlite3_column_name (rows, c), "id"))
                continue;
              if (sqlite3_column_type (rows, c) == SQLITE_BLOB)
                g_string_append_printf (line, "|blob:%d", sqlite3_column_bytes (rows, c));
              else
                g_string_append_printf (line, "|%s", sqlite3_column_text (rows, c)
                                                       ? (const char *) sqlite3_column_text (rows, c) : "NULL");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      sqlite3_finalize (rows);
      g_ptr_array_sort (lines, compare_lines);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* @sql ends with the id it is about */
static gint64
count (const char *path,
       const char *sql,
       gint64      id)
{
  g_autofree char *whole = g_strdup_printf ("%s%" G_GINT64_FORMAT, sql, id);

  return rapport_test_query_int (path, whole);
}

static void
test_merge_and_undo (void)
{
  g_autofree char *path = rapport_test_dup_path ("merge.db");
  g_autoptr(RapportTestStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RapportDemoOptions options = { .seed = 7, .n_clients = 30, .n_interactions = 200,
                                 .n_orders = rapport_test_scaled (300) };
  g_autoptr(RapportClient) keep = NULL;
  g_autoptr(RapportClient) other = NULL;
  g_autoptr(RapportClient) merged = NULL;
  g_autoptr(RapportClient) after = NULL;
  g_autoptr(RapportMergeUndo) undo = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *setup_sql = NULL;
  g_autofree char *picture_sql = NULL;
  g_autofree char *picture_type = NULL;
  gint64 keep_id, other_id, third;
  gint64 ids[2];
  gint64 keep_interactions, other_interactions, keep_orders, other_orders, other_payments, keep_tasks, other_tasks;

  store = rapport_test_store_open_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* two clients with interactions and orders on both sides (not the big account) */
  keep_id = rapport_test_query_int (path, "SELECT client_id FROM orders WHERE client_id <> 1"
                                          " AND client_id IN (SELECT client_id FROM interactions)"
                                          " GROUP BY client_id ORDER BY client_id LIMIT 1");
  other_id = rapport_test_query_int (path, "SELECT client_id FROM orders WHERE client_id <> 1"
                                           " AND client_id IN (SELECT client_id FROM interactions)"
                                           " GROUP BY client_id ORDER BY client_id DESC LIMIT 1");
  g_assert_cmpint (keep_id, >, 0);
  g_assert_cmpint (other_id, >, keep_id);
  third = add_client (store, "Third", "Person", NULL, NULL);
  /* rows that cannot move: both have a picture, and a pair with a third client */
  setup_sql = g_strdup_printf ("INSERT INTO client_pictures VALUES (%" G_GINT64_FORMAT
                                               ", 'image/png', x'89504e47'), (%" G_GINT64_FORMAT
                                               ", 'image/gif', x'474946383961');"
                                               "INSERT INTO not_duplicates VALUES (%" G_GINT64_FORMAT ", %"
                                               G_GINT64_FORMAT "), (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
                                               "INSERT INTO client_card_lines (client_id, position, line)"
                                               " VALUES (%" G_GINT64_FORMAT ", 0, 'URL:https://example.org')",
                                               keep_id, other_id, keep_id, third, other_id, third, other_id);
  rapport_test_run_sql (path, setup_sql);

  keep_interactions = count (path, "SELECT count(*) FROM interactions WHERE client_id = ", keep_id);
  other_interactions = count (path, "SELECT count(*) FROM interactions WHERE client_id = ", other_id);
  keep_orders = count (path, "SELECT count(*) FROM orders WHERE client_id = ", keep_id);
  other_orders = count (path, "SELECT count(*) FROM orders WHERE client_id = ", other_id);
  other_payments = count (path, "SELECT count(*) FROM payments JOIN orders ON orders.id = payments.order_id"
                                " WHERE client_id = ", other_id);
  keep_tasks = count (path, "SELECT count(*) FROM tasks WHERE client_id = ", keep_id);
  other_tasks = count (path, "SELECT count(*) FROM tasks WHERE client_id = ", other_id);
  g_assert_cmpint (other_interactions, >, 0);
  g_assert_cmpint (other_orders, >, 0);

  before = dump_tables (path);
  ids[0] = keep_id;
  ids[1] = other_id;
  loaded = rapport_client_repository_load_details (store->clients, ids, 2, &error);
  keep = g_object_ref (g_ptr_array_index (loaded, 0));
  other = g_object_ref (g_ptr_array_index (loaded, 1));
  merged = rapport_client_merge_values (keep, other);
  /* the person picked the other client's name */
  rapport_client_set_given_name (merged, rapport_client_get_given_name (other));

  g_assert_true (rapport_client_repository_merge (store->clients, keep_id, other_id, merged, &undo, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (path, "SELECT count(*) FROM clients WHERE id = ", other_id), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM interactions WHERE client_id = ", keep_id),
                   ==, keep_interactions + other_interactions);
  g_assert_cmpint (count (path, "SELECT count(*) FROM orders WHERE client_id = ", keep_id),
                   ==, keep_orders + other_orders);
  g_assert_cmpint (count (path, "SELECT count(*) FROM payments JOIN orders ON orders.id = payments.order_id"
                                " WHERE client_id = ", keep_id), >=, other_payments);
  g_assert_cmpint (count (path, "SELECT count(*) FROM tasks WHERE client_id = ", keep_id),
                   ==, keep_tasks + other_tasks);
  g_assert_cmpint (count (path, "SELECT count(*) FROM client_card_lines WHERE client_id = ", keep_id),
                   ==, 1);
  picture_sql = g_strdup_printf ("SELECT mime_type FROM client_pictures WHERE client_id = %" G_GINT64_FORMAT, keep_id);
  picture_type = rapport_test_query_text (path, picture_sql);
  g_assert_cmpstr (picture_type, ==, "image/png");
  after = rapport_client_repository_get (store->clients, keep_id, &error);
  g_assert_cmpstr (rapport_client_get_given_name (after), ==, rapport_client_get_given_name (other));
  g_assert_cmpuint (rapport_client_get_phones (merged)->len, >=, rapport_client_get_phones (keep)->len);

  g_assert_true (rapport_client_repository_undo_merge (store->clients, undo, &error));
  g_assert_no_error (error);
  undone = dump_tables (path);
  g_assert_cmpstr (undone, ==, before);

  g_assert_false (rapport_client_repository_merge (store->clients, keep_id, keep_id, merged, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* Two clients with history on both sides, including what only later
 * issues added: deliveries, warranties, campaign recipients, opt-outs and
 * a reminder's state; rows the two share (an opt-out of the same channel,
 * the same campaign) cannot move and are kept whole. */
static void
seed_pair (const char *path,
           gint64     *keep_id,
           gint64     *other_id)
{
  g_autofree char *sql = NULL;

  *keep_id = rapport_test_query_int (path, "SELECT client_id FROM orders WHERE client_id <> 1"
                                           " AND client_id IN (SELECT client_id FROM interactions)"
                                           " AND id IN (SELECT order_id FROM order_lines)"
                                           " GROUP BY client_id ORDER BY client_id LIMIT 1");
  *other_id = rapport_test_query_int (path, "SELECT client_id FROM orders WHERE client_id <> 1"
                                            " AND client_id IN (SELECT client_id FROM interactions)"
                                            " AND id IN (SELECT order_id FROM order_lines)"
                                            " GROUP BY client_id ORDER BY client_id DESC LIMIT 1");
  g_assert_cmpint (*keep_id, >, 0);
  g_assert_cmpint (*other_id, >, *keep_id);
  sql = g_strdup_printf (
    "INSERT INTO deliveries (id, order_id, client_id, carrier_id, planned_on, status, created_at, updated_at)"
    " SELECT 9001, id, client_id, (SELECT min(id) FROM carriers), '2026-11-20', 'delivered', 1, 1"
    " FROM orders WHERE client_id = %1$" G_GINT64_FORMAT " AND id IN (SELECT order_id FROM order_lines) LIMIT 1;"
    "INSERT INTO warranties (order_line_id, delivery_id, client_id, product, quantity, starts_on, ends_on, created_at)"
    " SELECT l.id, 9001, %1$" G_GINT64_FORMAT ", 'Kettle', 1, '2026-11-20', '2028-11-20', 1"
    " FROM order_lines AS l WHERE l.order_id = (SELECT order_id FROM deliveries WHERE id = 9001) LIMIT 1;"
    "INSERT INTO reminder_state (source, item_id, snoozed_until) VALUES ('delivery', 9001, 99);"
    "INSERT INTO opt_outs VALUES (%1$" G_GINT64_FORMAT ", 'email', 5), (%1$" G_GINT64_FORMAT ", 'sms', 6),"
    " (%2$" G_GINT64_FORMAT ", 'email', 7);"
    "INSERT INTO campaigns (id, name, channel, created_at, updated_at) VALUES (70, 'Spring', 'email', 1, 1),"
    " (71, 'Autumn', 'email', 1, 1);"
    "INSERT INTO campaign_recipients (campaign_id, client_id, address, name, state) VALUES"
    " (70, %1$" G_GINT64_FORMAT ", 'o@example.org', 'O', 'sent'), (70, %2$" G_GINT64_FORMAT ", 'k@example.org', 'K', 'sent'),"
    " (71, %1$" G_GINT64_FORMAT ", 'o@example.org', 'O', 'failed');",
    *other_id, *keep_id);
  rapport_test_run_sql (path, sql);
  g_assert_cmpint (count (path, "SELECT count(*) FROM warranties WHERE client_id = ", *other_id), >=, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM deliveries WHERE client_id = ", *other_id), >=, 1);
}

static void
merge_pair (RapportTestStore *store,
            gint64            keep_id,
            gint64            other_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) keep = rapport_client_repository_get (store->clients, keep_id, &error);
  g_autoptr(RapportClient) other = rapport_client_repository_get (store->clients, other_id, &error);
  g_autoptr(RapportClient) merged = rapport_client_merge_values (keep, other);

  g_assert_true (rapport_client_repository_merge (store->clients, keep_id, other_id, merged, NULL, &error));
  g_assert_no_error (error);
}

/* A merge undone in a later run, from the history: both clients back
 * exactly, with every row that points at them; refused when the kept
 * client changed since. */
static void
test_undo_from_history (void)
{
  g_autofree char *path = rapport_test_dup_path ("merge-history.db");
  RapportDemoOptions options = { .seed = 11, .n_clients = 20, .n_interactions = 80,
                                 .n_orders = rapport_test_scaled (120) };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *merged_dump = NULL;
  g_autofree char *refused_dump = NULL;
  gint64 keep_id, other_id, merge_id;

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_no_error (error);
    g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  seed_pair (path, &keep_id, &other_id);
  before = dump_tables (path);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    merge_pair (store, keep_id, other_id);
  }
  g_assert_cmpint (count (path, "SELECT count(*) FROM clients WHERE id = ", other_id), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM deliveries WHERE client_id = ", other_id), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM warranties WHERE client_id = ", other_id), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM deliveries WHERE id = 9001 AND client_id = ", keep_id), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM campaign_recipients WHERE client_id = ", keep_id), ==, 2);
  g_assert_cmpint (count (path, "SELECT count(*) FROM opt_outs WHERE client_id = ", keep_id), ==, 2);

  /* another run of the program: only the history knows the merge */
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(GPtrArray) merges = rapport_client_repository_list_merges (store->clients, &error);
    RapportMergeEntry *entry;

    g_assert_no_error (error);
    g_assert_cmpuint (merges->len, ==, 1);
    entry = g_ptr_array_index (merges, 0);
    g_assert_cmpint (entry->keep_id, ==, keep_id);
    g_assert_cmpint (entry->undone_at, ==, 0);
    merge_id = entry->id;
    g_assert_true (rapport_client_repository_undo_merge_by_id (store->clients, merge_id, &error));
    g_assert_no_error (error);
    g_assert_false (rapport_client_repository_undo_merge_by_id (store->clients, merge_id, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  undone = dump_tables (path);
  g_assert_cmpstr (undone, ==, before);

  /* merged again, then the kept client changed: undoing would lose it */
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(GPtrArray) merges = NULL;
    g_autoptr(RapportClient) keep = NULL;

    merge_pair (store, keep_id, other_id);
    keep = rapport_client_repository_get (store->clients, keep_id, &error);
    rapport_client_set_notes (keep, "Called after the merge");
    g_assert_true (rapport_client_repository_save (store->clients, keep, &error));
    merged_dump = dump_tables (path);
    merges = rapport_client_repository_list_merges (store->clients, &error);
    g_assert_cmpuint (merges->len, ==, 2);
    g_assert_false (rapport_client_repository_undo_merge_by_id (store->clients,
                                                               ((RapportMergeEntry *) g_ptr_array_index (merges, 0))->id,
                                                               &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, rapport_client_get_display_name (keep)));
    g_assert_nonnull (strstr (error->message, "changed after the merge"));
    g_clear_error (&error);
  }
  refused_dump = dump_tables (path);
  g_assert_cmpstr (refused_dump, ==, merged_dump);

  /* a damaged record is refused with a message, never read */
  rapport_test_run_sql (path, "UPDATE client_merges SET record = x'00ff', undone_at = NULL");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_false (rapport_client_repository_undo_merge_by_id (store->clients, merge_id, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/merge/find-duplicates", test_find_duplicates);
  g_test_add_func ("/rapport/merge/typo-rule", test_typo_rule);
  g_test_add_func ("/rapport/merge/merge-and-undo", test_merge_and_undo);
  g_test_add_func ("/rapport/merge/undo-from-history", test_undo_from_history);

  return g_test_run ();
}
