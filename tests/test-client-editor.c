/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-client-editor.h"
#include "rapport-contact-point-row.h"
#include "rapport-date-row.h"
#include "rapport-gui-test-utils.h"

typedef struct
{
  RapportContext *context;
  RapportStore   *store;
  GtkWidget      *editor;
  RapportClient  *saved;
  gint64          opened;
} Fixture;

static void
on_saved (GtkWidget     *editor,
          RapportClient *client,
          Fixture       *f)
{
  g_set_object (&f->saved, client);
}

static void
on_open_client (GtkWidget *editor,
                gint64     id,
                Fixture   *f)
{
  f->opened = id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("editor.db");
  f->store = rapport_context_get_store (f->context);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  rapport_gui_test_iterate ();
  g_clear_object (&f->saved);
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

/* The @index-th phone or e-mail row. */
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

static gboolean
save_enabled (Fixture *f)
{
  return gtk_widget_get_sensitive (child (f, "save_button"));
}

static void
save (Fixture *f)
{
  g_assert_true (save_enabled (f));
  rapport_gui_test_click (child (f, "save_button"));
}

/* After a pause in typing, the phones and e-mails are checked. */
static void
pause_typing (void)
{
  rapport_gui_test_wait (500);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportClient) stored = NULL;
  GtkWidget *phone;

  open_editor (f, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->editor)), ==, "New Client");
  g_assert_false (save_enabled (f));

  rapport_gui_test_type (child (f, "given_row"), "Zofia");
  rapport_gui_test_type (child (f, "family_row"), "Wiśniewska");
  phone = point_row (f, "phones_group", 0);
  rapport_gui_test_type (phone, " +48 601 234 567 ");
  rapport_gui_test_type (point_row (f, "emails_group", 0), "zofia@example.pl");
  rapport_gui_test_type (child (f, "tags_row"), "VIP, regular");
  rapport_date_row_set_date (RAPPORT_DATE_ROW (child (f, "birthday_row")), "1990-04-12");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "notes_view"))),
                            "Prefers mornings", -1);
  /* The phone's kind: Work. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rapport_gui_test_find (phone, GTK_TYPE_DROP_DOWN, NULL)), 1);
  pause_typing ();
  save (f);

  g_assert_nonnull (f->saved);
  g_assert_null (f->editor);
  stored = rapport_store_get_client (f->store, rapport_client_get_id (f->saved), NULL);
  g_assert_cmpstr (rapport_client_get_display_name (stored), ==, "Zofia Wiśniewska");
  g_assert_cmpstr (rapport_client_get_main_phone (stored), ==, "+48 601 234 567");
  g_assert_cmpstr (((RapportContactPoint *) g_ptr_array_index (rapport_client_get_phones (stored), 0))->label,
                   ==, "work");
  g_assert_cmpstr (rapport_client_get_main_email (stored), ==, "zofia@example.pl");
  g_assert_cmpstrv (rapport_client_get_tags (stored), ((const char *[]) { "VIP", "regular", NULL }));
  g_assert_cmpstr (rapport_client_get_birthday (stored), ==, "1990-04-12");
  g_assert_cmpstr (rapport_client_get_notes (stored), ==, "Prefers mornings");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *email, *name_error, *emails_error;

  open_editor (f, NULL);
  name_error = child (f, "name_error");
  emails_error = child (f, "emails_error");

  /* Nothing scolds an empty form; a name emptied again is pointed out. */
  g_assert_false (gtk_widget_get_visible (name_error));
  rapport_gui_test_type (child (f, "organization_row"), "Kwiaciarnia");
  g_assert_true (save_enabled (f));
  rapport_gui_test_type (child (f, "organization_row"), "   ");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (name_error));
  rapport_gui_test_type (child (f, "organization_row"), "Kwiaciarnia Róża");

  /* A half-typed e-mail: Save waits, and after a pause the row says why. */
  email = point_row (f, "emails_group", 0);
  rapport_gui_test_type (email, "zofia@");
  g_assert_false (save_enabled (f));
  pause_typing ();
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  g_assert_true (gtk_widget_get_visible (emails_error));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (emails_error)), "zofia@"));

  rapport_gui_test_type (email, "zofia@example.pl");
  pause_typing ();
  g_assert_false (gtk_widget_has_css_class (email, "error"));
  g_assert_false (gtk_widget_get_visible (emails_error));
  g_assert_true (save_enabled (f));

  /* A phone with letters, and a date that is not one. */
  rapport_gui_test_type (point_row (f, "phones_group", 0), "call me");
  pause_typing ();
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (child (f, "phones_error")));
  rapport_gui_test_type (point_row (f, "phones_group", 0), "");
  rapport_gui_test_type (child (f, "birthday_row"), "1990-02-30");
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "birthday_row"), "1990-02-28");
  g_assert_true (save_enabled (f));
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) ivan = rapport_client_new ();
  GtkWidget *box;

  rapport_client_set_given_name (ivan, "Иван");
  rapport_client_set_family_name (ivan, "Петров");
  rapport_client_add_phone (ivan, "mobile", "+7 (916) 123-45-67");
  g_assert_true (rapport_store_save_client (f->store, ivan, NULL));

  open_editor (f, NULL);
  box = child (f, "duplicate_box");
  rapport_gui_test_type (child (f, "given_row"), "Ivan");
  rapport_gui_test_type (point_row (f, "phones_group", 0), "8 916 123 45 67");
  g_assert_false (gtk_widget_get_visible (box));
  pause_typing ();

  /* A warning, not an error: Save stays possible. */
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f, "duplicate_label"))), "Иван Петров"));
  g_assert_true (save_enabled (f));

  rapport_gui_test_click (child (f, "duplicate_button"));
  g_assert_cmpint (f->opened, ==, rapport_client_get_id (ivan));
  g_assert_null (f->editor);
  g_assert_null (f->saved);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(RapportClient) stored = NULL;
  GtkWidget *remove;

  rapport_client_set_given_name (client, "Lea");
  rapport_client_set_family_name (client, "Weber");
  rapport_client_add_phone (client, "mobile", "+49 151 1234567");
  rapport_client_add_phone (client, "home", "+49 30 1234567");
  rapport_client_add_email (client, "work", "lea@example.de");
  rapport_client_set_tags (client, (const char *[]) { "regular", NULL });
  g_assert_true (rapport_store_save_client (f->store, client, NULL));

  open_editor (f, client);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->editor)), ==, "Edit Client");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "family_row"))), ==, "Weber");
  rapport_gui_test_type (child (f, "family_row"), "Schmidt");

  /* Remove the first phone with its own button. */
  remove = rapport_gui_test_find (point_row (f, "phones_group", 0), GTK_TYPE_BUTTON, "Remove This Phone");
  g_assert_nonnull (remove);
  rapport_gui_test_click (remove);
  save (f);

  stored = rapport_store_get_client (f->store, rapport_client_get_id (client), NULL);
  g_assert_cmpint (rapport_client_get_id (f->saved), ==, rapport_client_get_id (client));
  g_assert_cmpstr (rapport_client_get_display_name (stored), ==, "Lea Schmidt");
  g_assert_cmpuint (rapport_client_get_phones (stored)->len, ==, 1);
  g_assert_cmpstr (rapport_client_get_main_phone (stored), ==, "+49 30 1234567");
  g_assert_cmpstr (rapport_client_get_main_email (stored), ==, "lea@example.de");
  g_assert_cmpstrv (rapport_client_get_tags (stored), ((const char *[]) { "regular", NULL }));
  /* The caller's object was never touched. */
  g_assert_cmpstr (rapport_client_get_family_name (client), ==, "Weber");
}

static void
test_prefilled_phone (Fixture       *f,
                      gconstpointer  data)
{
  open_editor (f, NULL);
  rapport_client_editor_set_phone (RAPPORT_CLIENT_EDITOR (f->editor), "+44 20 7946 0958");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (point_row (f, "phones_group", 0))), ==,
                   "+44 20 7946 0958");
}

static void
test_cancel_saves_nothing (Fixture       *f,
                           gconstpointer  data)
{
  gboolean has_clients = TRUE;

  open_editor (f, NULL);
  rapport_gui_test_type (child (f, "given_row"), "Nobody");
  g_assert_true (gtk_widget_activate_action (f->editor, "window.close", NULL));
  rapport_gui_test_iterate ();
  g_assert_null (f->editor);
  g_assert_true (rapport_store_has_clients (f->store, &has_clients, NULL));
  g_assert_false (has_clients);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/client-editor/create", test_create);
  ADD ("/rapport/client-editor/validation", test_validation);
  ADD ("/rapport/client-editor/duplicate", test_duplicate);
  ADD ("/rapport/client-editor/edit", test_edit);
  ADD ("/rapport/client-editor/prefilled-phone", test_prefilled_phone);
  ADD ("/rapport/client-editor/cancel-saves-nothing", test_cancel_saves_nothing);
#undef ADD

  return g_test_run ();
}
