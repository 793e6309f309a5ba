/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-gui-test-utils.h"
#include "rapport-test-utils.h"
#include "rapport-preferences-window.h"
#include "rapport-staff-row.h"

typedef struct
{
  RapportContext *context;
  RapportTestStore   *store;
  GtkWidget      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("preferences.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
}

static void
open_window (Fixture *f)
{
  f->window = rapport_preferences_window_new (f->context);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
  g_assert_null (f->window);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->context);
}

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  return rapport_gui_test_child (f->window, RAPPORT_TYPE_PREFERENCES_WINDOW, id);
}

static GtkWidget *
row_child (GtkWidget  *row,
           const char *id)
{
  return rapport_gui_test_child (row, RAPPORT_TYPE_STAFF_ROW, id);
}

static GPtrArray *
list_staff (Fixture  *f,
            gboolean  include_inactive)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *staff = rapport_staff_repository_list (f->store->staff, include_inactive, &error);

  g_assert_no_error (error);
  return staff;
}

static RapportStaff *
stored (Fixture    *f,
        const char *name)
{
  g_autoptr(GPtrArray) staff = list_staff (f, TRUE);

  for (guint i = 0; i < staff->len; i++)
    if (g_str_equal (rapport_staff_get_name (g_ptr_array_index (staff, i)), name))
      return g_object_ref (g_ptr_array_index (staff, i));
  return NULL;
}

static GtkWidget *
staff_row (Fixture    *f,
           const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "staff_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (RAPPORT_IS_STAFF_ROW (row)
        && g_str_equal (rapport_staff_get_name (rapport_staff_row_get_staff (RAPPORT_STAFF_ROW (row))), name))
      return row;
  return NULL;
}

static guint
count_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "staff_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += RAPPORT_IS_STAFF_ROW (row);
  return n;
}

/* What a label shows, markup or not. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root)
      && g_str_equal (gtk_label_get_text (GTK_LABEL (root)), text))
    return TRUE;

  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    if (shows_text (widget, text))
      return TRUE;
  return FALSE;
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
switch_is_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

/* Enter, as typed in the entry of @row. */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = rapport_gui_test_find (row, GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  /* What Enter does in a GtkText. */
  g_signal_emit_by_name (text, "activate");
  rapport_gui_test_iterate ();
}

static void
add_through_form (Fixture    *f,
                  const char *name,
                  const char *role)
{
  rapport_gui_test_type (child (f, "new_name_row"), name);
  rapport_gui_test_type (child (f, "new_role_row"), role);
  rapport_gui_test_click (child (f, "add_button"));
}

static char *
core_message_for_blank_name (Fixture *f)
{
  g_autoptr(RapportStaff) blank = rapport_staff_new ("  ", "");
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_staff_repository_save (f->store->staff, blank, &error));
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RapportStaff) anna = NULL;
  g_autoptr(RapportStaff) reza = NULL;
  GtkWidget *row, *focus;

  open_window (f);
  g_assert_cmpuint (count_rows (f), ==, 0);

  add_through_form (f, "Reza Karimi", "Sales");
  reza = stored (f, "Reza Karimi");
  g_assert_nonnull (reza);
  g_assert_cmpstr (rapport_staff_get_role (reza), ==, "Sales");
  g_assert_true (rapport_staff_get_active (reza));

  /* The form is ready for the next one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "new_name_row"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "new_role_row"))), ==, "");
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, child (f, "new_name_row")));

  /* Enter in the role adds too; the role may be left out. */
  rapport_gui_test_type (child (f, "new_name_row"), "  Anna Kowalska ");
  press_enter (child (f, "new_name_row"));
  anna = stored (f, "Anna Kowalska");
  g_assert_nonnull (anna);
  g_assert_cmpstr (rapport_staff_get_role (anna), ==, "");

  /* Listed by name, with their role. */
  g_assert_cmpuint (count_rows (f), ==, 2);
  row = staff_row (f, "Reza Karimi");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Sales");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row_child (row, "active_switch"))));
  g_assert_true (RAPPORT_STAFF_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "staff_list")), 0))
                 == RAPPORT_STAFF_ROW (staff_row (f, "Anna Kowalska")));
}

static void
test_blank_name_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *message = core_message_for_blank_name (f);
  GtkWidget *add_error;
  g_autoptr(GPtrArray) staff = NULL;

  open_window (f);
  add_error = child (f, "add_error");
  g_assert_false (gtk_widget_get_visible (add_error));

  add_through_form (f, "   ", "Sales");
  g_assert_true (gtk_widget_get_visible (add_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (add_error)), ==, message);
  g_assert_true (gtk_widget_has_css_class (child (f, "new_name_row"), "error"));
  staff = list_staff (f, TRUE);
  g_assert_cmpuint (staff->len, ==, 0);
  g_assert_cmpuint (count_rows (f), ==, 0);
  /* What was typed stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "new_role_row"))), ==, "Sales");

  /* Typing a name puts the message away; then it is added. */
  rapport_gui_test_type (child (f, "new_name_row"), "Zoë");
  g_assert_false (gtk_widget_get_visible (add_error));
  g_assert_false (gtk_widget_has_css_class (child (f, "new_name_row"), "error"));
  rapport_gui_test_click (child (f, "add_button"));
  g_assert_cmpuint (count_rows (f), ==, 1);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportStaff) renamed = NULL;
  g_autoptr(RapportStaff) old = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *row, *name_row, *role_row;
  GtkListBox *list;

  open_window (f);
  list = GTK_LIST_BOX (child (f, "staff_list"));
  add_through_form (f, "Anna Kowalska", "Owner");
  add_through_form (f, "Zed Miller", "Apprentice");
  g_assert_true (RAPPORT_STAFF_ROW (gtk_list_box_get_row_at_index (list, 1)) == RAPPORT_STAFF_ROW (staff_row (f, "Zed Miller")));

  row = staff_row (f, "Zed Miller");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  name_row = row_child (row, "name_row");
  role_row = row_child (row, "role_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Zed Miller");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (role_row)), ==, "Apprentice");

  rapport_gui_test_type (name_row, "Aaron Miller");
  press_enter (name_row);
  renamed = stored (f, "Aaron Miller");
  g_assert_nonnull (renamed);
  old = stored (f, "Zed Miller");
  g_assert_null (old);
  all = list_staff (f, TRUE);
  g_assert_cmpuint (all->len, ==, 2);

  /* The same row, renamed, now first by name. */
  g_assert_true (staff_row (f, "Aaron Miller") == row);
  g_assert_true (RAPPORT_STAFF_ROW (gtk_list_box_get_row_at_index (list, 0)) == RAPPORT_STAFF_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* The role, the same way. */
  rapport_gui_test_type (role_row, "Stylist");
  press_enter (role_row);
  g_clear_object (&renamed);
  renamed = stored (f, "Aaron Miller");
  g_assert_cmpstr (rapport_staff_get_role (renamed), ==, "Stylist");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Stylist");
}

static void
test_blank_rename_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *message = core_message_for_blank_name (f);
  g_autoptr(RapportStaff) still = NULL;
  GtkWidget *row, *name_row, *error_row;

  open_window (f);
  add_through_form (f, "Zoë", "Stylist");
  row = staff_row (f, "Zoë");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  name_row = row_child (row, "name_row");
  error_row = row_child (row, "error_row");
  g_assert_false (gtk_widget_get_visible (error_row));

  rapport_gui_test_type (name_row, "  ");
  press_enter (name_row);

  /* The store refused and said why; nothing changed. */
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "error_label"))), ==, message);
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  still = stored (f, "Zoë");
  g_assert_nonnull (still);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Zoë");

  /* Correcting it puts the message away. */
  rapport_gui_test_type (name_row, "Zoë Martin");
  g_assert_false (gtk_widget_get_visible (error_row));
  press_enter (name_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Zoë Martin");
}

static void
test_deactivate (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) again = NULL;
  GtkWidget *row, *toggle;

  open_window (f);
  add_through_form (f, "Anna Kowalska", "Manager");
  add_through_form (f, "Reza Karimi", "Sales");

  /* Switched off, as a person does it. */
  row = staff_row (f, "Anna Kowalska");
  toggle = row_child (row, "active_switch");
  gtk_widget_activate (toggle);
  /* The switch slides over before it is off; the save ends after. */
  g_assert_true (rapport_gui_test_wait_for (switch_is_off, toggle, 2000));
  rapport_gui_test_iterate ();

  active = list_staff (f, FALSE);
  g_assert_cmpuint (active->len, ==, 1);
  g_assert_cmpstr (rapport_staff_get_name (g_ptr_array_index (active, 0)), ==, "Reza Karimi");
  all = list_staff (f, TRUE);
  g_assert_cmpuint (all->len, ==, 2);

  /* Still listed here, marked as gone. */
  g_assert_true (staff_row (f, "Anna Kowalska") == row);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "no longer works here"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Manager"));

  /* And back. */
  gtk_widget_activate (toggle);
  g_assert_true (rapport_gui_test_wait_for (switch_is_on, toggle, 2000));
  rapport_gui_test_iterate ();
  again = list_staff (f, FALSE);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Manager");
}

static void
test_follows_the_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportStaff) outside = rapport_staff_new ("Added Elsewhere", "Driver");
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *name_row;

  open_window (f);
  rapport_staff_repository_save (f->store->staff, outside, &error);
  g_assert_no_error (error);
  rapport_gui_test_iterate ();
  row = staff_row (f, "Added Elsewhere");
  g_assert_nonnull (row);

  /* Changed elsewhere: the same row shows it. */
  rapport_staff_set_name (outside, "Renamed Elsewhere");
  rapport_staff_set_active (outside, FALSE);
  rapport_staff_repository_save (f->store->staff, outside, &error);
  g_assert_no_error (error);
  rapport_gui_test_iterate ();
  g_assert_true (staff_row (f, "Renamed Elsewhere") == row);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row_child (row, "active_switch"))));
  name_row = row_child (row, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Renamed Elsewhere");

  /* But what a person is typing there is left alone. */
  rapport_gui_test_type (name_row, "Half-typed");
  rapport_staff_set_role (outside, "Courier");
  rapport_staff_repository_save (f->store->staff, outside, &error);
  g_assert_no_error (error);
  rapport_gui_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Half-typed");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "role_row"))), ==, "Courier");
}

/* Names are shown as typed, not read as markup. */
static void
test_names_as_typed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RapportStaff) odd = rapport_staff_new ("Smith & <Sons>", "R&D");
  GtkWidget *row;

  g_assert_true (rapport_staff_repository_save (f->store->staff, odd, NULL));
  open_window (f);
  row = staff_row (f, "Smith & <Sons>");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, "Smith & <Sons>"));
  g_assert_true (shows_text (row, "R&D"));
}

/* The business's country is chosen by its name, and becomes the country
 * the file's phone numbers are matched in. */
static void
test_phone_country (Fixture       *f,
                    gconstpointer  data)
{
  GSettings *settings = rapport_context_get_settings (f->context);
  AdwComboRow *row;
  GListModel *names;
  guint russia = G_MAXUINT;
  g_autofree char *region = NULL;

  open_window (f);
  row = ADW_COMBO_ROW (child (f, "country_row"));
  names = adw_combo_row_get_model (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Russia") != NULL)
      russia = i;
  g_assert_cmpuint (russia, !=, G_MAXUINT);

  adw_combo_row_set_selected (row, russia);
  g_assert_cmpstr (g_settings_get_string (settings, "phone-country"), ==, "RU");
  g_assert_true (rapport_gui_test_apply_phone_region (f->context));
  region = rapport_client_repository_dup_phone_region (f->store->clients, NULL);
  g_assert_cmpstr (region, ==, "RU");

  /* Opened again, it shows what was chosen. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
  open_window (f);
  row = ADW_COMBO_ROW (child (f, "country_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, russia);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/rapport/preferences/" path, Fixture, NULL, \
                                    fixture_set_up, func, fixture_tear_down)
  ADD ("add", test_add);
  ADD ("blank-name-refused", test_blank_name_refused);
  ADD ("rename", test_rename);
  ADD ("blank-rename-refused", test_blank_rename_refused);
  ADD ("deactivate", test_deactivate);
  ADD ("follows-the-store", test_follows_the_store);
  ADD ("names-as-typed", test_names_as_typed);
  ADD ("phone-country", test_phone_country);
#undef ADD

  return g_test_run ();
}
