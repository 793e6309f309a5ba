/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Open reminders as an iCalendar file (RFC 5545) that GNOME Calendar,
 * Evolution and Thunderbird import: one to-do (VTODO) each, due when it is
 * due, with an alarm (VALARM) at that moment. libical writes it: folding
 * long lines, escaping commas and semicolons, dates and moments. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-ics.h"
#include "rapport-reminder-repository.h"

static struct icaltimetype
day_of (const char *iso_date)
{
  struct icaltimetype day = icaltime_null_date ();

  sscanf (iso_date, "%d-%d-%d", &day.year, &day.month, &day.day);
  return day;
}

/* Moments are written in UTC (“…T123000Z”), which every calendar reads
 * the same and shows on its own wall clock. A zone's definition
 * (VTIMEZONE) would add nothing for a one-off to-do, and the long ones of
 * the tz database trip up some readers. */
static struct icaltimetype
moment_of (gint64 utc_seconds)
{
  return icaltime_from_timet_with_zone ((time_t) utc_seconds, 0, icaltimezone_get_utc_timezone ());
}

static char *
describe (RapportReminder *reminder)
{
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: in a calendar entry; %s is the client's name */
  g_string_append_printf (text, _("Client: %s"), reminder->client_name);
  if (*reminder->staff_name != '\0')
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: in a calendar entry; %s is a staff member's name */
      g_string_append_printf (text, _("For: %s"), reminder->staff_name);
    }
  if (*reminder->detail != '\0')
    g_string_append_printf (text, "\n\n%s", reminder->detail);
  return g_string_free (text, FALSE);
}

static icalcomponent *
make_todo (RapportReminder *reminder,
           const char      *uuid,
           gint64           now)
{
  icalcomponent *todo = icalcomponent_new (ICAL_VTODO_COMPONENT);
  icalcomponent *alarm = icalcomponent_new (ICAL_VALARM_COMPONENT);
  g_autofree char *id = rapport_reminder_dup_id (reminder);
  g_autofree char *uid = g_strdup_printf ("%s-%s@rapport", id, uuid);
  g_autofree char *description = describe (reminder);
  g_autofree char *title = g_utf8_make_valid (reminder->title, -1);
  g_autofree char *valid_description = g_utf8_make_valid (description, -1);
  struct icaltriggertype trigger = icaltriggertype_from_int (0);
  icalproperty *due;

  icalcomponent_add_property (todo, icalproperty_new_uid (uid));
  icalcomponent_add_property (todo, icalproperty_new_dtstamp (moment_of (now)));
  icalcomponent_add_property (todo, icalproperty_new_summary (title));
  icalcomponent_add_property (todo, icalproperty_new_description (valid_description));
  icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION));

  /* A day is a day (DUE;VALUE=DATE), a time a moment. */
  if (reminder->due_time == NULL && reminder->due_on != NULL)
    due = icalproperty_new_due (day_of (reminder->due_on));
  else
    due = icalproperty_new_due (moment_of (reminder->due_at));
  icalcomponent_add_property (todo, due);

  /* The alarm rings when Rapport would remind: at the due moment (the
   * morning, for a day), or when a snooze ends. */
  trigger.time = moment_of (rapport_reminder_get_effective_due (reminder, now));
  icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
  icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
  icalcomponent_add_property (alarm, icalproperty_new_description (title));
  icalcomponent_add_component (todo, alarm);
  return todo;
}

/**
 * rapport_ics_dup_reminders:
 * @reminders: the reminders
 * @now: the moment of the export, UTC seconds
 * @n_exported: (out) (optional): how many to-dos it holds
 * @error: return location for an error
 *
 * Returns: (transfer full): every open reminder as an iCalendar file's
 *   text; each keeps its identity (UID) across exports, so importing again
 *   updates rather than duplicates
 */
char *
rapport_ics_dup_reminders (RapportReminders  *reminders,
                           gint64             now,
                           guint             *n_exported,
                           GError           **error)
{
  g_autoptr(RapportReminderRepository) state = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *uuid = NULL;
  icalcomponent *calendar;
  char *text;
  guint n = 0;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (reminders), NULL);

  state = rapport_reminder_repository_new (rapport_reminders_get_database (reminders));
  uuid = rapport_reminder_repository_dup_database_uuid (state, error);
  if (uuid == NULL)
    return NULL;

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Rapport//Rapport " PACKAGE_VERSION "//EN"),
                                  (void *) 0);
  open = rapport_reminders_list_open (reminders, now, error);
  if (open == NULL)
    {
      icalcomponent_free (calendar);
      return NULL;
    }
  for (guint i = 0; i < open->len; i++)
    icalcomponent_add_component (calendar, make_todo (g_ptr_array_index (open, i), uuid, now));
  n = open->len;

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  if (n_exported != NULL)
    *n_exported = n;
  return text;
}

/**
 * rapport_ics_export:
 * @reminders: the reminders
 * @now: the moment of the export, UTC seconds
 * @path: (type filename): the file to write; replaced whole, readable by
 *   its owner alone (it names clients)
 * @n_exported: (out) (optional): how many to-dos it holds
 * @error: return location for an error
 */
gboolean
rapport_ics_export (RapportReminders  *reminders,
                    gint64             now,
                    const char        *path,
                    guint             *n_exported,
                    GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (reminders), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = rapport_ics_dup_reminders (reminders, now, n_exported, error);
  if (text == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not write the calendar file “%s”: %s. Choose another place and try again."),
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}
