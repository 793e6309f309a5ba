/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-error.h"
#include "rapport-test-utils.h"

static void
test_staff (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("staff.db");
  g_autoptr(RapportStaff) zoe = rapport_staff_new ("Zoë", "Stylist");
  g_autoptr(RapportStaff) adam = rapport_staff_new (" Adam ", "Manager");
  g_autoptr(RapportStaff) blank = rapport_staff_new ("  ", "");
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint staff_signals = 0;

  rapport_test_count_changes (store->db, RAPPORT_KIND_STAFF, &staff_signals);

  g_assert_true (rapport_staff_repository_save (store->staff, zoe, &error));
  g_assert_true (rapport_staff_repository_save (store->staff, adam, &error));
  g_assert_cmpstr (rapport_staff_get_name (adam), ==, "Adam");
  g_assert_false (rapport_staff_repository_save (store->staff, blank, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  rapport_staff_set_active (zoe, FALSE);
  g_assert_true (rapport_staff_repository_save (store->staff, zoe, &error));
  g_assert_cmpuint (staff_signals, ==, 3);

  active = rapport_staff_repository_list (store->staff, FALSE, &error);
  all = rapport_staff_repository_list (store->staff, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (active, 0)), ==, "Adam");
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_false (rapport_staff_get_active (g_ptr_array_index (all, 1)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/staff-repository/save-and-list", test_staff);

  return g_test_run ();
}
