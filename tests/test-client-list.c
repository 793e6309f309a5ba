/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-client-list-private.h"
#include "rapport-test-utils.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  RapportTestStore      *store;
  RapportClientList *list;
  GArray            *changes;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const names[] = { "Delta", "Alpha", "Echo", "Bravo", "Charlie", NULL };

  f->store = rapport_test_open_store ("list.db");
  for (guint i = 0; names[i] != NULL; i++)
    g_object_unref (rapport_test_add_client (f->store, names[i], "Test", NULL, NULL));

  f->list = rapport_client_list_new (f->store->clients);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_array_unref (f->changes);
}

static void
wait_until_loaded (Fixture *f)
{
  while (rapport_client_list_get_loading (f->list))
    g_main_context_iteration (NULL, TRUE);
}

static char *
name_at (Fixture *f,
         guint    position)
{
  g_autoptr(RapportClientSlot) slot = g_list_model_get_item (G_LIST_MODEL (f->list), position);

  return g_strdup (rapport_client_get_given_name (rapport_client_slot_get_client (slot)));
}

static void
on_slot_told (RapportClientSlot *slot,
              GParamSpec        *pspec,
              guint             *told)
{
  (*told)++;
}

/* Holds the slots of the first @n places, as a view holds its rows',
 * counting how often each is told it shows another client. */
static GPtrArray *
hold_slots (Fixture *f,
            guint    n,
            guint   *told)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      RapportClientSlot *slot = g_list_model_get_item (G_LIST_MODEL (f->list), i);

      g_signal_connect (slot, "notify::client", G_CALLBACK (on_slot_told), &told[i]);
      g_ptr_array_add (slots, slot);
    }
  return slots;
}

static void
assert_no_change (Fixture *f)
{
  g_assert_cmpuint (f->changes->len, ==, 0);
}

static void
assert_names (Fixture    *f,
              const char *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = name_at (f, i);
      g_string_append_printf (names, "%s%s", i ? " " : "", name);
    }
  g_assert_cmpstr (names->str, ==, expected);
}

static void
assert_one_change (Fixture *f,
                   guint    position,
                   guint    removed,
                   guint    added)
{
  Change *change;

  g_assert_cmpuint (f->changes->len, ==, 1);
  change = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (f->changes, 0);
}

static void
test_initial (Fixture       *f,
              gconstpointer  data)
{
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == RAPPORT_TYPE_CLIENT_SLOT);
  g_assert_false (rapport_client_list_get_loading (f->list));
  assert_names (f, "Alpha Bravo Charlie Delta Echo");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->list), 5));
  g_assert_cmpuint (f->changes->len, ==, 0);
}

/* A new search shows its clients in the places the views hold, and tells
 * only that the count changed, at the end: views keep their rows. */
static void
test_search_emits_once (Fixture       *f,
                        gconstpointer  data)
{
  guint told[5] = { 0 };
  g_autoptr(GPtrArray) held = hold_slots (f, 5, told);
  g_autoptr(RapportClientSlot) first = NULL;
  g_autoptr(RapportClientSlot) again = NULL;

  rapport_client_list_set_search (f->list, "ch");
  g_assert_true (rapport_client_list_get_loading (f->list));
  wait_until_loaded (f);
  assert_one_change (f, 1, 4, 0);
  assert_names (f, "Charlie");
  first = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  g_assert_true (first == g_ptr_array_index (held, 0));
  g_assert_cmpuint (told[0], ==, 1);
  g_assert_cmpstr (rapport_client_get_given_name (rapport_client_slot_get_client (first)), ==, "Charlie");
  /* The places gone keep what they showed, and are not told again. */
  g_assert_cmpuint (told[1] + told[2] + told[3] + told[4], ==, 0);

  /* Typing fast: only the last search lands, in one change. */
  rapport_client_list_set_search (f->list, "e");
  rapport_client_list_set_search (f->list, "ec");
  rapport_client_list_set_search (f->list, "");
  wait_until_loaded (f);
  assert_one_change (f, 1, 0, 4);
  assert_names (f, "Alpha Bravo Charlie Delta Echo");
  g_assert_cmpuint (told[0], ==, 2);
  /* A place that came back is a new slot, not one that left. */
  again = g_list_model_get_item (G_LIST_MODEL (f->list), 1);
  g_assert_false (again == g_ptr_array_index (held, 1));

  /* The same search again changes nothing. */
  rapport_client_list_set_search (f->list, "");
  g_assert_false (rapport_client_list_get_loading (f->list));
  g_assert_cmpuint (f->changes->len, ==, 0);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  gint64 echo = rapport_client_list_get_id (f->list, 4);
  g_autoptr(RapportInteraction) call = rapport_interaction_new (echo, RAPPORT_INTERACTION_CALL);

  rapport_interaction_set_summary (call, "call");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, NULL));
  wait_until_loaded (f);
  g_array_set_size (f->changes, 0);

  {
    guint told[5] = { 0 };
    g_autoptr(GPtrArray) held = hold_slots (f, 5, told);

    rapport_client_list_set_sort (f->list, RAPPORT_CLIENT_SORT_LAST_CONTACT);
    wait_until_loaded (f);
    assert_no_change (f);
    assert_names (f, "Echo Alpha Bravo Charlie Delta");
    /* Every place shows its new client, told once. */
    for (guint i = 0; i < 5; i++)
      g_assert_cmpuint (told[i], ==, 1);
  }
}

static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportClient) bravo = NULL;
  g_autoptr(RapportClient) added = NULL;
  g_autoptr(GError) error = NULL;
  guint told[5] = { 0 };
  g_autoptr(GPtrArray) held = hold_slots (f, 5, told);
  RapportRemoval removal;

  /* A change that keeps the order: that one place shows it anew. */
  bravo = rapport_client_repository_get (f->store->clients, rapport_client_list_get_id (f->list, 1), &error);
  rapport_client_add_phone (bravo, "mobile", "+1 202 555 0199");
  g_assert_true (rapport_client_repository_save (f->store->clients, bravo, &error));
  wait_until_loaded (f);
  assert_no_change (f);
  g_assert_cmpuint (told[0] + told[1] + told[2] + told[3] + told[4], ==, 1);
  g_assert_cmpuint (told[1], ==, 1);
  g_assert_cmpstr (rapport_client_get_main_phone (rapport_client_slot_get_client (g_ptr_array_index (held, 1))),
                   ==, "+1 202 555 0199");

  /* A new client: inserted where it sorts; the places after it move
   * with the clients they show. */
  added = rapport_test_add_client (f->store, "Carla", "Test", NULL, NULL);
  wait_until_loaded (f);
  assert_one_change (f, 2, 0, 1);
  assert_names (f, "Alpha Bravo Carla Charlie Delta Echo");
  {
    g_autoptr(RapportClientSlot) charlie = g_list_model_get_item (G_LIST_MODEL (f->list), 3);

    g_assert_true (charlie == g_ptr_array_index (held, 2));
    g_assert_cmpuint (told[2], ==, 0);
  }

  /* A renamed client moves: out of its place, into its new one. */
  rapport_client_set_given_name (added, "Zulu");
  rapport_client_set_display_name (added, "");
  g_assert_true (rapport_client_repository_save (f->store->clients, added, &error));
  wait_until_loaded (f);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_array_remove_index (f->changes, 1);
  assert_one_change (f, 2, 1, 0);
  assert_names (f, "Alpha Bravo Charlie Delta Echo Zulu");

  /* Removed: gone from its place. */
  g_assert_true (rapport_client_repository_remove (f->store->clients, rapport_client_get_id (added), &removal, &error));
  wait_until_loaded (f);
  assert_one_change (f, 5, 1, 0);

  /* Archived clients show when asked for. */
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, rapport_client_get_id (bravo), TRUE, &error));
  wait_until_loaded (f);
  assert_one_change (f, 1, 1, 0);
  rapport_client_list_set_include_archived (f->list, TRUE);
  wait_until_loaded (f);
  /* A new filter: the places held show its clients, one more at the end. */
  assert_one_change (f, 4, 0, 1);
  g_assert_cmpuint (rapport_client_list_find (f->list, rapport_client_get_id (bravo)), ==, 1);
  assert_names (f, "Alpha Bravo Charlie Delta Echo");

  /* None of these searched again. */
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), ==, 0);

  /* Many changes at once: everything may differ, every place held is
   * shown anew. */
  memset (told, 0, sizeof told);
  rapport_database_notify_changed (f->store->db);
  wait_until_loaded (f);
  assert_no_change (f);
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), ==, 1);
  g_assert_cmpuint (told[0], ==, 1);
}

/* The list's ids and those of the same search made anew. */
static void
assert_as_searched (Fixture *f)
{
  g_autoptr(RapportClientList) fresh = rapport_client_list_new (f->store->clients);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  rapport_client_list_set_sort (fresh, rapport_client_list_get_sort (f->list));
  rapport_client_list_set_include_archived (fresh, rapport_client_list_get_include_archived (f->list));
  rapport_client_list_set_search (fresh, rapport_client_list_get_search (f->list));
  while (rapport_client_list_get_loading (fresh))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (fresh)));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (rapport_client_list_get_id (f->list, i), ==, rapport_client_list_get_id (fresh, i));
}

static void
rename_client (Fixture    *f,
               gint64      id,
               const char *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, &error);

  g_assert_no_error (error);
  rapport_client_set_given_name (client, given);
  rapport_client_set_display_name (client, "");
  g_assert_true (rapport_client_repository_save (f->store->clients, client, &error));
  g_assert_no_error (error);
  wait_until_loaded (f);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  gboolean saved = rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
  *(gboolean *) user_data = TRUE;
}

static void
save_async (Fixture    *f,
            gint64      id,
            const char *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, &error);
  gboolean saved = FALSE;

  g_assert_no_error (error);
  rapport_client_set_given_name (client, given);
  rapport_client_set_display_name (client, "");
  rapport_client_repository_save_async (f->store->clients, client, NULL, on_saved, &saved);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
}

/* The window looks at the file when it changes (and when focused): its
 * own saves, which its lists placed already, are not taken for another
 * program's, which make everything be read again. */
static void
test_own_saves_not_read_again (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 alpha = rapport_client_list_get_id (f->list, 0);

  /* Before the first save the worker has not looked: told as anything. */
  save_async (f, alpha, "Aaron");
  rapport_database_check_changes (f->store->db);
  wait_until_loaded (f);
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), <=, 1);

  save_async (f, alpha, "Abel");
  g_assert_false (rapport_database_check_changes (f->store->db));
  save_async (f, alpha, "Zeno");
  g_assert_false (rapport_database_check_changes (f->store->db));
  assert_as_searched (f);
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), <=, 1);

  /* Another program's write, after or between the window's own. */
  sql = g_strdup_printf ("UPDATE clients SET sort_key = 'a', search_pos = -search_pos WHERE id = %" G_GINT64_FORMAT, alpha);
  rapport_test_run_sql (rapport_database_get_path (f->store->db), sql);
  g_assert_true (rapport_database_check_changes (f->store->db));
  wait_until_loaded (f);
  g_assert_cmpint (rapport_client_list_get_id (f->list, 0), ==, alpha);
  save_async (f, alpha, "Yves");
  rapport_test_run_sql (rapport_database_get_path (f->store->db), "UPDATE clients SET notes = 'x'");
  save_async (f, alpha, "Xena");
  g_assert_true (rapport_database_check_changes (f->store->db));
  wait_until_loaded (f);
}

/* A save patches the list where the client belongs, in a search too and
 * in either order, without searching again; a search only a new search can
 * answer (a phone number) searches again. */
static void
test_placed_without_reload (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  gint64 alpha = rapport_client_list_get_id (f->list, 0);
  gint64 echo = rapport_client_list_get_id (f->list, 4);
  guint reloads;

  /* In a text search: leaving it, coming back, moving inside it. */
  rapport_client_list_set_search (f->list, "test");
  wait_until_loaded (f);
  rename_client (f, alpha, "Foxtrot");
  assert_as_searched (f);
  rename_client (f, echo, "Aaron");
  assert_as_searched (f);
  rapport_client_list_set_search (f->list, "fox");
  wait_until_loaded (f);
  rename_client (f, alpha, "Golf");
  assert_as_searched (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  rename_client (f, alpha, "Foxglove");
  assert_as_searched (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);

  /* The start of a name's words. */
  rapport_client_list_set_search (f->list, "b");
  wait_until_loaded (f);
  rename_client (f, alpha, "Bea");
  assert_as_searched (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);

  /* By last contact: a call moves the client to the top. */
  rapport_client_list_set_search (f->list, "");
  rapport_client_list_set_sort (f->list, RAPPORT_CLIENT_SORT_LAST_CONTACT);
  wait_until_loaded (f);
  call = rapport_interaction_new (rapport_client_list_get_id (f->list, 3), RAPPORT_INTERACTION_CALL);
  rapport_interaction_set_summary (call, "call");
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, &error));
  wait_until_loaded (f);
  rename_client (f, rapport_client_list_get_id (f->list, 3), "Zed");
  assert_as_searched (f);
  rename_client (f, echo, "Aardvark");
  assert_as_searched (f);

  /* Archived, and shown again with the archived. */
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, echo, TRUE, &error));
  assert_as_searched (f);
  rapport_client_list_set_include_archived (f->list, TRUE);
  wait_until_loaded (f);
  rename_client (f, echo, "Yankee");
  assert_as_searched (f);
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), ==, 0);

  /* As the window saves: on the worker, told after its commit. */
  {
    g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, alpha, &error);
    gboolean saved = FALSE;

    rapport_client_set_given_name (client, "Aabel");
    rapport_client_set_display_name (client, "");
    rapport_client_repository_save_async (f->store->clients, client, NULL, on_saved, &saved);
    while (!saved)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (rapport_client_list_get_loading (f->list));
    assert_as_searched (f);
    g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), ==, 0);
  }

  /* A phone search searches again. */
  rapport_client_list_set_search (f->list, "555 01");
  wait_until_loaded (f);
  reloads = _rapport_client_list_get_n_reloads (f->list);
  rename_client (f, echo, "Xavier");
  g_assert_cmpuint (_rapport_client_list_get_n_reloads (f->list), ==, reloads + 1);
  assert_as_searched (f);
}

/* A search that finds many rows shows its first ones first, then adds the
 * rest after them; the count only ever changes at the end, so that GTK's
 * list views keep the rows they show and never fetch every new row. */
static void
test_many_rows_added_at_end (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Change *first, *second;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *given = g_strdup_printf ("Many%04u", i);
      g_object_unref (rapport_test_add_client (f->store, given, "Test", NULL, NULL));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));
  wait_until_loaded (f);

  /* A search that finds few: one items-changed, the rows gone at the end. */
  g_array_set_size (f->changes, 0);
  rapport_client_list_set_search (f->list, "many000");
  wait_until_loaded (f);
  assert_one_change (f, 10, 1005 - 10, 0);

  rapport_client_list_set_search (f->list, "echo");
  wait_until_loaded (f);
  g_array_set_size (f->changes, 0);

  /* From one row back to 1005: the first rows come first, then the rest
   * are added after them. */
  rapport_client_list_set_search (f->list, "");
  while (!rapport_client_list_get_partial (f->list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rapport_client_list_get_loading (f->list));
  assert_one_change (f, 1, 0, 127);
  wait_until_loaded (f);
  g_assert_false (rapport_client_list_get_partial (f->list));
  assert_one_change (f, 128, 0, 1005 - 128);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1005);

  /* A search that finds many: the rows past its first ones go, then the
   * rest come; the rows it shows first are those of the whole search. */
  rapport_client_list_set_search (f->list, "ma");
  wait_until_loaded (f);
  g_assert_cmpuint (f->changes->len, ==, 2);
  first = &g_array_index (f->changes, Change, 0);
  second = &g_array_index (f->changes, Change, 1);
  g_assert_cmpuint (first->position, ==, 128);
  g_assert_cmpuint (first->removed, ==, 1005 - 128);
  g_assert_cmpuint (first->added, ==, 0);
  g_assert_cmpuint (second->position, ==, 128);
  g_assert_cmpuint (second->removed, ==, 0);
  g_assert_cmpuint (second->added, ==, 1000 - 128);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1000);
  {
    g_autofree char *name = name_at (f, 127);
    g_assert_cmpstr (name, ==, "Many0127");
  }
  assert_as_searched (f);
}

/* The first rows of a search whose matches are more than it collects first
 * (the start of a name word, a phone number's digits), as the list's worker
 * finds them: they are those of the whole search, and the rest come after
 * them. */
static void
test_first_rows_many_matches (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const texts[] = { "z", "903 555", "+7 903 555", "y", NULL };
  g_autoptr(GError) error = NULL;

  if (rapport_test_skip_bulk ())
    return;

  rapport_client_repository_set_phone_region (f->store->clients, "RU", &error);
  g_assert_no_error (error);
  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 300 + 8300; i++)
    {
      /* Names in an order other than the ids'; every tenth of the first by
       * name matches through its organization and phone alone, as many
       * through their notes. */
      g_autofree char *given = g_strdup_printf (i < 300 ? "Anna%04u" : "Zoe%04u", (i * 7919) % 8600);
      g_autofree char *phone = g_strdup_printf (i < 300 ? "8 903 555-%04u" : "+7 903 555-%04u", i);
      g_autoptr(RapportClient) client = rapport_client_new ();

      rapport_client_set_given_name (client, given);
      rapport_client_set_family_name (client, i < 300 ? "Brown" : "Young");
      if (i < 300 && i % 10 == 0)
        {
          rapport_client_set_organization (client, "Zenith Ltd");
          rapport_client_add_phone (client, NULL, phone);
        }
      else if (i >= 300)
        rapport_client_add_phone (client, NULL, phone);
      if (i < 300 && i % 10 == 5)
        rapport_client_set_notes (client, "Gate code 903555");
      rapport_client_repository_save (f->store->clients, client, &error);
      g_assert_no_error (error);
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));
  wait_until_loaded (f);

  for (guint t = 0; texts[t] != NULL; t++)
    {
      g_autoptr(RapportClientRepository) fresh = rapport_client_repository_new (f->store->db);
      g_autoptr(GArray) all = rapport_client_repository_search (fresh, texts[t], RAPPORT_CLIENT_SORT_NAME,
                                                               FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, >, 128);
      rapport_client_list_set_search (f->list, texts[t]);
      while (!rapport_client_list_get_partial (f->list))
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < 128; i++)
        {
          g_autoptr(RapportClientSlot) slot = g_list_model_get_item (G_LIST_MODEL (f->list), i);

          if (rapport_client_get_id (rapport_client_slot_get_client (slot)) != g_array_index (all, gint64, i))
            g_error ("“%s”: row %u is not that of the whole search", texts[t], i);
        }
      wait_until_loaded (f);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, all->len);
    }
}

static void
test_lazy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  if (rapport_test_skip_bulk ())
    return;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *given = g_strdup_printf ("Many%05u", i);
      g_object_unref (rapport_test_add_client (f->store, given, "Test", NULL, NULL));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));
  wait_until_loaded (f);

  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, ==, 5005);
  /* Nothing is loaded until asked for, then a page. */
  g_assert_cmpuint (rapport_client_list_get_n_cached (f->list), ==, 0);
  {
    g_autofree char *name = name_at (f, 2500);
    g_assert_cmpstr (name, ==, "Many02495");
  }
  g_assert_cmpuint (rapport_client_list_get_n_cached (f->list), >, 0);
  g_assert_cmpuint (rapport_client_list_get_n_cached (f->list), <=, 64);

  /* Walking the whole list keeps only a few pages. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportClientSlot) slot = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      g_assert_nonnull (rapport_client_slot_get_client (slot));
    }
  g_assert_cmpuint (rapport_client_list_get_n_cached (f->list), <, n / 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/client-list/initial", test_initial);
  ADD ("/rapport/client-list/search-emits-once", test_search_emits_once);
  ADD ("/rapport/client-list/sort", test_sort);
  ADD ("/rapport/client-list/follows-changes", test_follows_changes);
  ADD ("/rapport/client-list/placed-without-reload", test_placed_without_reload);
  ADD ("/rapport/client-list/own-saves-not-read-again", test_own_saves_not_read_again);
  ADD ("/rapport/client-list/many-rows-added-at-end", test_many_rows_added_at_end);
  ADD ("/rapport/client-list/bulk/lazy", test_lazy);
  ADD ("/rapport/client-list/bulk/first-rows-many-matches", test_first_rows_many_matches);
#undef ADD

  return g_test_run ();
}
