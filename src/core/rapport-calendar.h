/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RapportCalendar:
 * @first_weekday: the day a week starts on
 * @month_start: moves a day to the first day of its month
 * @add_months: moves a day by a number of months, back when negative, to
 *   the same day of that month or, if it is shorter, to its last day
 * @month_of_year: the place of a day's month in its year, from 0
 *
 * How the reader counts weeks and months. Days are always stored and
 * handed over as Gregorian ones; an interface whose reader counts months
 * in another calendar (Persian: the Solar Hijri one) hands its own, so
 * that “this month”, the comparison periods and the columns of a chart
 * are the reader's months. Its functions are called from worker threads.
 */
typedef struct
{
  GDateWeekday first_weekday;
  void       (*month_start)   (GDate *date);
  void       (*add_months)    (GDate *date,
                               int    months);
  guint      (*month_of_year) (const GDate *date);
} RapportCalendar;

const RapportCalendar *rapport_calendar_gregorian (void);

G_END_DECLS
