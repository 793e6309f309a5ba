/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "rapport-format.h"
#include "rapport-text.h"

/* Dates, times and counts are written the way the interface's language
 * writes them, with ICU — whatever the locale's LC_TIME says, so that a
 * Polish interface never shows English months. In a language whose
 * calendar is not the Gregorian one (Persian: the Solar Hijri calendar,
 * with Persian digits), every date shown and typed is in that calendar;
 * stored dates stay Gregorian. The translated strftime(3) formats below
 * are used only if ICU cannot format. */

/* ICU's name for the language the interface speaks: gettext's first
 * choice (LANGUAGE, then the locale), without codeset or modifier. */
static char *
dup_icu_locale (void)
{
  const char * const *names = g_get_language_names_with_category ("LC_MESSAGES");
  const char *name = names[0];
  gsize len = strcspn (name, ".@");

  if (len == 0 || g_str_equal (name, "C") || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX"))
    return g_strdup ("en");
  return g_strndup (name, len);
}

/* ICU's formatters are slow to make — a pattern generator takes
 * milliseconds — and a list binds hundreds of rows a keystroke: they are
 * made once for the interface's language and kept until it changes. The
 * interface formats from its main thread; the lock keeps any other caller
 * safe too. */
typedef struct
{
  char          *locale;
  GHashTable    *date_formats;   /* skeleton → UDateFormat */
  UCalendar     *calendar;       /* of the reader's kind, in UTC */
  UNumberFormat *numbers;
  gboolean       other_calendar;
} Icu;

static GMutex icu_lock;

static void
icu_clear (Icu *icu)
{
  g_clear_pointer (&icu->locale, g_free);
  g_clear_pointer (&icu->date_formats, g_hash_table_unref);
  g_clear_pointer (&icu->calendar, ucal_close);
  g_clear_pointer (&icu->numbers, unum_close);
}

/* With icu_lock held. Dates are formatted from wall clock values read as
 * UTC, so no zone of ICU's own is involved. */
static Icu *
get_icu (void)
{
  static Icu icu;
  g_autofree char *locale = dup_icu_locale ();
  UErrorCode status = U_ZERO_ERROR;

  if (icu.locale != NULL && g_str_equal (icu.locale, locale))
    return &icu;

  icu_clear (&icu);
  icu.locale = g_steal_pointer (&locale);
  icu.date_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) udat_close);
  icu.calendar = ucal_open (u"UTC", -1, icu.locale, UCAL_DEFAULT, &status);
  if (U_FAILURE (status))
    icu.calendar = NULL;
  status = U_ZERO_ERROR;
  icu.other_calendar = icu.calendar != NULL
                       && g_strcmp0 (ucal_getType (icu.calendar, &status), "gregorian") != 0
                       && U_SUCCESS (status);
  status = U_ZERO_ERROR;
  icu.numbers = unum_open (UNUM_DECIMAL, NULL, 0, icu.locale, NULL, &status);
  if (U_FAILURE (status))
    g_clear_pointer (&icu.numbers, unum_close);
  return &icu;
}

/* With icu_lock held: the format for @skeleton, made on first use. */
static UDateFormat *
get_date_format (Icu        *icu,
                 const char *skeleton)
{
  UDateFormat *format = g_hash_table_lookup (icu->date_formats, skeleton);
  UErrorCode status = U_ZERO_ERROR;
  UChar uskeleton[32];
  UChar pattern[128];
  UDateTimePatternGenerator *generator;
  int32_t len;

  if (format != NULL)
    return format;

  u_uastrncpy (uskeleton, skeleton, G_N_ELEMENTS (uskeleton));
  generator = udatpg_open (icu->locale, &status);
  len = udatpg_getBestPattern (generator, uskeleton, -1, pattern, G_N_ELEMENTS (pattern), &status);
  udatpg_close (generator);
  format = udat_open (UDAT_PATTERN, UDAT_PATTERN, icu->locale, u"UTC", -1, pattern, len, &status);
  if (U_FAILURE (status))
    {
      g_clear_pointer (&format, udat_close);
      return NULL;
    }
  g_hash_table_insert (icu->date_formats, g_strdup (skeleton), format);
  return format;
}

/**
 * rapport_format_uses_other_calendar:
 *
 * Returns: whether the reader's language counts days in a calendar other
 *   than the Gregorian one (Persian does)
 */
gboolean
rapport_format_uses_other_calendar (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);

  return get_icu ()->other_calendar;
}

static char *
utf16_to_utf8 (const UChar *text,
               int32_t      len)
{
  return g_utf16_to_utf8 ((const gunichar2 *) text, len, NULL, NULL, NULL);
}

/* @wall_seconds read as UTC is the wall clock time to show. */
static char *
icu_format (gint64      wall_seconds,
            const char *skeleton)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
  UDateFormat *format = get_date_format (get_icu (), skeleton);
  UErrorCode status = U_ZERO_ERROR;
  UChar result[256];
  int32_t len;

  if (format == NULL)
    return NULL;
  len = udat_format (format, (UDate) wall_seconds * 1000.0, result, G_N_ELEMENTS (result), NULL, &status);
  if (U_FAILURE (status))
    return NULL;
  return utf16_to_utf8 (result, len);
}

static gint64
wall_seconds (GDateTime *when)
{
  return g_date_time_to_unix (when) + g_date_time_get_utc_offset (when) / G_TIME_SPAN_SECOND;
}

/* A day or time as the reader writes it: @skeleton in ICU's terms
 * (“dMMMM”, “yMMMMd”, “Hm”), else @strftime_format, translated. */
static char *
format_day (GDateTime  *when,
            const char *skeleton,
            const char *strftime_format)
{
  char *text = icu_format (wall_seconds (when), skeleton);

  return text != NULL ? text : g_date_time_format (when, strftime_format);
}

/* The year of @when in the reader's calendar. */
static int
calendar_year (GDateTime *when)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
  UCalendar *calendar = get_icu ()->calendar;
  UErrorCode status = U_ZERO_ERROR;
  int year;

  if (calendar == NULL)
    return g_date_time_get_year (when);
  ucal_setMillis (calendar, (UDate) wall_seconds (when) * 1000.0, &status);
  year = ucal_get (calendar, UCAL_EXTENDED_YEAR, &status);
  return U_SUCCESS (status) ? year : g_date_time_get_year (when);
}

/* ---- The reader's months ----
 *
 * The Analytics page counts “this month” and a chart's months in the
 * reader's calendar: in Persian, Azar 1405 runs from 22 November to 21
 * December 2026. Each call works on a clone of the reader's calendar, as
 * the page's figures are read in worker threads. */

/* Julian day of 1 January 1970, as GDate counts. */
#define UNIX_EPOCH_JULIAN 719163

/* A clone of the reader's calendar at @date (UTC midnight), or NULL. */
static UCalendar *
calendar_at (const GDate *date)
{
  UErrorCode status = U_ZERO_ERROR;
  UCalendar *calendar;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
    UCalendar *shared = get_icu ()->calendar;

    calendar = shared != NULL ? ucal_clone (shared, &status) : NULL;
  }
  if (calendar != NULL && U_SUCCESS (status))
    ucal_setMillis (calendar, ((double) g_date_get_julian (date) - UNIX_EPOCH_JULIAN) * 86400000.0, &status);
  if (calendar == NULL || U_FAILURE (status))
    g_clear_pointer (&calendar, ucal_close);
  return calendar;
}

/* Moves @date to where @calendar stands, and closes @calendar. */
static void
calendar_to_date (UCalendar *calendar,
                  GDate     *date)
{
  UErrorCode status = U_ZERO_ERROR;
  double days = ucal_getMillis (calendar, &status) / 86400000.0;

  ucal_close (calendar);
  if (U_SUCCESS (status) && days > -UNIX_EPOCH_JULIAN && days < G_MAXUINT32 - UNIX_EPOCH_JULIAN)
    g_date_set_julian (date, (guint32) (UNIX_EPOCH_JULIAN + (gint64) days));
}

static void
reader_month_start (GDate *date)
{
  UCalendar *calendar = calendar_at (date);

  if (calendar == NULL)
    {
      rapport_calendar_gregorian ()->month_start (date);
      return;
    }
  ucal_set (calendar, UCAL_DATE, 1);
  calendar_to_date (calendar, date);
}

static void
reader_add_months (GDate *date,
                   int    months)
{
  UCalendar *calendar = calendar_at (date);
  UErrorCode status = U_ZERO_ERROR;

  if (calendar == NULL)
    {
      rapport_calendar_gregorian ()->add_months (date, months);
      return;
    }
  /* ICU keeps the day, or the month's last one when it is shorter. */
  ucal_add (calendar, UCAL_MONTH, months, &status);
  if (U_FAILURE (status))
    {
      ucal_close (calendar);
      return;
    }
  calendar_to_date (calendar, date);
}

static guint
reader_month_of_year (const GDate *date)
{
  UCalendar *calendar = calendar_at (date);
  UErrorCode status = U_ZERO_ERROR;
  int32_t month;

  if (calendar == NULL)
    return rapport_calendar_gregorian ()->month_of_year (date);
  month = ucal_get (calendar, UCAL_MONTH, &status);
  ucal_close (calendar);
  return U_SUCCESS (status) && month >= 0 ? (guint) month : 0;
}

/**
 * rapport_format_calendar:
 *
 * Returns: (transfer none): the calendar the reader counts months and
 *   weeks in: the Gregorian one with weeks from Monday, or the reader's own
 *   (Persian: Solar Hijri months, weeks from Saturday)
 */
const RapportCalendar *
rapport_format_calendar (void)
{
  /* One for each first day of the week, never written: workers keep the
   * one they were given while the main thread asks again. */
#define READER(weekday) [weekday] = { weekday, reader_month_start, reader_add_months, reader_month_of_year }
  static const RapportCalendar readers[] = {
    READER (G_DATE_MONDAY), READER (G_DATE_TUESDAY), READER (G_DATE_WEDNESDAY), READER (G_DATE_THURSDAY),
    READER (G_DATE_FRIDAY), READER (G_DATE_SATURDAY), READER (G_DATE_SUNDAY),
  };
#undef READER
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
  Icu *icu = get_icu ();
  int32_t first;

  if (!icu->other_calendar)
    return rapport_calendar_gregorian ();
  first = ucal_getAttribute (icu->calendar, UCAL_FIRST_DAY_OF_WEEK);
  /* ICU counts from Sunday = 1, GDate from Monday = 1. */
  if (first < UCAL_SUNDAY || first > UCAL_SATURDAY)
    return &readers[G_DATE_SATURDAY];
  return &readers[first == UCAL_SUNDAY ? G_DATE_SUNDAY : (GDateWeekday) (first - 1)];
}

/**
 * rapport_format_count:
 * @n: a count
 *
 * Returns: (transfer full): @n with the digit grouping and the digits of
 *   the reader's language (“100,000”, “100 000”, “۱۰۰٬۰۰۰”)
 */
char *
rapport_format_count (gint64 n)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
  UNumberFormat *format = get_icu ()->numbers;
  UErrorCode status = U_ZERO_ERROR;
  UChar result[64];
  int32_t len = 0;

  if (format != NULL)
    len = unum_formatInt64 (format, n, result, G_N_ELEMENTS (result), NULL, &status);
  if (format == NULL || U_FAILURE (status))
    return g_strdup_printf ("%" G_GINT64_FORMAT, n);
  return utf16_to_utf8 (result, len);
}

/**
 * rapport_format_percent:
 * @ratio: a share or a change, 1.0 for a hundred percent
 * @with_sign: whether to write “+” before a positive one (“−” is always
 *   written before a negative one)
 *
 * Returns: (transfer full): the percentage, rounded, in the reader's
 *   digits and with the reader's sign (“+700%”, “۷۰۰٪”)
 */
char *
rapport_format_percent (double   ratio,
                        gboolean with_sign)
{
  double percent = isfinite (ratio) ? round (CLAMP (ratio, -1e9, 1e9) * 100) : 0;
  g_autofree char *digits = rapport_format_count ((gint64) fabs (percent));
  /* TRANSLATORS: a percentage; %s is the number in the reader's digits */
  g_autofree char *share = g_strdup_printf (_("%s%%"), digits);

  if (percent < 0)
    return g_strconcat ("−", share, NULL);
  return g_strconcat (with_sign && percent > 0 ? "+" : "", share, NULL);
}

/**
 * rapport_format_line:
 * @line: a line of a file, from 1
 *
 * Returns: (transfer full): “line 12” with the reader's digits
 */
char *
rapport_format_line (guint line)
{
  g_autofree char *number = rapport_format_count (line);

  /* TRANSLATORS: a line of a file; %s is its number */
  return g_strdup_printf (_("line %s"), number);
}

/**
 * rapport_format_country:
 * @region: an ISO 3166 country code
 *
 * Returns: (transfer full): the country's name in the reader's language
 */
char *
rapport_format_country (const char *region)
{
  g_autofree char *locale = dup_icu_locale ();
  g_autofree char *tag = g_strconcat ("und_", region, NULL);
  UErrorCode status = U_ZERO_ERROR;
  UChar result[128];
  int32_t len;

  len = uloc_getDisplayCountry (tag, locale, result, G_N_ELEMENTS (result), &status);
  if (U_FAILURE (status) || len == 0)
    return g_strdup (region);
  return utf16_to_utf8 (result, len);
}

/**
 * rapport_format_entry_date:
 * @iso_date: (nullable): a calendar date as `YYYY-MM-DD`
 *
 * Returns: (transfer full): the date as the reader types it: year, month
 *   and day, in the reader's calendar and digits; @iso_date
 *   itself when it is not a date
 */
char *
rapport_format_entry_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *with_time = NULL;
  char *text;

  if (iso_date == NULL)
    return g_strdup ("");
  if (!rapport_format_uses_other_calendar () || !rapport_date_validate (iso_date, NULL))
    return g_strdup (iso_date);

  with_time = g_strconcat (iso_date, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  text = date ? icu_format (g_date_time_to_unix (date), "yyyy-MM-dd") : NULL;
  return text ? text : g_strdup (iso_date);
}

/* Year, month and day, in any digits, with any separators between. */
static gboolean
read_three_numbers (const char *text,
                    int         numbers[3])
{
  guint n = 0;
  gboolean in_number = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit < 0)
        {
          in_number = FALSE;
          continue;
        }
      if (!in_number)
        {
          if (n == 3)
            return FALSE;
          numbers[n++] = 0;
          in_number = TRUE;
        }
      if (numbers[n - 1] > 99999)
        return FALSE;
      numbers[n - 1] = numbers[n - 1] * 10 + digit;
    }
  return n == 3;
}

/* A date typed in another calendar, as a Gregorian `YYYY-MM-DD`. */
static char *
parse_other_calendar (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UCalendar *calendar;
  int numbers[3];
  UDate millis;

  if (!read_three_numbers (text, numbers) || numbers[1] < 1 || numbers[1] > 13
      || numbers[2] < 1 || numbers[2] > 31 || numbers[0] < 1)
    return NULL;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&icu_lock);
    UCalendar *shared = get_icu ()->calendar;

    calendar = shared != NULL ? ucal_clone (shared, &status) : NULL;
  }
  if (calendar == NULL || U_FAILURE (status))
    {
      g_clear_pointer (&calendar, ucal_close);
      return NULL;
    }
  ucal_setAttribute (calendar, UCAL_LENIENT, 0);
  ucal_clear (calendar);
  ucal_setDate (calendar, numbers[0], numbers[1] - 1, numbers[2], &status);
  millis = ucal_getMillis (calendar, &status);
  ucal_close (calendar);
  if (U_FAILURE (status))
    return NULL;

  date = g_date_time_new_from_unix_utc ((gint64) (millis / 1000.0));
  if (date == NULL)
    return NULL;
  {
    char *iso = g_date_time_format (date, "%Y-%m-%d");

    if (!rapport_date_validate (iso, NULL))
      g_clear_pointer (&iso, g_free);
    return iso;
  }
}

/**
 * rapport_format_parse_entry_date:
 * @text: a date as a person typed it (rapport_format_entry_date())
 *
 * Returns: (transfer full) (nullable): the date as `YYYY-MM-DD`, or %NULL
 *   when @text is not a date
 */
char *
rapport_format_parse_entry_date (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *ascii = NULL;

  if (rapport_format_uses_other_calendar ())
    return parse_other_calendar (trimmed);

  /* Digits of any script are digits. */
  ascii = rapport_text_fold (trimmed);
  return rapport_date_validate (ascii, NULL) ? g_steal_pointer (&ascii) : NULL;
}

/**
 * rapport_format_date_problem:
 * @text: what was typed in a date field
 *
 * Returns: (transfer full): why @text is not a date, with an example in
 *   the reader's calendar
 */
char *
rapport_format_date_problem (const char *text)
{
  g_autofree char *example = rapport_format_entry_date ("2024-03-31");
  g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);

  return g_strdup_printf (_("“%s” is not a date: write it as year-month-day, for example %s."),
                          shown, example);
}

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
    {
      g_autofree char *count = rapport_format_count (days);

      /* TRANSLATORS: %s is a number of days, written with the reader's digits */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day ago", "%s days ago", days), count);
    }
  if (calendar_year (when) == calendar_year (now))
    /* TRANSLATORS: a date in this year, see strftime(3) */
    return format_day (when, "dMMMM", _("%-d %B"));
  /* TRANSLATORS: a date in another year, see strftime(3) */
  return format_day (when, "yMMMMd", _("%-d %B %Y"));
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
  time = format_day (when, "Hm", _("%R"));

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
    day = format_day (when, "EEEE", _("%A"));
  else
    day = rapport_format_relative_day (utc_seconds, now);

  if (!with_time)
    return g_steal_pointer (&day);
  /* TRANSLATORS: a time of day, see strftime(3); %R is 14:05 */
  time = format_day (when, "Hm", _("%R"));
  /* TRANSLATORS: a day (“Today”, “3 March”) and a time of day */
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
  return format_day (date, "yMMMMd", _("%-d %B %Y"));
}

/**
 * rapport_format_usual_visits:
 * @usual_interval: the days a regular client usually leaves between visits
 * @last_on: their last visit, `YYYY-MM-DD`
 *
 * Returns: (transfer full): “Usually every 55 days; last on 9 June 2026”,
 *   in the reader's digits and calendar
 */
char *
rapport_format_usual_visits (gint64      usual_interval,
                             const char *last_on)
{
  g_autofree char *every = rapport_format_count (usual_interval);
  g_autofree char *last = rapport_format_iso_date (last_on);

  /* TRANSLATORS: a regular client slipping away: the first %s is a number of days, the second a day */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Usually every %s day; last on %s",
                                       "Usually every %s days; last on %s",
                                       (gulong) CLAMP (usual_interval, 0, G_MAXINT)),
                          every, last);
}

/**
 * rapport_format_iso_date_as:
 * @iso_date: a day, `YYYY-MM-DD`
 * @skeleton: what to show of it, in ICU's terms (“dMMM”, “yMMM”)
 *
 * A chart's label: part of a day, in the reader's calendar and digits.
 *
 * Returns: (transfer full): the day as the reader writes that part of it,
 *   or @iso_date itself when it is not a day
 */
char *
rapport_format_iso_date_as (const char *iso_date,
                            const char *skeleton)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *with_time = NULL;

  g_return_val_if_fail (skeleton != NULL, NULL);

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  with_time = g_strconcat (iso_date, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  if (date == NULL)
    return g_strdup (iso_date);
  /* TRANSLATORS: a day and short month, see strftime(3) */
  return format_day (date, skeleton, _("%-d %b"));
}

/**
 * rapport_format_local_date:
 * @utc_seconds: a moment
 *
 * Returns: (transfer full): the day of @utc_seconds in this computer's zone,
 *   as a full date the way the reader writes it
 */
char *
rapport_format_local_date (gint64 utc_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (utc_seconds);

  if (when == NULL)
    return unknown_day ();
  /* TRANSLATORS: a full date, see strftime(3) */
  return format_day (when, "yMMMMd", _("%-d %B %Y"));
}

/**
 * rapport_format_left_to_right:
 * @text: a phone number or e-mail address
 *
 * Phone numbers and addresses read left to right in every language; in a
 * right-to-left line, “+44 20 7946 0958” would otherwise show its digit
 * groups in reverse order.
 *
 * Returns: (transfer full): @text embedded left to right, between marks
 *   that keep its ends with it (Pango in GTK 4.8 does not honour the
 *   newer isolates)
 */
char *
rapport_format_left_to_right (const char *text)
{
  return g_strconcat ("\u200e\u202a", text ? text : "", "\u202c\u200e", NULL);
}

/**
 * rapport_format_direction_mark:
 * @direction: the direction of the widget the text is shown in
 *
 * Returns: the mark that, starting a paragraph, makes the paragraph read
 *   in @direction whatever script its words are in: a label's paragraphs
 *   otherwise each take the direction of their first letter
 */
const char *
rapport_format_direction_mark (GtkTextDirection direction)
{
  return direction == GTK_TEXT_DIR_RTL ? "\u200f" : "\u200e";
}

/**
 * rapport_format_lines_in_direction:
 * @text: text of any script, in one or more lines
 * @direction: the direction of the widget it is shown in
 *
 * Returns: (transfer full): @text with each of its lines started by
 *   rapport_format_direction_mark(), so that a line that starts with a
 *   name in another script still reads in the interface's direction
 */
char *
rapport_format_lines_in_direction (const char       *text,
                                   GtkTextDirection  direction)
{
  const char *mark = rapport_format_direction_mark (direction);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  g_autofree char *separator = g_strconcat ("\n", mark, NULL);
  g_autofree char *joined = g_strjoinv (separator, lines);

  return g_strconcat (mark, joined, NULL);
}
