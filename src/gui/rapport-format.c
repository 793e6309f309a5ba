/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-format.h"

const char *
rapport_format_kind_label (RapportInteractionKind kind)
{
  switch (kind)
    {
    case RAPPORT_INTERACTION_CALL: return _("Call");
    case RAPPORT_INTERACTION_MEETING: return _("Meeting");
    case RAPPORT_INTERACTION_EMAIL: return _("E-mail");
    case RAPPORT_INTERACTION_VISIT: return _("Visit");
    case RAPPORT_INTERACTION_NOTE: return _("Note");
    default: g_return_val_if_reached ("");
    }
}

const char *
rapport_format_kind_icon (RapportInteractionKind kind)
{
  switch (kind)
    {
    case RAPPORT_INTERACTION_CALL: return "call-start-symbolic";
    case RAPPORT_INTERACTION_MEETING: return "x-office-calendar-symbolic";
    case RAPPORT_INTERACTION_EMAIL: return "mail-unread-symbolic";
    case RAPPORT_INTERACTION_VISIT: return "find-location-symbolic";
    case RAPPORT_INTERACTION_NOTE: return "document-edit-symbolic";
    default: g_return_val_if_reached ("");
    }
}

const char *
rapport_format_direction_label (RapportDirection direction)
{
  switch (direction)
    {
    case RAPPORT_DIRECTION_NONE: return "";
    /* TRANSLATORS: a call or e-mail from the client */
    case RAPPORT_DIRECTION_INBOUND: return _("Incoming");
    /* TRANSLATORS: a call or e-mail to the client */
    case RAPPORT_DIRECTION_OUTBOUND: return _("Outgoing");
    default: g_return_val_if_reached ("");
    }
}

/* Labels of phones, e-mails and addresses are stored as English words so a
 * database reads the same in every language; known ones are shown
 * translated, a label a person typed is shown as typed. */
const char *
rapport_format_contact_label (const char *label)
{
  static const struct
  {
    const char *stored;
    const char *shown;
  } labels[] = {
    { "mobile", N_("Mobile") },
    { "work", N_("Work") },
    { "home", N_("Home") },
    { "delivery", N_("Delivery") },
    { "billing", N_("Billing") },
    { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (label, labels[i].stored) == 0)
      return _(labels[i].shown);
  return label ? label : "";
}

static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (earlier),
                  g_date_time_get_month (earlier), g_date_time_get_year (earlier));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (later),
                  g_date_time_get_month (later), g_date_time_get_year (later));
  return g_date_days_between (&a, &b);
}

/* A time read from the file may be any number; one no calendar holds
 * gives %NULL. */
static GDateTime *
local_time (gint64     utc_seconds,
            GDateTime *now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);

  return utc ? g_date_time_to_timezone (utc, g_date_time_get_timezone (now)) : NULL;
}

static char *
unknown_day (void)
{
  /* TRANSLATORS: shown for a time the data file holds but no calendar can */
  return g_strdup (_("Unknown date"));
}

/**
 * rapport_format_relative_day:
 * @utc_seconds: a moment
 * @now: the present, in the zone to show days in
 *
 * Returns: (transfer full): “Today”, “Yesterday”, “3 days ago” for the last
 *   week, else the date; calendar days count, not 24-hour spans
 */
char *
rapport_format_relative_day (gint64     utc_seconds,
                             GDateTime *now)
{
  g_autoptr(GDateTime) when = local_time (utc_seconds, now);
  int days;

  if (when == NULL)
    return unknown_day ();

  days = days_between (when, now);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* TRANSLATORS: a date in this year, see strftime(3) */
    return g_date_time_format (when, _("%-d %B"));
  /* TRANSLATORS: a date in another year, see strftime(3) */
  return g_date_time_format (when, _("%-d %B %Y"));
}

/**
 * rapport_format_moment:
 * @utc_seconds: a moment
 * @now: the present, in the zone to show it in
 *
 * Returns: (transfer full): the day as rapport_format_relative_day() says
 *   it, and the time of day
 */
char *
rapport_format_moment (gint64     utc_seconds,
                       GDateTime *now)
{
  g_autoptr(GDateTime) when = local_time (utc_seconds, now);
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return unknown_day ();

  day = rapport_format_relative_day (utc_seconds, now);
  /* TRANSLATORS: a time of day, see strftime(3); %R is 14:05 */
  time = g_date_time_format (when, _("%R"));

  /* TRANSLATORS: a day (“Today”, “3 March”) and a time of day */
  return g_strdup_printf (_("%s at %s"), day, time);
}

/**
 * rapport_format_due:
 * @utc_seconds: when something is due
 * @with_time: whether the time of day was given (else the day is meant)
 * @now: the present, in the zone to show it in
 *
 * Returns: (transfer full): “Today”, “Tomorrow”, the weekday for the
 *   coming week, else as rapport_format_relative_day() says it; with the
 *   time of day when one was given
 */
char *
rapport_format_due (gint64     utc_seconds,
                    gboolean   with_time,
                    GDateTime *now)
{
  g_autoptr(GDateTime) when = local_time (utc_seconds, now);
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  int days;

  if (when == NULL)
    return unknown_day ();

  days = days_between (now, when);
  if (days == 1)
    day = g_strdup (_("Tomorrow"));
  else if (days > 1 && days < 7)
    /* TRANSLATORS: a day in the coming week, see strftime(3); %A is the weekday */
    day = g_date_time_format (when, _("%A"));
  else
    day = rapport_format_relative_day (utc_seconds, now);

  if (!with_time)
    return g_steal_pointer (&day);
  time = g_date_time_format (when, _("%R"));
  return g_strdup_printf (_("%s at %s"), day, time);
}

/**
 * rapport_format_iso_date:
 * @iso_date: a calendar date as `YYYY-MM-DD`
 *
 * Returns: (transfer full): the date as people of the locale write it
 */
char *
rapport_format_iso_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *with_time = NULL;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");

  with_time = g_strconcat (iso_date, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  if (date == NULL)
    return g_strdup (iso_date);

  /* TRANSLATORS: a full date, see strftime(3) */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/**
 * rapport_format_left_to_right:
 * @text: a phone number or e-mail address
 *
 * Phone numbers and addresses read left to right in every language; in a
 * right-to-left line, “+44 20 7946 0958” would otherwise show its digit
 * groups in reverse order.
 *
 * Returns: (transfer full): @text in a left-to-right isolate
 */
char *
rapport_format_left_to_right (const char *text)
{
  return g_strconcat ("\u2066", text ? text : "", "\u2069", NULL);
}
