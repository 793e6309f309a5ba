/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-autostart.h"
#include "rapport-client-card.h"
#include "rapport-date-row.h"
#include "rapport-gui-test-utils.h"
#include "rapport-interaction-editor.h"
#include "rapport-interaction-row.h"
#include "rapport-task-editor.h"
#include "rapport-test-utils.h"
#include "rapport-today-page.h"
#include "rapport-wall-clock.h"
#include "rapport-window.h"

/* The tests run in UTC (TZ in meson); “now” is 10:00 on 10 March 2026. */
#define NOW 1773136800

typedef struct
{
  RapportContext   *context;
  RapportTestStore *store;
  RapportClock     *clock;
  gint64            client_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) client = NULL;

  f->context = rapport_gui_test_context_new ("today.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  f->clock = rapport_clock_new_fixed (NOW);
  rapport_database_set_clock (rapport_context_get_database (f->context), f->clock);
  client = rapport_test_add_client (f->store, "Ada", "Lovelace", "+44 20 7946 0001", NULL);
  f->client_id = rapport_client_get_id (client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  rapport_gui_test_iterate ();
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->clock);
  g_clear_object (&f->context);
}

static gint64
add_follow_up (Fixture    *f,
               const char *summary,
               const char *day,
               const char *time)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (f->client_id, RAPPORT_INTERACTION_CALL);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, NOW - 86400 * 5);
  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_follow_up_on (interaction, day);
  rapport_interaction_set_follow_up_time (interaction, time);
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, interaction, &error));
  return rapport_interaction_get_id (interaction);
}

static gint64
add_task (Fixture    *f,
          const char *title,
          const char *day)
{
  g_autoptr(RapportTask) task = rapport_task_new (f->client_id);
  g_autoptr(GError) error = NULL;

  rapport_task_set_title (task, title);
  rapport_task_set_due_on (task, day);
  g_assert_true (rapport_task_repository_save (rapport_context_get_tasks (f->context), task, &error));
  return rapport_task_get_id (task);
}

static GtkWindow *
show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, 800, 900);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (window);
  rapport_gui_test_wait (50);
  rapport_gui_test_iterate ();
  return window;
}

static GtkListBox *
list_of (RapportTodayPage *page,
         const char       *id)
{
  return GTK_LIST_BOX (rapport_gui_test_child (GTK_WIDGET (page), RAPPORT_TYPE_TODAY_PAGE, id));
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static const char *
visible_page (RapportTodayPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (rapport_gui_test_child (GTK_WIDGET (page),
                                                                               RAPPORT_TYPE_TODAY_PAGE, "stack")));
}

static void
on_open (RapportTodayPage *page,
         const char       *kind,
         gint64            id,
         gint64           *opened)
{
  g_assert_cmpstr (kind, ==, "client");
  *opened = id;
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

/* The sections, the count, Done with Undo, Snooze, Open, and the word
 * that notifications are unavailable where no server runs. */
static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  RapportTodayPage *page = NULL;
  g_autofree char *late = NULL;
  gint64 opened = 0;

  add_follow_up (f, "Late", "2026-03-08", NULL);
  late = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT, add_follow_up (f, "Also late", "2026-03-09", "16:00"));
  add_task (f, "Call back", "2026-03-10");
  add_task (f, "Next week", "2026-03-16");
  add_task (f, "Too far", "2026-03-30");

  page = rapport_today_page_new (f->context);
  show_in_window (GTK_WIDGET (page));
  g_signal_connect (page, "open", G_CALLBACK (on_open), &opened);

  g_assert_cmpstr (visible_page (page), ==, "list");
  g_assert_cmpuint (n_rows (list_of (page, "overdue_list")), ==, 2);
  g_assert_cmpuint (n_rows (list_of (page, "today_list")), ==, 1);
  g_assert_cmpuint (n_rows (list_of (page, "upcoming_list")), ==, 1);
  g_assert_cmpuint (rapport_today_page_get_n_due (page), ==, 3);
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Follow up: Also late"));

  /* No notification server in the tests' session: the page says so. */
  g_assert_true (rapport_gui_test_wait_for (banner_shown,
                                            rapport_gui_test_child (GTK_WIDGET (page), RAPPORT_TYPE_TODAY_PAGE,
                                                                    "banner"), 5000));
  g_assert_false (rapport_today_page_get_notifications_available (page));

  /* Done, from the page; Undo puts it back. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.done", "s", late);
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_rows (list_of (page, "overdue_list")), ==, 1);
  g_assert_cmpuint (rapport_today_page_get_n_due (page), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo-done", "s", late);
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_rows (list_of (page, "overdue_list")), ==, 2);

  /* Its snooze button opens the choices, made when asked for. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.snooze-menu", "s", late);
  rapport_gui_test_iterate ();
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_POPOVER_MENU, NULL));

  /* Snoozed until tomorrow morning from that menu, it moves to the days
   * ahead: the menu goes when it closes, after its choice is made. */
  {
    GtkWidget *menu = rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_POPOVER_MENU, NULL);
    GtkWidget *label = rapport_gui_test_find (menu, GTK_TYPE_LABEL, "Until Tomorrow");
    /* The item as GTK makes it, clicked as a pointer or Enter does. */
    GtkWidget *item = label ? gtk_widget_get_ancestor (label, g_type_from_name ("GtkModelButton")) : NULL;

    g_assert_nonnull (item);
    g_signal_emit_by_name (item, "clicked");
  }
  rapport_gui_test_iterate ();
  g_assert_null (rapport_gui_test_find (GTK_WIDGET (page), GTK_TYPE_POPOVER_MENU, NULL));
  g_assert_cmpuint (n_rows (list_of (page, "overdue_list")), ==, 1);
  g_assert_cmpuint (n_rows (list_of (page, "upcoming_list")), ==, 2);

  /* A week on, it is all different: the clock moves and the page follows. */
  rapport_clock_set_now (f->clock, NOW + 7 * 86400);
  rapport_gui_test_iterate ();
  g_assert_cmpuint (n_rows (list_of (page, "today_list")), ==, 0);
  g_assert_cmpuint (rapport_today_page_get_n_due (page), ==, 4);
  g_assert_cmpuint (n_rows (list_of (page, "upcoming_list")), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (page), "today.open", "(sx)", "client", f->client_id);
  g_assert_cmpint (opened, ==, f->client_id);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  RapportTodayPage *page = rapport_today_page_new (f->context);

  show_in_window (GTK_WIDGET (page));
  g_assert_cmpstr (visible_page (page), ==, "empty");
  g_assert_cmpuint (rapport_today_page_get_n_due (page), ==, 0);

  /* Written by another program (or window): the page shows it. */
  add_task (f, "Now there is one", "2026-03-10");
  rapport_gui_test_iterate ();
  g_assert_cmpstr (visible_page (page), ==, "list");
}

/* The window opens on Today, with the count beside it. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.TodayTest",
                                                                        G_APPLICATION_NON_UNIQUE));
  RapportWindow *window;
  GtkWidget *badge, *today;

  add_follow_up (f, "Late", "2026-03-08", NULL);
  add_task (f, "Call back", "2026-03-10");
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = rapport_window_new (app, f->context);
  gtk_window_present (GTK_WINDOW (window));
  rapport_gui_test_wait (50);
  rapport_gui_test_iterate ();

  today = rapport_gui_test_find (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE, NULL);
  g_assert_true (gtk_widget_get_mapped (today));
  badge = rapport_gui_test_child (GTK_WIDGET (window), RAPPORT_TYPE_WINDOW, "today_badge");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "2");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-clients", NULL);
  g_assert_false (gtk_widget_get_mapped (today));
  g_assert_nonnull (rapport_gui_test_find_shortcut (GTK_WIDGET (window), GDK_KEY_t, GDK_CONTROL_MASK));
  rapport_window_show_today (window);
  rapport_gui_test_iterate ();
  g_assert_true (gtk_widget_get_mapped (today));
  gtk_window_destroy (GTK_WINDOW (window));
}

static RapportInteractionRow *
row_of (RapportClientCard *card,
        gint64             interaction_id)
{
  GtkListBox *timeline = GTK_LIST_BOX (rapport_gui_test_child (GTK_WIDGET (card), RAPPORT_TYPE_CLIENT_CARD, "timeline"));

  for (int i = 0; gtk_list_box_get_row_at_index (timeline, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (timeline, i);

      if (RAPPORT_IS_INTERACTION_ROW (row)
          && rapport_interaction_get_id (rapport_interaction_row_get_interaction (RAPPORT_INTERACTION_ROW (row)))
             == interaction_id)
        return RAPPORT_INTERACTION_ROW (row);
    }
  return NULL;
}

static const char *
follow_up_text (RapportClientCard *card,
                gint64             interaction_id)
{
  RapportInteractionRow *row = row_of (card, interaction_id);
  GtkLabel *label;

  g_assert_nonnull (row);
  label = GTK_LABEL (rapport_gui_test_child (GTK_WIDGET (row), RAPPORT_TYPE_INTERACTION_ROW, "follow_up_label"));
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

/* The history shows follow-ups done, overdue, due today and to come
 * differently, and marks them done from the row. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  RapportClientCard *card = rapport_client_card_new (f->context);
  gint64 overdue = add_follow_up (f, "Overdue one", "2026-03-08", NULL);
  gint64 today = add_follow_up (f, "Today's", "2026-03-10", "14:30");
  gint64 later = add_follow_up (f, "Later", "2026-03-20", NULL);
  gint64 done = add_follow_up (f, "Done one", "2026-03-01", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *row_done;

  g_assert_true (rapport_interaction_repository_set_follow_up_done (f->store->interactions, done, TRUE, &error));
  show_in_window (GTK_WIDGET (card));
  rapport_client_card_set_client_id (card, f->client_id);
  rapport_gui_test_iterate ();

  g_assert_cmpstr (follow_up_text (card, overdue), ==, "Follow-up overdue since March 8, 2026");
  g_assert_cmpstr (follow_up_text (card, today), ==, "Follow up: Today at 14:30");
  g_assert_cmpstr (follow_up_text (card, later), ==, "Follow up on March 20");
  g_assert_cmpstr (follow_up_text (card, done), ==, "Followed up (due March 1, 2026)");
  g_assert_true (gtk_widget_has_css_class (rapport_gui_test_child (GTK_WIDGET (row_of (card, overdue)),
                                                                   RAPPORT_TYPE_INTERACTION_ROW, "follow_up_label"),
                                           "error"));

  row_done = rapport_gui_test_child (GTK_WIDGET (row_of (card, overdue)), RAPPORT_TYPE_INTERACTION_ROW, "done_button");
  g_assert_true (gtk_widget_get_visible (row_done));
  g_assert_false (gtk_widget_get_visible (rapport_gui_test_child (GTK_WIDGET (row_of (card, done)),
                                                                  RAPPORT_TYPE_INTERACTION_ROW, "done_button")));
  rapport_gui_test_click (row_done);
  rapport_gui_test_iterate ();
  g_assert_cmpstr (follow_up_text (card, overdue), ==, "Followed up (due March 8, 2026)");
}

static void
on_deleted (GtkWidget  *editor,
            GObject    *what,
            GObject   **deleted)
{
  g_set_object (deleted, what);
}

/* A history row opens the interaction to correct; Delete hands over what
 * Undo puts back. */
static void
test_edit_interaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, f->client_id, NULL);
  gint64 id = add_follow_up (f, "Quote", "2026-03-12", NULL);
  g_autoptr(RapportInteraction) interaction = rapport_interaction_repository_get (f->store->interactions, id, NULL);
  g_autoptr(RapportInteraction) read = NULL;
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor = rapport_interaction_editor_new_for (f->context, client, interaction);
  GtkWidget *summary, *time;

  gtk_window_present (GTK_WINDOW (editor));
  rapport_gui_test_wait (50);
  summary = rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR, "summary_row");
  time = rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR, "follow_up_time_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (summary)), ==, "Quote");
  g_assert_true (gtk_widget_get_visible (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                                 "delete_button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                                          "title_label"))),
                   ==, "Edit Interaction");

  /* Nothing changed yet: nothing to save, nothing to lose on quitting;
   * a choice changed back is no change either. */
  g_assert_false (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (editor)));
  g_assert_false (gtk_widget_is_sensitive (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                                   "save_button")));
  gtk_switch_set_active (GTK_SWITCH (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                             "follow_up_switch")), FALSE);
  g_assert_true (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (editor)));
  g_assert_true (gtk_widget_is_sensitive (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                                  "save_button")));
  gtk_switch_set_active (GTK_SWITCH (rapport_gui_test_child (editor, RAPPORT_TYPE_INTERACTION_EDITOR,
                                                             "follow_up_switch")), TRUE);
  g_assert_false (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (editor)));

  gtk_editable_set_text (GTK_EDITABLE (summary), "Quote sent");
  g_assert_true (rapport_interaction_editor_has_changes (RAPPORT_INTERACTION_EDITOR (editor)));
  gtk_editable_set_text (GTK_EDITABLE (time), "9.30");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  rapport_gui_test_iterate ();
  read = rapport_interaction_repository_get (f->store->interactions, id, &error);
  g_assert_cmpstr (rapport_interaction_get_summary (read), ==, "Quote sent");
  g_assert_cmpstr (rapport_interaction_get_follow_up_time (read), ==, "09:30");

  editor = rapport_interaction_editor_new_for (f->context, client, read);
  g_signal_connect (editor, "deleted", G_CALLBACK (on_deleted), &deleted);
  gtk_window_present (GTK_WINDOW (editor));
  rapport_gui_test_iterate ();
  gtk_widget_activate_action (editor, "editor.delete", NULL);
  rapport_gui_test_iterate ();
  g_assert_nonnull (deleted);
  g_assert_null (rapport_interaction_repository_get (f->store->interactions, id, &error));
  g_clear_error (&error);
  g_assert_true (rapport_interaction_repository_restore (f->store->interactions,
                                                         RAPPORT_INTERACTION (deleted), &error));
  g_assert_no_error (error);
}

/* A reminder added from the card appears on it and on Today. */
static void
test_add_task (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_repository_get (f->store->clients, f->client_id, NULL);
  RapportClientCard *card = rapport_client_card_new (f->context);
  g_autoptr(GPtrArray) open = NULL;
  GtkWidget *editor;

  show_in_window (GTK_WIDGET (card));
  rapport_client_card_set_client_id (card, f->client_id);
  gtk_widget_activate_action (GTK_WIDGET (card), "card.add-task", NULL);
  rapport_gui_test_iterate ();
  editor = GTK_WIDGET (rapport_gui_test_find_window (RAPPORT_TYPE_TASK_EDITOR));
  g_assert_nonnull (editor);

  /* Nothing to save without what to do, nor with a time that is none. */
  g_assert_false (gtk_widget_is_sensitive (rapport_gui_test_child (editor, RAPPORT_TYPE_TASK_EDITOR, "save_button")));
  rapport_gui_test_type (rapport_gui_test_child (editor, RAPPORT_TYPE_TASK_EDITOR, "title_row"), "Ring about the parts");
  rapport_gui_test_type (rapport_gui_test_child (editor, RAPPORT_TYPE_TASK_EDITOR, "time_row"), "25:99");
  g_assert_false (gtk_widget_is_sensitive (rapport_gui_test_child (editor, RAPPORT_TYPE_TASK_EDITOR, "save_button")));
  gtk_editable_set_text (GTK_EDITABLE (rapport_gui_test_child (editor, RAPPORT_TYPE_TASK_EDITOR, "time_row")), "1030");
  gtk_widget_activate_action (editor, "task.save", NULL);
  rapport_gui_test_iterate ();

  open = rapport_task_repository_list_open (rapport_context_get_tasks (f->context), f->client_id, NULL);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (rapport_task_get_due_on (g_ptr_array_index (open, 0)), ==, "2026-03-11");
  g_assert_cmpstr (rapport_task_get_due_time (g_ptr_array_index (open, 0)), ==, "10:30");
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (card), ADW_TYPE_ACTION_ROW, "Ring about the parts"));

  gtk_widget_activate_action (GTK_WIDGET (card), "card.task-done", "x",
                              rapport_task_get_id (g_ptr_array_index (open, 0)));
  rapport_gui_test_iterate ();
  g_assert_null (rapport_gui_test_find (GTK_WIDGET (card), ADW_TYPE_ACTION_ROW, "Ring about the parts"));
}

static GtkWidget *
find_in_window (GType       window_type,
                GType       type,
                const char *name)
{
  GtkWindow *window = rapport_gui_test_find_window (window_type);

  g_assert_nonnull (window);
  return rapport_gui_test_find (GTK_WIDGET (window), type, name);
}

/* In Persian, every date the reminders show is in the Solar Hijri calendar
 * with Persian digits, as the rest of Rapport's dates are, and every count
 * is in Persian digits: the Today page, its snooze “pick a date”, the
 * sidebar's count, the history's follow-ups and the card's reminders.
 * (No catalogue is bound here: the words stay English, the dates and
 * numbers are ICU's.) 10 March 2026 is 19 Esfand 1404. */
static void
test_persian (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new ("io.github.rapportcrm.Rapport.TodayPersian",
                                                                        G_APPLICATION_NON_UNIQUE));
  gint64 overdue = add_follow_up (f, "Late", "2026-03-08", NULL);
  gint64 today = add_follow_up (f, "Today's", "2026-03-10", "14:30");
  gint64 later = add_follow_up (f, "Later", "2026-03-20", NULL);
  g_autofree char *task = g_strdup_printf ("task:%" G_GINT64_FORMAT, add_task (f, "Ring on Thursday", "2026-03-12"));
  g_autoptr(RapportReminder) snoozed = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  RapportClientCard *card;
  RapportTodayPage *page;
  RapportWindow *window;
  GtkWidget *dialog, *day_row;
  gint64 morning = 0;

  g_setenv ("LANGUAGE", "fa", TRUE);

  /* The history's follow-ups and the card's reminders. */
  card = rapport_client_card_new (f->context);
  show_in_window (GTK_WIDGET (card));
  rapport_client_card_set_client_id (card, f->client_id);
  rapport_gui_test_iterate ();
  g_assert_nonnull (strstr (follow_up_text (card, overdue), "۱۷ اسفند ۱۴۰۴"));
  g_assert_nonnull (strstr (follow_up_text (card, today), "۱۴:۳۰"));
  g_assert_nonnull (strstr (follow_up_text (card, later), "۲۹ اسفند"));
  g_assert_null (strstr (follow_up_text (card, later), "March"));
  /* Thursday, in the coming week: its weekday, in Persian. */
  g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (card), ADW_TYPE_ACTION_ROW, "Ring on Thursday"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rapport_gui_test_find (GTK_WIDGET (card),
                                                                                      ADW_TYPE_ACTION_ROW,
                                                                                      "Ring on Thursday"))),
                   ==, "پنجشنبه");

  /* The window: the page's day, its sections' counts, the sidebar's count. */
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = rapport_window_new (app, f->context);
  gtk_window_present (GTK_WINDOW (window));
  rapport_gui_test_wait (50);
  rapport_gui_test_iterate ();
  page = RAPPORT_TODAY_PAGE (rapport_gui_test_find (GTK_WIDGET (window), RAPPORT_TYPE_TODAY_PAGE, NULL));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (rapport_gui_test_child (GTK_WIDGET (page),
                                                                                            RAPPORT_TYPE_TODAY_PAGE,
                                                                                            "title"))),
                   ==, "۱۹ اسفند ۱۴۰۴");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (rapport_gui_test_child (GTK_WIDGET (page),
                                                                                                   RAPPORT_TYPE_TODAY_PAGE,
                                                                                                   "upcoming_group"))),
                   ==, "Next 7 Days (۱)");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (rapport_gui_test_child (GTK_WIDGET (window), RAPPORT_TYPE_WINDOW,
                                                                          "today_badge"))),
                   ==, "۲");

  /* Snooze, pick a date: tomorrow is proposed, and a day typed in the
   * Solar Hijri calendar is the day snoozed to. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.snooze-pick", "s", task);
  rapport_gui_test_iterate ();
  dialog = GTK_WIDGET (rapport_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  day_row = find_in_window (ADW_TYPE_MESSAGE_DIALOG, RAPPORT_TYPE_DATE_ROW, NULL);
  g_assert_nonnull (day_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day_row)), ==, "۱۴۰۴/۱۲/۲۰");
  gtk_editable_set_text (GTK_EDITABLE (day_row), "x");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "snooze"));
  gtk_editable_set_text (GTK_EDITABLE (day_row), "۱۴۰۴/۱۲/۲۵");
  g_assert_cmpstr (rapport_date_row_get_date (RAPPORT_DATE_ROW (day_row)), ==, "2026-03-16");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "snooze"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "snooze");
  rapport_gui_test_iterate ();
  snoozed = rapport_reminders_lookup (rapport_context_get_reminders (f->context), task, NULL);
  g_assert_nonnull (snoozed);
  g_assert_true (rapport_wall_clock_to_utc (utc, "2026-03-16", NULL, &morning));
  g_assert_cmpint (snoozed->snoozed_until, ==, morning);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
}

/* The autostart entry is written and removed. */
static void
test_autostart (void)
{
  g_autofree char *path = rapport_autostart_dup_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_autostart_apply (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Exec=/"));
  g_assert_nonnull (strstr (text, "rapport-notifier"));
  g_assert_true (rapport_autostart_apply (FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (rapport_autostart_apply (FALSE, &error));
}

static void
on_autostart_error (const GError *error,
                    gpointer      data)
{
  g_error ("%s", error->message);
}

/* The entry follows the preference, as the switch in Preferences sets it,
 * from the moment it is followed. */
static void
test_autostart_follows (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rapportcrm.Rapport");
  g_autofree char *path = rapport_autostart_dup_path ();

  g_settings_set_boolean (settings, RAPPORT_AUTOSTART_SETTING, TRUE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  rapport_autostart_follow (settings, on_autostart_error, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, RAPPORT_AUTOSTART_SETTING, FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, RAPPORT_AUTOSTART_SETTING, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_reset (settings, RAPPORT_AUTOSTART_SETTING);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

  g_test_add ("/rapport/today/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/rapport/today/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/rapport/today/window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  g_test_add ("/rapport/today/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/rapport/today/edit-interaction", Fixture, NULL, fixture_set_up, test_edit_interaction,
              fixture_tear_down);
  g_test_add ("/rapport/today/add-task", Fixture, NULL, fixture_set_up, test_add_task, fixture_tear_down);
  g_test_add ("/rapport/today/persian", Fixture, NULL, fixture_set_up, test_persian, fixture_tear_down);
  g_test_add_func ("/rapport/today/autostart", test_autostart);
  g_test_add_func ("/rapport/today/autostart-follows", test_autostart_follows);

  return g_test_run ();
}
