/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rapport-gui-test-utils.h"
#include "rapport-preferences-window.h"
#include "rapport-staff-row.h"

typedef struct
{
  RapportContext *context;
  RapportStore   *store;
  GtkWidget      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("preferences.db");
  f->store = rapport_context_get_store (f->context);
  f->window = rapport_preferences_window_new (f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
  g_clear_object (&f->context);
}

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  return rapport_gui_test_child (f->window, RAPPORT_TYPE_PREFERENCES_WINDOW, id);
}

static GPtrArray *
staff (Fixture  *f,
       gboolean  include_inactive)
{
  return rapport_store_list_staff (f->store, include_inactive, NULL);
}

static GtkWidget *
staff_row (Fixture    *f,
           const char *name)
{
  GtkWidget *row = rapport_gui_test_find (child (f, "staff_group"), RAPPORT_TYPE_STAFF_ROW, name);

  g_assert_nonnull (row);
  return row;
}

static void
add (Fixture    *f,
     const char *name,
     const char *role)
{
  rapport_gui_test_type (child (f, "new_name_row"), name);
  rapport_gui_test_type (child (f, "new_role_row"), role);
  rapport_gui_test_click (child (f, "add_button"));
  rapport_gui_test_wait (20);
}

static void
test_add_rename_deactivate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) active = NULL;
  GtkWidget *row, *name, *toggle;

  /* A blank name cannot be added. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "add_button")));
  rapport_gui_test_type (child (f, "new_name_row"), "   ");
  g_assert_false (gtk_widget_get_sensitive (child (f, "add_button")));

  add (f, "Anna Kowalska", "Manager");
  add (f, "Reza Karimi", "Sales");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "new_name_row"))), ==, "");
  all = staff (f, TRUE);
  g_assert_cmpuint (all->len, ==, 2);

  /* Renamed in place, applied when confirmed. */
  row = staff_row (f, "Reza Karimi");
  name = rapport_gui_test_find (row, ADW_TYPE_ENTRY_ROW, "Name");
  rapport_gui_test_type (name, "Reza Karimi-Tehrani");
  g_signal_emit_by_name (name, "apply");
  rapport_gui_test_wait (20);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = staff (f, TRUE);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (all, 1)), ==, "Reza Karimi-Tehrani");
  g_assert_nonnull (staff_row (f, "Reza Karimi-Tehrani"));

  /* Someone who leaves is switched off, and kept. */
  toggle = rapport_gui_test_find (staff_row (f, "Anna Kowalska"), GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  rapport_gui_test_wait (20);
  active = staff (f, FALSE);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (active, 0)), ==, "Reza Karimi-Tehrani");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = staff (f, TRUE);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_blank_rename_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *name;

  add (f, "Zoë", "Stylist");
  name = rapport_gui_test_find (staff_row (f, "Zoë"), ADW_TYPE_ENTRY_ROW, "Name");
  rapport_gui_test_type (name, "  ");
  g_signal_emit_by_name (name, "apply");
  rapport_gui_test_wait (20);

  /* The store refused; the name is as it was. */
  all = staff (f, TRUE);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (all, 0)), ==, "Zoë");
}

static void
test_follows_the_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportStaff) outside = rapport_staff_new ("Added Elsewhere", "");

  g_assert_true (rapport_store_save_staff (f->store, outside, NULL));
  rapport_gui_test_wait (20);
  g_assert_nonnull (staff_row (f, "Added Elsewhere"));
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/preferences/add-rename-deactivate", test_add_rename_deactivate);
  ADD ("/rapport/preferences/blank-rename-refused", test_blank_rename_refused);
  ADD ("/rapport/preferences/follows-the-store", test_follows_the_store);
#undef ADD

  return g_test_run ();
}
