/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Days and times as a person means them on the wall clock, and the
 * moments they are in a time zone: rules a PostgreSQL repository would
 * reuse unchanged. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-text.h"
#include "rapport-wall-clock.h"

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  if (text == NULL
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':'
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]) || text[5] != '\0')
    return FALSE;

  *hour = (text[0] - '0') * 10 + (text[1] - '0');
  *minute = (text[3] - '0') * 10 + (text[4] - '0');
  return *hour < 24 && *minute < 60;
}

/**
 * rapport_time_validate:
 * @time_of_day: a time of day as `HH:MM`, 24-hour
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 */
gboolean
rapport_time_validate (const char  *time_of_day,
                       GError     **error)
{
  g_autofree char *shown = NULL;
  int hour, minute;

  if (parse_time (time_of_day, &hour, &minute))
    return TRUE;

  shown = time_of_day ? g_utf8_make_valid (time_of_day, -1) : g_strdup ("");
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("“%s” is not a time of day: write it as hours and minutes, for example 14:30."),
               shown);
  return FALSE;
}

/**
 * rapport_wall_clock_to_utc:
 * @zone: where the wall clock hangs
 * @iso_date: a day, `YYYY-MM-DD`
 * @time_of_day: (nullable): `HH:MM`, or %NULL for %RAPPORT_DAY_STARTS_AT
 * @utc_seconds: (out): the moment
 *
 * The moment the wall clock in @zone shows @time_of_day on @iso_date, as
 * it is on that day (summer or winter time). A time that the clock skips
 * when summer time begins is taken as the moment just after the skip.
 *
 * Returns: whether @iso_date and @time_of_day name a moment
 */
gboolean
rapport_wall_clock_to_utc (GTimeZone  *zone,
                           const char *iso_date,
                           const char *time_of_day,
                           gint64     *utc_seconds)
{
  g_autoptr(GDateTime) moment = NULL;
  int year, month, day, hour, minute;

  if (iso_date == NULL || !rapport_date_validate (iso_date, NULL)
      || sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return FALSE;
  if (!parse_time (time_of_day ? time_of_day : RAPPORT_DAY_STARTS_AT, &hour, &minute))
    return FALSE;

  moment = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (moment == NULL)
    return FALSE;

  *utc_seconds = g_date_time_to_unix (moment);
  return TRUE;
}

/**
 * rapport_wall_clock_day:
 * @zone: where the wall clock hangs
 * @utc_seconds: a moment
 * @days_later: how many calendar days after that moment's day
 *
 * Returns: (transfer full) (nullable): the day, `YYYY-MM-DD`, or %NULL for
 *   a moment no calendar holds
 */
char *
rapport_wall_clock_day (GTimeZone *zone,
                        gint64     utc_seconds,
                        int        days_later)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);
  g_autoptr(GDateTime) here = NULL;
  GDate date;

  if (utc == NULL || (here = g_date_time_to_timezone (utc, zone)) == NULL)
    return NULL;

  /* Calendar days, not 24-hour spans: a day of 23 or 25 hours is a day. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (here), g_date_time_get_month (here),
                  g_date_time_get_year (here));
  if (days_later > 0)
    g_date_add_days (&date, days_later);
  else if (days_later < 0 && g_date_get_julian (&date) <= (guint) -days_later)
    return NULL;
  else if (days_later < 0)
    g_date_subtract_days (&date, -days_later);
  if (!g_date_valid (&date) || g_date_get_year (&date) > 9999)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/**
 * rapport_wall_clock_parse:
 * @zone: the zone of a moment written without one
 * @text: a moment as people and scripts write it: `2026-03-10 14:30`,
 *   `2026-03-10T14:30:00`, with a zone (`Z`, `+03:30`) or without, or a
 *   day alone (its start)
 * @utc_seconds: (out): the moment
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 */
gboolean
rapport_wall_clock_parse (GTimeZone   *zone,
                          const char  *text,
                          gint64      *utc_seconds,
                          GError     **error)
{
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      iso = g_strstrip (g_strdup (text));
      if (strlen (iso) == 10)
        {
          char *with_time = g_strconcat (iso, "T00:00:00", NULL);
          g_free (iso);
          iso = with_time;
        }
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      /* Hours and minutes without seconds: GLib wants the seconds. */
      if (strlen (iso) >= 16 && iso[10] == 'T' && iso[13] == ':' && iso[16] != ':')
        {
          char *with_seconds = g_strdup_printf ("%.16s:00%s", iso, iso + 16);
          g_free (iso);
          iso = with_seconds;
        }
      moment = g_date_time_new_from_iso8601 (iso, zone);
    }
  if (moment != NULL)
    {
      *utc_seconds = g_date_time_to_unix (moment);
      return TRUE;
    }

  shown = text ? g_utf8_make_valid (text, -1) : g_strdup ("");
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("“%s” is not a moment: write it as year-month-day and hours:minutes, for example “2026-03-10 14:30”."),
               shown);
  return FALSE;
}
