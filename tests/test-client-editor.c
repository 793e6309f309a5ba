/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-address-row.h"
#include "rapport-client-editor.h"
#include "rapport-contact-point-row.h"
#include "rapport-date-row.h"
#include "rapport-gui-test-utils.h"
#include "rapport-test-utils.h"

/* The editor checks and looks values up this long after typing stops. */
#define CHECK_DELAY_MS 250

typedef struct
{
  RapportContext *context;
  RapportTestStore   *store;
  GtkWidget      *editor;
  RapportClient  *saved;
  guint           n_saved;
  gint64          opened;
  guint           n_opened;
} Fixture;

static void
on_saved (GtkWidget     *editor,
          RapportClient *client,
          Fixture       *f)
{
  g_set_object (&f->saved, client);
  f->n_saved++;
}

static void
on_open_client (GtkWidget *editor,
                gint64     id,
                Fixture   *f)
{
  f->opened = id;
  f->n_opened++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("editor.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  rapport_gui_test_iterate ();
  g_assert_null (f->editor);
  g_clear_object (&f->saved);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->context);
}

static void
open_editor (Fixture       *f,
             RapportClient *client)
{
  f->editor = rapport_client_editor_new (f->context, client);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (on_saved), f);
  g_signal_connect (f->editor, "open-client", G_CALLBACK (on_open_client), f);
  gtk_window_present (GTK_WINDOW (f->editor));
  rapport_gui_test_iterate ();
}

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  return rapport_gui_test_child (f->editor, RAPPORT_TYPE_CLIENT_EDITOR, id);
}

static guint
n_children_of_type (GtkWidget *root,
                    GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += n_children_of_type (c, type);
  return n;
}

/* The @index-th phone or e-mail row of a group, in the order shown. */
static GtkWidget *
point_row (Fixture    *f,
           const char *group,
           guint       index)
{
  GtkWidget *row = rapport_gui_test_find (child (f, group), RAPPORT_TYPE_CONTACT_POINT_ROW, NULL);

  for (guint i = 0; i < index && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_true (RAPPORT_IS_CONTACT_POINT_ROW (row));
  return row;
}

static guint
n_point_rows (Fixture    *f,
              const char *group)
{
  return n_children_of_type (child (f, group), RAPPORT_TYPE_CONTACT_POINT_ROW);
}

/* Whether the value of a phone or e-mail row is marked as wrong. */
static gboolean
row_marked (GtkWidget *row)
{
  return gtk_widget_has_css_class (rapport_gui_test_find (row, GTK_TYPE_ENTRY, NULL), "error");
}

/* The words under a phone or e-mail row, if they are shown. */
static const char *
row_message (GtkWidget *row)
{
  GtkWidget *label = rapport_gui_test_child (row, RAPPORT_TYPE_CONTACT_POINT_ROW, "message_label");

  return gtk_widget_get_mapped (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
choose_kind (GtkWidget  *row,
             const char *shown)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (rapport_gui_test_find (row, GTK_TYPE_DROP_DOWN, NULL));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  gtk_drop_down_set_selected (dropdown, rapport_gui_test_string_index (model, shown));
}

static gboolean
save_enabled (Fixture *f)
{
  return gtk_widget_get_sensitive (child (f, "save_button"));
}

static gboolean
duplicate_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "duplicate_revealer")));
}

/* Presses a key the way the window's own key bindings see it. */
static void
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcut) shortcut = rapport_gui_test_find_shortcut (f->editor, keyval, modifiers);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE, f->editor,
                                               gtk_shortcut_get_arguments (shortcut)));
  rapport_gui_test_iterate ();
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
pause_typing (void)
{
  rapport_gui_test_wait (CHECK_DELAY_MS + 150);
}

static gint64
add_client (Fixture    *f,
            const char *given,
            const char *family,
            const char *phone,
            const char *email)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (f->store, given, family, phone, email);

  return rapport_client_get_id (client);
}

static gint64
add_staff (Fixture    *f,
           const char *name,
           gboolean    active)
{
  g_autoptr(RapportStaff) staff = rapport_staff_new (name, "");
  g_autoptr(GError) error = NULL;

  rapport_staff_repository_save (f->store->staff, staff, &error);
  g_assert_no_error (error);
  if (!active)
    {
      rapport_staff_set_active (staff, FALSE);
      rapport_staff_repository_save (f->store->staff, staff, &error);
      g_assert_no_error (error);
    }
  return rapport_staff_get_id (staff);
}

static guint
n_clients (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_client_repository_search (f->store->clients, "", RAPPORT_CLIENT_SORT_NAME, TRUE, &error);

  g_assert_no_error (error);
  /* No list is no count that any test expects. */
  return ids != NULL ? ids->len : G_MAXUINT;
}

static void
choose_owner (Fixture    *f,
              const char *shown)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "owner_row"));
  GListModel *model = adw_combo_row_get_model (row);

  adw_combo_row_set_selected (row, rapport_gui_test_string_index (model, shown));
}

static const char *
owner_shown (Fixture *f)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "owner_row"));

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

/* Every button a person can reach says what it does, in a tooltip as well
 * as in its label or accessible name; the buttons inside drop-downs and
 * menu buttons belong to those, which say it for them. */
static guint
check_buttons_explained (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget))
    {
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
      return 1;
    }
  if (GTK_IS_BUTTON (widget))
    {
      if (gtk_widget_get_tooltip_text (widget) == NULL)
        g_error ("A button labelled “%s” has no tooltip", gtk_button_get_label (GTK_BUTTON (widget)));
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += check_buttons_explained (c);
  return n;
}

/* Opens ready to type: the title, the first field focused, nothing
 * scolded, nothing to save yet, every icon button explained. */
static void
test_opens_ready (Fixture       *f,
                  gconstpointer  data)
{
  int width, height;

  open_editor (f, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->editor)), ==, "New Client");
  gtk_window_get_default_size (GTK_WINDOW (f->editor), &width, &height);
  g_assert_cmpint (width, >=, 500);
  g_assert_cmpint (height, >=, 600);
  g_assert_true (has_focus_within (child (f, "given_row")));
  g_assert_false (save_enabled (f));
  g_assert_false (gtk_widget_get_visible (child (f, "name_error")));
  g_assert_false (duplicate_shown (f));

  /* Room for a phone and an e-mail, empty and not in error. */
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 1);
  g_assert_cmpuint (n_point_rows (f, "emails_group"), ==, 1);
  g_assert_null (row_message (point_row (f, "phones_group", 0)));

  /* The Add buttons and each row's Remove button are known by name. */
  g_assert_nonnull (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Add a Phone"));
  g_assert_nonnull (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Add an E-mail"));
  g_assert_nonnull (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Add an Address"));
  g_assert_nonnull (rapport_gui_test_find (point_row (f, "phones_group", 0), GTK_TYPE_BUTTON, "Remove This Phone"));
  g_assert_nonnull (rapport_gui_test_find (point_row (f, "emails_group", 0), GTK_TYPE_BUTTON, "Remove This E-mail"));
  g_assert_cmpuint (check_buttons_explained (f->editor), >=, 12);
}

/* A client made through the dialog as a person would, saved with Ctrl+S. */
static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportClient) stored = NULL;
  gint64 anna = add_staff (f, "Anna Kowalska", TRUE);
  RapportContactPoint *point;
  RapportAddress *address;
  GtkWidget *phone, *email, *address_row;

  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Zofia");
  rapport_gui_test_type (child (f, "family_row"), "Wiśniewska");
  g_assert_true (save_enabled (f));

  phone = point_row (f, "phones_group", 0);
  rapport_gui_test_type (phone, " +48 601 234 567 ");
  choose_kind (phone, "Work");
  email = point_row (f, "emails_group", 0);
  rapport_gui_test_type (email, "zofia@example.pl");

  /* A second phone, left empty: dropped, not refused. */
  rapport_gui_test_click (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Add a Phone"));
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 2);
  g_assert_true (has_focus_within (point_row (f, "phones_group", 1)));

  rapport_gui_test_click (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Add an Address"));
  address_row = rapport_gui_test_find (child (f, "addresses_group"), RAPPORT_TYPE_ADDRESS_ROW, NULL);
  g_assert_nonnull (address_row);
  rapport_gui_test_type (rapport_gui_test_find (address_row, ADW_TYPE_ENTRY_ROW, "Street and Number"), "ul. Kwiatowa 5");
  rapport_gui_test_type (rapport_gui_test_find (address_row, ADW_TYPE_ENTRY_ROW, "Town or City"), "Kraków");
  rapport_gui_test_type (rapport_gui_test_find (address_row, ADW_TYPE_ENTRY_ROW, "Postal Code"), "30-001");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rapport_gui_test_find (address_row, ADW_TYPE_COMBO_ROW, "Used For")), 2);

  rapport_gui_test_type (child (f, "tags_row"), "VIP, regular, vip");
  rapport_gui_test_type (child (f, "birthday_row"), "1990-04-12");
  choose_owner (f, "Anna Kowalska");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "notes_view"))),
                            "Prefers mornings", -1);
  pause_typing ();
  g_assert_true (save_enabled (f));
  g_assert_false (duplicate_shown (f));

  press_key (f, GDK_KEY_s, GDK_CONTROL_MASK);

  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_null (f->editor);
  g_assert_cmpint (rapport_client_get_id (f->saved), >, 0);
  stored = rapport_client_repository_get (f->store->clients, rapport_client_get_id (f->saved), NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (rapport_client_get_kind (stored), ==, RAPPORT_CLIENT_PERSON);
  g_assert_cmpstr (rapport_client_get_display_name (stored), ==, "Zofia Wiśniewska");
  g_assert_cmpuint (rapport_client_get_phones (stored)->len, ==, 1);
  point = g_ptr_array_index (rapport_client_get_phones (stored), 0);
  g_assert_cmpstr (point->value, ==, "+48 601 234 567");
  g_assert_cmpstr (point->label, ==, "work");
  point = g_ptr_array_index (rapport_client_get_emails (stored), 0);
  g_assert_cmpstr (point->value, ==, "zofia@example.pl");
  g_assert_cmpstr (point->label, ==, "home");
  g_assert_cmpuint (rapport_client_get_addresses (stored)->len, ==, 1);
  address = g_ptr_array_index (rapport_client_get_addresses (stored), 0);
  g_assert_cmpstr (address->street, ==, "ul. Kwiatowa 5");
  g_assert_cmpstr (address->locality, ==, "Kraków");
  g_assert_cmpstr (address->postal_code, ==, "30-001");
  g_assert_cmpstr (address->label, ==, "delivery");
  g_assert_cmpstrv (rapport_client_get_tags (stored), ((const char *[]) { "VIP", "regular", NULL }));
  g_assert_cmpstr (rapport_client_get_birthday (stored), ==, "1990-04-12");
  g_assert_cmpint (rapport_client_get_owner_id (stored), ==, anna);
  g_assert_cmpstr (rapport_client_get_notes (stored), ==, "Prefers mornings");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *email, *phone, *name_error, *birthday_error;

  open_editor (f, NULL);
  name_error = child (f, "name_error");
  birthday_error = child (f, "birthday_error");

  /* A phone typed first: after the pause, the missing name is pointed out. */
  rapport_gui_test_type (point_row (f, "phones_group", 0), "+48 601 234 567");
  g_assert_false (gtk_widget_get_visible (name_error));
  pause_typing ();
  g_assert_true (gtk_widget_get_mapped (name_error));
  g_assert_false (save_enabled (f));

  /* A name emptied again is pointed out at once, Save waits for one. */
  rapport_gui_test_type (child (f, "organization_row"), "Kwiaciarnia");
  g_assert_true (save_enabled (f));
  rapport_gui_test_type (child (f, "organization_row"), "   ");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_mapped (name_error));
  g_assert_true (gtk_widget_has_css_class (child (f, "given_row"), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "save_button")), ==,
                   "A client needs a name or an organization.");
  rapport_gui_test_type (child (f, "organization_row"), "Kwiaciarnia Róża");
  g_assert_false (gtk_widget_get_visible (name_error));
  g_assert_false (gtk_widget_has_css_class (child (f, "given_row"), "error"));
  g_assert_true (save_enabled (f));

  /* A half-typed e-mail: Save waits at once; after a pause in typing the
   * row is marked and says why, in the words of the check. */
  email = point_row (f, "emails_group", 0);
  rapport_gui_test_type (email, "zofia@");
  g_assert_false (save_enabled (f));
  g_assert_null (row_message (email));
  pause_typing ();
  g_assert_false (save_enabled (f));
  g_assert_true (row_marked (email));
  g_assert_nonnull (row_message (email));
  g_assert_nonnull (strstr (row_message (email), "“zofia@”"));
  g_assert_nonnull (strstr (row_message (email), "domain"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (f, "save_button")), "E-mail 1: "));

  /* Fixed: the mark goes at once, without waiting. */
  rapport_gui_test_type (email, "zofia@example.pl");
  g_assert_false (row_marked (email));
  g_assert_null (row_message (email));
  g_assert_true (save_enabled (f));

  /* A phone with letters. */
  phone = point_row (f, "phones_group", 0);
  rapport_gui_test_type (phone, "call me");
  pause_typing ();
  g_assert_false (save_enabled (f));
  g_assert_true (row_marked (phone));
  g_assert_nonnull (row_message (phone));
  /* Emptied, the row is fine: empty rows are dropped on save. */
  rapport_gui_test_type (phone, "");
  g_assert_null (row_message (phone));
  g_assert_true (save_enabled (f));

  /* A birthday that is no date. */
  rapport_gui_test_type (child (f, "birthday_row"), "1990-02-30");
  g_assert_false (save_enabled (f));
  pause_typing ();
  g_assert_true (gtk_widget_get_mapped (birthday_error));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (birthday_error)), "Birthday: "));
  g_assert_true (gtk_widget_has_css_class (child (f, "birthday_row"), "error"));
  rapport_gui_test_type (child (f, "birthday_row"), "1990-02-28");
  g_assert_false (gtk_widget_get_visible (birthday_error));
  g_assert_true (save_enabled (f));

  /* Nothing was saved along the way. */
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 0);
}

/* Ctrl+S on a form that cannot be saved points at what stands in the way
 * and takes the keyboard there, instead of doing nothing. */
static void
test_save_shortcut_explains (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *email;

  open_editor (f, NULL);
  email = point_row (f, "emails_group", 0);
  rapport_gui_test_type (email, "no-at-sign");
  gtk_widget_grab_focus (child (f, "notes_view"));

  press_key (f, GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (gtk_widget_get_mapped (child (f, "name_error")));
  g_assert_nonnull (row_message (email));
  g_assert_true (has_focus_within (child (f, "given_row")));

  rapport_gui_test_type (child (f, "family_row"), "Nowak");
  press_key (f, GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_nonnull (f->editor);
  g_assert_true (has_focus_within (email));

  rapport_gui_test_type (email, "nowak@example.pl");
  press_key (f, GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);
}

/* Enter in a line moves on to the next field; it never saves. */
static void
test_enter_moves_on (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *text;

  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Zofia");
  g_assert_true (save_enabled (f));

  text = rapport_gui_test_find (child (f, "given_row"), GTK_TYPE_TEXT, NULL);
  g_signal_emit_by_name (text, "activate");
  rapport_gui_test_iterate ();
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (has_focus_within (child (f, "family_row")));

  /* From the last name to the phone, past the Add button; from the phone
   * to the e-mail, past the phone's Remove button: a second Enter must
   * not press a button. */
  gtk_widget_grab_focus (child (f, "organization_row"));
  text = rapport_gui_test_find (child (f, "organization_row"), GTK_TYPE_TEXT, NULL);
  g_signal_emit_by_name (text, "activate");
  rapport_gui_test_iterate ();
  g_assert_true (has_focus_within (rapport_gui_test_find (point_row (f, "phones_group", 0), GTK_TYPE_ENTRY, NULL)));

  text = rapport_gui_test_find (rapport_gui_test_find (point_row (f, "phones_group", 0), GTK_TYPE_ENTRY, NULL),
                                GTK_TYPE_TEXT, NULL);
  g_assert_true (has_focus_within (text));
  g_signal_emit_by_name (text, "activate");
  rapport_gui_test_iterate ();
  g_assert_true (has_focus_within (rapport_gui_test_find (point_row (f, "emails_group", 0), GTK_TYPE_ENTRY, NULL)));
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 1);
  g_assert_cmpuint (n_point_rows (f, "emails_group"), ==, 1);
  g_assert_cmpuint (n_clients (f), ==, 0);
}

/* Another client's number, written another way, is pointed out after a
 * pause; the person may open that client instead. */
static void
test_duplicate_phone (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ivan = add_client (f, "Иван", "Петров", "+7 (916) 123-45-67", NULL);
  GtkWidget *label, *button;

  g_settings_set_string (rapport_context_get_settings (f->context), "phone-country", "RU");
  g_assert_true (rapport_gui_test_apply_phone_region (f->context));
  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Ivan");
  rapport_gui_test_type (point_row (f, "phones_group", 0), "8 916 123 45 67");
  g_assert_false (duplicate_shown (f));
  pause_typing ();

  g_assert_true (duplicate_shown (f));
  label = child (f, "duplicate_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "8 916 123 45 67"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "already belongs to Иван Петров."));
  button = rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Open Иван Петров");
  g_assert_true (button == child (f, "duplicate_button"));
  /* A warning, not an error. */
  g_assert_true (save_enabled (f));
  g_assert_null (row_message (point_row (f, "phones_group", 0)));

  rapport_gui_test_click (button);
  g_assert_cmpuint (f->n_opened, ==, 1);
  g_assert_cmpint (f->opened, ==, ivan);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 1);
}

/* The same for an e-mail in other letters' case; changing it to one no one
 * has takes the warning away; the warning never stops a save. */
static void
test_duplicate_email (Fixture       *f,
                      gconstpointer  data)
{
  add_client (f, "Lea", "Weber", NULL, "lea@example.de");

  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Leo");
  rapport_gui_test_type (point_row (f, "emails_group", 0), "LEA@Example.DE");
  pause_typing ();
  g_assert_true (duplicate_shown (f));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f, "duplicate_label"))), "Lea Weber"));

  rapport_gui_test_type (point_row (f, "emails_group", 0), "leo@example.de");
  pause_typing ();
  g_assert_false (duplicate_shown (f));

  rapport_gui_test_type (point_row (f, "emails_group", 0), "lea@example.de");
  pause_typing ();
  g_assert_true (duplicate_shown (f));
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpuint (f->n_opened, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 2);
}

/* A client's own number is no duplicate of itself. */
static void
test_own_phone_is_no_duplicate (Fixture       *f,
                                gconstpointer  data)
{
  gint64 id = add_client (f, "Lea", "Weber", "+49 151 1234567", NULL);
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, NULL);

  open_editor (f, client);
  rapport_gui_test_type (point_row (f, "phones_group", 0), "0151 1234567");
  pause_typing ();
  g_assert_false (duplicate_shown (f));
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(RapportClient) stored = NULL;
  g_autoptr(RapportAddress) home = rapport_address_new ();
  gint64 anna = add_staff (f, "Anna Kowalska", TRUE);
  RapportContactPoint *point;
  GtkWidget *remove;

  rapport_client_set_given_name (client, "Lea");
  rapport_client_set_family_name (client, "Weber");
  rapport_client_add_phone (client, "mobile", "+49 151 1234567");
  rapport_client_add_phone (client, "fax", "+49 30 1234567");
  rapport_client_add_email (client, "work", "lea@example.de");
  rapport_client_set_tags (client, (const char *[]) { "regular", NULL });
  rapport_client_set_birthday (client, "1985-06-01");
  rapport_client_set_notes (client, "Two dogs");
  rapport_client_set_owner_id (client, anna);
  g_free (home->street);
  home->street = g_strdup ("Hauptstraße 1");
  g_free (home->locality);
  home->locality = g_strdup ("Berlin");
  rapport_client_add_address (client, home);
  g_assert_true (rapport_client_repository_save (f->store->clients, client, NULL));

  open_editor (f, client);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->editor)), ==, "Edit Client");
  g_assert_cmpuint (check_buttons_explained (f->editor), >=, 15);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "family_row"))), ==, "Weber");
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 2);
  g_assert_cmpstr (owner_shown (f), ==, "Anna Kowalska");
  /* Nothing to save before something changed; a change undone is none. */
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "family_row"), "Schmidt");
  g_assert_true (save_enabled (f));
  rapport_gui_test_type (child (f, "family_row"), "Weber");
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "family_row"), "Schmidt");

  /* Remove the first phone with its own button; the keyboard stays in
   * the list, on the row that took its place. */
  remove = rapport_gui_test_find (point_row (f, "phones_group", 0), GTK_TYPE_BUTTON, "Remove This Phone");
  g_assert_nonnull (remove);
  gtk_widget_grab_focus (remove);
  rapport_gui_test_click (remove);
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 1);
  g_assert_true (has_focus_within (point_row (f, "phones_group", 0)));
  rapport_gui_test_click (child (f, "save_button"));

  g_assert_null (f->editor);
  g_assert_cmpint (rapport_client_get_id (f->saved), ==, rapport_client_get_id (client));
  g_assert_cmpuint (n_clients (f), ==, 1);
  stored = rapport_client_repository_get (f->store->clients, rapport_client_get_id (client), NULL);
  g_assert_cmpstr (rapport_client_get_display_name (stored), ==, "Lea Schmidt");
  g_assert_cmpuint (rapport_client_get_phones (stored)->len, ==, 1);
  point = g_ptr_array_index (rapport_client_get_phones (stored), 0);
  g_assert_cmpstr (point->value, ==, "+49 30 1234567");
  /* A label of its own, from an import, is kept as it was. */
  g_assert_cmpstr (point->label, ==, "fax");
  point = g_ptr_array_index (rapport_client_get_emails (stored), 0);
  g_assert_cmpstr (point->value, ==, "lea@example.de");
  g_assert_cmpstr (point->label, ==, "work");
  g_assert_cmpstrv (rapport_client_get_tags (stored), ((const char *[]) { "regular", NULL }));
  g_assert_cmpstr (rapport_client_get_birthday (stored), ==, "1985-06-01");
  g_assert_cmpstr (rapport_client_get_notes (stored), ==, "Two dogs");
  g_assert_cmpint (rapport_client_get_owner_id (stored), ==, anna);
  g_assert_cmpuint (rapport_client_get_addresses (stored)->len, ==, 1);
  g_assert_cmpstr (((RapportAddress *) g_ptr_array_index (rapport_client_get_addresses (stored), 0))->street,
                   ==, "Hauptstraße 1");
  /* The caller's object was never touched. */
  g_assert_cmpstr (rapport_client_get_family_name (client), ==, "Weber");
  g_assert_cmpuint (rapport_client_get_phones (client)->len, ==, 2);
}

static gint64
consent_since (Fixture *f,
               gint64   id)
{
  gint64 since = -1;

  g_assert_true (rapport_client_repository_get_service_consent (f->store->clients, id, &since, NULL));
  return since;
}

/* Consent to service messages is set in the editor as on the card: the
 * day it was given is kept while it stands, and a new client can agree. */
static void
test_consent (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  GtkWidget *consent;
  gint64 since;

  rapport_client_set_given_name (client, "Lea");
  rapport_client_set_family_name (client, "Weber");
  g_assert_true (rapport_client_repository_save (f->store->clients, client, NULL));
  g_assert_true (rapport_client_repository_set_service_consent (f->store->clients, rapport_client_get_id (client),
                                                                TRUE, NULL));
  since = consent_since (f, rapport_client_get_id (client));
  g_assert_cmpint (since, >, 0);

  /* Another change saved: the consent and its day stay. */
  open_editor (f, client);
  consent = child (f, "consent_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (consent)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f, "consent_row"))), "Since "));
  rapport_gui_test_type (child (f, "family_row"), "Schmidt");
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_null (f->editor);
  g_assert_cmpint (consent_since (f, rapport_client_get_id (client)), ==, since);

  /* Turned off alone: a change to save, and saved. */
  open_editor (f, client);
  g_assert_false (save_enabled (f));
  gtk_switch_set_active (GTK_SWITCH (child (f, "consent_switch")), FALSE);
  g_assert_true (save_enabled (f));
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_null (f->editor);
  g_assert_cmpint (consent_since (f, rapport_client_get_id (client)), ==, 0);

  /* A new client agrees as it is added. */
  g_clear_object (&f->saved);
  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Reza");
  rapport_gui_test_type (child (f, "family_row"), "Karimi");
  gtk_switch_set_active (GTK_SWITCH (child (f, "consent_switch")), TRUE);
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_null (f->editor);
  g_assert_nonnull (f->saved);
  g_assert_cmpint (consent_since (f, rapport_client_get_id (f->saved)), >, 0);
}

/* An owner who has left stays the owner, shown as such; the others to
 * choose from are the active staff. */
static void
test_former_owner (Fixture       *f,
                   gconstpointer  data)
{
  gint64 bernd = add_staff (f, "Bernd Left", FALSE);
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(RapportClient) stored = NULL;
  GListModel *model;

  add_staff (f, "Anna Kowalska", TRUE);
  add_staff (f, "Carl Gone", FALSE);
  rapport_client_set_given_name (client, "Lea");
  rapport_client_set_owner_id (client, bernd);
  g_assert_true (rapport_client_repository_save (f->store->clients, client, NULL));

  open_editor (f, client);
  g_assert_cmpstr (owner_shown (f), ==, "Bernd Left (former staff)");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (child (f, "owner_row")));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Nobody");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Anna Kowalska");

  rapport_gui_test_type (child (f, "family_row"), "Weber");
  rapport_gui_test_click (child (f, "save_button"));
  stored = rapport_client_repository_get (f->store->clients, rapport_client_get_id (client), NULL);
  g_assert_cmpint (rapport_client_get_owner_id (stored), ==, bernd);

  /* A new client starts with nobody; a former one is not offered. */
  open_editor (f, NULL);
  g_assert_cmpstr (owner_shown (f), ==, "Nobody");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (child (f, "owner_row")));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

/* A company is named first by its organization. */
static void
test_company (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportClient) stored = NULL;
  GtkWidget *first_row;

  open_editor (f, NULL);
  rapport_gui_test_click (child (f, "company_button"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "company_button"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "person_button"))));
  first_row = rapport_gui_test_find (child (f, "name_group"), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_true (first_row == child (f, "organization_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Company Name");

  rapport_gui_test_type (child (f, "organization_row"), "Kwiaciarnia Róża");
  rapport_gui_test_type (child (f, "given_row"), "Zofia");
  rapport_gui_test_click (child (f, "save_button"));
  stored = rapport_client_repository_get (f->store->clients, rapport_client_get_id (f->saved), NULL);
  g_assert_cmpint (rapport_client_get_kind (stored), ==, RAPPORT_CLIENT_COMPANY);
  g_assert_cmpstr (rapport_client_get_display_name (stored), ==, "Kwiaciarnia Róża");
  g_assert_cmpstr (rapport_client_get_given_name (stored), ==, "Zofia");

  /* Opened again, the company's name comes first and has the focus. */
  open_editor (f, stored);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "company_button"))));
  g_assert_true (has_focus_within (child (f, "organization_row")));
}

/* The screen pop: a caller no client has becomes a new client's phone. */
static void
test_set_phone (Fixture       *f,
                gconstpointer  data)
{
  open_editor (f, NULL);
  rapport_client_editor_set_phone (RAPPORT_CLIENT_EDITOR (f->editor), "+44 20 7946 0958");
  g_assert_cmpuint (n_point_rows (f, "phones_group"), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (point_row (f, "phones_group", 0))), ==,
                   "+44 20 7946 0958");
  g_assert_false (duplicate_shown (f));
  /* Opened for the person, not by them: nothing is scolded yet. */
  pause_typing ();
  g_assert_false (gtk_widget_get_visible (child (f, "name_error")));
  g_assert_true (has_focus_within (child (f, "given_row")));
  rapport_gui_test_type (child (f, "given_row"), "Caller");
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_cmpstr (rapport_client_get_main_phone (f->saved), ==, "+44 20 7946 0958");
}

/* …and a number someone has after all is pointed out at once. */
static void
test_set_phone_known (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ivan = add_client (f, "Ivan", "Petrov", "+7 916 123-45-67", NULL);

  open_editor (f, NULL);
  rapport_client_editor_set_phone (RAPPORT_CLIENT_EDITOR (f->editor), "+79161234567");
  g_assert_true (duplicate_shown (f));
  rapport_gui_test_click (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Open Ivan Petrov"));
  g_assert_cmpint (f->opened, ==, ivan);
  g_assert_null (f->editor);
}

/* Answers the question about discarding typed edits, which must be up. */
static void
answer_discard (Fixture    *f,
                const char *button)
{
  GtkWindow *dialog;

  rapport_gui_test_iterate ();
  dialog = rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->editor));
  rapport_gui_test_click (rapport_gui_test_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, button));
  rapport_gui_test_iterate ();
  g_assert_null (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* Escape and Cancel save nothing; with something typed they ask first,
 * and Keep Editing keeps it. */
static void
test_cancel_saves_nothing (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = add_client (f, "Lea", "Weber", NULL, NULL);
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, NULL);
  g_autoptr(RapportClient) stored = NULL;

  /* Nothing typed: Escape closes at once. */
  open_editor (f, NULL);
  press_key (f, GDK_KEY_Escape, 0);
  rapport_gui_test_iterate ();
  g_assert_null (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (f->editor);

  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Nobody");
  press_key (f, GDK_KEY_Escape, 0);
  g_assert_nonnull (f->editor);
  answer_discard (f, "Keep Editing");
  g_assert_nonnull (f->editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "given_row"))), ==, "Nobody");
  press_key (f, GDK_KEY_Escape, 0);
  answer_discard (f, "Discard");
  g_assert_null (f->editor);

  open_editor (f, client);
  rapport_gui_test_type (child (f, "family_row"), "Changed");
  rapport_gui_test_click (rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Cancel"));
  answer_discard (f, "Discard");
  g_assert_null (f->editor);

  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpuint (n_clients (f), ==, 1);
  stored = rapport_client_repository_get (f->store->clients, id, NULL);
  g_assert_cmpstr (rapport_client_get_family_name (stored), ==, "Weber");
}

/* When the store refuses, the dialog stays open with the store's words,
 * and what was typed is still there. */
static void
test_save_error (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = add_client (f, "Lea", "Weber", NULL, NULL);
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, id, NULL);
  GtkWidget *revealer;

  open_editor (f, client);
  revealer = child (f, "save_error_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  rapport_gui_test_type (child (f, "family_row"), "Schmidt");
  /* Someone else deletes the client meanwhile. */
  g_assert_true (rapport_client_repository_remove (f->store->clients, id, NULL, NULL));

  rapport_gui_test_click (child (f, "save_button"));
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f, "save_error"))), "no longer exists"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "family_row"))), ==, "Schmidt");
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/client-editor/opens-ready", test_opens_ready);
  ADD ("/rapport/client-editor/create", test_create);
  ADD ("/rapport/client-editor/validation", test_validation);
  ADD ("/rapport/client-editor/save-shortcut-explains", test_save_shortcut_explains);
  ADD ("/rapport/client-editor/enter-moves-on", test_enter_moves_on);
  ADD ("/rapport/client-editor/duplicate/phone", test_duplicate_phone);
  ADD ("/rapport/client-editor/duplicate/email", test_duplicate_email);
  ADD ("/rapport/client-editor/duplicate/own-phone", test_own_phone_is_no_duplicate);
  ADD ("/rapport/client-editor/edit", test_edit);
  ADD ("/rapport/client-editor/consent", test_consent);
  ADD ("/rapport/client-editor/former-owner", test_former_owner);
  ADD ("/rapport/client-editor/company", test_company);
  ADD ("/rapport/client-editor/set-phone", test_set_phone);
  ADD ("/rapport/client-editor/set-phone-known", test_set_phone_known);
  ADD ("/rapport/client-editor/cancel-saves-nothing", test_cancel_saves_nothing);
  ADD ("/rapport/client-editor/save-error", test_save_error);
#undef ADD

  return g_test_run ();
}
