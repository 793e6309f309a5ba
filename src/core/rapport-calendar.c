/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The Gregorian calendar's months and weeks, for the Analytics periods;
 * an interface hands another calendar when its reader counts in one. */

#include "config.h"

#include "rapport-calendar.h"

static void
gregorian_month_start (GDate *date)
{
  g_date_set_day (date, 1);
}

static void
gregorian_add_months (GDate *date,
                      int    months)
{
  if (months >= 0)
    g_date_add_months (date, (guint) months);
  else
    g_date_subtract_months (date, (guint) -months);
}

static guint
gregorian_month_of_year (const GDate *date)
{
  return (guint) g_date_get_month (date) - 1;
}

/**
 * rapport_calendar_gregorian:
 *
 * Returns: (transfer none): the Gregorian calendar, weeks from Monday
 */
const RapportCalendar *
rapport_calendar_gregorian (void)
{
  static const RapportCalendar gregorian = {
    G_DATE_MONDAY, gregorian_month_start, gregorian_add_months, gregorian_month_of_year
  };

  return &gregorian;
}

