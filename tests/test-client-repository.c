/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-client-repository-private.h"
#include "rapport-database-private.h"
#include "rapport-text.h"
#include "rapport-test-utils.h"

static void
test_clients_crud (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("crud.db");
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(RapportClient) loaded = NULL;
  g_autoptr(RapportAddress) address = rapport_address_new ();
  g_autoptr(RapportAddress) empty_address = rapport_address_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "VIP", " wholesale ", "vip", "", NULL };
  RapportContactPoint *point;
  gint64 id;

  rapport_client_set_given_name (client, "  Małgorzata ");
  rapport_client_set_family_name (client, "Wiśniewska");
  rapport_client_set_organization (client, "Kwiaciarnia Róża");
  rapport_client_set_notes (client, "Prefers mornings.");
  rapport_client_set_birthday (client, "1984-05-17");
  rapport_client_add_phone (client, "mobile", " +48 601 234 567 ");
  rapport_client_add_phone (client, "work", "");
  rapport_client_add_phone (client, "home", "22 123 45 67");
  rapport_client_add_email (client, "work", "Gosia@Example.PL");
  g_free (address->street);
  address->street = g_strdup ("ul. Długa 5");
  g_free (address->locality);
  address->locality = g_strdup ("Gdańsk");
  rapport_client_add_address (client, address);
  rapport_client_add_address (client, empty_address);
  rapport_client_set_tags (client, tags);

  g_assert_true (rapport_client_repository_save (store->clients, client, &error));
  g_assert_no_error (error);
  id = rapport_client_get_id (client);
  g_assert_cmpint (id, >, 0);

  loaded = rapport_client_repository_get (store->clients, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_display_name (loaded), ==, "Małgorzata Wiśniewska");
  g_assert_cmpstr (rapport_client_get_given_name (loaded), ==, "Małgorzata");
  g_assert_cmpstr (rapport_client_get_organization (loaded), ==, "Kwiaciarnia Róża");
  g_assert_cmpstr (rapport_client_get_birthday (loaded), ==, "1984-05-17");
  g_assert_cmpuint (rapport_client_get_phones (loaded)->len, ==, 2);
  point = g_ptr_array_index (rapport_client_get_phones (loaded), 0);
  g_assert_cmpstr (point->value, ==, "+48 601 234 567");
  g_assert_cmpstr (point->label, ==, "mobile");
  g_assert_cmpstr (rapport_client_get_main_email (loaded), ==, "Gosia@Example.PL");
  g_assert_cmpuint (rapport_client_get_addresses (loaded)->len, ==, 1);
  g_assert_cmpstrv (rapport_client_get_tags (loaded), ((const char *[]) { "VIP", "wholesale", NULL }));
  g_assert_cmpint (rapport_client_get_created_at (loaded), >, 0);
  g_assert_false (rapport_client_get_archived (loaded));

  /* Change it: the lists are replaced, not appended to. */
  rapport_client_set_family_name (loaded, "Nowak");
  rapport_client_set_display_name (loaded, "");
  g_ptr_array_remove_index (rapport_client_get_phones (loaded), 0);
  rapport_client_set_tags (loaded, (const char *[]) { "regular", NULL });
  g_assert_true (rapport_client_repository_save (store->clients, loaded, &error));
  g_clear_object (&loaded);

  loaded = rapport_client_repository_get (store->clients, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_display_name (loaded), ==, "Małgorzata Nowak");
  g_assert_cmpuint (rapport_client_get_phones (loaded)->len, ==, 1);
  g_assert_cmpstr (rapport_client_get_main_phone (loaded), ==, "22 123 45 67");
  g_assert_cmpstrv (rapport_client_get_tags (loaded), ((const char *[]) { "regular", NULL }));

  /* A company is named by its organization. */
  {
    g_autoptr(RapportClient) company = rapport_client_new ();

    rapport_client_set_kind (company, RAPPORT_CLIENT_COMPANY);
    rapport_client_set_organization (company, "ООО «Ромашка»");
    rapport_client_set_given_name (company, "Ivan");
    g_assert_true (rapport_client_repository_save (store->clients, company, &error));
    g_assert_cmpstr (rapport_client_get_display_name (company), ==, "ООО «Ромашка»");
  }
}

static void
assert_save_refused (RapportTestStore  *store,
                     RapportClient *client,
                     const char    *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = rapport_test_search (store, NULL);
  g_autoptr(GArray) after = NULL;

  g_assert_false (rapport_client_repository_save (store->clients, client, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_cmpint (rapport_client_get_id (client), ==, 0);

  after = rapport_test_search (store, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
}

static void
test_clients_validation (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("validation.db");
  g_autoptr(RapportClient) nameless = rapport_client_new ();
  g_autoptr(RapportClient) bad_email = rapport_client_new ();
  g_autoptr(RapportClient) bad_phone = rapport_client_new ();
  g_autoptr(RapportClient) bad_birthday = rapport_client_new ();
  g_autoptr(RapportClient) bad_owner = rapport_client_new ();

  rapport_client_add_phone (nameless, "mobile", "+1 555 0100");
  rapport_client_set_given_name (nameless, "   ");
  assert_save_refused (store, nameless, "name");

  rapport_client_set_given_name (bad_email, "Bob");
  rapport_client_add_email (bad_email, "home", "bob@example.com");
  rapport_client_add_email (bad_email, "work", "bob@");
  assert_save_refused (store, bad_email, "E-mail 2");

  rapport_client_set_given_name (bad_phone, "Bob");
  rapport_client_add_phone (bad_phone, "mobile", "call me maybe");
  assert_save_refused (store, bad_phone, "Phone 1");

  rapport_client_set_given_name (bad_birthday, "Bob");
  rapport_client_set_birthday (bad_birthday, "1990-02-30");
  assert_save_refused (store, bad_birthday, "Birthday");

  rapport_client_set_given_name (bad_owner, "Bob");
  rapport_client_set_owner_id (bad_owner, 4242);
  assert_save_refused (store, bad_owner, "Owner");
}

static void
test_clients_remove_and_restore (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("remove.db");
  g_autoptr(RapportClient) fresh = rapport_test_add_client (store, "Ann", "Fresh", "+1 415 555 0100", "ann@example.com");
  g_autoptr(RapportClient) regular = rapport_test_add_client (store, "Reg", "Ular", NULL, NULL);
  g_autoptr(RapportClient) snapshot = NULL;
  g_autoptr(RapportClient) back = NULL;
  g_autoptr(RapportInteraction) call = rapport_interaction_new (rapport_client_get_id (regular),
                                                                RAPPORT_INTERACTION_CALL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  RapportRemoval removal;

  /* No history: deleted, and back under the same id. */
  snapshot = rapport_client_repository_get (store->clients, rapport_client_get_id (fresh), &error);
  g_assert_true (rapport_client_repository_remove (store->clients, rapport_client_get_id (fresh), &removal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_DELETED);
  g_assert_null (rapport_client_repository_get (store->clients, rapport_client_get_id (fresh), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ids = rapport_test_search (store, "555 0100");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_assert_true (rapport_client_repository_restore (store->clients, snapshot, &error));
  g_assert_no_error (error);
  back = rapport_client_repository_get (store->clients, rapport_client_get_id (fresh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_main_email (back), ==, "ann@example.com");
  g_assert_cmpint (rapport_client_get_created_at (back), ==, rapport_client_get_created_at (snapshot));
  ids = rapport_test_search (store, "555 0100");
  g_assert_true (rapport_test_ids_contain (ids, rapport_client_get_id (fresh)));
  g_clear_pointer (&ids, g_array_unref);

  /* With history: archived, hidden from the list, history kept. */
  rapport_interaction_set_summary (call, "Asked about prices");
  g_assert_true (rapport_interaction_repository_add (store->interactions, call, &error));
  g_assert_true (rapport_client_repository_remove (store->clients, rapport_client_get_id (regular), &removal, &error));
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_ARCHIVED);
  ids = rapport_test_search (store, NULL);
  g_assert_false (rapport_test_ids_contain (ids, rapport_client_get_id (regular)));
  g_clear_pointer (&ids, g_array_unref);
  {
    g_autoptr(GPtrArray) history = rapport_interaction_repository_list (store->interactions, rapport_client_get_id (regular),
                                                                    NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 1);
  }

  /* Undo of the archive. */
  g_assert_true (rapport_client_repository_set_archived (store->clients, rapport_client_get_id (regular), FALSE, &error));
  ids = rapport_test_search (store, NULL);
  g_assert_true (rapport_test_ids_contain (ids, rapport_client_get_id (regular)));

  g_assert_false (rapport_client_repository_remove (store->clients, 999999, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
}

static void
test_clients_find_by_phone (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("phones.db");
  g_autoptr(RapportClient) ivan = rapport_test_add_client (store, "Иван", "Петров", "+7 (916) 123-45-67", NULL);
  g_autoptr(RapportClient) other = rapport_test_add_client (store, "Olga", "Other", "+7 (916) 123-45-68", NULL);
  const char *ways[] = { "89161234567", "916 123 4567", "+7 916 123 45 67", "8 (916) 123-45-67" };
  g_autoptr(GError) error = NULL;

  rapport_client_repository_set_phone_region (store->clients, "RU", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autoptr(GPtrArray) found = rapport_client_repository_find_by_phone (store->clients, ways[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (found, 0)), ==,
                       rapport_client_get_id (ivan));
    }

  {
    g_autoptr(GPtrArray) except = rapport_client_repository_find_by_phone (store->clients, ways[0],
                                                                       rapport_client_get_id (ivan), &error);
    g_autoptr(GPtrArray) none = rapport_client_repository_find_by_phone (store->clients, "12", 0, &error);

    g_assert_cmpuint (except->len, ==, 0);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_clients_find_by_email (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("emails.db");
  g_autoptr(RapportClient) ann = rapport_test_add_client (store, "Ann", "Lee", NULL, "Ann.Lee@Example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = rapport_client_repository_find_by_email (store->clients, " ann.lee@example.COM ", 0, &error);
  g_autoptr(GPtrArray) missing = rapport_client_repository_find_by_email (store->clients, "ann@example.com", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (found, 0)), ==, rapport_client_get_id (ann));
  g_assert_cmpuint (missing->len, ==, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The search indexes hold what the rules say they hold for the client as
 * it is now, or nothing when it is gone. */
static void
assert_indexed (RapportTestStore *store,
                gint64            id)
{
  const char *path = rapport_database_get_path (store->db);
  g_autofree char *body_sql = g_strdup_printf ("SELECT body FROM client_search WHERE rowid ="
                                               " (SELECT search_pos FROM clients WHERE id = %" G_GINT64_FORMAT ")", id);
  g_autofree char *words_sql = g_strdup_printf ("SELECT group_concat(word, ' ') FROM"
                                                " (SELECT word FROM client_words WHERE client_id = %" G_GINT64_FORMAT
                                                "  ORDER BY word)", id);
  g_autofree char *body = rapport_test_query_text (path, body_sql);
  g_autofree char *words = rapport_test_query_text (path, words_sql);
  g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, id, NULL);
  g_autofree char *expected_body = NULL;
  g_autoptr(GPtrArray) expected_words = NULL;
  g_autofree char *joined = NULL;

  if (client == NULL)
    {
      g_assert_null (body);
      g_assert_null (words);
      return;
    }

  expected_body = rapport_client_dup_search_text (client);
  expected_words = rapport_client_dup_name_words (client);
  g_ptr_array_sort (expected_words, compare_strings);
  g_ptr_array_add (expected_words, NULL);
  joined = g_strjoinv (" ", (char **) expected_words->pdata);
  g_assert_cmpstr (body, ==, expected_body);
  g_assert_cmpstr (words, ==, joined);
}

/* Every public path that writes a client keeps the index in step. */
static void
test_index_in_step (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("index.db");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Zoë", "Ångström", "+46 8 123 456 78", "zoe@example.se");
  g_autoptr(RapportClient) snapshot = NULL;
  g_autoptr(RapportInteraction) note = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = rapport_client_get_id (client);
  RapportRemoval removal;

  assert_indexed (store, id);

  rapport_client_set_family_name (client, "Berg");
  rapport_client_set_display_name (client, "");
  g_ptr_array_set_size (rapport_client_get_phones (client), 0);
  rapport_client_add_phone (client, "work", "+46 31 765 43 21");
  rapport_client_set_notes (client, "Knows the owner");
  g_assert_true (rapport_client_repository_save (store->clients, client, &error));
  assert_indexed (store, id);

  g_assert_true (rapport_client_repository_set_archived (store->clients, id, TRUE, &error));
  assert_indexed (store, id);
  g_assert_true (rapport_client_repository_set_archived (store->clients, id, FALSE, &error));
  assert_indexed (store, id);

  snapshot = rapport_client_repository_get (store->clients, id, &error);
  g_assert_true (rapport_client_repository_remove (store->clients, id, &removal, &error));
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_DELETED);
  assert_indexed (store, id);
  g_assert_true (rapport_client_repository_restore (store->clients, snapshot, &error));
  assert_indexed (store, id);

  /* History does not change what is searched. */
  note = rapport_interaction_new (id, RAPPORT_INTERACTION_NOTE);
  rapport_interaction_set_summary (note, "Unrelated words");
  g_assert_true (rapport_interaction_repository_add (store->interactions, note, &error));
  assert_indexed (store, id);
  g_assert_no_error (error);
}

/* Ids are whatever the file holds: negative, zero, huge. Nothing indexes
 * memory by them; they list, search and load like any other. */
static void
test_odd_ids (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("odd-ids.db");
  const char *path = rapport_database_get_path (store->db);
  /* Positions in the name order as odd, before the first a save gives. */
  static const struct { gint64 id; gint64 position; const char *name; } odd[] = {
    { G_MININT64, G_MININT64, "Aaron Minimum" },
    { -7, -7, "Berta Negative" },
    { 0, -3, "Cyril Zero" },
    { G_GINT64_CONSTANT (4611686018427387904), -2, "Dora Huge" },
    { G_MAXINT64, 0, "Emil Maximum" },
  };
  g_autoptr(RapportClient) normal = rapport_test_add_client (store, "Fiona", "Normal", NULL, NULL);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *folded = g_utf8_strdown (odd[i].name, -1);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO clients (id, kind, display_name, created_at,"
                                              " updated_at, sort_key, search_pos) VALUES (%" G_GINT64_FORMAT
                                              ", 'person', '%s', 0, 0, '%s', %" G_GINT64_FORMAT ");"
                                              "INSERT INTO client_search (rowid, body) VALUES (%"
                                              G_GINT64_FORMAT ", '%s');",
                                              odd[i].id, odd[i].name, folded, odd[i].position,
                                              odd[i].position, folded);
      rapport_test_run_sql (path, sql);
    }

  all = rapport_test_search (store, NULL);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (odd) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    g_assert_cmpint (g_array_index (all, gint64, i), ==, odd[i].id);
  g_assert_cmpint (g_array_index (all, gint64, G_N_ELEMENTS (odd)), ==, rapport_client_get_id (normal));

  found = rapport_test_search (store, "huge");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, odd[3].id);

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, odd[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rapport_client_get_display_name (client), ==, odd[i].name);
    }

  {
    g_autoptr(GPtrArray) rows = rapport_client_repository_load (store->clients, (gint64 *) all->data,
                                                                all->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, all->len);
    for (guint i = 0; i < rows->len; i++)
      g_assert_nonnull (g_ptr_array_index (rows, i));
  }

  g_assert_true (rapport_client_repository_remove (store->clients, -7, NULL, &error));
  g_assert_no_error (error);
}

/* A read that fails is a failure, also for a caller that passes no error,
 * and its message is for a person: no SQL, no table names. */
static void
test_read_failure (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("read-failure.db");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Half", "Read", "+1 202 555 0101", NULL);
  gint64 id = rapport_client_get_id (client);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) loaded = NULL;

  /* Another program breaks the file behind Rapport's back. */
  rapport_test_run_sql (rapport_database_get_path (store->db), "DROP TABLE client_addresses");

  g_assert_null (rapport_client_repository_get (store->clients, id, NULL));
  loaded = rapport_client_repository_get (store->clients, id, &error);
  g_assert_null (loaded);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "read-failure.db"));
  g_assert_null (strstr (error->message, "client_addresses"));
  g_assert_null (strstr (error->message, "no such table"));
}

/* A rule of the file that the checks did not catch is told in words for
 * a person, never as SQLite's text. */
static void
test_constraint_message (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("constraint.db");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Only", "Once", NULL, NULL);
  g_autoptr(RapportClient) twin = NULL;
  g_autoptr(GError) error = NULL;

  twin = rapport_client_repository_get (store->clients, rapport_client_get_id (client), &error);
  g_assert_false (rapport_client_repository_restore (store->clients, twin, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_assert_null (strstr (error->message, "UNIQUE"));
  g_assert_null (strstr (error->message, "constraint failed"));
}

/* Dates that the old checks let through reach the person as a message
 * about the field, not as a refusal from the file. */
static void
test_strict_dates (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("dates.db");
  const char *bad[] = { " 2024-03-1", "2024-+3-01", "2024-03-01 ", "2024-3-01", "24-03-01",
                        "2024-02-30", "0000-01-01", "２０２４-03-01" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RapportClient) client = rapport_client_new ();
      g_autoptr(GError) error = NULL;

      rapport_client_set_given_name (client, "Dated");
      rapport_client_set_birthday (client, bad[i]);
      g_assert_false (rapport_client_repository_save (store->clients, client, &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Birthday"));
    }
}

/* The bulk path: all or nothing, the one at fault named, the ids given or
 * taken back; a step of the caller's batch when one is open. */
static void
test_add_many (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("add-many.db");
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  RapportClient *bad;

  for (guint i = 0; i < 5; i++)
    {
      RapportClient *client = rapport_client_new ();
      g_autofree char *given = g_strdup_printf ("Bulk%u", i);

      rapport_client_set_given_name (client, given);
      rapport_client_add_phone (client, "mobile", "+44 20 7946 0000");
      g_ptr_array_add (clients, client);
    }

  /* The fourth is wrong: nothing is written, and the message says which. */
  bad = g_ptr_array_index (clients, 3);
  rapport_client_add_email (bad, "work", "bob@");
  g_assert_false (rapport_client_repository_add_many (store->clients, clients, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_nonnull (strstr (error->message, "Bulk3"));
  g_assert_nonnull (strstr (error->message, "E-mail"));
  g_clear_error (&error);
  for (guint i = 0; i < clients->len; i++)
    g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (clients, i)), ==, 0);
  found = rapport_test_search (store, "bulk");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  /* The file refuses the third while it is written: what was written
   * before it is taken back. */
  g_ptr_array_remove_index (clients, 3);
  g_assert_true (_rapport_sqlite_exec (_rapport_database_get_connection (store->db),
                                       "CREATE TEMP TRIGGER refuse_bulk2 BEFORE INSERT ON clients"
                                       " WHEN NEW.given_name = 'Bulk2'"
                                       " BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                       &error));
  g_assert_false (rapport_client_repository_add_many (store->clients, clients, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Bulk2"));
  g_clear_error (&error);
  for (guint i = 0; i < clients->len; i++)
    g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (clients, i)), ==, 0);
  found = rapport_test_search (store, "bulk");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  g_assert_true (_rapport_sqlite_exec (_rapport_database_get_connection (store->db),
                                       "DROP TRIGGER temp.refuse_bulk2", &error));

  /* Put right, inside a batch of the caller's: all four, found by name
   * and phone, each with its id. */
  g_assert_true (rapport_database_begin_batch (store->db, &error));
  g_assert_true (rapport_client_repository_add_many (store->clients, clients, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_database_end_batch (store->db, &error));
  for (guint i = 0; i < clients->len; i++)
    g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (clients, i)), >, 0);
  found = rapport_test_search (store, "bulk");
  g_assert_cmpuint (found->len, ==, 4);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "7946");
  g_assert_cmpuint (found->len, ==, 4);
}

/* Reads one text (or NULL) from @sql with ?1 = @id. */
static char *
dup_text_of (RapportTestStore *store,
             const char       *sql,
             gint64            id)
{
  RapportSqlite *db = _rapport_database_get_connection (store->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  _rapport_stmt_bind_int (stmt, 1, id);
  g_assert_true (_rapport_sqlite_step (db, stmt, &has_row, &error));
  return has_row ? _rapport_stmt_dup_text (stmt, 0) : NULL;
}

/* What the file holds of a client — its search index, phone keys and
 * name order — is what the rules make of the client, as a save writes
 * it. */
static void
assert_indexed_as_saved (RapportTestStore *store,
                         gint64            id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, id, &error);
  g_autoptr(GString) expected_keys = g_string_new (NULL);
  g_autofree char *expected_sort = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *sort_key = NULL;
  GPtrArray *phones;

  g_assert_no_error (error);
  assert_indexed (store, id);

  phones = rapport_client_get_phones (client);
  for (guint i = 0; i < phones->len; i++)
    {
      g_autofree char *key = rapport_phone_match_key (((RapportContactPoint *) g_ptr_array_index (phones, i))->value, "");

      g_string_append_printf (expected_keys, "%s%s", i ? " " : "", key ? key : "");
    }
  keys = dup_text_of (store, "SELECT group_concat (match_key, ' ') FROM"
                             " (SELECT match_key FROM client_phones WHERE client_id = ?1 ORDER BY position)", id);
  g_assert_cmpstr (keys ? keys : "", ==, expected_keys->str);

  expected_sort = rapport_client_dup_sort_key (client);
  sort_key = dup_text_of (store, "SELECT sort_key FROM clients WHERE id = ?1", id);
  g_assert_cmpstr (sort_key, ==, expected_sort);
}

/* Many clients at once, with all they own: each is written as a save
 * writes it (its rows, keys and search index), the search index stays
 * whole, and a file whose ids reach the top still takes them. */
static void
test_add_many_whole (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("add-many-whole.db");
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  RapportSqlite *db = _rapport_database_get_connection (store->db);
  const char *tags[] = { "VIP", "Wholesale", NULL };
  const char *other_tags[] = { "vip", "Ąkcja", NULL };
  g_autofree char *n_tags = NULL;
  gboolean room = FALSE;
  gint64 base = 0;
  guint n = 300;

  for (guint i = 0; i < n; i++)
    {
      RapportClient *client = rapport_client_new ();
      g_autofree char *given = g_strdup_printf ("Zofia%u", i);
      g_autofree char *phone = g_strdup_printf ("+48 601 %03u %03u", i, n - i);
      g_autofree char *email = g_strdup_printf ("Zofia.%u@Example.PL", i);
      g_autoptr(RapportAddress) address = rapport_address_new ();

      rapport_client_set_given_name (client, given);
      rapport_client_set_family_name (client, i % 2 ? "Dąbrowska" : "Ковальська");
      rapport_client_set_notes (client, i % 3 ? "" : "Prefers mornings.");
      rapport_client_add_phone (client, "mobile", phone);
      if (i % 4 == 0)
        rapport_client_add_phone (client, "home", "22 123 45 67");
      rapport_client_add_email (client, "work", email);
      g_free (address->locality);
      address->locality = g_strdup (i % 2 ? "Gdańsk" : "Київ");
      rapport_client_add_address (client, address);
      rapport_client_set_tags (client, i % 2 ? tags : other_tags);
      g_ptr_array_add (clients, client);
    }
  /* the set path itself, not the one-at-a-time path add_many() falls back on */
  for (guint i = 0; i < n; i++)
    g_assert_true (rapport_client_tidy (g_ptr_array_index (clients, i), &error));
  g_assert_true (_rapport_client_repository_bulk_base (store->clients, n, &base, &room, &error));
  g_assert_true (room);
  g_assert_true (_rapport_database_begin (store->db, &error));
  g_assert_true (_rapport_client_repository_insert_set (store->clients, clients, base, 1700000000, &error));
  g_assert_no_error (error);
  g_assert_true (_rapport_database_commit (store->db, &error));

  /* ids in the order given */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (clients, i)), ==,
                     rapport_client_get_id (g_ptr_array_index (clients, i - 1)) + 1);
  for (guint i = 0; i < n; i += 37)
    {
      RapportClient *given = g_ptr_array_index (clients, i);
      g_autoptr(RapportClient) loaded = rapport_client_repository_get (store->clients,
                                                                       rapport_client_get_id (given), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rapport_client_get_display_name (loaded), ==, rapport_client_get_display_name (given));
      g_assert_cmpuint (rapport_client_get_phones (loaded)->len, ==, i % 4 == 0 ? 2 : 1);
      g_assert_cmpstr (((RapportContactPoint *) g_ptr_array_index (rapport_client_get_phones (loaded), 0))->value,
                       ==, ((RapportContactPoint *) g_ptr_array_index (rapport_client_get_phones (given), 0))->value);
      g_assert_cmpuint (rapport_client_get_emails (loaded)->len, ==, 1);
      g_assert_cmpuint (rapport_client_get_addresses (loaded)->len, ==, 1);
      /* one tag whatever its case, spelt as it first came */
      g_assert_cmpstr (rapport_client_get_tags (loaded)[0], ==, "vip");
      g_assert_cmpstr (rapport_client_get_tags (loaded)[1], ==, rapport_client_get_tags (given)[1]);
      assert_indexed_as_saved (store, rapport_client_get_id (given));
    }
  /* one tag for “VIP” and “vip” */
  n_tags = dup_text_of (store, "SELECT count(*) FROM tags WHERE ?1 = ?1", 0);
  g_assert_cmpstr (n_tags, ==, "3");

  found = rapport_test_search (store, "zofia15");
  g_assert_cmpuint (found->len, ==, 11);  /* 15, 150–159 */
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "601 007");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = rapport_test_search (store, "ко");  /* two letters: the words' prefix */
  g_assert_cmpuint (found->len, ==, n / 2);
  g_clear_pointer (&found, g_array_unref);

  /* ids at the top of the range: SQLite picks them, one at a time */
  g_assert_true (_rapport_sqlite_exec (db, "INSERT INTO clients (id, kind, display_name, created_at, updated_at,"
                                           " sort_key) VALUES (9223372036854775806, 'person', 'Top', 0, 0, 'top')",
                                       &error));
  for (guint i = 0; i < 3; i++)
    {
      RapportClient *client = rapport_client_new ();
      g_autofree char *given = g_strdup_printf ("Highest%u", i);

      rapport_client_set_given_name (client, given);
      g_ptr_array_add (more, client);
    }
  g_assert_true (rapport_client_repository_add_many (store->clients, more, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < more->len; i++)
    assert_indexed_as_saved (store, rapport_client_get_id (g_ptr_array_index (more, i)));
  found = rapport_test_search (store, "highest");
  g_assert_cmpuint (found->len, ==, 3);

  g_assert_true (_rapport_sqlite_exec (db, "INSERT INTO client_search (client_search) VALUES ('integrity-check')",
                                       &error));
  g_assert_true (rapport_database_check (store->db, TRUE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/client-repository/crud", test_clients_crud);
  g_test_add_func ("/rapport/client-repository/validation", test_clients_validation);
  g_test_add_func ("/rapport/client-repository/strict-dates", test_strict_dates);
  g_test_add_func ("/rapport/client-repository/remove-and-restore", test_clients_remove_and_restore);
  g_test_add_func ("/rapport/client-repository/find-by-phone", test_clients_find_by_phone);
  g_test_add_func ("/rapport/client-repository/find-by-email", test_clients_find_by_email);
  g_test_add_func ("/rapport/client-repository/index-in-step", test_index_in_step);
  g_test_add_func ("/rapport/client-repository/odd-ids", test_odd_ids);
  g_test_add_func ("/rapport/client-repository/read-failure", test_read_failure);
  g_test_add_func ("/rapport/client-repository/constraint-message", test_constraint_message);
  g_test_add_func ("/rapport/client-repository/add-many", test_add_many);
  g_test_add_func ("/rapport/client-repository/add-many-whole", test_add_many_whole);

  return g_test_run ();
}
