/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-analytics-figures.h"
#include "rapport-format.h"
#include "rapport-money-format.h"

/* The figures of a report put into the page's sections: each section's
 * columns, its rows (as read, and as exported: ISO days, plain amounts),
 * its chart's points and its line of totals. */

typedef struct
{
  const char       *title;
  const char       *file_name;
  RapportChartKind  kind;
  gboolean          with_chart;
  gboolean          drillable;
  const char       *columns[9];
} PartInfo;

static const PartInfo parts[RAPPORT_N_PARTS] = {
  [RAPPORT_PART_SALES] = {
    N_("Sales"), N_("sales"), RAPPORT_CHART_COLUMNS, TRUE, TRUE,
    { N_("Period"), N_("Invoiced"), N_("Received"), N_("Refunded"), N_("Orders"), N_("Cancelled"),
      N_("Invoiced, Compared"), NULL },
  },
  [RAPPORT_PART_BREAKDOWN] = {
    N_("Sales By"), N_("sales-by"), RAPPORT_CHART_BARS, TRUE, TRUE,
    { N_("Name"), N_("Orders"), N_("Invoiced"), NULL },
  },
  [RAPPORT_PART_FUNNEL] = {
    N_("Funnel"), N_("funnel"), RAPPORT_CHART_FUNNEL, TRUE, TRUE,
    { N_("Step"), N_("Orders"), N_("Value"), N_("Conversion"), N_("Median Time"), NULL },
  },
  [RAPPORT_PART_LOST] = {
    N_("Lost Quotes"), N_("lost-quotes"), RAPPORT_CHART_BARS, TRUE, TRUE,
    { N_("Reason"), N_("Quotes"), N_("Value"), NULL },
  },
  [RAPPORT_PART_OWED] = {
    N_("Money Owed"), N_("money-owed"), RAPPORT_CHART_STACKED, TRUE, TRUE,
    { N_("Overdue"), N_("Orders"), N_("Owed"), NULL },
  },
  [RAPPORT_PART_RFM] = {
    N_("Clients by Value"), N_("clients-by-value"), RAPPORT_CHART_BARS, TRUE, TRUE,
    { N_("Segment"), N_("Clients"), N_("Revenue"), NULL },
  },
  [RAPPORT_PART_AT_RISK] = {
    N_("Slipping Away"), N_("slipping-away"), RAPPORT_CHART_BARS, FALSE, TRUE,
    { N_("Client"), N_("Visits"), N_("Usual Interval"), N_("Last Visit"), N_("Days Away"), N_("Revenue"), NULL },
  },
  [RAPPORT_PART_STAFF] = {
    N_("Staff"), N_("staff"), RAPPORT_CHART_BARS, TRUE, TRUE,
    { N_("Name"), N_("Orders"), N_("Revenue"), N_("Interactions"), N_("Follow-Ups on Time"),
      N_("Follow-Ups Late"), N_("Quotes Won"), N_("Quotes Lost"), NULL },
  },
};

RapportAnalyticsSection *
_rapport_analytics_new_section (RapportAnalyticsPart part)
{
  const PartInfo *info = &parts[part];
  RapportAnalyticsSection *section;
  const char *titles[G_N_ELEMENTS (info->columns)];
  guint n = 0;

  section = rapport_analytics_section_new (_(info->title), _(info->file_name), info->kind, info->with_chart);
  while (info->columns[n] != NULL)
    {
      titles[n] = _(info->columns[n]);
      n++;
    }
  rapport_analytics_section_set_columns (section, titles, n);
  rapport_analytics_section_set_drillable (section, info->drillable);
  return section;
}

/* ---- Formatting ---- */

static char *
money (const RapportAnalyticsReport *report,
       gint64                        amount)
{
  return rapport_money_format (amount, report->currency);
}

/* @format with the amount as the reader writes money in it. */
static char *
with_money (const char                   *format,
            const RapportAnalyticsReport *report,
            gint64                        amount)
{
  g_autofree char *text = money (report, amount);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, text);
#pragma GCC diagnostic pop
}

static char *
plain_money (const RapportAnalyticsReport *report,
             gint64                        amount)
{
  return rapport_money_format_plain (amount, report->currency);
}

static char *
plain_count (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* The plural form gettext picks for @n. */
static gulong
plural_n (gint64 n)
{
  return n < 0 ? 0 : (gulong) MIN ((guint64) n, G_MAXULONG);
}

/* @format, a plural form of g_dngettext(), with @n in the reader's digits. */
static char *
count_text (const char *format,
            gint64      n)
{
  g_autofree char *digits = rapport_format_count (n);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, digits);
#pragma GCC diagnostic pop
}

static char *
duration_text (gint64 seconds)
{
  gint64 days = (seconds + 43200) / 86400;
  gint64 hours = (seconds + 1800) / 3600;

  if (seconds < 0)
    return g_strdup (_("No orders"));
  if (seconds >= 86400)
    /* TRANSLATORS: a median time between two steps, in days */
    return count_text (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", plural_n (days)), days);
  /* TRANSLATORS: a median time between two steps, in hours */
  return count_text (g_dngettext (GETTEXT_PACKAGE, "%s hour", "%s hours", plural_n (hours)), hours);
}

/* A point of sales over time, as short as a chart's axis needs: its day
 * for days and weeks, its month for months (the reader's months: the
 * page's query counts in the reader's calendar). */
char *
_rapport_analytics_point_label (const char             *start_day,
                                RapportAnalyticsBucket  bucket)
{
  if (bucket == RAPPORT_ANALYTICS_BY_MONTH)
    return rapport_format_iso_date_as (start_day, "yMMM");
  return rapport_format_iso_date_as (start_day, "dMMM");
}

char *
_rapport_analytics_owed_label (const RapportAgeingBucket *bucket)
{
  g_autofree char *from = rapport_format_count (bucket->from_days);
  g_autofree char *to = rapport_format_count (bucket->to_days);
  g_autofree char *over = rapport_format_count (MAX (bucket->from_days - 1, 0));

  if (bucket->to_days < 0)
    /* TRANSLATORS: money owed for longer than %s days */
    return g_strdup_printf (_("Over %s days"), over);
  /* TRANSLATORS: money owed for between the first and the second number of days */
  return g_strdup_printf (_("%s–%s days"), from, to);
}

char *
_rapport_analytics_period_text (const char *from_day,
                                const char *to_day)
{
  g_autofree char *from = rapport_format_iso_date (from_day);
  g_autofree char *to = rapport_format_iso_date (to_day);

  if (g_strcmp0 (from_day, to_day) == 0)
    return g_steal_pointer (&from);
  /* TRANSLATORS: a period, from the first day to the second */
  return g_strdup_printf (_("%s – %s"), from, to);
}

static void
add_row (RapportAnalyticsSection *section,
         char                   **cells,
         char                   **csv_cells)
{
  rapport_analytics_section_add_row (section, (const char * const *) cells, (const char * const *) csv_cells);
  for (guint i = 0; i < rapport_analytics_section_get_n_columns (section); i++)
    {
      g_free (cells[i]);
      g_free (csv_cells[i]);
    }
}

static void
add_point (RapportAnalyticsSection *section,
           const char              *label,
           double                   value,
           const char              *value_text)
{
  RapportChart *chart = rapport_analytics_section_get_chart (section);

  if (chart != NULL)
    rapport_chart_add (chart, label, value, value_text, 0, NULL);
}

static char *
join_pieces (GPtrArray *pieces)
{
  g_ptr_array_add (pieces, NULL);
  /* TRANSLATORS: what separates the totals of a line (“Invoiced €10 ·
   * Received €8”); Persian, whose zero is a dot, may take its comma */
  return g_strjoinv (_(" · "), (char **) pieces->pdata);
}

/* ---- The parts ---- */

static void
fill_sales (RapportAnalyticsSection      *section,
            const RapportAnalyticsReport *report,
            const RapportSales           *compare,
            const char                   *compare_label)
{
  const RapportSales *sales = report->sales;
  RapportChart *chart = rapport_analytics_section_get_chart (section);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;

  rapport_chart_set_compare_label (chart, compare_label);
  for (guint i = 0; i < sales->points->len; i++)
    {
      const RapportSalesPoint *point = g_ptr_array_index (sales->points, i);
      const RapportSalesPoint *other = compare != NULL && i < compare->points->len
                                       ? g_ptr_array_index (compare->points, i) : NULL;
      g_autofree char *label = _rapport_analytics_point_label (point->start_day, report->query->bucket);
      char *cells[7] = {
        g_strdup (label), money (report, point->invoiced), money (report, point->paid),
        money (report, point->refunded), rapport_format_count (point->orders),
        rapport_format_count (point->cancelled), other != NULL ? money (report, other->invoiced) : g_strdup (""),
      };
      char *csv[7] = {
        g_strdup (point->start_day), plain_money (report, point->invoiced), plain_money (report, point->paid),
        plain_money (report, point->refunded), plain_count (point->orders), plain_count (point->cancelled),
        other != NULL ? plain_money (report, other->invoiced) : g_strdup (""),
      };

      rapport_chart_add (chart, label, point->invoiced, cells[1],
                         other != NULL ? other->invoiced : 0, other != NULL ? cells[6] : NULL);
      add_row (section, cells, csv);
    }

  g_ptr_array_add (pieces, with_money (_("Invoiced %s"), report, sales->invoiced));
  g_ptr_array_add (pieces, with_money (_("Received %s"), report, sales->paid));
  g_ptr_array_add (pieces, with_money (_("Net %s"), report, sales->net));
  g_ptr_array_add (pieces, count_text (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", plural_n (sales->orders)), sales->orders));
  g_ptr_array_add (pieces, with_money (_("Average order %s"), report, sales->average_order));
  g_ptr_array_add (pieces, count_text (g_dngettext (GETTEXT_PACKAGE, "%s new client", "%s new clients", plural_n (sales->new_clients)), sales->new_clients));
  g_ptr_array_add (pieces, count_text (g_dngettext (GETTEXT_PACKAGE, "%s returning client", "%s returning clients", plural_n (sales->returning_clients)), sales->returning_clients));
  if (sales->cancelled > 0)
    {
      g_autofree char *cancelled = count_text (g_dngettext (GETTEXT_PACKAGE, "%s cancelled", "%s cancelled", plural_n (sales->cancelled)), sales->cancelled);
      g_autofree char *value = money (report, sales->cancelled_value);

      /* TRANSLATORS: how many orders were cancelled, then what they came to */
      g_ptr_array_add (pieces, g_strdup_printf (_("%s (%s)"), cancelled, value));
    }
  if (compare != NULL)
    {
      g_autofree char *value = money (report, compare->invoiced);

      if (compare->invoiced > 0)
        {
          double change = (double) (sales->invoiced - compare->invoiced) / (double) compare->invoiced;
          g_autofree char *percent = rapport_format_percent (fabs (change), FALSE);

          g_ptr_array_add (pieces, g_strdup_printf (change >= 0
                                                    /* TRANSLATORS: the comparison's name, its invoiced
                                                     * amount and how much more this period made */
                                                    ? _("%s: %s, up %s")
                                                    /* TRANSLATORS: …and how much less */
                                                    : _("%s: %s, down %s"),
                                                    compare_label, value, percent));
        }
      else
        /* TRANSLATORS: the comparison's name and its invoiced amount */
        g_ptr_array_add (pieces, g_strdup_printf (_("%s: %s"), compare_label, value));
    }
  summary = join_pieces (pieces);
  rapport_analytics_section_show_figures (section, summary, _("No orders in this period."));
}

static const char *
breakdown_none_label (RapportAnalyticsDimension dimension)
{
  switch (dimension)
    {
    case RAPPORT_ANALYTICS_BY_PRODUCT: return _("Lines without a catalog item");
    case RAPPORT_ANALYTICS_BY_STAFF: return _("Nobody");
    case RAPPORT_ANALYTICS_BY_REGION: return _("No address");
    case RAPPORT_ANALYTICS_BY_CAMPAIGN: return _("No campaign");
    default: g_assert_not_reached ();
    }
}

static GPtrArray *
breakdown_rows (const RapportAnalyticsReport *report,
                RapportAnalyticsDimension     dimension)
{
  switch (dimension)
    {
    case RAPPORT_ANALYTICS_BY_PRODUCT: return report->by_product;
    case RAPPORT_ANALYTICS_BY_STAFF: return report->by_staff;
    case RAPPORT_ANALYTICS_BY_REGION: return report->by_region;
    case RAPPORT_ANALYTICS_BY_CAMPAIGN: return report->by_campaign;
    default: g_assert_not_reached ();
    }
}

static void
fill_breakdown (RapportAnalyticsSection      *section,
                const RapportAnalyticsReport *report,
                RapportAnalyticsDimension     dimension)
{
  GPtrArray *rows = breakdown_rows (report, dimension);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const RapportBreakdownRow *row = g_ptr_array_index (rows, i);
      const char *label = row->label != NULL && *row->label != '\0' ? row->label : breakdown_none_label (dimension);
      char *cells[3] = { g_strdup (label), rapport_format_count (row->orders), money (report, row->invoiced) };
      char *csv[3] = { g_strdup (label), plain_count (row->orders), plain_money (report, row->invoiced) };

      add_point (section, label, row->invoiced, cells[2]);
      add_row (section, cells, csv);
    }
  rapport_analytics_section_show_figures (section, NULL, _("No sales in this period."));
}

static const char *
stage_label (RapportFunnelStage stage)
{
  switch (stage)
    {
    case RAPPORT_FUNNEL_QUOTED: return _("Quoted");
    case RAPPORT_FUNNEL_CONFIRMED: return _("Confirmed");
    case RAPPORT_FUNNEL_PAID: return _("Paid");
    case RAPPORT_FUNNEL_DELIVERED: return _("Delivered");
    default: return _("Unknown step");
    }
}

static void
fill_funnel (RapportAnalyticsSection      *section,
             const RapportAnalyticsReport *report)
{
  const RapportFunnel *funnel = report->funnel;
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  g_autofree char *won = count_text (g_dngettext (GETTEXT_PACKAGE, "%s quote won", "%s quotes won", plural_n (funnel->won)), funnel->won);
  g_autofree char *won_value = money (report, funnel->won_value);
  g_autofree char *lost = count_text (g_dngettext (GETTEXT_PACKAGE, "%s quote lost", "%s quotes lost", plural_n (funnel->lost)), funnel->lost);
  g_autofree char *lost_value = money (report, funnel->lost_value);
  gboolean any = FALSE;

  for (guint i = 0; i < funnel->steps->len; i++)
    {
      const RapportFunnelStep *step = g_ptr_array_index (funnel->steps, i);
      const char *label = stage_label (step->stage);
      char *cells[5] = {
        g_strdup (label), rapport_format_count (step->count), money (report, step->value),
        rapport_format_percent (step->conversion, FALSE), i == 0 ? g_strdup ("") : duration_text (step->median_seconds),
      };
      char *csv[5] = {
        g_strdup (label), plain_count (step->count), plain_money (report, step->value),
        g_strdup_printf ("%.4f", isfinite (step->conversion) ? step->conversion : 0),
        step->median_seconds >= 0 && i > 0 ? plain_count (step->median_seconds) : g_strdup (""),
      };
      g_autofree char *orders = count_text (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", plural_n (step->count)), step->count);
      g_autofree char *point = NULL;

      /* TRANSLATORS: a step of the funnel: how many orders, their value,
       * and the share of the step before that reached it */
      point = i == 0 ? g_strdup_printf (_("%s · %s"), orders, cells[2])
                     : g_strdup_printf (_("%s · %s · %s"), orders, cells[2], cells[3]);
      any = any || step->count > 0;
      add_point (section, label, step->count, point);
      add_row (section, cells, csv);
    }
  /* TRANSLATORS: how many quotes, then what they came to */
  g_ptr_array_add (pieces, g_strdup_printf (_("%s (%s)"), won, won_value));
  g_ptr_array_add (pieces, g_strdup_printf (_("%s (%s)"), lost, lost_value));
  summary = join_pieces (pieces);
  if (!any)
    rapport_analytics_section_clear (section);
  rapport_analytics_section_show_figures (section, summary, _("No quotes or orders in this period."));
}

static void
fill_lost (RapportAnalyticsSection      *section,
           const RapportAnalyticsReport *report)
{
  GPtrArray *reasons = report->funnel->lost_reasons;

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const RapportLostReasonRow *row = g_ptr_array_index (reasons, i);
      const char *label = row->name != NULL && *row->name != '\0' ? row->name : _("No reason given");
      char *cells[3] = { g_strdup (label), rapport_format_count (row->count), money (report, row->value) };
      char *csv[3] = { g_strdup (label), plain_count (row->count), plain_money (report, row->value) };
      g_autofree char *quotes = count_text (g_dngettext (GETTEXT_PACKAGE, "%s quote", "%s quotes", plural_n (row->count)), row->count);
      g_autofree char *point = g_strdup_printf (_("%s · %s"), cells[2], quotes);

      add_point (section, label, row->value, point);
      add_row (section, cells, csv);
    }
  rapport_analytics_section_show_figures (section, NULL, _("No quotes were lost in this period."));
}

static void
fill_owed (RapportAnalyticsSection      *section,
           const RapportAnalyticsReport *report)
{
  gint64 total = 0;
  guint orders = 0;
  g_autofree char *summary = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *orders_text = NULL;

  for (guint i = 0; i < report->owed->len; i++)
    {
      const RapportAgeingBucket *bucket = g_ptr_array_index (report->owed, i);
      g_autofree char *label = _rapport_analytics_owed_label (bucket);
      char *cells[3] = { g_strdup (label), rapport_format_count (bucket->count), money (report, bucket->amount) };
      char *csv[3] = { g_strdup (label), plain_count (bucket->count), plain_money (report, bucket->amount) };
      g_autofree char *count = count_text (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", plural_n (bucket->count)), bucket->count);
      g_autofree char *point = g_strdup_printf (_("%s · %s"), cells[2], count);

      total += bucket->amount;
      orders += bucket->count;
      add_point (section, label, bucket->amount, point);
      add_row (section, cells, csv);
    }
  total_text = money (report, total);
  orders_text = count_text (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", plural_n (orders)), orders);
  /* TRANSLATORS: what is owed in all, on how many orders */
  summary = g_strdup_printf (_("%s owed on %s"), total_text, orders_text);
  if (orders == 0)
    rapport_analytics_section_clear (section);
  rapport_analytics_section_show_figures (section, summary, _("Nothing is owed."));
}

static void
fill_rfm (RapportAnalyticsSection      *section,
          const RapportAnalyticsReport *report)
{
  guint clients = 0;

  for (guint i = 0; i < report->rfm->len; i++)
    {
      const RapportRfmRow *row = g_ptr_array_index (report->rfm, i);
      const char *label = rapport_rfm_segment_get_label (row->segment);
      char *cells[3] = { g_strdup (label), rapport_format_count (row->clients), money (report, row->revenue) };
      char *csv[3] = { g_strdup (rapport_rfm_segment_to_string (row->segment)), plain_count (row->clients),
                       plain_money (report, row->revenue) };
      g_autofree char *count = count_text (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", plural_n (row->clients)), row->clients);
      g_autofree char *point = g_strdup_printf (_("%s · %s"), count, cells[2]);

      clients += row->clients;
      add_point (section, label, row->clients, point);
      add_row (section, cells, csv);
    }
  if (clients == 0)
    rapport_analytics_section_clear (section);
  rapport_analytics_section_show_figures (section, NULL, _("No client has an order yet."));
}

static void
fill_at_risk (RapportAnalyticsSection      *section,
              const RapportAnalyticsReport *report)
{
  g_autofree char *summary = NULL;

  for (guint i = 0; i < report->at_risk->len; i++)
    {
      const RapportAtRiskClient *client = g_ptr_array_index (report->at_risk, i);
      char *cells[6] = {
        g_strdup (client->name), rapport_format_count (client->visits),
        count_text (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", plural_n (client->usual_interval_days)), client->usual_interval_days),
        rapport_format_iso_date (client->last_day),
        count_text (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", plural_n (client->days_away)), client->days_away), money (report, client->revenue),
      };
      char *csv[6] = {
        g_strdup (client->name), plain_count (client->visits), plain_count (client->usual_interval_days),
        g_strdup (client->last_day), plain_count (client->days_away), plain_money (report, client->revenue),
      };

      add_row (section, cells, csv);
    }
  if (report->at_risk_total > report->at_risk->len)
    {
      g_autofree char *shown = rapport_format_count (report->at_risk->len);
      g_autofree char *total = rapport_format_count (report->at_risk_total);

      /* TRANSLATORS: the first %s is how many clients are listed, the second how many are slipping away */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %s most valuable of %s client slipping away",
                                              "The %s most valuable of %s clients slipping away",
                                              plural_n (report->at_risk_total)),
                                 shown, total);
    }
  rapport_analytics_section_show_figures (section, summary,
                                          _("No regular client is overdue: everyone who comes back regularly has been back within twice their usual interval."));
}

static void
fill_staff (RapportAnalyticsSection      *section,
            const RapportAnalyticsReport *report)
{
  for (guint i = 0; i < report->staff->len; i++)
    {
      const RapportStaffRow *row = g_ptr_array_index (report->staff, i);
      const char *name = row->name != NULL && *row->name != '\0' ? row->name : _("Nobody");
      char *cells[8] = {
        g_strdup (name), rapport_format_count (row->orders), money (report, row->revenue),
        rapport_format_count (row->interactions), rapport_format_count (row->follow_ups_on_time),
        rapport_format_count (row->follow_ups_late), rapport_format_count (row->quotes_won),
        rapport_format_count (row->quotes_lost),
      };
      char *csv[8] = {
        g_strdup (name), plain_count (row->orders), plain_money (report, row->revenue),
        plain_count (row->interactions), plain_count (row->follow_ups_on_time), plain_count (row->follow_ups_late),
        plain_count (row->quotes_won), plain_count (row->quotes_lost),
      };
      g_autofree char *orders = count_text (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", plural_n (row->orders)), row->orders);
      g_autofree char *point = g_strdup_printf (_("%s · %s"), cells[2], orders);

      add_point (section, name, row->revenue, point);
      add_row (section, cells, csv);
    }
  rapport_analytics_section_show_figures (section, NULL, _("Nobody took an order or logged an interaction in this period."));
}

/**
 * _rapport_analytics_fill:
 * @compare: (nullable): the comparison's sales, for the Sales part
 * @compare_label: (nullable): what the comparison is
 * @dimension: which breakdown the Sales By part shows
 *
 * Puts @report's figures for @part into @section, replacing what it had.
 */
void
_rapport_analytics_fill (RapportAnalyticsSection      *section,
                         RapportAnalyticsPart          part,
                         const RapportAnalyticsReport *report,
                         const RapportSales           *compare,
                         const char                   *compare_label,
                         RapportAnalyticsDimension     dimension)
{
  rapport_analytics_section_clear (section);
  switch (part)
    {
    case RAPPORT_PART_SALES: fill_sales (section, report, compare, compare_label); break;
    case RAPPORT_PART_BREAKDOWN: fill_breakdown (section, report, dimension); break;
    case RAPPORT_PART_FUNNEL: fill_funnel (section, report); break;
    case RAPPORT_PART_LOST: fill_lost (section, report); break;
    case RAPPORT_PART_OWED: fill_owed (section, report); break;
    case RAPPORT_PART_RFM: fill_rfm (section, report); break;
    case RAPPORT_PART_AT_RISK: fill_at_risk (section, report); break;
    case RAPPORT_PART_STAFF: fill_staff (section, report); break;
    default: g_assert_not_reached ();
    }
}
