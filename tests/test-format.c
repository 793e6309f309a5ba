/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <time.h>

#include "rapport-format.h"

/* Local midnight of 2026-03-29 in @zone, plus @hours. */
static GDateTime *
at (const char *zone_name,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  g_assert_nonnull (zone);
  return g_date_time_new (zone, 2026, 3, day, hour, minute, 0);
}

static void
assert_relative (const char *zone_name,
                 GDateTime  *now,
                 int         day,
                 int         hour,
                 const char *expected)
{
  g_autoptr(GDateTime) when = at (zone_name, day, hour, 0);
  g_autofree char *text = rapport_format_relative_day (g_date_time_to_unix (when), now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_day (void)
{
  g_autoptr(GDateTime) now = at ("UTC", 29, 10, 0);

  assert_relative ("UTC", now, 29, 0, "Today");
  assert_relative ("UTC", now, 28, 23, "Yesterday");
  assert_relative ("UTC", now, 26, 12, "3 days ago");
  assert_relative ("UTC", now, 2, 12, "March 2");
}

/* Europe/Berlin moves its clocks forward at 02:00 on 2026-03-29: that day
 * has 23 hours. Days are calendar days, not 24-hour spans. */
static void
test_relative_day_dst (void)
{
  g_autoptr(GDateTime) early = at ("Europe/Berlin", 29, 0, 30);
  g_autoptr(GDateTime) late = at ("Europe/Berlin", 29, 23, 30);

  g_assert_cmpint (g_date_time_get_utc_offset (late) - g_date_time_get_utc_offset (early), ==,
                   G_TIME_SPAN_HOUR);
  /* 23 hours apart, one calendar day. */
  assert_relative ("Europe/Berlin", late, 29, 0, "Today");
  assert_relative ("Europe/Berlin", late, 28, 23, "Yesterday");
  /* Just after midnight, the previous evening is yesterday though under an hour ago. */
  assert_relative ("Europe/Berlin", early, 28, 23, "Yesterday");
  {
    g_autoptr(GDateTime) when = at ("Europe/Berlin", 29, 3, 15);
    g_autofree char *moment = rapport_format_moment (g_date_time_to_unix (when), late);

    /* 03:15 exists only in summer time here: the time shown is the wall clock. */
    g_assert_cmpstr (moment, ==, "Today at 03:15");
  }
}

static void
test_labels (void)
{
  g_assert_cmpstr (rapport_format_contact_label ("mobile"), ==, "Mobile");
  g_assert_cmpstr (rapport_format_contact_label ("Dacha"), ==, "Dacha");
  g_assert_cmpstr (rapport_format_contact_label (""), ==, "");
  g_assert_cmpstr (rapport_format_kind_label (RAPPORT_INTERACTION_VISIT), ==, "Visit");
  g_assert_cmpstr (rapport_format_direction_label (RAPPORT_DIRECTION_NONE), ==, "");
  g_assert_cmpstr (rapport_format_kind_icon (RAPPORT_INTERACTION_CALL), ==, "call-start-symbolic");
}

static void
test_iso_date (void)
{
  g_autofree char *date = rapport_format_iso_date ("1984-05-17");
  g_autofree char *empty = rapport_format_iso_date (NULL);
  g_autofree char *junk = rapport_format_iso_date ("not a date");

  g_assert_cmpstr (date, ==, "May 17, 1984");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (junk, ==, "not a date");
}

/* When something is due reads as the other dates do: the weekday of the
 * coming week and the time of day come from ICU, in the reader's language
 * and digits, whatever LC_TIME says. 29 March 2026 is a Sunday. */
static void
test_due (void)
{
  g_autoptr(GDateTime) now = at ("UTC", 29, 10, 0);
  g_autoptr(GDateTime) tomorrow = at ("UTC", 30, 14, 30);
  g_autoptr(GDateTime) tuesday = at ("UTC", 31, 9, 5);
  g_autoptr(GDateTime) past = at ("UTC", 2, 9, 0);
  g_autofree char *tomorrow_text = rapport_format_due (g_date_time_to_unix (tomorrow), TRUE, now);
  g_autofree char *day_text = rapport_format_due (g_date_time_to_unix (tuesday), FALSE, now);
  g_autofree char *time_text = rapport_format_due (g_date_time_to_unix (tuesday), TRUE, now);
  g_autofree char *past_text = rapport_format_due (g_date_time_to_unix (past), FALSE, now);

  g_assert_cmpstr (tomorrow_text, ==, "Tomorrow at 14:30");
  g_assert_cmpstr (day_text, ==, "Tuesday");
  g_assert_cmpstr (time_text, ==, "Tuesday at 09:05");
  g_assert_cmpstr (past_text, ==, "March 2");

  g_setenv ("LANGUAGE", "fa", TRUE);
  {
    g_autofree char *persian_day = rapport_format_due (g_date_time_to_unix (tuesday), TRUE, now);
    g_autofree char *persian_past = rapport_format_due (g_date_time_to_unix (past), FALSE, now);

    g_assert_nonnull (strstr (persian_day, "سه‌شنبه"));
    g_assert_nonnull (strstr (persian_day, "۹:۰۵"));
    g_assert_null (strstr (persian_day, "Tuesday"));
    /* 2 March 2026 is 11 Esfand 1404. */
    g_assert_cmpstr (persian_past, ==, "۱۱ اسفند ۱۴۰۴");
  }
  g_unsetenv ("LANGUAGE");
}

/* In Persian, days are in the Solar Hijri calendar with Persian digits,
 * shown and typed; stored dates stay Gregorian. Other languages keep the
 * Gregorian calendar. */
static void
test_persian_calendar (void)
{
  g_setenv ("LANGUAGE", "fa", TRUE);
  g_assert_true (rapport_format_uses_other_calendar ());
  {
    g_autofree char *nowruz = rapport_format_iso_date ("2024-03-20");
    g_autofree char *entry = rapport_format_entry_date ("2024-03-20");
    g_autofree char *parsed = rapport_format_parse_entry_date ("۱۴۰۳-۰۱-۰۱");
    g_autofree char *ascii = rapport_format_parse_entry_date ("1403/1/1");
    g_autofree char *leap = rapport_format_parse_entry_date ("1403-12-30");
    g_autofree char *no_day = rapport_format_parse_entry_date ("1402-12-30");
    g_autofree char *junk = rapport_format_parse_entry_date ("۱۴۰۳-۱۳-۰۱");
    g_autofree char *count = rapport_format_count (100000);
    g_autofree char *line = rapport_format_line (12);
    g_autofree char *problem = rapport_format_date_problem ("x");
    g_autoptr(GDateTime) now = at ("UTC", 29, 10, 0);
    g_autofree char *earlier = rapport_format_relative_day (g_date_time_to_unix (now) - 20 * 86400, now);
    g_autofree char *days = rapport_format_relative_day (g_date_time_to_unix (now) - 3 * 86400, now);
    g_autofree char *first = rapport_format_relative_day (g_date_time_to_unix (now) - 8 * 86400, now);

    g_autofree char *visits = rapport_format_usual_visits (55, "2026-06-09");
    g_autofree char *gain = rapport_format_percent (20.06, TRUE);
    g_autofree char *loss = rapport_format_percent (-0.5, TRUE);
    g_autofree char *share = rapport_format_percent (0.25, FALSE);

    g_assert_cmpstr (nowruz, ==, "۱ فروردین ۱۴۰۳");
    /* A regular client's visits (no catalogue is bound: English words). */
    g_assert_cmpstr (visits, ==, "Usually every ۵۵ days; last on ۱۹ خرداد ۱۴۰۵");
    /* A campaign's return and a share, in Persian digits. */
    g_assert_cmpstr (gain, ==, "+۲٬۰۰۶%");
    g_assert_cmpstr (loss, ==, "−۵۰%");
    g_assert_cmpstr (share, ==, "۲۵%");
    g_assert_cmpstr (entry, ==, "۱۴۰۳/۰۱/۰۱");
    g_assert_cmpstr (parsed, ==, "2024-03-20");
    g_assert_cmpstr (ascii, ==, "2024-03-20");
    /* 1403 is a leap year of the Solar Hijri calendar, 1402 is not. */
    g_assert_cmpstr (leap, ==, "2025-03-20");
    g_assert_null (no_day);
    g_assert_null (junk);
    g_assert_cmpstr (count, ==, "۱۰۰٬۰۰۰");
    /* a refused card's line in the import preview */
    g_assert_nonnull (strstr (line, "۱۲"));
    g_assert_null (strpbrk (line, "0123456789"));
    g_assert_nonnull (strstr (problem, "۱۴۰۳/۰۱/۱۲"));
    /* 29 March 2026 is 9 Farvardin 1405: 9 March 2026, 18 Esfand 1404, is
     * in the year before in the Solar Hijri calendar, though not in the
     * Gregorian one; 21 March 2026 is this year's first day. */
    g_assert_cmpstr (earlier, ==, "۱۸ اسفند ۱۴۰۴");
    g_assert_cmpstr (first, ==, "۱ فروردین");
    g_assert_nonnull (strstr (days, "۳"));
  }

  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_false (rapport_format_uses_other_calendar ());
  {
    g_autofree char *entry = rapport_format_entry_date ("2024-03-20");
    g_autofree char *parsed = rapport_format_parse_entry_date ("2024-03-20");
    g_autofree char *bad = rapport_format_parse_entry_date ("2024-02-30");
    g_autofree char *count = rapport_format_count (100000);
    g_autofree char *date = rapport_format_iso_date ("2024-03-20");

    /* Russian months, whatever LC_TIME says (C here). */
    g_assert_cmpstr (date, ==, "20 марта 2024\u202fг.");
    g_assert_cmpstr (entry, ==, "2024-03-20");
    g_assert_cmpstr (parsed, ==, "2024-03-20");
    g_assert_null (bad);
    /* Russian groups digits with a no-break space. */
    g_assert_cmpstr (count, ==, "100\u00a0000");
  }
  g_setenv ("LANGUAGE", "en", TRUE);
  {
    g_autofree char *count = rapport_format_count (100000);

    g_assert_cmpstr (count, ==, "100,000");
  }
  g_unsetenv ("LANGUAGE");
}

/* @iso_day moved by @months of @calendar, or to its month's first day. */
static char *
moved_day (const RapportCalendar *calendar,
           const char            *iso_day,
           gboolean               to_month_start,
           int                    months)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso_day);
  g_assert_true (g_date_valid (&date));
  if (to_month_start)
    calendar->month_start (&date);
  else
    calendar->add_months (&date, months);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* The Analytics page's months and weeks are the reader's: in Persian,
 * Azar 1405 runs from 22 November to 21 December 2026, and a week starts
 * on Saturday; other languages keep Gregorian months, weeks from Monday. */
static void
test_reader_calendar (void)
{
  const RapportCalendar *persian;

  g_setenv ("LANGUAGE", "fa", TRUE);
  persian = rapport_format_calendar ();
  g_assert_true (persian != rapport_calendar_gregorian ());
  g_assert_cmpint (persian->first_weekday, ==, G_DATE_SATURDAY);
  {
    g_autofree char *azar = moved_day (persian, "2026-11-30", TRUE, 0);
    g_autofree char *dey = moved_day (persian, "2026-11-22", FALSE, 1);
    g_autofree char *aban = moved_day (persian, "2026-11-22", FALSE, -1);
    /* 1403 is a leap year, 1402 not: 30 Esfand 1403 a year back is
     * 29 Esfand 1402. */
    g_autofree char *esfand = moved_day (persian, "2025-03-20", FALSE, -12);
    GDate day;

    g_assert_cmpstr (azar, ==, "2026-11-22");
    g_assert_cmpstr (dey, ==, "2026-12-22");
    g_assert_cmpstr (aban, ==, "2026-10-23");
    g_assert_cmpstr (esfand, ==, "2024-03-19");
    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 30, G_DATE_NOVEMBER, 2026);
    /* Azar is the ninth month. */
    g_assert_cmpuint (persian->month_of_year (&day), ==, 8);
  }
  /* Thai counts Buddhist years, weeks from Sunday: what the Persian
   * reader's calendar says must not change under a worker that holds it. */
  g_setenv ("LANGUAGE", "th_TH", TRUE);
  g_assert_true (rapport_format_calendar () != rapport_calendar_gregorian ());
  g_assert_cmpint (rapport_format_calendar ()->first_weekday, ==, G_DATE_SUNDAY);
  g_assert_cmpint (persian->first_weekday, ==, G_DATE_SATURDAY);
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_true (rapport_format_calendar () == rapport_calendar_gregorian ());
  g_assert_cmpint (rapport_format_calendar ()->first_weekday, ==, G_DATE_MONDAY);
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/format/relative-day", test_relative_day);
  g_test_add_func ("/rapport/format/relative-day-dst", test_relative_day_dst);
  g_test_add_func ("/rapport/format/labels", test_labels);
  g_test_add_func ("/rapport/format/iso-date", test_iso_date);
  g_test_add_func ("/rapport/format/due", test_due);
  g_test_add_func ("/rapport/format/persian-calendar", test_persian_calendar);
  g_test_add_func ("/rapport/format/reader-calendar", test_reader_calendar);

  return g_test_run ();
}
