/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-reminder.h"

G_DEFINE_BOXED_TYPE (RapportReminder, rapport_reminder, rapport_reminder_ref, rapport_reminder_unref)

static void
reminder_clear (RapportReminder *self)
{
  g_free (self->due_on);
  g_free (self->due_time);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->origin);
  g_free (self->client_name);
  g_free (self->staff_name);
  g_free (self->currency);
  g_free (self->message_subject);
  g_free (self->message);
  g_free (self->message_email);
  g_free (self->last_on);
}

/**
 * rapport_reminder_new:
 * @source: the source's name; a string that lives as long as the program
 *   (sources use a constant)
 * @item_id: the source's record
 *
 * Returns: (transfer full): an empty reminder for the source to fill in
 */
RapportReminder *
rapport_reminder_new (const char *source,
                      gint64      item_id)
{
  RapportReminder *self = g_atomic_rc_box_new0 (RapportReminder);

  self->source = source;
  self->item_id = item_id;
  self->title = g_strdup ("");
  self->detail = g_strdup ("");
  self->origin = g_strdup ("");
  self->client_name = g_strdup ("");
  self->staff_name = g_strdup ("");
  self->open_kind = RAPPORT_REMINDER_OPEN_CLIENT;
  return self;
}

RapportReminder *
rapport_reminder_ref (RapportReminder *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
rapport_reminder_unref (RapportReminder *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) reminder_clear);
}

/**
 * rapport_reminder_dup_id:
 * @self: a reminder
 *
 * Returns: (transfer full): its identity as people and programs name it,
 *   “follow-up:123”: the same across restarts and programs
 */
char *
rapport_reminder_dup_id (const RapportReminder *self)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, self->source, self->item_id);
}

/**
 * rapport_reminder_parse_id:
 * @id: an identity such as “task:7”
 * @source: (out): the source's name
 * @item_id: (out): the record
 *
 * Returns: whether @id has the form of an identity
 */
gboolean
rapport_reminder_parse_id (const char  *id,
                           char       **source,
                           gint64      *item_id)
{
  const char *colon;
  char *end = NULL;
  gint64 value;

  if (id == NULL || (colon = strrchr (id, ':')) == NULL || colon == id || colon[1] == '\0')
    return FALSE;
  if (!g_ascii_isdigit (colon[1]) && colon[1] != '-')
    return FALSE;
  /* Source names are plain lower-case words joined by hyphens. */
  for (const char *p = id; p < colon; p++)
    if (!g_ascii_islower (*p) && *p != '-')
      return FALSE;

  errno = 0;
  value = g_ascii_strtoll (colon + 1, &end, 10);
  if (errno != 0 || end == NULL || *end != '\0')
    return FALSE;

  *source = g_strndup (id, colon - id);
  *item_id = value;
  return TRUE;
}

/**
 * rapport_reminder_get_effective_due:
 * @self: a reminder
 * @now: the present, UTC seconds
 *
 * Returns: when it is due now: the end of a snooze that has not ended yet,
 *   else its due moment
 */
gint64
rapport_reminder_get_effective_due (const RapportReminder *self,
                                    gint64                 now)
{
  if (self->snoozed_until > now && self->snoozed_until > self->due_at)
    return self->snoozed_until;
  return self->due_at;
}
