/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-error.h"
#include "rapport-test-utils.h"

static RapportInteraction *
add_interaction (RapportTestStore           *store,
                 gint64                  client_id,
                 RapportInteractionKind  kind,
                 gint64                  when,
                 const char             *summary)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (client_id, kind);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, when);
  rapport_interaction_set_summary (interaction, summary);
  g_assert_true (rapport_interaction_repository_add (store->interactions, interaction, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&interaction);
}

static gint64
last_contact_of (RapportTestStore *store,
                 gint64        id)
{
  g_autoptr(RapportClient) client = rapport_client_repository_get (store->clients, id, NULL);

  return rapport_client_get_last_contact_at (client);
}

static void
test_interactions (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("interactions.db");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Lea", "Weber", NULL, NULL);
  g_autoptr(RapportStaff) staff = rapport_staff_new ("Uwe", "Sales");
  gint64 id = rapport_client_get_id (client);
  g_autoptr(RapportInteraction) old_call = NULL, visit = NULL, note = NULL;
  g_autoptr(GPtrArray) page1 = NULL, page2 = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (rapport_staff_repository_save (store->staff, staff, &error));
  g_assert_cmpint (last_contact_of (store, id), ==, 0);

  old_call = add_interaction (store, id, RAPPORT_INTERACTION_CALL, 1700000000, "First call");
  visit = add_interaction (store, id, RAPPORT_INTERACTION_VISIT, 1700500000, "Visit");
  note = add_interaction (store, id, RAPPORT_INTERACTION_NOTE, 1710000000, "A note is not contact");
  g_assert_cmpint (last_contact_of (store, id), ==, 1700500000);

  /* Newest first, paged from the last one shown. */
  page1 = rapport_interaction_repository_list (store->interactions, id, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->len, ==, 2);
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page1, 0)), ==, "A note is not contact");
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page1, 1)), ==, "Visit");
  page2 = rapport_interaction_repository_list (store->interactions, id, g_ptr_array_index (page1, 1), 2, &error);
  g_assert_cmpuint (page2->len, ==, 1);
  g_assert_cmpstr (rapport_interaction_get_summary (g_ptr_array_index (page2, 0)), ==, "First call");

  g_assert_true (rapport_interaction_repository_count (store->interactions, id, &count, &error));
  g_assert_cmpuint (count, ==, 3);

  /* Deleting the newest contact moves last contact back. */
  g_assert_true (rapport_interaction_repository_delete (store->interactions, rapport_interaction_get_id (visit), &error));
  g_assert_cmpint (last_contact_of (store, id), ==, 1700000000);
  g_assert_false (rapport_interaction_repository_delete (store->interactions, rapport_interaction_get_id (visit), &error));
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
    g_assert_true (rapport_interaction_repository_add (store->interactions, call, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_interaction_get_occurred_at (call), >, 1700000000);

    newest = rapport_interaction_repository_list (store->interactions, id, NULL, 1, &error);
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

    g_assert_false (rapport_interaction_repository_add (store->interactions, empty, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);

    rapport_interaction_set_summary (bad_date, "x");
    rapport_interaction_set_follow_up_on (bad_date, "15.01.2030");
    g_assert_false (rapport_interaction_repository_add (store->interactions, bad_date, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Follow-up"));
    g_clear_error (&error);

    rapport_interaction_set_summary (orphan, "x");
    g_assert_false (rapport_interaction_repository_add (store->interactions, orphan, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/interaction-repository/add-list-delete", test_interactions);

  return g_test_run ();
}
