/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* “What must I do now”: what is overdue, due today and in the next days,
 * each with what, who and why, and Done, Snooze and Open. It asks the same
 * core module as the notifier and the command line. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-message-dialog.h"
#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-ics.h"
#include "rapport-money-format.h"
#include "rapport-today-page.h"
#include "rapport-wall-clock.h"
#include "rapport-widget-util.h"

/* The reminders listed in each section; all are counted. */
#define MAX_LISTED 20
/* A reading that takes longer than this shows a spinner; a shorter one
 * shows nothing until its rows, so that nothing flashes. */
#define SPINNER_DELAY_MS 300
#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

struct _RapportTodayPage
{
  AdwBin               parent_instance;

  RapportContext      *context;
  gboolean             sidebar_folded;
  guint                n_due;
  gboolean             notifications_available;
  guint                reload_source;
  guint                midnight_source;
  GCancellable        *cancellable;
  GCancellable        *reading;        /* the agenda being read, or NULL */
  GDateTime           *reading_now;    /* the moment it is read for */
  gboolean             read_once;      /* a reading was asked for */
  gboolean             read_in;        /* and one came in */
  guint                spinner_source;
  GtkFileChooserNative *export_chooser;
  GtkWidget           *snooze_popover;   /* open on a row's button, or NULL */

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *title;
  GtkRevealer         *banner;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *today_group;
  AdwPreferencesGroup *upcoming_group;
  GtkListBox          *overdue_list;
  GtkListBox          *today_list;
  GtkListBox          *upcoming_list;
};

G_DEFINE_FINAL_TYPE (RapportTodayPage, rapport_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_FOLDED,
  PROP_N_DUE,
  PROP_NOTIFICATIONS_AVAILABLE,
  PROP_LOADING,
  N_PROPS
};

enum {
  SHOW_SIDEBAR,
  OPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AdwToast *
add_toast (RapportTodayPage *self,
           const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static void
add_error_toast (RapportTodayPage *self,
                 const GError     *error)
{
  AdwToast *toast = add_toast (self, error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
}

/* “Ada Lovelace · Tomorrow at 14:30 · Reza Karimi”: who, when, for whom,
 * and why on a line of its own. Every line and every part reads in
 * @direction, whatever script a name is in: after a Cyrillic name, a date
 * that starts with Persian digits would otherwise join the name's run. */
static char *
describe (RapportReminder  *reminder,
          GDateTime        *now,
          GtkTextDirection  direction)
{
  const char *mark = rapport_format_direction_mark (direction);
  g_autofree char *separator = g_strconcat (" · ", mark, NULL);
  gint64 now_utc = g_date_time_to_unix (now);
  gint64 due = rapport_reminder_get_effective_due (reminder, now_utc);
  g_autofree char *when = rapport_format_due (due, reminder->due_time != NULL || due != reminder->due_at, now);
  GString *text = g_string_new (mark);

  g_string_append (text, reminder->client_name);
  if (due != reminder->due_at)
    {
      g_autofree char *snoozed = g_strdup_printf (_("snoozed until %s"), when);
      g_string_append_printf (text, "%s%s", separator, snoozed);
    }
  else
    g_string_append_printf (text, "%s%s", separator, when);
  if (*reminder->staff_name != '\0')
    g_string_append_printf (text, "%s%s", separator, reminder->staff_name);
  if (reminder->currency != NULL)
    {
      g_autofree char *amount = rapport_money_format (reminder->amount, reminder->currency);

      g_string_append_printf (text, "%s%s", separator, amount);
    }
  if (reminder->last_on != NULL)
    {
      g_autofree char *visits = rapport_format_usual_visits (reminder->usual_interval, reminder->last_on);
      g_string_append_printf (text, "\n%s%s", mark, visits);
    }
  if (*reminder->detail != '\0')
    {
      g_autofree char *detail = rapport_format_lines_in_direction (reminder->detail, direction);
      g_string_append_printf (text, "\n%s", detail);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
make_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* The snooze choices of one reminder, in a menu made when it is opened:
 * a menu per row, made up front, was most of the time the page took. */
static GMenuModel *
make_snooze_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  struct { const char *label; const char *when; } choices[] = {
    { N_("For 1 _Hour"), "hour" },
    { N_("Until _Tomorrow"), "tomorrow" },
    { N_("Until _Next Week"), "week" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(choices[i].label), NULL);

      g_menu_item_set_action_and_target (item, "today.snooze", "(ss)", id, choices[i].when);
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Pick a Date…"), NULL);

    g_menu_item_set_action_and_target (item, "today.snooze-pick", "s", id);
    g_menu_append_item (menu, item);
  }
  return G_MENU_MODEL (menu);
}

/* The menu goes with its button: before the rows are made anew, when
 * another menu opens, and with the page. Not as it closes: a chosen item
 * activates its action after the menu closed, through the menu's parent,
 * and a menu taken off its button then would activate nothing. */
static void
close_snooze_menu (RapportTodayPage *self)
{
  GtkWidget *popover = g_steal_pointer (&self->snooze_popover);

  if (popover != NULL)
    gtk_widget_unparent (popover);
}

static GtkWidget *
find_named_button (GtkWidget  *widget,
                   const char *name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_button (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The snooze button of the reminder @id: rows and their buttons are named
 * by the reminder they show. */
static GtkWidget *
find_snooze_button (RapportTodayPage *self,
                    const char       *id)
{
  GtkListBox *lists[] = { self->overdue_list, self->today_list, self->upcoming_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i])); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (gtk_widget_get_name (row), id) == 0)
        return find_named_button (row, id);
  return NULL;
}

static void
snooze_menu_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GMenuModel) menu = make_snooze_menu (id);
  GtkWidget *button = find_snooze_button (self, id);
  GtkWidget *popover;

  if (button == NULL)
    return;
  close_snooze_menu (self);
  popover = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (popover, button);
  self->snooze_popover = popover;
  gtk_popover_popup (GTK_POPOVER (popover));
}

static GtkWidget *
make_snooze_button (const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("alarm-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Snooze"));
  gtk_widget_set_name (button, id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Snooze"),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "today.snooze-menu");
  return button;
}

static GtkWidget *
make_row (RapportReminder *reminder,
          GDateTime       *now,
          gboolean         overdue)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id = rapport_reminder_dup_id (reminder);
  g_autofree char *title = g_markup_escape_text (reminder->title, -1);
  g_autofree char *subtitle_text = describe (reminder, now, gtk_widget_get_direction (row));
  g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
  GVariant *open_target = g_variant_new ("(sx)", reminder->open_kind, reminder->open_id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                overdue ? "dialog-warning-symbolic" : "x-office-calendar-symbolic");
  if (overdue)
    gtk_widget_add_css_class (row, "overdue");
  gtk_widget_set_name (row, id);

  /* The row opens what it is about; the buttons do the rest. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "today.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), open_target);

  /* A client who agreed to service messages gets a ready one. */
  if (reminder->message != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button ("mail-send-symbolic", _("Message to the Client"), "today.message",
                                            g_variant_new_string (id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("object-select-symbolic", _("Mark Done"), "today.done",
                                          g_variant_new_string (id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_snooze_button (id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("go-next-symbolic", _("Open Client"), "today.open",
                                          g_variant_new ("(sx)", reminder->open_kind, reminder->open_id)));
  return row;
}

/* A section: its title with the count, what is listed, and how many more
 * there are when not all are. */
static void
fill (GtkListBox          *list,
      AdwPreferencesGroup *group,
      const char          *title,
      GPtrArray           *reminders,
      guint                n_all,
      GDateTime           *now,
      gboolean             overdue)
{
  g_autofree char *count = rapport_format_count (n_all);
  /* TRANSLATORS: a section of the Today page and how many reminders it has,
   * “Overdue (3)”; the second %s is the number, in the reader's digits */
  g_autofree char *titled = g_strdup_printf (_("%s (%s)"), title, count);

  rapport_list_box_remove_rows (list);
  for (guint i = 0; i < reminders->len; i++)
    gtk_list_box_append (list, make_row (g_ptr_array_index (reminders, i), now, overdue));
  gtk_widget_set_visible (GTK_WIDGET (group), n_all > 0);
  adw_preferences_group_set_title (group, titled);
  if (n_all > reminders->len)
    {
      g_autofree char *n_more = rapport_format_count (n_all - reminders->len);
      /* TRANSLATORS: %s is a number, in the reader's digits */
      g_autofree char *more = g_strdup_printf (overdue
                                               ? g_dngettext (GETTEXT_PACKAGE,
                                                              "The most recent are shown; %s more is older.",
                                                              "The most recent are shown; %s more are older.",
                                                              n_all - reminders->len)
                                               : g_dngettext (GETTEXT_PACKAGE,
                                                              "The soonest are shown; %s more is later.",
                                                              "The soonest are shown; %s more are later.",
                                                              n_all - reminders->len),
                                               n_more);
      adw_preferences_group_set_description (group, more);
    }
  else
    adw_preferences_group_set_description (group, NULL);
}

static void
set_n_due (RapportTodayPage *self,
           guint             n_due)
{
  if (self->n_due == n_due)
    return;
  self->n_due = n_due;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
}

static gboolean
on_midnight (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->midnight_source = 0;
  rapport_today_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* Today becomes yesterday at midnight: the sections move then. */
static void
wake_at_midnight (RapportTodayPage *self,
                  GDateTime        *now)
{
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (tomorrow),
                                                   g_date_time_get_month (tomorrow),
                                                   g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  gint64 seconds = midnight ? g_date_time_difference (midnight, now) / G_USEC_PER_SEC : 3600;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds ((guint) CLAMP (seconds, 1, 86400 + 3600), on_midnight, self);
}

static gboolean
on_spinner_delay (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  return G_SOURCE_REMOVE;
}

static void
stop_reading (RapportTodayPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->reading_now, g_date_time_unref);
  self->read_in = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_agenda_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportTodayPage) self = user_data;
  g_autoptr(RapportAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;

  agenda = rapport_reminders_get_agenda_finish (RAPPORT_REMINDERS (source), result, &error);
  /* A newer reading replaced this one, or the page is gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  now = g_date_time_ref (self->reading_now);
  stop_reading (self);
  if (agenda == NULL)
    {
      add_error_toast (self, error);
      return;
    }

  close_snooze_menu (self);
  fill (self->overdue_list, self->overdue_group, _("Overdue"), agenda->overdue, agenda->n_overdue, now, TRUE);
  fill (self->today_list, self->today_group, _("Today"), agenda->today, agenda->n_today, now, FALSE);
  fill (self->upcoming_list, self->upcoming_group, _("Next 7 Days"), agenda->upcoming, agenda->n_upcoming,
        now, FALSE);
  gtk_stack_set_visible_child_name (self->stack,
                                    agenda->n_overdue + agenda->n_today + agenda->n_upcoming > 0
                                    ? "list" : "empty");
  set_n_due (self, agenda->n_overdue + agenda->n_today);
}

/**
 * rapport_today_page_reload:
 * @self: the page
 *
 * Asks again what is due now. It is read in a worker; the page shows what
 * it showed, or nothing the first time, until it is in
 * (#RapportTodayPage:loading).
 */
void
rapport_today_page_reload (RapportTodayPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *day = NULL;
  g_autofree char *subtitle = NULL;
  RapportReminders *reminders;

  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));

  now = rapport_context_dup_now (self->context);
  reminders = rapport_context_get_reminders (self->context);
  rapport_reminders_set_time_zone (reminders, g_date_time_get_timezone (now));
  wake_at_midnight (self, now);
  /* The day at once, so that the title does not move when the rows come. */
  day = g_date_time_format (now, "%Y-%m-%d");
  subtitle = rapport_format_iso_date (day);
  adw_window_title_set_subtitle (self->title, subtitle);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();
  self->read_once = TRUE;
  g_clear_pointer (&self->reading_now, g_date_time_unref);
  self->reading_now = g_date_time_ref (now);
  if (self->spinner_source == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->spinner))
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, on_spinner_delay, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  rapport_reminders_get_agenda_async (reminders, g_date_time_to_unix (now), RAPPORT_REMINDERS_DAYS_AHEAD,
                                      MAX_LISTED, self->reading, on_agenda_read, g_object_ref (self));
}

static gboolean
on_reload (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->reload_source = 0;
  rapport_today_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
reload_soon (RapportTodayPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (on_reload, self);
}

static void
on_database_changed (RapportTodayPage *self,
                     const char       *kind)
{
  if (rapport_reminders_concerns (kind))
    reload_soon (self);
}

/* Done, Undo and Snooze are written on the database's worker; the change
 * notice reloads the page. A refusal is told, and a reminder done offers
 * Undo once it is. */
typedef struct
{
  RapportTodayPage *self;
  char             *id;
  char             *done_text;   /* the toast with Undo, or NULL */
} TodayWrite;

static TodayWrite *
today_write_new (RapportTodayPage *self,
                 const char       *id,
                 char             *done_text)
{
  TodayWrite *write = g_new0 (TodayWrite, 1);

  write->self = g_object_ref (self);
  write->id = g_strdup (id);
  write->done_text = done_text;
  return write;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TodayWrite *write = user_data;
  g_autoptr(RapportTodayPage) self = write->self;
  g_autofree char *id = write->id;
  g_autofree char *done_text = write->done_text;
  g_autoptr(GError) error = NULL;

  g_free (write);
  if (!rapport_reminders_write_finish (RAPPORT_REMINDERS (source), result, &error))
    add_error_toast (self, error);
  else if (done_text != NULL)
    {
      AdwToast *toast = add_toast (self, done_text);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_target_value (toast, g_variant_new_string (id));
      adw_toast_set_action_name (toast, "today.undo-done");
    }
}

static void
set_done (RapportTodayPage *self,
          const char       *id,
          gboolean          done,
          char             *done_text)
{
  rapport_reminders_set_done_async (rapport_context_get_reminders (self->context), id, done, NULL,
                                    on_written, today_write_new (self, id, done_text));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(RapportReminder) reminder = NULL;

  reminder = rapport_reminders_lookup (rapport_context_get_reminders (self->context), id, NULL);
  /* TRANSLATORS: a reminder was marked done; %s is what it was */
  set_done (self, id, TRUE, g_strdup_printf (_("“%s” done"), reminder ? reminder->title : id));
}

static void
undo_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_done (RAPPORT_TODAY_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE, NULL);
}

static void
snooze_until (RapportTodayPage *self,
              const char       *id,
              gint64            until)
{
  rapport_reminders_snooze_async (rapport_context_get_reminders (self->context), id, until, NULL,
                                  on_written, today_write_new (self, id, NULL));
}

/* The morning of the day @days after today, on the wall clock. */
static gint64
morning_after (GDateTime *now,
               int        days)
{
  g_autofree char *day = rapport_wall_clock_day (g_date_time_get_timezone (now), g_date_time_to_unix (now), days);
  gint64 moment = g_date_time_to_unix (now) + days * (gint64) 86400;

  if (day != NULL)
    rapport_wall_clock_to_utc (g_date_time_get_timezone (now), day, NULL, &moment);
  return moment;
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  const char *id, *when;
  gint64 until;

  g_variant_get (parameter, "(&s&s)", &id, &when);
  if (g_str_equal (when, "hour"))
    until = g_date_time_to_unix (now) + 3600;
  else if (g_str_equal (when, "tomorrow"))
    until = morning_after (now, 1);
  else
    until = morning_after (now, 7);
  snooze_until (self, id, until);
}

typedef struct
{
  RapportTodayPage *self;
  char             *id;
  RapportDateRow   *day_row;
} PickDate;

static void
pick_date_free (PickDate *pick)
{
  g_object_unref (pick->self);
  g_free (pick->id);
  g_free (pick);
}

static void
on_pick_response (AdwMessageDialog *dialog,
                  const char       *response,
                  PickDate         *pick)
{
  const char *day = rapport_date_row_get_date (pick->day_row);

  if (g_str_equal (response, "snooze") && day != NULL)
    {
      g_autoptr(GDateTime) now = rapport_context_dup_now (pick->self->context);
      gint64 until = 0;

      if (rapport_wall_clock_to_utc (g_date_time_get_timezone (now), day, NULL, &until))
        snooze_until (pick->self, pick->id, until);
    }
  pick_date_free (pick);
}

/* Snooze can be pressed while the row holds a day. */
static void
on_pick_day_changed (AdwMessageDialog *dialog,
                     GParamSpec       *pspec,
                     RapportDateRow   *row)
{
  adw_message_dialog_set_response_enabled (dialog, "snooze", rapport_date_row_get_date (row) != NULL);
}

/* The day is shown and typed in the reader's calendar, as every date is,
 * or picked from the row's calendar. */
static void
snooze_pick_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *tomorrow = rapport_wall_clock_day (g_date_time_get_timezone (now),
                                                      g_date_time_to_unix (now), 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = rapport_date_row_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  PickDate *pick;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Date"));
  rapport_date_row_set_date (RAPPORT_DATE_ROW (row), tomorrow);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day to be reminded again"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Snooze Until"), _("Be reminded again in the morning of the day you pick."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "snooze", _("_Snooze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "snooze", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "snooze");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (row, "notify::date", G_CALLBACK (on_pick_day_changed), dialog, G_CONNECT_SWAPPED);
  on_pick_day_changed (ADW_MESSAGE_DIALOG (dialog), NULL, RAPPORT_DATE_ROW (row));

  pick = g_new0 (PickDate, 1);
  pick->self = g_object_ref (self);
  pick->id = g_variant_dup_string (parameter, NULL);
  pick->day_row = RAPPORT_DATE_ROW (row);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pick_response), pick);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_message_sent (RapportTodayPage *self,
                 const char       *address)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: %s is an e-mail address */
  text = g_strdup_printf (_("Message sent to %s"), address);
  add_toast (self, text);
}

static void
message_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  RapportClientMessageDialog *dialog;
  GtkRoot *root;

  reminder = rapport_reminders_lookup (rapport_context_get_reminders (self->context),
                                       g_variant_get_string (parameter, NULL), &error);
  if (reminder == NULL)
    {
      add_error_toast (self, error);
      return;
    }
  if (reminder->message == NULL)
    {
      /* TRANSLATORS: %s is a client's name */
      g_autofree char *text = g_strdup_printf (_("%s has not agreed to service messages."), reminder->client_name);

      add_toast (self, text);
      return;
    }
  dialog = rapport_client_message_dialog_new (self->context, reminder);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "sent", G_CALLBACK (on_message_sent), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rapport_today_page_show_message:
 * @self: the page
 * @id: a reminder's id (rapport_reminder_dup_id())
 *
 * Opens the ready message of the reminder, as its row's button does.
 */
void
rapport_today_page_show_message (RapportTodayPage *self,
                                 const char       *id)
{
  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "today.message", "s", id);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *kind;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  g_signal_emit (widget, signals[OPEN], 0, kind, id);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

static void
on_export_response (GtkNativeDialog  *chooser,
                    int               response,
                    RapportTodayPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->export_chooser);
  if (path == NULL)
    return;

  if (!rapport_ics_export (rapport_context_get_reminders (self->context),
                           rapport_database_now (rapport_context_get_database (self->context)),
                           path, &n, &error))
    {
      add_error_toast (self, error);
      return;
    }
  {
    g_autofree char *count = rapport_format_count (n);
    /* TRANSLATORS: %s is a number, in the reader's digits */
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%s reminder exported",
                                                             "%s reminders exported", n), count);
    add_toast (self, message);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->export_chooser != NULL)
    return;
  self->export_chooser = gtk_file_chooser_native_new (_("Export Reminders"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  /* TRANSLATORS: the name proposed for the calendar file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), _("reminders.ics"));
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
set_notifications_available (RapportTodayPage *self,
                             gboolean          available)
{
  self->notifications_available = available;
  gtk_revealer_set_reveal_child (self->banner, !available);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFICATIONS_AVAILABLE]);
}

static void
on_activatable_names (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RapportTodayPage) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  g_autofree const char **names = NULL;

  if (reply != NULL)
    g_variant_get (reply, "(^a&s)", &names);
  set_notifications_available (self, names != NULL
                                     && g_strv_contains ((const char * const *) names, NOTIFICATIONS_NAME));
}

static void
on_has_owner (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RapportTodayPage) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  if (owned || reply == NULL)
    {
      set_notifications_available (self, owned);
      return;
    }
  /* Not running, but the bus may start one when it is needed. */
  g_dbus_connection_call (G_DBUS_CONNECTION (source), "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_activatable_names,
                          g_object_ref (self));
}

static void
on_session_bus (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportTodayPage) self = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);

  if (bus == NULL)
    {
      set_notifications_available (self, FALSE);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "NameHasOwner", g_variant_new ("(s)", NOTIFICATIONS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_has_owner, g_object_ref (self));
}

/* What is due is first read as the page's first frame is drawn: reading
 * it in a worker while the window was built slowed that frame down on a
 * busy machine. A page not on show is read when rapport_today_page_reload()
 * is called. */
static gboolean
on_first_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);

  if (!self->read_once)
    rapport_today_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
rapport_today_page_constructed (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->constructed (object);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rapport_database_get_clock (rapport_context_get_database (self->context)), "changed",
                           G_CALLBACK (reload_soon), self, G_CONNECT_SWAPPED);
  /* Whether a notification server can be reached. */
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus, g_object_ref (self));
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_tick, NULL, NULL);
}

static void
rapport_today_page_dispose (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->reading_now, g_date_time_unref);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  close_snooze_menu (self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->dispose (object);
}

static void
rapport_today_page_finalize (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_today_page_parent_class)->finalize (object);
}

static void
rapport_today_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SIDEBAR_FOLDED: g_value_set_boolean (value, self->sidebar_folded); break;
    case PROP_N_DUE: g_value_set_uint (value, self->n_due); break;
    case PROP_NOTIFICATIONS_AVAILABLE: g_value_set_boolean (value, self->notifications_available); break;
    case PROP_LOADING: g_value_set_boolean (value, rapport_today_page_get_loading (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SIDEBAR_FOLDED:
      if (self->sidebar_folded != g_value_get_boolean (value))
        {
          self->sidebar_folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_class_init (RapportTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_today_page_constructed;
  object_class->dispose = rapport_today_page_dispose;
  object_class->finalize = rapport_today_page_finalize;
  object_class->get_property = rapport_today_page_get_property;
  object_class->set_property = rapport_today_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTIFICATIONS_AVAILABLE] =
    g_param_spec_boolean ("notifications-available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RapportTodayPage:loading:
   *
   * Whether what is due is being read, or not read yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportTodayPage::show-sidebar:
   * @self: the page
   *
   * The person went back to the pages, in the narrow layout.
   */
  signals[SHOW_SIDEBAR] =
    g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RapportTodayPage::open:
   * @self: the page
   * @kind: what to show: “client” (later “order”, “delivery”)
   * @id: which
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, title);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, banner);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, upcoming_list);

  gtk_widget_class_install_action (widget_class, "today.done", "s", done_action);
  gtk_widget_class_install_action (widget_class, "today.undo-done", "s", undo_done_action);
  gtk_widget_class_install_action (widget_class, "today.snooze", "(ss)", snooze_action);
  gtk_widget_class_install_action (widget_class, "today.snooze-pick", "s", snooze_pick_action);
  gtk_widget_class_install_action (widget_class, "today.snooze-menu", "s", snooze_menu_action);
  gtk_widget_class_install_action (widget_class, "today.open", "(sx)", open_action);
  gtk_widget_class_install_action (widget_class, "today.message", "s", message_action);
  gtk_widget_class_install_action (widget_class, "today.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "today.export", NULL, export_action);
}

static void
rapport_today_page_init (RapportTodayPage *self)
{
  self->notifications_available = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportTodayPage *
rapport_today_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_TODAY_PAGE, "context", context, NULL);
}

/**
 * rapport_today_page_get_n_due:
 * @self: the page
 *
 * Returns: how many reminders are overdue or due today: the sidebar's badge
 */
guint
rapport_today_page_get_n_due (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), 0);
  return self->n_due;
}

gboolean
rapport_today_page_get_notifications_available (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), FALSE);
  return self->notifications_available;
}

gboolean
rapport_today_page_get_loading (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), FALSE);
  return self->reading != NULL || !self->read_in;
}
