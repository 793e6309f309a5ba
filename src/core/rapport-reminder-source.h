/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-reminder.h"

G_BEGIN_DECLS

/**
 * RapportReminderRange:
 * @from_day: (nullable): the first day, `YYYY-MM-DD`; %NULL for every day
 *   before @to_day (what is overdue)
 * @to_day: the last day, `YYYY-MM-DD`, included
 * @limit: at most this many; 0 for all
 * @newest_first: the latest due first (for the overdue, the most recent
 *   first); else the earliest first
 *
 * Which open reminders a source is asked for: those due on the days from
 * @from_day to @to_day, as the person reads days on the wall clock.
 */
typedef struct
{
  const char *from_day;
  const char *to_day;
  guint       limit;
  gboolean    newest_first;
} RapportReminderRange;

#define RAPPORT_TYPE_REMINDER_SOURCE (rapport_reminder_source_get_type ())

G_DECLARE_INTERFACE (RapportReminderSource, rapport_reminder_source, RAPPORT, REMINDER_SOURCE, GObject)

/**
 * RapportReminderSourceInterface:
 * @get_name: the source's name, which is part of every identity it makes:
 *   never changed once released (“follow-up”, “task”)
 * @collect: appends to @into the open reminders in @range, ordered by due
 *   day and time; it must be an index range of the source's records, never
 *   a scan, so that it stays fast however many there are
 * @count: counts the open reminders from @from_day (or the first) to
 *   @to_day; an index range too
 * @lookup: one reminder by its record, open or done; %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND when the record is gone
 * @set_done: marks the record done, or open again (to undo)
 *
 * A kind of reminder. Each source lives in a file of its own, and its SQL
 * in its entity's repository; #RapportReminders joins what the sources
 * give with each reminder's state.
 */
struct _RapportReminderSourceInterface
{
  GTypeInterface parent_iface;

  const char      *(*get_name) (RapportReminderSource       *self);
  gboolean         (*collect)  (RapportReminderSource       *self,
                                const RapportReminderRange  *range,
                                GPtrArray                   *into,
                                GError                     **error);
  gboolean         (*count)    (RapportReminderSource       *self,
                                const char                  *from_day,
                                const char                  *to_day,
                                guint                       *count,
                                GError                     **error);
  RapportReminder *(*lookup)   (RapportReminderSource       *self,
                                gint64                       item_id,
                                GError                     **error);
  gboolean         (*set_done) (RapportReminderSource       *self,
                                gint64                       item_id,
                                gboolean                     done,
                                GError                     **error);
};

const char      *rapport_reminder_source_get_name (RapportReminderSource       *self);
gboolean         rapport_reminder_source_collect  (RapportReminderSource       *self,
                                                   const RapportReminderRange  *range,
                                                   GPtrArray                   *into,
                                                   GError                     **error);
gboolean         rapport_reminder_source_count    (RapportReminderSource       *self,
                                                   const char                  *from_day,
                                                   const char                  *to_day,
                                                   guint                       *count,
                                                   GError                     **error);
RapportReminder *rapport_reminder_source_lookup   (RapportReminderSource       *self,
                                                   gint64                       item_id,
                                                   GError                     **error);
gboolean         rapport_reminder_source_set_done (RapportReminderSource       *self,
                                                   gint64                       item_id,
                                                   gboolean                     done,
                                                   GError                     **error);

G_END_DECLS
