/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-error.h"
#include "rapport-store.h"
#include "rapport-test-utils.h"

/* Opening must fail with @code, name the file, and leave it as it was. */
static void
assert_open_refused (const char *path,
                     RapportError code)
{
  g_autofree char *before = rapport_test_dup_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, basename));

  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static char *
make_rapport_database (const char *name)
{
  g_autofree char *path = rapport_test_dup_path (name);
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);
  g_autoptr(RapportClient) client = NULL;

  g_assert_nonnull (store);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *given = g_strdup_printf ("Client%u", i);
      g_clear_object (&client);
      client = rapport_test_add_client (store, given, "Example", "+44 20 7946 0958", NULL);
    }
  g_clear_object (&store);

  /* Fold the write-ahead log into the file, as a clean shutdown does. */
  rapport_test_run_sql (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  return g_steal_pointer (&path);
}

static void
test_open_creates (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new", "folder", "r.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  gboolean has_clients = TRUE;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (rapport_store_get_schema_version (store), ==,
                    rapport_store_get_latest_schema_version ());
  g_assert_true (rapport_store_has_clients (store, &has_clients, &error));
  g_assert_false (has_clients);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_open_reopens (void)
{
  g_autofree char *path = rapport_test_dup_path ("reopen.db");
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Anna", "Nowak", NULL, NULL);
  g_autoptr(RapportClient) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  loaded = rapport_store_get_client (store, rapport_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_display_name (loaded), ==, "Anna Nowak");
}

static void
test_open_too_new (void)
{
  g_autofree char *path = make_rapport_database ("newer.db");

  rapport_test_run_sql (path, "PRAGMA user_version = 999");
  assert_open_refused (path, RAPPORT_ERROR_TOO_NEW);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *path = rapport_test_dup_path ("notes.db");
  g_autofree char *text = g_strnfill (4096, 'x');

  g_file_set_contents (path, text, -1, NULL);
  assert_open_refused (path, RAPPORT_ERROR_NOT_DATABASE);
}

static void
test_open_corrupt (void)
{
  g_autofree char *path = make_rapport_database ("corrupt.db");
  g_autofree char *contents = NULL;
  gsize length;

  /* Scribble over the schema's page, past the file header. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 900);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_open_refused (path, RAPPORT_ERROR_CORRUPT);
}

static void
test_open_truncated (void)
{
  g_autofree char *path = make_rapport_database ("truncated.db");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  assert_open_refused (path, RAPPORT_ERROR_CORRUPT);
}

static void
test_open_foreign (void)
{
  g_autofree char *path = rapport_test_dup_path ("other-app.db");
  g_autofree char *path2 = rapport_test_dup_path ("other-app-id.db");

  rapport_test_run_sql (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                              "INSERT INTO notes (text) VALUES ('keep me');");
  assert_open_refused (path, RAPPORT_ERROR_FOREIGN);

  rapport_test_run_sql (path2, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
  assert_open_refused (path2, RAPPORT_ERROR_FOREIGN);
}

static void
test_open_locked (void)
{
  g_autofree char *path = make_rapport_database ("locked.db");
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "hold-lock", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, helper, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  assert_open_refused (path, RAPPORT_ERROR_BUSY);

  /* Once the other program lets go, the same file opens. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait_check (holder, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RapportStore) store = rapport_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
}

static void
test_open_directory (void)
{
  g_autofree char *path = rapport_test_dup_path ("a-folder.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-folder.db"));
}

static void
test_open_read_only (void)
{
  g_autofree char *path = make_rapport_database ("read-only.db");

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to any file");
      return;
    }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  assert_open_refused (path, RAPPORT_ERROR_READ_ONLY);
}

static void
test_clients_crud (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("crud.db");
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

  g_assert_true (rapport_store_save_client (store, client, &error));
  g_assert_no_error (error);
  id = rapport_client_get_id (client);
  g_assert_cmpint (id, >, 0);

  loaded = rapport_store_get_client (store, id, &error);
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
  g_assert_true (rapport_store_save_client (store, loaded, &error));
  g_clear_object (&loaded);

  loaded = rapport_store_get_client (store, id, &error);
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
    g_assert_true (rapport_store_save_client (store, company, &error));
    g_assert_cmpstr (rapport_client_get_display_name (company), ==, "ООО «Ромашка»");
  }
}

static void
assert_save_refused (RapportStore  *store,
                     RapportClient *client,
                     const char    *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = rapport_test_search (store, NULL);
  g_autoptr(GArray) after = NULL;

  g_assert_false (rapport_store_save_client (store, client, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_cmpint (rapport_client_get_id (client), ==, 0);

  after = rapport_test_search (store, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
}

static void
test_clients_validation (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("validation.db");
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
  g_autoptr(RapportStore) store = rapport_test_open_store ("remove.db");
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
  snapshot = rapport_store_get_client (store, rapport_client_get_id (fresh), &error);
  g_assert_true (rapport_store_remove_client (store, rapport_client_get_id (fresh), &removal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_DELETED);
  g_assert_null (rapport_store_get_client (store, rapport_client_get_id (fresh), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ids = rapport_test_search (store, "555 0100");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_assert_true (rapport_store_restore_client (store, snapshot, &error));
  g_assert_no_error (error);
  back = rapport_store_get_client (store, rapport_client_get_id (fresh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_main_email (back), ==, "ann@example.com");
  g_assert_cmpint (rapport_client_get_created_at (back), ==, rapport_client_get_created_at (snapshot));
  ids = rapport_test_search (store, "555 0100");
  g_assert_true (rapport_test_ids_contain (ids, rapport_client_get_id (fresh)));
  g_clear_pointer (&ids, g_array_unref);

  /* With history: archived, hidden from the list, history kept. */
  rapport_interaction_set_summary (call, "Asked about prices");
  g_assert_true (rapport_store_add_interaction (store, call, &error));
  g_assert_true (rapport_store_remove_client (store, rapport_client_get_id (regular), &removal, &error));
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_ARCHIVED);
  ids = rapport_test_search (store, NULL);
  g_assert_false (rapport_test_ids_contain (ids, rapport_client_get_id (regular)));
  g_clear_pointer (&ids, g_array_unref);
  {
    g_autoptr(GPtrArray) history = rapport_store_list_interactions (store, rapport_client_get_id (regular),
                                                                    NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 1);
  }

  /* Undo of the archive. */
  g_assert_true (rapport_store_set_client_archived (store, rapport_client_get_id (regular), FALSE, &error));
  ids = rapport_test_search (store, NULL);
  g_assert_true (rapport_test_ids_contain (ids, rapport_client_get_id (regular)));

  g_assert_false (rapport_store_remove_client (store, 999999, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
}

static void
test_clients_find_by_phone (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("phones.db");
  g_autoptr(RapportClient) ivan = rapport_test_add_client (store, "Иван", "Петров", "+7 (916) 123-45-67", NULL);
  g_autoptr(RapportClient) other = rapport_test_add_client (store, "Olga", "Other", "+7 (916) 123-45-68", NULL);
  const char *ways[] = { "89161234567", "916 123 4567", "+7 916 123 45 67", "8 (916) 123-45-67" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autoptr(GPtrArray) found = rapport_store_find_clients_by_phone (store, ways[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (found, 0)), ==,
                       rapport_client_get_id (ivan));
    }

  {
    g_autoptr(GPtrArray) except = rapport_store_find_clients_by_phone (store, ways[0],
                                                                       rapport_client_get_id (ivan), &error);
    g_autoptr(GPtrArray) none = rapport_store_find_clients_by_phone (store, "12", 0, &error);

    g_assert_cmpuint (except->len, ==, 0);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_clients_find_by_email (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("emails.db");
  g_autoptr(RapportClient) ann = rapport_test_add_client (store, "Ann", "Lee", NULL, "Ann.Lee@Example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = rapport_store_find_clients_by_email (store, " ann.lee@example.COM ", 0, &error);
  g_autoptr(GPtrArray) missing = rapport_store_find_clients_by_email (store, "ann@example.com", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (found, 0)), ==, rapport_client_get_id (ann));
  g_assert_cmpuint (missing->len, ==, 0);
}

static void
count_staff_signal (RapportStore *store,
                    guint        *counter)
{
  (*counter)++;
}

static void
test_staff (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("staff.db");
  g_autoptr(RapportStaff) zoe = rapport_staff_new ("Zoë", "Stylist");
  g_autoptr(RapportStaff) adam = rapport_staff_new (" Adam ", "Manager");
  g_autoptr(RapportStaff) blank = rapport_staff_new ("  ", "");
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint staff_signals = 0;

  g_signal_connect (store, "staff-changed", G_CALLBACK (count_staff_signal), &staff_signals);

  g_assert_true (rapport_store_save_staff (store, zoe, &error));
  g_assert_true (rapport_store_save_staff (store, adam, &error));
  g_assert_cmpstr (rapport_staff_get_name (adam), ==, "Adam");
  g_assert_false (rapport_store_save_staff (store, blank, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  rapport_staff_set_active (zoe, FALSE);
  g_assert_true (rapport_store_save_staff (store, zoe, &error));
  g_assert_cmpuint (staff_signals, ==, 3);

  active = rapport_store_list_staff (store, FALSE, &error);
  all = rapport_store_list_staff (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (active, 0)), ==, "Adam");
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_false (rapport_staff_get_active (g_ptr_array_index (all, 1)));
}

static RapportInteraction *
add_interaction (RapportStore           *store,
                 gint64                  client_id,
                 RapportInteractionKind  kind,
                 gint64                  when,
                 const char             *summary)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (client_id, kind);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, when);
  rapport_interaction_set_summary (interaction, summary);
  g_assert_true (rapport_store_add_interaction (store, interaction, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&interaction);
}

static gint64
last_contact_of (RapportStore *store,
                 gint64        id)
{
  g_autoptr(RapportClient) client = rapport_store_get_client (store, id, NULL);

  return rapport_client_get_last_contact_at (client);
}

static void
test_interactions (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("interactions.db");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Lea", "Weber", NULL, NULL);
  g_autoptr(RapportStaff) staff = rapport_staff_new ("Uwe", "Sales");
  gint64 id = rapport_client_get_id (client);
  g_autoptr(RapportInteraction) old_call = NULL, visit = NULL, note = NULL;
  g_autoptr(GPtrArray) page1 = NULL, page2 = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (rapport_store_save_staff (store, staff, &error));
  g_assert_cmpint (last_contact_of (store, id), ==, 0);

  old_call = add_interaction (store, id, RAPPORT_INTERACTION_CALL, 1700000000, "First call");
  visit = add_interaction (store, id, RAPPORT_INTERACTION_VISIT, 1700500000, "Visit");
  note = add_interaction (store, id, RAPPORT_INTERACTION_NOTE, 1710000000, "A note is not contact");
  g_assert_cmpint (last_contact_of (store, id), ==, 1700500000);

  /* Newest first, paged from the last one shown. */
  page1 = rapport_store_list_interactions (store, id, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->len, ==, 2);
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page1, 0)), ==, "A note is not contact");
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page1, 1)), ==, "Visit");
  page2 = rapport_store_list_interactions (store, id, g_ptr_array_index (page1, 1), 2, &error);
  g_assert_cmpuint (page2->len, ==, 1);
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page2, 0)), ==, "First call");

  g_assert_true (rapport_store_count_interactions (store, id, &count, &error));
  g_assert_cmpuint (count, ==, 3);

  /* Deleting the newest contact moves last contact back. */
  g_assert_true (rapport_store_delete_interaction (store, rapport_interaction_get_id (visit), &error));
  g_assert_cmpint (last_contact_of (store, id), ==, 1700000000);
  g_assert_false (rapport_store_delete_interaction (store, rapport_interaction_get_id (visit), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* With a staff member, direction and a follow-up. */
  {
    g_autoptr(RapportInteraction) call = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
    g_autoptr(GPtrArray) newest = NULL;
    RapportInteraction *loaded;

    rapport_interaction_set_direction (call, RAPPORT_DIRECTION_INBOUND);
    rapport_interaction_set_staff_id (call, rapport_staff_get_id (staff));
    rapport_interaction_set_text (call, "  Wants a quote for 3 chairs  ");
    rapport_interaction_set_follow_up_on (call, "2030-01-15");
    g_assert_true (rapport_store_add_interaction (store, call, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_interaction_get_occurred_at (call), >, 1700000000);

    newest = rapport_store_list_interactions (store, id, NULL, 1, &error);
    loaded = g_ptr_array_index (newest, 0);
    g_assert_cmpint (rapport_interaction_get_direction (loaded), ==, RAPPORT_DIRECTION_INBOUND);
    g_assert_cmpstr (rapport_interaction_get_staff_name (loaded), ==, "Uwe");
    g_assert_cmpstr (rapport_interaction_get_text (loaded), ==, "Wants a quote for 3 chairs");
    g_assert_cmpstr (rapport_interaction_get_follow_up_on (loaded), ==, "2030-01-15");
  }

  /* What cannot be saved. */
  {
    g_autoptr(RapportInteraction) empty = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
    g_autoptr(RapportInteraction) bad_date = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
    g_autoptr(RapportInteraction) orphan = rapport_interaction_new (987654, RAPPORT_INTERACTION_CALL);

    g_assert_false (rapport_store_add_interaction (store, empty, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);

    rapport_interaction_set_summary (bad_date, "x");
    rapport_interaction_set_follow_up_on (bad_date, "15.01.2030");
    g_assert_false (rapport_store_add_interaction (store, bad_date, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Follow-up"));
    g_clear_error (&error);

    rapport_interaction_set_summary (orphan, "x");
    g_assert_false (rapport_store_add_interaction (store, orphan, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  }
}

static void
count_signal (RapportStore *store,
              gint64        id,
              guint        *counter)
{
  (*counter)++;
}

static void
test_batch (void)
{
  g_autoptr(RapportStore) store = rapport_test_open_store ("batch.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint signals = 0;

  g_signal_connect (store, "clients-changed", G_CALLBACK (count_signal), &signals);

  g_assert_true (rapport_store_begin_batch (store, &error));
  for (guint i = 0; i < 10; i++)
    g_object_unref (rapport_test_add_client (store, "Batch", "Client", NULL, NULL));
  g_assert_cmpuint (signals, ==, 0);
  g_assert_true (rapport_store_end_batch (store, &error));
  g_assert_cmpuint (signals, ==, 1);

  /* A cancelled batch leaves nothing. */
  g_assert_true (rapport_store_begin_batch (store, &error));
  g_object_unref (rapport_test_add_client (store, "Never", "Saved", NULL, NULL));
  rapport_store_cancel_batch (store);
  ids = rapport_test_search (store, NULL);
  g_assert_cmpuint (ids->len, ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/store/open/creates", test_open_creates);
  g_test_add_func ("/rapport/store/open/reopens", test_open_reopens);
  g_test_add_func ("/rapport/store/open/too-new", test_open_too_new);
  g_test_add_func ("/rapport/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/rapport/store/open/corrupt", test_open_corrupt);
  g_test_add_func ("/rapport/store/open/truncated", test_open_truncated);
  g_test_add_func ("/rapport/store/open/foreign", test_open_foreign);
  g_test_add_func ("/rapport/store/open/locked", test_open_locked);
  g_test_add_func ("/rapport/store/open/directory", test_open_directory);
  g_test_add_func ("/rapport/store/open/read-only", test_open_read_only);
  g_test_add_func ("/rapport/store/clients/crud", test_clients_crud);
  g_test_add_func ("/rapport/store/clients/validation", test_clients_validation);
  g_test_add_func ("/rapport/store/clients/remove-and-restore", test_clients_remove_and_restore);
  g_test_add_func ("/rapport/store/clients/find-by-phone", test_clients_find_by_phone);
  g_test_add_func ("/rapport/store/clients/find-by-email", test_clients_find_by_email);
  g_test_add_func ("/rapport/store/staff", test_staff);
  g_test_add_func ("/rapport/store/interactions", test_interactions);
  g_test_add_func ("/rapport/store/batch", test_batch);

  return g_test_run ();
}
