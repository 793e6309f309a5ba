/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportReminder:
 * @source: the name of the source that made it (“follow-up”, “task”)
 * @item_id: the source's record: with @source, the reminder's identity
 * @due_on: the day it is due, `YYYY-MM-DD`, on the wall clock
 * @due_time: (nullable): the time of day, `HH:MM`, or %NULL for the day
 * @due_at: the moment it is due, UTC seconds (set by #RapportReminders
 *   from @due_on, @due_time and the time zone)
 * @done: whether it was done (a looked-up reminder may be)
 * @snoozed_until: when a snooze ends, UTC seconds, or 0
 * @notified_due: the due moment it was last notified for, or 0
 * @notified_at: when that was, or 0
 * @dismissed_at: when it was dismissed, or 0
 * @title: what is to be done, as the person wrote it
 * @detail: why, as the person wrote it (a summary, notes); may be “”
 * @origin: what it comes from in the source's words (the interaction
 *   kind “call”, “visit”…), or “”
 * @origin_at: when that happened, UTC seconds, or 0
 * @client_id: whom it is about
 * @client_name: the client's name
 * @staff_id: whom it is for, or 0
 * @staff_name: that staff member's name, or “”
 * @open_kind: what Open shows: “client”, “order” (later “delivery”)
 * @open_id: the record Open shows
 * @amount: money the reminder is about (what is owed, what a quote is
 *   worth), in minor units of @currency
 * @currency: (nullable): its ISO 4217 code; %NULL when it is about no money
 * @message_subject: (nullable): the subject of a ready message to the
 *   client, offered only when the client agreed to service messages
 * @message: (nullable): that message, personalised; %NULL when there is none
 * @message_email: (nullable): where that message may be e-mailed: the
 *   client's first address, or %NULL when there is none or the client
 *   opted out of e-mail
 * @message_email_refused: whether the client opted out of e-mail (the
 *   message is then only offered to copy)
 * @usual_interval: for a regular client slipping away, the days they
 *   usually leave between two visits, else 0
 * @last_on: (nullable): that client's last visit, `YYYY-MM-DD`, else %NULL
 *   (written with the reader's calendar and digits where it is shown,
 *   which is why it is not in @detail)
 *
 * One reminder: what, who and why, when it is due, and what happened to
 * it. Sources fill in what they know; #RapportReminders adds the moment
 * and the state.
 */
typedef struct
{
  const char *source;
  gint64      item_id;
  char       *due_on;
  char       *due_time;
  gint64      due_at;
  gboolean    done;
  gint64      snoozed_until;
  gint64      notified_due;
  gint64      notified_at;
  gint64      dismissed_at;
  char       *title;
  char       *detail;
  char       *origin;
  gint64      origin_at;
  gint64      client_id;
  char       *client_name;
  gint64      staff_id;
  char       *staff_name;
  const char *open_kind;
  gint64      open_id;
  gint64      amount;
  char       *currency;
  char       *message_subject;
  char       *message;
  char       *message_email;
  gboolean    message_email_refused;
  gint64      usual_interval;
  char       *last_on;
} RapportReminder;

#define RAPPORT_TYPE_REMINDER (rapport_reminder_get_type ())

/* What Open shows. */
#define RAPPORT_REMINDER_OPEN_CLIENT "client"
#define RAPPORT_REMINDER_OPEN_ORDER "order"

GType            rapport_reminder_get_type          (void) G_GNUC_CONST;
RapportReminder *rapport_reminder_new               (const char      *source,
                                                     gint64           item_id);
RapportReminder *rapport_reminder_ref               (RapportReminder *self);
void             rapport_reminder_unref             (RapportReminder *self);
char            *rapport_reminder_dup_id            (const RapportReminder *self);
gint64           rapport_reminder_get_effective_due (const RapportReminder *self,
                                                     gint64           now);
gboolean         rapport_reminder_parse_id          (const char      *id,
                                                     char           **source,
                                                     gint64          *item_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportReminder, rapport_reminder_unref)

G_END_DECLS
