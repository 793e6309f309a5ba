/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-date-row.h"
#include "rapport-gui-test-utils.h"
#include "rapport-interaction-editor.h"
#include "rapport-test-utils.h"

/* The whole program runs in a zone with daylight saving time: New York's
 * clocks went forward on 2026-03-08 and back on 2026-11-01. */
#define ZONE "America/New_York"

typedef struct
{
  RapportContext     *context;
  RapportTestStore       *store;
  RapportClient      *client;
  RapportStaff       *anna;
  RapportStaff       *uwe;
  RapportStaff       *former;
  GtkWidget          *editor;
  RapportInteraction *saved;
  guint               n_saved;
} Fixture;

static RapportStaff *
add_staff (Fixture    *f,
           const char *name,
           const char *role,
           gboolean    active)
{
  RapportStaff *staff = rapport_staff_new (name, role);
  g_autoptr(GError) error = NULL;

  rapport_staff_set_active (staff, active);
  rapport_staff_repository_save (f->store->staff, staff, &error);
  g_assert_no_error (error);
  return staff;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("interactions.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  f->client = rapport_test_add_client (f->store, "Lea", "Weber", NULL, NULL);
  f->uwe = add_staff (f, "Uwe Brandt", "Sales", TRUE);
  f->anna = add_staff (f, "Anna Kowalska", "Owner", TRUE);
  f->former = add_staff (f, "Bernd Left", "Repairs", FALSE);
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
  g_clear_object (&f->former);
  g_clear_object (&f->anna);
  g_clear_object (&f->uwe);
  g_clear_object (&f->client);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->context);
}

static void
on_saved (GtkWidget          *editor,
          RapportInteraction *interaction,
          Fixture            *f)
{
  g_assert_true (RAPPORT_IS_INTERACTION (interaction));
  g_set_object (&f->saved, interaction);
  f->n_saved++;
}

static void
open_editor (Fixture *f)
{
  g_assert_null (f->editor);
  f->editor = rapport_interaction_editor_new (f->context, f->client);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (on_saved), f);
  gtk_window_present (GTK_WINDOW (f->editor));
  rapport_gui_test_iterate ();
}

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  return rapport_gui_test_child (f->editor, RAPPORT_TYPE_INTERACTION_EDITOR, id);
}

static gboolean
save_enabled (Fixture *f)
{
  return gtk_widget_is_sensitive (child (f, "save_button"));
}

static void
save (Fixture *f)
{
  rapport_gui_test_click (child (f, "save_button"));
  rapport_gui_test_iterate ();
}

static void
set_details (Fixture    *f,
             const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "text_view"))), text, -1);
  rapport_gui_test_iterate ();
}

static void
select_kind (Fixture                *f,
             RapportInteractionKind  kind)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "kind_row"));
  GListModel *kinds = adw_combo_row_get_model (row);
  const char *name = rapport_interaction_kind_to_string (kind);

  adw_combo_row_set_selected (row, rapport_gui_test_string_index (kinds, name));
  rapport_gui_test_iterate ();
}

static RapportInteractionKind
selected_kind (Fixture *f)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (child (f, "kind_row")));
  RapportInteractionKind kind;

  g_assert_true (rapport_interaction_kind_from_string (gtk_string_object_get_string (item), &kind));
  return kind;
}

static const char *
selected_staff (Fixture *f)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "staff_row"));

  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

static void
select_staff (Fixture    *f,
              const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "staff_row"));
  GListModel *names = adw_combo_row_get_model (row);

  adw_combo_row_set_selected (row, rapport_gui_test_string_index (names, name));
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

/* As a person turns it on: the row activates its switch. */
static void
turn_on_follow_up (Fixture *f)
{
  GtkWidget *row = rapport_gui_test_find (f->editor, ADW_TYPE_ACTION_ROW, "Follow Up");

  g_assert_nonnull (row);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (f, "follow_up_switch"))));
  gtk_widget_activate (row);
  /* The switch slides over before it is on. */
  g_assert_true (rapport_gui_test_wait_for (switch_is_on, child (f, "follow_up_switch"), 2000));
}

static guint
count_interactions (Fixture *f)
{
  g_autoptr(GPtrArray) all = rapport_interaction_repository_list (f->store->interactions, rapport_client_get_id (f->client),
                                                              NULL, 100, NULL);

  return all->len;
}

static RapportInteraction *
newest_interaction (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = rapport_interaction_repository_list (f->store->interactions, rapport_client_get_id (f->client),
                                                              NULL, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  return g_object_ref (g_ptr_array_index (all, 0));
}

static char *
format_local (gint64      utc,
              const char *format)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (utc);

  return g_date_time_format (moment, format);
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GtkShortcutTrigger) keys = gtk_shortcut_trigger_parse_string (trigger);
  g_autoptr(GtkShortcut) shortcut = NULL;
  g_autofree char *found = NULL;

  g_assert_true (GTK_IS_KEYVAL_TRIGGER (keys));
  shortcut = rapport_gui_test_find_shortcut (widget,
                                             gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (keys)),
                                             gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (keys)));
  if (shortcut == NULL)
    return FALSE;
  found = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
  return strstr (found, action) != NULL;
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_week = g_date_time_add_days (now, 7);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *next_week = g_date_time_format (in_a_week, "%Y-%m-%d");
  g_autofree char *time = NULL;
  GListModel *staff;
  GtkWidget *focus;
  int width, height;

  open_editor (f);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "subtitle_label"))), ==, "Lea Weber");
  gtk_window_get_default_size (GTK_WINDOW (f->editor), &width, &height);
  g_assert_cmpint (width, ==, 520);
  g_assert_cmpint (height, ==, 620);

  /* A call from the client, now, by nobody in particular. */
  g_assert_cmpint (selected_kind (f), ==, RAPPORT_INTERACTION_CALL);
  g_assert_true (gtk_widget_get_visible (child (f, "direction_row")));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "incoming_button"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "outgoing_button"))));
  g_assert_cmpstr (rapport_date_row_get_date (RAPPORT_DATE_ROW (child (f, "day_row"))), ==, today);
  time = g_strdup (gtk_editable_get_text (GTK_EDITABLE (child (f, "time_row"))));
  g_assert_cmpuint (strlen (time), ==, 5);
  g_assert_true (time[2] == ':');
  g_assert_cmpstr (selected_staff (f), ==, "Nobody");

  /* Active staff only, after nobody. */
  staff = adw_combo_row_get_model (ADW_COMBO_ROW (child (f, "staff_row")));
  g_assert_cmpuint (g_list_model_get_n_items (staff), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (staff), 1), ==, "Anna Kowalska");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (staff), 2), ==, "Uwe Brandt");

  /* No follow-up unless asked; then a week from today. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (f, "follow_up_switch"))));
  g_assert_false (gtk_widget_get_visible (child (f, "follow_up_day_row")));
  g_assert_cmpstr (rapport_date_row_get_date (RAPPORT_DATE_ROW (child (f, "follow_up_day_row"))), ==, next_week);

  /* Nothing said yet; the summary is where typing goes. */
  g_assert_false (save_enabled (f));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "save_error_revealer"))));
  g_assert_false (gtk_widget_get_visible (child (f, "when_error")));
  focus = gtk_window_get_focus (GTK_WINDOW (f->editor));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, child (f, "summary_row")));

  /* Ctrl+S saves, Escape closes. */
  g_assert_true (has_shortcut (f->editor, "<Control>s", "editor.save"));
  g_assert_true (has_shortcut (f->editor, "Escape", "window.close"));
}

static void
test_log_call_with_follow_up (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportInteraction) logged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_week = g_date_time_add_days (now, 7);
  g_autofree char *next_week = g_date_time_format (in_a_week, "%Y-%m-%d");

  open_editor (f);
  select_staff (f, "Uwe Brandt");
  /* A choice alone is not worth asking about on quitting; words are. */
  g_assert_false (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (f->editor)));
  rapport_gui_test_type (child (f, "summary_row"), "Asked about the repair price");
  g_assert_true (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (f->editor)));
  g_assert_true (save_enabled (f));
  set_details (f, "Screen cracked; wants a quote by Friday.");
  turn_on_follow_up (f);
  g_assert_true (gtk_widget_get_visible (child (f, "follow_up_day_row")));
  g_assert_false (gtk_widget_get_visible (child (f, "follow_up_hint")));
  g_assert_true (save_enabled (f));

  save (f);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (rapport_interaction_get_id (f->saved), >, 0);

  logged = newest_interaction (f);
  g_assert_cmpint (rapport_interaction_get_id (logged), ==, rapport_interaction_get_id (f->saved));
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_CALL);
  g_assert_cmpint (rapport_interaction_get_direction (logged), ==, RAPPORT_DIRECTION_INBOUND);
  g_assert_cmpint (rapport_interaction_get_staff_id (logged), ==, rapport_staff_get_id (f->uwe));
  g_assert_cmpstr (rapport_interaction_get_staff_name (logged), ==, "Uwe Brandt");
  g_assert_cmpstr (rapport_interaction_get_summary (logged), ==, "Asked about the repair price");
  g_assert_cmpstr (rapport_interaction_get_text (logged), ==, "Screen cracked; wants a quote by Friday.");
  g_assert_cmpstr (rapport_interaction_get_follow_up_on (logged), ==, next_week);
  /* The minute it was opened: the seconds are not typed. */
  g_assert_cmpint (ABS (rapport_interaction_get_occurred_at (logged) - g_date_time_to_unix (now)), <=, 120);
}

static void
test_outgoing_email_and_note (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportInteraction) email = NULL;
  g_autoptr(RapportInteraction) note = NULL;

  open_editor (f);
  select_kind (f, RAPPORT_INTERACTION_EMAIL);
  g_assert_true (gtk_widget_get_visible (child (f, "direction_row")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (f, "outgoing_button")), TRUE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f, "incoming_button"))));
  set_details (f, "Sent the quote.");
  save (f);
  email = newest_interaction (f);
  g_assert_cmpint (rapport_interaction_get_kind (email), ==, RAPPORT_INTERACTION_EMAIL);
  g_assert_cmpint (rapport_interaction_get_direction (email), ==, RAPPORT_DIRECTION_OUTBOUND);
  g_assert_cmpstr (rapport_interaction_get_summary (email), ==, "");
  g_assert_null (rapport_interaction_get_follow_up_on (email));

  /* A note has no direction to give. */
  open_editor (f);
  select_kind (f, RAPPORT_INTERACTION_NOTE);
  g_assert_false (gtk_widget_get_visible (child (f, "direction_row")));
  select_kind (f, RAPPORT_INTERACTION_MEETING);
  g_assert_false (gtk_widget_get_visible (child (f, "direction_row")));
  select_kind (f, RAPPORT_INTERACTION_NOTE);
  rapport_gui_test_type (child (f, "summary_row"), "Prefers to be called after 5");
  save (f);
  g_assert_null (f->editor);
  g_assert_cmpuint (count_interactions (f), ==, 2);
  note = newest_interaction (f);
  g_assert_cmpint (rapport_interaction_get_kind (note), ==, RAPPORT_INTERACTION_NOTE);
  g_assert_cmpint (rapport_interaction_get_direction (note), ==, RAPPORT_DIRECTION_NONE);
}

static void
test_something_must_be_said (Fixture       *f,
                             gconstpointer  data)
{
  open_editor (f);
  g_assert_false (save_enabled (f));

  /* Ctrl+S does nothing either. */
  gtk_widget_activate_action (f->editor, "editor.save", NULL);
  rapport_gui_test_iterate ();
  g_assert_nonnull (f->editor);

  rapport_gui_test_type (child (f, "summary_row"), "   ");
  g_assert_false (save_enabled (f));
  set_details (f, "\n\t ");
  g_assert_false (save_enabled (f));
  set_details (f, "Only the details");
  g_assert_true (save_enabled (f));
  set_details (f, "");
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "summary_row"), "Only a summary");
  g_assert_true (save_enabled (f));
  g_assert_cmpuint (count_interactions (f), ==, 0);
}

static void
test_time_of_day (Fixture       *f,
                  gconstpointer  data)
{
  const struct { const char *typed; gboolean valid; const char *means; } cases[] = {
    { "25:00", FALSE, NULL },
    { "12:60", FALSE, NULL },
    { "noon", FALSE, NULL },
    { "14:3", FALSE, NULL },
    { "", FALSE, NULL },
    { "13 pm", FALSE, NULL },
    { "9.30", TRUE, "09:30" },
    { " 7:05 ", TRUE, "07:05" },
    { "1430", TRUE, "14:30" },
    { "14h15", TRUE, "14:15" },
    { "16", TRUE, "16:00" },
    { "2:30 pm", TRUE, "14:30" },
    { "12am", TRUE, "00:00" },
    { "23:59", TRUE, "23:59" },
  };
  GtkWidget *when_error;

  open_editor (f);
  when_error = child (f, "when_error");
  rapport_gui_test_type (child (f, "summary_row"), "Came by for the repair");
  rapport_gui_test_type (child (f, "day_row"), "2026-05-04");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("time “%s”", cases[i].typed);
      rapport_gui_test_type (child (f, "time_row"), cases[i].typed);
      g_assert_cmpint (save_enabled (f), ==, cases[i].valid);
      g_assert_cmpint (gtk_widget_get_visible (when_error), ==, !cases[i].valid);
      g_assert_cmpint (gtk_widget_has_css_class (child (f, "time_row"), "error"), ==, !cases[i].valid);
      if (!cases[i].valid)
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (when_error)), "14:30"));
    }

  /* What was typed last is what is saved. */
  rapport_gui_test_type (child (f, "time_row"), "2:30 pm");
  save (f);
  {
    g_autoptr(RapportInteraction) logged = newest_interaction (f);
    g_autofree char *local = format_local (rapport_interaction_get_occurred_at (logged), "%Y-%m-%d %H:%M");

    g_assert_cmpstr (local, ==, "2026-05-04 14:30");
  }
}

static void
test_date (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *when_error;

  open_editor (f);
  when_error = child (f, "when_error");
  rapport_gui_test_type (child (f, "summary_row"), "Meeting about the lease");

  rapport_gui_test_type (child (f, "day_row"), "2026-02-30");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (when_error));
  g_assert_true (gtk_widget_has_css_class (child (f, "day_row"), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (when_error)), "year-month-day"));

  rapport_gui_test_type (child (f, "day_row"), "");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (when_error));
  g_assert_true (gtk_widget_has_css_class (child (f, "day_row"), "error"));

  rapport_gui_test_type (child (f, "day_row"), "2024-02-29");
  g_assert_true (save_enabled (f));
  g_assert_false (gtk_widget_get_visible (when_error));
  g_assert_false (gtk_widget_has_css_class (child (f, "day_row"), "error"));
}

static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *hint;
  g_autoptr(RapportInteraction) logged = NULL;

  open_editor (f);
  hint = child (f, "follow_up_hint");
  rapport_gui_test_type (child (f, "summary_row"), "Wants a call back");
  turn_on_follow_up (f);

  /* In the past: allowed, and said so. */
  rapport_gui_test_type (child (f, "follow_up_day_row"), "2020-01-31");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_has_css_class (hint, "warning"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "This date has passed"));
  g_assert_true (save_enabled (f));

  /* No date, or not a date: not allowed, and said so. */
  rapport_gui_test_type (child (f, "follow_up_day_row"), "");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  rapport_gui_test_type (child (f, "follow_up_day_row"), "2031-13-01");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "year-month-day"));

  /* Turned off, the date does not matter. */
  gtk_switch_set_active (GTK_SWITCH (child (f, "follow_up_switch")), FALSE);
  rapport_gui_test_iterate ();
  g_assert_true (save_enabled (f));
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_false (gtk_widget_get_visible (child (f, "follow_up_day_row")));

  gtk_switch_set_active (GTK_SWITCH (child (f, "follow_up_switch")), TRUE);
  rapport_gui_test_type (child (f, "follow_up_day_row"), "2020-01-31");
  save (f);
  logged = newest_interaction (f);
  g_assert_cmpstr (rapport_interaction_get_follow_up_on (logged), ==, "2020-01-31");
}

static void
test_remembers_staff (Fixture       *f,
                      gconstpointer  data)
{
  GSettings *settings = rapport_context_get_settings (f->context);

  open_editor (f);
  select_staff (f, "Uwe Brandt");
  rapport_gui_test_type (child (f, "summary_row"), "First");
  save (f);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-staff-id"), ==, rapport_staff_get_id (f->uwe));

  open_editor (f);
  g_assert_cmpstr (selected_staff (f), ==, "Uwe Brandt");
  select_staff (f, "Nobody");
  rapport_gui_test_type (child (f, "summary_row"), "Second");
  save (f);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-staff-id"), ==, 0);
  {
    g_autoptr(RapportInteraction) logged = newest_interaction (f);

    g_assert_cmpint (rapport_interaction_get_staff_id (logged), ==, 0);
  }

  open_editor (f);
  g_assert_cmpstr (selected_staff (f), ==, "Nobody");
  gtk_window_destroy (GTK_WINDOW (f->editor));

  /* Someone who has left is not proposed. */
  g_settings_set_int64 (settings, "last-staff-id", rapport_staff_get_id (f->former));
  open_editor (f);
  g_assert_cmpstr (selected_staff (f), ==, "Nobody");

  /* Nor is closing without saving remembered. */
  select_staff (f, "Anna Kowalska");
  gtk_widget_activate_action (f->editor, "window.close", NULL);
  rapport_gui_test_iterate ();
  g_assert_cmpint (g_settings_get_int64 (settings, "last-staff-id"), ==, rapport_staff_get_id (f->former));
}

static void
test_staff_follows_the_store (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportStaff) newcomer = NULL;
  GListModel *names;

  open_editor (f);
  select_staff (f, "Uwe Brandt");
  newcomer = add_staff (f, "Carla Neu", "Reception", TRUE);
  rapport_gui_test_iterate ();
  names = adw_combo_row_get_model (ADW_COMBO_ROW (child (f, "staff_row")));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "Carla Neu");
  g_assert_cmpstr (selected_staff (f), ==, "Uwe Brandt");
}

static gboolean
editor_closed (gpointer data)
{
  Fixture *f = data;

  return f->editor == NULL;
}

/* Summary typed, Enter: saved. */
static void
test_enter_saves (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *text;

  open_editor (f);
  rapport_gui_test_type (child (f, "summary_row"), "Quick call");
  text = rapport_gui_test_find (child (f, "summary_row"), GTK_TYPE_TEXT, NULL);
  g_assert_nonnull (text);
  /* What Enter does in a GtkText. */
  g_signal_emit_by_name (text, "activate");
  /* The default button shows itself pressed for a moment first. */
  g_assert_true (rapport_gui_test_wait_for (editor_closed, f, 2000));
  g_assert_cmpuint (count_interactions (f), ==, 1);
}

static void
test_store_refuses (Fixture       *f,
                    gconstpointer  data)
{
  RapportRemoval removal;
  GtkWidget *message;
  g_autoptr(GError) error = NULL;

  open_editor (f);
  rapport_gui_test_type (child (f, "summary_row"), "Too late");
  /* Someone else deletes the client meanwhile. */
  rapport_client_repository_remove (f->store->clients, rapport_client_get_id (f->client), &removal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_DELETED);

  save (f);
  g_assert_nonnull (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "save_error_revealer"))));
  message = child (f, "save_error");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "no longer exists"));
  /* What was typed is still there, to copy or try again. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "summary_row"))), ==, "Too late");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *cancel;

  open_editor (f);
  rapport_gui_test_type (child (f, "summary_row"), "Never saved");
  cancel = rapport_gui_test_find (f->editor, GTK_TYPE_BUTTON, "Cancel");
  g_assert_nonnull (cancel);
  rapport_gui_test_click (cancel);
  g_assert_null (f->editor);
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpuint (count_interactions (f), ==, 0);
}

/* A local date and time of day round-trip through UTC on both sides of
 * each change of the clocks. */
static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  const struct { const char *day; const char *time; gint64 utc; } cases[] = {
    { "2026-03-07", "09:30", 1772893800 },  /* EST, UTC−5: 14:30 UTC */
    { "2026-03-08", "09:30", 1772976600 },  /* EDT, UTC−4: 13:30 UTC */
    { "2026-10-31", "18:00", 1793484000 },  /* EDT: 22:00 UTC */
    { "2026-11-01", "18:00", 1793574000 },  /* EST: 23:00 UTC */
  };

  /* The test means nothing unless the zone really changes its clocks. */
  g_assert_cmpstr (g_getenv ("TZ"), ==, ZONE);
  g_assert_cmpint (cases[1].utc - cases[0].utc, ==, 23 * 3600);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportInteraction) logged = NULL;
      g_autofree char *typed = g_strdup_printf ("%s %s", cases[i].day, cases[i].time);
      g_autofree char *shown = NULL;

      open_editor (f);
      rapport_gui_test_type (child (f, "summary_row"), typed);
      rapport_gui_test_type (child (f, "day_row"), cases[i].day);
      rapport_gui_test_type (child (f, "time_row"), cases[i].time);
      save (f);
      g_assert_null (f->editor);

      logged = newest_interaction (f);
      g_assert_cmpstr (rapport_interaction_get_summary (logged), ==, typed);
      g_assert_cmpint (rapport_interaction_get_occurred_at (logged), ==, cases[i].utc);
      shown = format_local (rapport_interaction_get_occurred_at (logged), "%Y-%m-%d %H:%M");
      g_assert_cmpstr (shown, ==, typed);
    }
}

/* At the dialog's first size, the Follow Up switch shows without
 * scrolling, in every reading direction. */
static void
test_follow_up_in_view (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *toggle, *scroller;
  graphene_rect_t bounds;
  int width, height;

  open_editor (f);
  rapport_gui_test_wait (100);
  gtk_window_get_default_size (GTK_WINDOW (f->editor), &width, &height);
  g_assert_cmpint (gtk_widget_get_height (f->editor), <=, height);
  toggle = child (f, "follow_up_switch");
  scroller = gtk_widget_get_ancestor (toggle, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (toggle, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the zone. */
  g_setenv ("TZ", ZONE, TRUE);
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/rapport/interaction-editor/" path, Fixture, NULL, \
                                    fixture_set_up, func, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("log-call-with-follow-up", test_log_call_with_follow_up);
  ADD ("outgoing-email-and-note", test_outgoing_email_and_note);
  ADD ("something-must-be-said", test_something_must_be_said);
  ADD ("time-of-day", test_time_of_day);
  ADD ("date", test_date);
  ADD ("follow-up", test_follow_up);
  ADD ("remembers-staff", test_remembers_staff);
  ADD ("staff-follows-the-store", test_staff_follows_the_store);
  ADD ("enter-saves", test_enter_saves);
  ADD ("store-refuses", test_store_refuses);
  ADD ("cancel", test_cancel);
  ADD ("daylight-saving", test_daylight_saving);
  ADD ("follow-up-in-view", test_follow_up_in_view);
#undef ADD

  return g_test_run ();
}
