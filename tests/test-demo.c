/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-order-repository.h"
#include "rapport-test-utils.h"

#define NOW 1763856000 /* 2025-11-23 00:00 UTC */

static char *
describe (RapportTestStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_client_repository_search (store->clients, NULL, RAPPORT_CLIENT_SORT_NAME,
                                                           TRUE, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, id, &error);
      g_autoptr(GPtrArray) history = rapport_interaction_repository_list (store->interactions, id, NULL, 1000, &error);
      g_autofree char *tags = rapport_client_dup_tags_text (client);

      g_string_append_printf (out, "%s|%s|%s|%s|%s|%u|%" G_GINT64_FORMAT "\n",
                              rapport_client_get_display_name (client),
                              rapport_client_get_organization (client),
                              rapport_client_get_main_phone (client),
                              rapport_client_get_main_email (client),
                              tags, history->len,
                              rapport_client_get_last_contact_at (client));
    }
  return g_string_free (out, FALSE);
}

static RapportTestStore *
seeded (const char *name,
        guint32     seed,
        guint       n_clients,
        guint       n_interactions)
{
  RapportTestStore *store = rapport_test_open_store (name);
  RapportDemoOptions options = { seed, n_clients, n_interactions, NOW };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_deterministic (void)
{
  if (rapport_test_skip_bulk ())
    return;

  g_autoptr(RapportTestStore) a = seeded ("a.db", 42, 300, 2000);
  g_autoptr(RapportTestStore) b = seeded ("b.db", 42, 300, 2000);
  g_autoptr(RapportTestStore) c = seeded ("c.db", 43, 300, 2000);
  g_autofree char *text_a = describe (a);
  g_autofree char *text_b = describe (b);
  g_autofree char *text_c = describe (c);

  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, !=, text_c);
}

static void
count_clients (RapportTestStore *store,
               const char   *text,
               guint        *count)
{
  g_autoptr(GArray) ids = rapport_test_search (store, text);

  *count = ids->len;
}

static GUnicodeScript
script_of (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED)
        return script;
    }
  return G_UNICODE_SCRIPT_COMMON;
}

static void
test_realistic (void)
{
  if (rapport_test_skip_bulk ())
    return;

  g_autoptr(RapportTestStore) store = seeded ("real.db", 7, 2000, 20000);
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (store->staff, FALSE, NULL);
  g_autoptr(GArray) all = rapport_test_search (store, NULL);
  g_autoptr(GPtrArray) clients = rapport_client_repository_load (store->clients, (gint64 *) all->data, all->len, NULL);
  guint latin = 0, cyrillic = 0, arabic = 0, polish = 0, companies = 0, with_tags = 0;

  g_assert_cmpuint (clients->len, ==, 2000);
  g_assert_cmpuint (staff->len, >, 0);

  /* Names in three scripts, Polish letters, companies, tags. */
  for (guint i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);
      const char *name = rapport_client_get_display_name (client);

      switch (script_of (name))
        {
        case G_UNICODE_SCRIPT_LATIN: latin++; break;
        case G_UNICODE_SCRIPT_CYRILLIC: cyrillic++; break;
        case G_UNICODE_SCRIPT_ARABIC: arabic++; break;
        default: g_error ("Unexpected script in “%s”", name);
        }
      polish += strpbrk (name, "ąćęłńóśźżŁŚŻ") != NULL;
      companies += rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY;
      with_tags += g_strv_length ((char **) rapport_client_get_tags (client)) > 0;
      g_assert_cmpstr (rapport_client_get_main_phone (client), !=, "");
    }
  g_assert_cmpuint (latin, >, 1000);
  g_assert_cmpuint (cyrillic, >, 300);
  g_assert_cmpuint (arabic, >, 100);
  g_assert_cmpuint (polish, >, 50);
  g_assert_cmpuint (companies, >, 200);
  g_assert_cmpuint (with_tags, >, 500);

  /* Every client has a phone that the look-up finds. */
  {
    g_autoptr(GArray) ids = rapport_test_search (store, NULL);
    g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, g_array_index (ids, gint64, 17), NULL);
    g_autoptr(GPtrArray) found = rapport_client_repository_find_by_phone (store->clients,
                                                                      rapport_client_get_main_phone (client),
                                                                      0, NULL);
    gboolean listed = FALSE;

    for (guint i = 0; i < found->len; i++)
      listed |= rapport_client_get_id (g_ptr_array_index (found, i)) == rapport_client_get_id (client);
    g_assert_true (listed);
  }

  /* Every client was one before their history began. */
  {
    g_autofree char *path = rapport_test_dup_path ("real.db");

    g_assert_cmpint (rapport_test_query_int (path,
                                             "SELECT count(*) FROM interactions i JOIN clients c"
                                             " ON c.id = i.client_id WHERE i.occurred_at < c.created_at"),
                     ==, 0);
  }
}

static void
test_interactions_for_existing (void)
{
  g_autoptr(RapportTestStore) empty = rapport_test_open_store ("empty.db");
  g_autoptr(RapportTestStore) store = seeded ("existing.db", 1, 10, 0);
  RapportDemoOptions more = { 2, 0, 100, NOW };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint total = 0;

  g_assert_true (rapport_demo_seed (store->db, &more, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ids = rapport_test_search (store, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      guint count = 0;
      rapport_interaction_repository_count (store->interactions, g_array_index (ids, gint64, i), &count, NULL);
      total += count;
    }
  g_assert_cmpuint (total, ==, 100);

  g_assert_false (rapport_demo_seed (empty->db, &more, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* Orders as a business has them: numbered in the order they were placed,
 * three lines and 1.2 payments an order on average, and a big account
 * whose newest order is a big one, for the benchmark. */
static void
test_orders (void)
{
  if (rapport_test_skip_bulk ())
    return;

  g_autoptr(RapportTestStore) store = rapport_test_open_store ("orders.db");
  g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (store->db);
  RapportDemoOptions options = { 5, 300, 0, NOW, 1000 };
  g_autoptr(RapportOrderFilter) filter = rapport_order_filter_copy (NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) account = NULL;
  g_autoptr(RapportOrder) newest = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = rapport_database_get_path (store->db);
  g_autofree char *last_day = NULL;
  gint64 lines, payments, out_of_order;

  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ids = rapport_order_repository_search (orders, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1000);

  newest = rapport_order_repository_get (orders, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_order_get_lines (newest)->len, ==, 50);
  filter->client_id = rapport_order_get_client_id (newest);
  account = rapport_order_repository_search (orders, filter, &error);
  g_assert_cmpuint (account->len, ==, 1000 / 100);

  /* Over the three years before now, the newest made last. */
  last_day = rapport_test_query_text (path, "SELECT max(ordered_on) FROM orders");
  g_assert_cmpstr (rapport_order_get_ordered_on (newest), ==, last_day);
  g_assert_cmpstr (last_day, >=, "2025-11-15");
  g_assert_cmpstr (last_day, <=, "2025-11-23");
  g_assert_cmpint (rapport_test_query_int (path, "SELECT min(ordered_on) BETWEEN '2022-11-22' AND '2022-12-31'"
                                                 " FROM orders"), ==, 1);

  lines = rapport_test_query_int (path, "SELECT count(*) FROM order_lines");
  payments = rapport_test_query_int (path, "SELECT count(*) FROM payments");
  g_assert_cmpint (lines, >, 1000 * 2.8 + 50);
  g_assert_cmpint (lines, <, 1000 * 3.2 + 50);
  g_assert_cmpint (payments, >, 1000 * 1.1);
  g_assert_cmpint (payments, <, 1000 * 1.3);

  /* A later order has a later number within its year. */
  out_of_order = rapport_test_query_int (path,
                                         "SELECT count(*) FROM orders a JOIN orders b"
                                         " ON substr(a.number, 1, 5) = substr(b.number, 1, 5) AND a.id < b.id"
                                         " WHERE a.ordered_on > b.ordered_on"
                                         "  OR length(a.number) > length(b.number)"
                                         "  OR (length(a.number) = length(b.number) AND a.number > b.number)");
  g_assert_cmpint (out_of_order, ==, 0);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_progress_and_cancel (void)
{
  if (rapport_test_skip_bulk ())
    return;

  g_autoptr(RapportTestStore) store = rapport_test_open_store ("progress.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RapportDemoOptions options = { 3, 1500, 10, NOW };
  g_autoptr(GError) error = NULL;
  double last = 0.0;
  guint total;

  g_assert_true (rapport_demo_seed (store->db, &options, on_progress, &last, NULL, &error));
  g_assert_cmpfloat (last, ==, 1.0);

  /* Cancelled before it starts: nothing more is written. */
  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_demo_seed (store->db, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  count_clients (store, NULL, &total);
  g_assert_cmpuint (total, ==, 1500);
}

static void
on_seeded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_demo_seed_finish (RAPPORT_DATABASE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
count_signal (RapportDatabase *db,
              const char      *kind,
              gint64           id,
              gboolean         many,
              guint           *count)
{
  g_assert_true (many);
  (*count)++;
}

static void
test_async (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("async.db");
  RapportDemoOptions options = { 9, 120, 400, NOW };
  gboolean done = FALSE;
  guint signals = 0;
  guint total;

  g_signal_connect (store->db, "changed", G_CALLBACK (count_signal), &signals);
  rapport_demo_seed_async (store->db, &options, NULL, on_seeded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (signals, ==, 1);
  count_clients (store, NULL, &total);
  g_assert_cmpuint (total, ==, 120);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/demo/bulk/deterministic", test_deterministic);
  g_test_add_func ("/rapport/demo/bulk/realistic", test_realistic);
  g_test_add_func ("/rapport/demo/interactions-for-existing", test_interactions_for_existing);
  g_test_add_func ("/rapport/demo/bulk/orders", test_orders);
  g_test_add_func ("/rapport/demo/bulk/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/rapport/demo/async", test_async);

  return g_test_run ();
}
