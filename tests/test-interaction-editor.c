/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "rapport-date-row.h"
#include "rapport-gui-test-utils.h"
#include "rapport-interaction-editor.h"

typedef struct
{
  RapportContext *context;
  RapportStore   *store;
  RapportClient  *client;
  RapportStaff   *uwe;
  GtkWidget      *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = rapport_gui_test_context_new ("interactions.db");
  f->store = rapport_context_get_store (f->context);
  f->client = rapport_client_new ();
  rapport_client_set_given_name (f->client, "Lea");
  rapport_client_set_family_name (f->client, "Weber");
  g_assert_true (rapport_store_save_client (f->store, f->client, NULL));
  f->uwe = rapport_staff_new ("Uwe", "Sales");
  g_assert_true (rapport_store_save_staff (f->store, f->uwe, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  rapport_gui_test_iterate ();
  g_clear_object (&f->uwe);
  g_clear_object (&f->client);
  g_clear_object (&f->context);
}

static void
open_editor (Fixture *f)
{
  f->editor = rapport_interaction_editor_new (f->context, f->client);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
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
  return gtk_widget_get_sensitive (child (f, "save_button"));
}

static RapportInteraction *
only_interaction (Fixture *f)
{
  g_autoptr(GPtrArray) all = rapport_store_list_interactions (f->store, rapport_client_get_id (f->client),
                                                              NULL, 10, NULL);

  g_assert_cmpuint (all->len, ==, 1);
  return g_object_ref (g_ptr_array_index (all, 0));
}

static void
test_log_call_with_follow_up (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportInteraction) logged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_week = g_date_time_add_days (now, 7);
  g_autofree char *expected_follow_up = g_date_time_format (in_a_week, "%Y-%m-%d");

  open_editor (f);
  /* A call, from the client, now, by Uwe (the staff row's second entry). */
  g_assert_true (gtk_widget_get_visible (child (f, "direction_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "staff_row")), 1);
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "summary_row"), "Asked about the repair price");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "text_view"))),
                            "Screen cracked; wants a quote by Friday.", -1);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (child (f, "follow_up_row")), TRUE);
  g_assert_true (save_enabled (f));
  rapport_gui_test_click (child (f, "save_button"));
  g_assert_null (f->editor);

  logged = only_interaction (f);
  g_assert_cmpint (rapport_interaction_get_kind (logged), ==, RAPPORT_INTERACTION_CALL);
  g_assert_cmpint (rapport_interaction_get_direction (logged), ==, RAPPORT_DIRECTION_INBOUND);
  g_assert_cmpstr (rapport_interaction_get_summary (logged), ==, "Asked about the repair price");
  g_assert_cmpstr (rapport_interaction_get_text (logged), ==, "Screen cracked; wants a quote by Friday.");
  g_assert_cmpstr (rapport_interaction_get_staff_name (logged), ==, "Uwe");
  g_assert_cmpstr (rapport_interaction_get_follow_up_on (logged), ==, expected_follow_up);
  /* Logged at the current minute. */
  g_assert_cmpint (ABS (rapport_interaction_get_occurred_at (logged) - g_date_time_to_unix (now)), <, 120);

  /* Uwe is chosen next time. */
  g_assert_cmpint (g_settings_get_int64 (rapport_context_get_settings (f->context), "last-staff-id"), ==,
                   rapport_staff_get_id (f->uwe));
  open_editor (f);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, "staff_row"))), ==, 1);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *when_error;

  open_editor (f);
  when_error = child (f, "when_error");
  rapport_gui_test_type (child (f, "summary_row"), "Visit");
  g_assert_true (save_enabled (f));

  rapport_gui_test_type (child (f, "time_row"), "25:00");
  g_assert_false (save_enabled (f));
  g_assert_true (gtk_widget_get_visible (when_error));
  g_assert_true (gtk_widget_has_css_class (child (f, "time_row"), "error"));
  rapport_gui_test_type (child (f, "time_row"), "9.30");
  g_assert_true (save_enabled (f));
  g_assert_false (gtk_widget_get_visible (when_error));

  rapport_gui_test_type (child (f, "day_row"), "yesterday");
  g_assert_false (save_enabled (f));
  rapport_gui_test_type (child (f, "day_row"), "2024-03-31");
  g_assert_true (save_enabled (f));

  /* A follow-up in the past is allowed, and said so. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (child (f, "follow_up_row")), TRUE);
  rapport_gui_test_type (child (f, "follow_up_day_row"), "2020-01-01");
  g_assert_true (gtk_widget_get_visible (child (f, "follow_up_hint")));
  g_assert_true (save_enabled (f));

  /* Nothing said at all cannot be saved; a note has no direction. */
  rapport_gui_test_type (child (f, "summary_row"), "  ");
  g_assert_false (save_enabled (f));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "kind_row")), 4);
  g_assert_false (gtk_widget_get_visible (child (f, "direction_row")));
}

/* Europe/Berlin's clocks went forward at 02:00 on 2026-03-29. A time typed
 * is wall-clock time on either side of the change. */
static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  const struct { const char *day; const char *time; gint64 utc; } cases[] = {
    { "2026-03-28", "03:30", 1774665000 },   /* winter time, UTC+1: 02:30 UTC */
    { "2026-03-29", "03:30", 1774747800 },   /* summer time, UTC+2: 01:30 UTC */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) all = NULL;
      gboolean found = FALSE;

      open_editor (f);
      rapport_gui_test_type (child (f, "summary_row"), cases[i].day);
      rapport_gui_test_type (child (f, "day_row"), cases[i].day);
      rapport_gui_test_type (child (f, "time_row"), cases[i].time);
      rapport_gui_test_click (child (f, "save_button"));

      all = rapport_store_list_interactions (f->store, rapport_client_get_id (f->client), NULL, 10, NULL);
      for (guint j = 0; j < all->len; j++)
        if (g_str_equal (rapport_interaction_get_summary (g_ptr_array_index (all, j)), cases[i].day))
          {
            g_assert_cmpint (rapport_interaction_get_occurred_at (g_ptr_array_index (all, j)), ==, cases[i].utc);
            found = TRUE;
          }
      g_assert_true (found);
    }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;

  open_editor (f);
  rapport_gui_test_type (child (f, "summary_row"), "Never saved");
  g_assert_true (gtk_widget_activate_action (f->editor, "window.close", NULL));
  rapport_gui_test_iterate ();
  g_assert_null (f->editor);
  all = rapport_store_list_interactions (f->store, rapport_client_get_id (f->client), NULL, 10, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* A zone with daylight saving time, for the whole program. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/interaction-editor/log-call-with-follow-up", test_log_call_with_follow_up);
  ADD ("/rapport/interaction-editor/validation", test_validation);
  ADD ("/rapport/interaction-editor/daylight-saving", test_daylight_saving);
  ADD ("/rapport/interaction-editor/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
