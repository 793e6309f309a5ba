/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Analytics without SQL: what a query is, how a period is cut into days,
 * weeks and months, what the comparison periods are, how RFM scores name
 * a segment, and the report's memory. rapport-analytics.c reads the data. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rapport-analytics-private.h"
#include "rapport-error.h"

G_DEFINE_BOXED_TYPE (RapportAnalyticsQuery, rapport_analytics_query,
                     rapport_analytics_query_copy, rapport_analytics_query_free)
G_DEFINE_BOXED_TYPE (RapportAnalyticsReport, rapport_analytics_report,
                     rapport_analytics_report_ref, rapport_analytics_report_unref)

/* ---- Days ---- */

gboolean
_rapport_analytics_parse_day (const char *text,
                              GDate      *date)
{
  unsigned year, month, day;
  int used = 0;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &used) != 3 || used != 10
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year)
      || year < 1000)
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
_rapport_analytics_format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static const RapportCalendar *
calendar_of (const RapportAnalyticsQuery *query)
{
  return query->calendar != NULL ? query->calendar : rapport_calendar_gregorian ();
}

/* The first day of the bucket holding @date. */
static void
bucket_start (const RapportCalendar  *calendar,
              RapportAnalyticsBucket  bucket,
              GDate                  *date)
{
  switch (bucket)
    {
    case RAPPORT_ANALYTICS_BY_DAY:
      break;
    case RAPPORT_ANALYTICS_BY_WEEK:
      g_date_subtract_days (date, (g_date_get_weekday (date) - calendar->first_weekday + 7) % 7);
      break;
    case RAPPORT_ANALYTICS_BY_MONTH:
      calendar->month_start (date);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
bucket_next (const RapportCalendar  *calendar,
             RapportAnalyticsBucket  bucket,
             GDate                  *date)
{
  switch (bucket)
    {
    case RAPPORT_ANALYTICS_BY_DAY:
      g_date_add_days (date, 1);
      break;
    case RAPPORT_ANALYTICS_BY_WEEK:
      g_date_add_days (date, 7);
      break;
    case RAPPORT_ANALYTICS_BY_MONTH:
      calendar->add_months (date, 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The start days of the buckets of @query's period, the first one cut
 * to the period's first day. */
GPtrArray *
_rapport_analytics_bucket_days (const RapportAnalyticsQuery *query)
{
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);
  GDate from, to, at;

  if (!_rapport_analytics_parse_day (query->from_day, &from)
      || !_rapport_analytics_parse_day (query->to_day, &to))
    return days;

  at = from;
  bucket_start (calendar_of (query), query->bucket, &at);
  while (g_date_compare (&at, &to) <= 0)
    {
      g_ptr_array_add (days, _rapport_analytics_format_day (g_date_compare (&at, &from) < 0 ? &from : &at));
      bucket_next (calendar_of (query), query->bucket, &at);
    }
  return days;
}

/* ---- Queries ---- */

/**
 * rapport_analytics_query_new:
 * @from_day: the first day, `YYYY-MM-DD`
 * @to_day: the last day, included
 * @bucket: how the period is cut
 *
 * Returns: (transfer full): a query with no filter
 */
RapportAnalyticsQuery *
rapport_analytics_query_new (const char             *from_day,
                             const char             *to_day,
                             RapportAnalyticsBucket  bucket)
{
  RapportAnalyticsQuery *query = g_new0 (RapportAnalyticsQuery, 1);

  query->from_day = g_strdup (from_day ? from_day : "");
  query->to_day = g_strdup (to_day ? to_day : "");
  query->bucket = bucket;
  return query;
}

RapportAnalyticsQuery *
rapport_analytics_query_copy (const RapportAnalyticsQuery *query)
{
  RapportAnalyticsQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = rapport_analytics_query_new (query->from_day, query->to_day, query->bucket);
  copy->calendar = query->calendar;
  copy->staff_id = query->staff_id;
  copy->catalog_item_id = query->catalog_item_id;
  copy->item_kind = g_strdup (query->item_kind);
  copy->client_tag = g_strdup (query->client_tag);
  copy->place = g_strdup (query->place);
  return copy;
}

void
rapport_analytics_query_free (RapportAnalyticsQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->from_day);
  g_free (query->to_day);
  g_free (query->item_kind);
  g_free (query->client_tag);
  g_free (query->place);
  g_free (query);
}

/**
 * rapport_analytics_query_validate:
 * @query: a query
 * @error: return location for an error
 *
 * Returns: whether @query can be run: real days in order, a period of at
 *   most a century (and at most ten years cut into days), a known bucket
 *   and item kind, no negative id
 */
gboolean
rapport_analytics_query_validate (const RapportAnalyticsQuery  *query,
                                  GError                      **error)
{
  GDate from, to;
  int span;

  g_return_val_if_fail (query != NULL, FALSE);

  if (!_rapport_analytics_parse_day (query->from_day, &from))
    {
      g_autofree char *shown = g_utf8_make_valid (query->from_day ? query->from_day : "", -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The first day “%s” is not a date; write it as YYYY-MM-DD, for example 2026-03-01."),
                   shown);
      return FALSE;
    }
  if (!_rapport_analytics_parse_day (query->to_day, &to))
    {
      g_autofree char *shown = g_utf8_make_valid (query->to_day ? query->to_day : "", -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The last day “%s” is not a date; write it as YYYY-MM-DD, for example 2026-03-31."),
                   shown);
      return FALSE;
    }
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The period starts on %s, after its last day %s; swap the two days."),
                   query->from_day, query->to_day);
      return FALSE;
    }
  span = g_date_days_between (&from, &to);
  if (span > RAPPORT_ANALYTICS_MAX_DAYS
      || (query->bucket == RAPPORT_ANALYTICS_BY_DAY && span > RAPPORT_ANALYTICS_MAX_DAY_POINTS))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   query->bucket == RAPPORT_ANALYTICS_BY_DAY
                   ? _("The period from %s to %s is too long to show day by day; show it by week or by month.")
                   : _("The period from %s to %s is longer than a century; choose a shorter one."),
                   query->from_day, query->to_day);
      return FALSE;
    }
  if ((guint) query->bucket > RAPPORT_ANALYTICS_BY_MONTH)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Figures can be shown by day, by week or by month only."));
      return FALSE;
    }
  if (query->item_kind != NULL && g_strcmp0 (query->item_kind, "product") != 0
      && g_strcmp0 (query->item_kind, "service") != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (query->item_kind, -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a kind of item; choose products or services."), shown);
      return FALSE;
    }
  if (query->staff_id < 0 || query->catalog_item_id < 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The filter names a staff member or an item that cannot exist; clear the filter."));
      return FALSE;
    }
  return TRUE;
}

static RapportAnalyticsQuery *
moved (const RapportAnalyticsQuery *query,
       const GDate                 *from,
       const GDate                 *to)
{
  RapportAnalyticsQuery *copy = rapport_analytics_query_copy (query);

  g_free (copy->from_day);
  g_free (copy->to_day);
  copy->from_day = _rapport_analytics_format_day (from);
  copy->to_day = _rapport_analytics_format_day (to);
  return copy;
}

/* How many whole months of @calendar run from @from up to the day before
 * @day_after, or 0 if the period is not made of whole months. */
static int
whole_months (const RapportCalendar *calendar,
              const GDate           *from,
              const GDate           *day_after)
{
  GDate start = *from, end = *day_after, at = *from;
  int months = 0;

  calendar->month_start (&start);
  calendar->month_start (&end);
  if (g_date_compare (&start, from) != 0 || g_date_compare (&end, day_after) != 0)
    return 0;
  /* A valid query spans at most a century: 1,300 months of any calendar. */
  while (g_date_compare (&at, day_after) < 0 && months < 1300)
    {
      calendar->add_months (&at, 1);
      months++;
    }
  return g_date_compare (&at, day_after) == 0 ? months : 0;
}

/**
 * rapport_analytics_query_dup_previous:
 * @query: a valid query
 *
 * Returns: (transfer full): the same query over the period of the same
 *   length just before; a period of whole months moves by whole months
 *   (March → February, a quarter → the quarter before)
 */
RapportAnalyticsQuery *
rapport_analytics_query_dup_previous (const RapportAnalyticsQuery *query)
{
  GDate from, to, day_after;
  int months;

  g_return_val_if_fail (query != NULL, NULL);

  if (!_rapport_analytics_parse_day (query->from_day, &from)
      || !_rapport_analytics_parse_day (query->to_day, &to))
    return rapport_analytics_query_copy (query);

  day_after = to;
  g_date_add_days (&day_after, 1);
  months = whole_months (calendar_of (query), &from, &day_after);
  to = from;
  g_date_subtract_days (&to, 1);
  if (months > 0)
    calendar_of (query)->add_months (&from, -months);
  else
    g_date_subtract_days (&from, (guint) g_date_days_between (&from, &day_after));
  return moved (query, &from, &to);
}

/**
 * rapport_analytics_query_dup_year_before:
 * @query: a valid query
 *
 * Returns: (transfer full): the same query a year earlier (29 February
 *   becomes 28 February)
 */
RapportAnalyticsQuery *
rapport_analytics_query_dup_year_before (const RapportAnalyticsQuery *query)
{
  GDate from, to;

  g_return_val_if_fail (query != NULL, NULL);

  if (!_rapport_analytics_parse_day (query->from_day, &from)
      || !_rapport_analytics_parse_day (query->to_day, &to))
    return rapport_analytics_query_copy (query);

  calendar_of (query)->add_months (&from, -12);
  calendar_of (query)->add_months (&to, -12);
  return moved (query, &from, &to);
}

/**
 * rapport_analytics_bucket_for_period:
 *
 * Returns: the bucket that suits a period: days up to a month and a
 *   half, weeks up to four months, months beyond
 */
RapportAnalyticsBucket
rapport_analytics_bucket_for_period (const char *from_day,
                                     const char *to_day)
{
  GDate from, to;
  int span;

  if (!_rapport_analytics_parse_day (from_day, &from) || !_rapport_analytics_parse_day (to_day, &to))
    return RAPPORT_ANALYTICS_BY_MONTH;
  span = g_date_days_between (&from, &to);
  if (span <= 45)
    return RAPPORT_ANALYTICS_BY_DAY;
  if (span <= 122)
    return RAPPORT_ANALYTICS_BY_WEEK;
  return RAPPORT_ANALYTICS_BY_MONTH;
}

static const char * const bucket_names[] = { "day", "week", "month" };

const char *
rapport_analytics_bucket_to_string (RapportAnalyticsBucket bucket)
{
  g_return_val_if_fail ((guint) bucket < G_N_ELEMENTS (bucket_names), "month");
  return bucket_names[bucket];
}

gboolean
rapport_analytics_bucket_from_string (const char             *name,
                                      RapportAnalyticsBucket *bucket)
{
  for (guint i = 0; i < G_N_ELEMENTS (bucket_names); i++)
    if (g_strcmp0 (name, bucket_names[i]) == 0)
      {
        *bucket = (RapportAnalyticsBucket) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- RFM ---- */

static const struct
{
  const char *name;
  const char *label;
} segments[RAPPORT_RFM_N_SEGMENTS] = {
  [RAPPORT_RFM_CHAMPIONS]       = { "champions", N_("Champions") },
  [RAPPORT_RFM_LOYAL]           = { "loyal", N_("Loyal") },
  [RAPPORT_RFM_PROMISING]       = { "promising", N_("Promising") },
  [RAPPORT_RFM_NEW]             = { "new", N_("New") },
  [RAPPORT_RFM_NEEDS_ATTENTION] = { "needs-attention", N_("Needs attention") },
  [RAPPORT_RFM_AT_RISK]         = { "at-risk", N_("At risk") },
  [RAPPORT_RFM_CANT_LOSE]       = { "cant-lose", N_("Can’t lose") },
  [RAPPORT_RFM_HIBERNATING]     = { "hibernating", N_("Hibernating") },
  [RAPPORT_RFM_LOST]            = { "lost", N_("Lost") },
};

/**
 * rapport_rfm_segment_to_string:
 *
 * Returns: the segment's name in files, rules and the command line
 *   (“champions”, “cant-lose”…)
 */
const char *
rapport_rfm_segment_to_string (RapportRfmSegment segment)
{
  g_return_val_if_fail ((guint) segment < RAPPORT_RFM_N_SEGMENTS, "lost");
  return segments[segment].name;
}

gboolean
rapport_rfm_segment_from_string (const char        *name,
                                 RapportRfmSegment *segment)
{
  for (guint i = 0; i < RAPPORT_RFM_N_SEGMENTS; i++)
    if (g_strcmp0 (name, segments[i].name) == 0)
      {
        *segment = (RapportRfmSegment) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rapport_rfm_segment_get_label:
 *
 * Returns: the segment's name for a person, translated
 */
const char *
rapport_rfm_segment_get_label (RapportRfmSegment segment)
{
  g_return_val_if_fail ((guint) segment < RAPPORT_RFM_N_SEGMENTS, "");
  return _(segments[segment].label);
}

/**
 * rapport_rfm_quintile:
 * @below: how many clients have a strictly worse value
 * @count: how many clients were scored
 *
 * Returns: the score, 1 to 5, of a value that @below of @count clients
 *   fall short of. Equal values get equal scores, whatever their order.
 */
int
rapport_rfm_quintile (guint64 below,
                      guint64 count)
{
  if (count == 0 || below >= count)
    return count == 0 ? 1 : 5;
  return 1 + (int) ((below * 5) / count);
}

/**
 * rapport_rfm_segment_for_scores:
 *
 * Returns: the segment of a client with these scores (README, “RFM”):
 *   recency decides first, frequency and money together (their mean,
 *   rounded up) second
 */
RapportRfmSegment
rapport_rfm_segment_for_scores (int recency,
                                int frequency,
                                int monetary)
{
  int value = (frequency + monetary + 1) / 2;

  if (recency >= 4)
    {
      if (value >= 4)
        return RAPPORT_RFM_CHAMPIONS;
      if (frequency <= 1)
        return RAPPORT_RFM_NEW;
      if (value >= 3)
        return RAPPORT_RFM_LOYAL;
      return RAPPORT_RFM_PROMISING;
    }
  if (recency == 3)
    return value >= 3 ? RAPPORT_RFM_LOYAL : RAPPORT_RFM_NEEDS_ATTENTION;
  if (value >= 5)
    return RAPPORT_RFM_CANT_LOSE;
  if (value >= 3)
    return RAPPORT_RFM_AT_RISK;
  return recency == 2 ? RAPPORT_RFM_HIBERNATING : RAPPORT_RFM_LOST;
}

/* ---- Reports ---- */

static void
free_sales_point (gpointer data)
{
  RapportSalesPoint *point = data;

  g_free (point->start_day);
  g_free (point);
}

RapportSales *
_rapport_sales_new (void)
{
  RapportSales *sales = g_new0 (RapportSales, 1);

  sales->points = g_ptr_array_new_with_free_func (free_sales_point);
  return sales;
}

void
_rapport_sales_free (RapportSales *sales)
{
  if (sales == NULL)
    return;
  g_ptr_array_unref (sales->points);
  g_free (sales);
}

void
_rapport_breakdown_row_free (gpointer data)
{
  RapportBreakdownRow *row = data;

  g_free (row->label);
  g_free (row);
}

GPtrArray *
_rapport_breakdown_rows_new (void)
{
  return g_ptr_array_new_with_free_func (_rapport_breakdown_row_free);
}

static void
free_lost_reason_row (gpointer data)
{
  RapportLostReasonRow *row = data;

  g_free (row->name);
  g_free (row);
}

RapportFunnel *
_rapport_funnel_new (void)
{
  RapportFunnel *funnel = g_new0 (RapportFunnel, 1);

  funnel->steps = g_ptr_array_new_with_free_func (g_free);
  funnel->lost_reasons = g_ptr_array_new_with_free_func (free_lost_reason_row);
  return funnel;
}

void
_rapport_funnel_free (RapportFunnel *funnel)
{
  if (funnel == NULL)
    return;
  g_ptr_array_unref (funnel->steps);
  g_ptr_array_unref (funnel->lost_reasons);
  g_free (funnel);
}

static void
free_ageing_bucket (gpointer data)
{
  RapportAgeingBucket *bucket = data;

  g_array_unref (bucket->order_ids);
  g_free (bucket);
}

GPtrArray *
_rapport_ageing_buckets_new (void)
{
  static const int limits[][2] = { { 0, 30 }, { 31, 60 }, { 61, 90 }, { 91, -1 } };
  GPtrArray *buckets = g_ptr_array_new_with_free_func (free_ageing_bucket);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      RapportAgeingBucket *bucket = g_new0 (RapportAgeingBucket, 1);

      bucket->from_days = limits[i][0];
      bucket->to_days = limits[i][1];
      bucket->order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (buckets, bucket);
    }
  return buckets;
}

static void
free_at_risk_client (gpointer data)
{
  RapportAtRiskClient *client = data;

  g_free (client->name);
  g_free (client->last_day);
  g_free (client);
}

GPtrArray *
_rapport_at_risk_clients_new (void)
{
  return g_ptr_array_new_with_free_func (free_at_risk_client);
}

static void
free_staff_row (gpointer data)
{
  RapportStaffRow *row = data;

  g_free (row->name);
  g_free (row);
}

GPtrArray *
_rapport_staff_rows_new (void)
{
  return g_ptr_array_new_with_free_func (free_staff_row);
}

static void
clear_report (RapportAnalyticsReport *report)
{
  g_clear_pointer (&report->query, rapport_analytics_query_free);
  g_clear_pointer (&report->currency, g_free);
  g_clear_pointer (&report->sales, _rapport_sales_free);
  g_clear_pointer (&report->by_product, g_ptr_array_unref);
  g_clear_pointer (&report->by_staff, g_ptr_array_unref);
  g_clear_pointer (&report->by_region, g_ptr_array_unref);
  g_clear_pointer (&report->by_campaign, g_ptr_array_unref);
  g_clear_pointer (&report->funnel, _rapport_funnel_free);
  g_clear_pointer (&report->owed, g_ptr_array_unref);
  g_clear_pointer (&report->rfm, g_ptr_array_unref);
  g_clear_pointer (&report->at_risk, g_ptr_array_unref);
  g_clear_pointer (&report->staff, g_ptr_array_unref);
}

RapportAnalyticsReport *
_rapport_analytics_report_new (const RapportAnalyticsQuery *query,
                               RapportAnalyticsParts        parts)
{
  RapportAnalyticsReport *report = g_rc_box_new0 (RapportAnalyticsReport);

  report->query = rapport_analytics_query_copy (query);
  report->parts = parts;
  return report;
}

/**
 * rapport_analytics_report_ref:
 *
 * A report does not change once made: a copy is a new reference.
 *
 * Returns: (transfer full): @report
 */
RapportAnalyticsReport *
rapport_analytics_report_ref (RapportAnalyticsReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return g_rc_box_acquire (report);
}

void
rapport_analytics_report_unref (RapportAnalyticsReport *report)
{
  if (report != NULL)
    g_rc_box_release_full (report, (GDestroyNotify) clear_report);
}

/* The median of @values (sorted here); -1 when empty. Of an even count,
 * the lower middle: a time that some order really took. */
static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gint64
_rapport_analytics_median (GArray *values)
{
  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, (values->len - 1) / 2);
}
