/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-reminder.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* How many days after today the Today page, the notifier and the command
 * line look ahead by default. */
#define RAPPORT_REMINDERS_DAYS_AHEAD 7

/**
 * RapportAgenda:
 * @overdue: (element-type RapportReminder): due before today, the most
 *   recent first; at most as many as were asked for
 * @n_overdue: how many are overdue in all
 * @today: (element-type RapportReminder): due today, the earliest first
 * @n_today: how many are due today in all
 * @upcoming: (element-type RapportReminder): due on the days after today
 *   that were asked for, the earliest first
 * @n_upcoming: how many are due on those days in all
 * @today_day: today, `YYYY-MM-DD`, on the wall clock of the reminders'
 *   time zone
 *
 * What is due, for one moment. A snoozed reminder is where its snooze
 * ends; a dismissed one is nowhere.
 */
typedef struct
{
  GPtrArray *overdue;
  guint      n_overdue;
  GPtrArray *today;
  guint      n_today;
  GPtrArray *upcoming;
  guint      n_upcoming;
  char      *today_day;
} RapportAgenda;

void rapport_agenda_free (RapportAgenda *agenda);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAgenda, rapport_agenda_free)

#define RAPPORT_TYPE_REMINDERS (rapport_reminders_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminders, rapport_reminders, RAPPORT, REMINDERS, GObject)

RapportReminders      *rapport_reminders_new            (RapportDatabase        *database);
RapportDatabase       *rapport_reminders_get_database   (RapportReminders       *self);
void                   rapport_reminders_add_source     (RapportReminders       *self,
                                                         RapportReminderSource  *source);
RapportReminderSource *rapport_reminders_get_source     (RapportReminders       *self,
                                                         const char             *name);
GTimeZone             *rapport_reminders_get_time_zone  (RapportReminders       *self);
void                   rapport_reminders_set_time_zone  (RapportReminders       *self,
                                                         GTimeZone              *zone);

RapportAgenda   *rapport_reminders_get_agenda       (RapportReminders  *self,
                                                     gint64             now,
                                                     guint              days_ahead,
                                                     guint              max_listed,
                                                     GError           **error);
void             rapport_reminders_get_agenda_async (RapportReminders    *self,
                                                     gint64               now,
                                                     guint                days_ahead,
                                                     guint                max_listed,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
RapportAgenda   *rapport_reminders_get_agenda_finish (RapportReminders  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
GPtrArray       *rapport_reminders_list_open        (RapportReminders  *self,
                                                     gint64             now,
                                                     GError           **error);
RapportReminder *rapport_reminders_lookup           (RapportReminders  *self,
                                                     const char        *id,
                                                     GError           **error);
gboolean         rapport_reminders_set_done         (RapportReminders  *self,
                                                     const char        *id,
                                                     gboolean           done,
                                                     GError           **error);
gboolean         rapport_reminders_snooze           (RapportReminders  *self,
                                                     const char        *id,
                                                     gint64             until,
                                                     GError           **error);
gboolean         rapport_reminders_dismiss          (RapportReminders  *self,
                                                     const char        *id,
                                                     GError           **error);
void             rapport_reminders_set_done_async   (RapportReminders    *self,
                                                     const char          *id,
                                                     gboolean             done,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void             rapport_reminders_snooze_async     (RapportReminders    *self,
                                                     const char          *id,
                                                     gint64               until,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         rapport_reminders_write_finish     (RapportReminders    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean         rapport_reminders_concerns         (const char        *changed_kind);

GPtrArray       *rapport_reminders_list_to_notify   (RapportReminders  *self,
                                                     gint64             now,
                                                     guint              max_listed,
                                                     guint             *n_due,
                                                     GError           **error);
gboolean         rapport_reminders_mark_notified    (RapportReminders  *self,
                                                     GPtrArray         *notified,
                                                     gint64             now,
                                                     GError           **error);
gint64           rapport_reminders_get_next_due     (RapportReminders  *self,
                                                     gint64             now,
                                                     GError           **error);

G_END_DECLS
