/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-analytics.h"
#include "rapport-analytics-figures.h"
#include "rapport-analytics-page.h"
#include "rapport-analytics-print.h"
#include "rapport-date-row.h"
#include "rapport-drill-down.h"
#include "rapport-error.h"
#include "rapport-format.h"

/* How the business is doing, on one page: a period and filters on top,
 * then Sales, Sales By, the Funnel, Lost Quotes, Money Owed, Clients by
 * Value, Slipping Away and Staff. The figures come from one report on a
 * worker (and one more for the comparison); a new period or filter
 * cancels the one under way. The page asks nothing until it is first
 * shown, and reloads when orders change while it is on show. */

struct _RapportAnalyticsPage
{
  AdwBin                   parent_instance;

  RapportContext          *context;
  gboolean                 sidebar_folded;

  GCancellable            *cancellable;
  guint                    generation;    /* of the report under way */
  guint                    pending;       /* reports still to come */
  RapportAnalyticsReport  *report;
  RapportAnalyticsReport  *compare;
  char                    *compare_label;
  char                    *period_text;
  gboolean                 shown_once;
  gboolean                 stale;         /* data changed while hidden */
  gboolean                 filling;       /* filters being filled: no reload */
  guint                    reload_source;
  GArray                  *staff_ids;     /* staff dropdown position → id */
  GArray                  *item_ids;      /* item dropdown position → id */
  RapportAnalyticsDimension dimension;
  GtkFileChooserNative    *pdf_chooser;
  RapportAnalyticsSection *sections[RAPPORT_N_PARTS];
  GtkDropDown             *dimension_dropdown;
  GtkWidget               *win_back_button;
  GtkWidget               *all_at_risk_button;

  AdwToastOverlay         *toast_overlay;
  GtkBox                  *sections_box;
  GtkDropDown             *period_dropdown;
  GtkDropDown             *compare_dropdown;
  GtkDropDown             *staff_dropdown;
  GtkDropDown             *item_dropdown;
  GtkSearchEntry          *tag_entry;
  GtkSearchEntry          *place_entry;
  GtkRevealer             *custom_revealer;
  RapportDateRow          *from_row;
  RapportDateRow          *to_row;
  GtkLabel                *period_label;
};

G_DEFINE_FINAL_TYPE (RapportAnalyticsPage, rapport_analytics_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_FOLDED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_SIDEBAR,
  SHOW_CLIENT,
  SHOW_ORDER,
  SHOW_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Positions of the item filter before the catalog's items. */
#define ITEM_ANY (-1)
#define ITEM_PRODUCTS (-2)
#define ITEM_SERVICES (-3)

enum {
  COMPARE_PREVIOUS,
  COMPARE_LAST_YEAR,
  COMPARE_NONE,
};

static void
show_toast (RapportAnalyticsPage *self,
            const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
iso_day (GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* The first and last day of @period, counted from the database clock's
 * today in the reader's calendar; a period under way ends today. */
static gboolean
get_period (RapportAnalyticsPage  *self,
            guint                  period,
            char                 **from,
            char                 **to,
            GError               **error)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  const RapportCalendar *calendar = rapport_format_calendar ();
  GDate today, first, last;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  first = today;
  calendar->month_start (&first);
  last = today;

  switch (period)
    {
    case RAPPORT_PERIOD_THIS_MONTH:
      break;
    case RAPPORT_PERIOD_LAST_MONTH:
      last = first;
      g_date_subtract_days (&last, 1);
      calendar->add_months (&first, -1);
      break;
    case RAPPORT_PERIOD_THIS_QUARTER:
      calendar->add_months (&first, -(int) (calendar->month_of_year (&today) % 3));
      break;
    case RAPPORT_PERIOD_THIS_YEAR:
      calendar->add_months (&first, -(int) calendar->month_of_year (&today));
      break;
    default:
      {
        const char *from_day = rapport_date_row_get_date (self->from_row);
        const char *to_day = rapport_date_row_get_date (self->to_row);

        if (from_day == NULL || to_day == NULL
            || !rapport_date_row_get_valid (self->from_row) || !rapport_date_row_get_valid (self->to_row))
          {
            g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                                 _("Type the first and the last day of the period."));
            return FALSE;
          }
        if (g_strcmp0 (from_day, to_day) > 0)
          {
            g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                                 _("The period ends before it starts: make the last day later than the first."));
            return FALSE;
          }
        *from = g_strdup (from_day);
        *to = g_strdup (to_day);
        return TRUE;
      }
    }
  *from = iso_day (&first);
  *to = iso_day (&last);
  return TRUE;
}

static RapportAnalyticsQuery *
build_query (RapportAnalyticsPage  *self,
             GError               **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(RapportAnalyticsQuery) query = NULL;
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint item = gtk_drop_down_get_selected (self->item_dropdown);
  const char *tag = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  const char *place = gtk_editable_get_text (GTK_EDITABLE (self->place_entry));

  if (!get_period (self, gtk_drop_down_get_selected (self->period_dropdown), &from, &to, error))
    return NULL;
  query = rapport_analytics_query_new (from, to, rapport_analytics_bucket_for_period (from, to));
  query->calendar = rapport_format_calendar ();
  if (staff < self->staff_ids->len)
    query->staff_id = g_array_index (self->staff_ids, gint64, staff);
  if (item < self->item_ids->len)
    {
      gint64 id = g_array_index (self->item_ids, gint64, item);

      if (id > 0)
        query->catalog_item_id = id;
      else if (id == ITEM_PRODUCTS)
        query->item_kind = g_strdup ("product");
      else if (id == ITEM_SERVICES)
        query->item_kind = g_strdup ("service");
    }
  query->client_tag = g_strstrip (g_strdup (tag));
  if (*query->client_tag == '\0')
    g_clear_pointer (&query->client_tag, g_free);
  query->place = g_strstrip (g_strdup (place));
  if (*query->place == '\0')
    g_clear_pointer (&query->place, g_free);
  if (!rapport_analytics_query_validate (query, error))
    return NULL;
  return g_steal_pointer (&query);
}

/* ---- Loading ---- */

typedef struct
{
  RapportAnalyticsPage *self;      /* a reference */
  guint                 generation;
  gboolean              compare;
} Load;

static void
show_figures (RapportAnalyticsPage *self)
{
  for (guint i = 0; i < RAPPORT_N_PARTS; i++)
    _rapport_analytics_fill (self->sections[i], i, self->report,
                             self->compare != NULL ? self->compare->sales : NULL,
                             self->compare_label, self->dimension);
  gtk_widget_set_sensitive (self->win_back_button, self->report->at_risk->len > 0);
  /* Its place in the row of buttons is shown or hidden with it. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->all_at_risk_button),
                          self->report->at_risk_total > self->report->at_risk->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_message (RapportAnalyticsPage *self,
              const char           *message)
{
  gtk_widget_set_sensitive (self->win_back_button, FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (self->all_at_risk_button), FALSE);
  for (guint i = 0; i < RAPPORT_N_PARTS; i++)
    {
      rapport_analytics_section_clear (self->sections[i]);
      rapport_analytics_section_set_message (self->sections[i], message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_report_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(RapportAnalyticsPage) self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAnalyticsReport) report = NULL;
  gboolean compare = load->compare;
  gboolean current = load->generation == self->generation;

  g_free (load);
  report = rapport_analytics_report_finish (RAPPORT_ANALYTICS (source), result, &error);
  if (!current || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      /* A failed report stops the others: the page says why once. */
      self->generation++;
      self->pending = 0;
      g_cancellable_cancel (self->cancellable);
      show_message (self, error->message);
      return;
    }
  /* A business with no currency chosen and no orders yet has the
   * locale's, as its first order will. */
  if (report->currency == NULL || *report->currency == '\0')
    {
      g_free (report->currency);
      report->currency = rapport_business_dup_default_currency ();
    }
  if (compare)
    self->compare = g_steal_pointer (&report);
  else
    self->report = g_steal_pointer (&report);
  if (--self->pending == 0)
    show_figures (self);
}

static void
start_report (RapportAnalyticsPage        *self,
              const RapportAnalyticsQuery *query,
              RapportAnalyticsParts        parts,
              gboolean                     compare)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->generation = self->generation;
  load->compare = compare;
  self->pending++;
  rapport_analytics_report_async (rapport_context_get_analytics (self->context), query, parts,
                                  self->cancellable, on_report_ready, load);
}

/**
 * rapport_analytics_page_reload:
 *
 * Asks for the figures of the period and filters shown, cancelling what
 * was asked before.
 */
void
rapport_analytics_page_reload (RapportAnalyticsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAnalyticsQuery) query = NULL;
  g_autoptr(RapportAnalyticsQuery) compare = NULL;
  guint compare_choice;

  g_return_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->pending = 0;
  g_clear_pointer (&self->report, rapport_analytics_report_unref);
  g_clear_pointer (&self->compare, rapport_analytics_report_unref);
  g_clear_pointer (&self->compare_label, g_free);

  query = build_query (self, &error);
  if (query == NULL)
    {
      show_message (self, error->message);
      return;
    }

  g_free (self->period_text);
  self->period_text = _rapport_analytics_period_text (query->from_day, query->to_day);
  gtk_label_set_text (self->period_label, self->period_text);

  for (guint i = 0; i < RAPPORT_N_PARTS; i++)
    rapport_analytics_section_set_loading (self->sections[i]);

  start_report (self, query, RAPPORT_ANALYTICS_ALL, FALSE);
  compare_choice = gtk_drop_down_get_selected (self->compare_dropdown);
  if (compare_choice == COMPARE_PREVIOUS)
    {
      compare = rapport_analytics_query_dup_previous (query);
      self->compare_label = g_strdup (_("Previous period"));
    }
  else if (compare_choice == COMPARE_LAST_YEAR)
    {
      compare = rapport_analytics_query_dup_year_before (query);
      self->compare_label = g_strdup (_("Same period last year"));
    }
  if (compare != NULL)
    start_report (self, compare, RAPPORT_ANALYTICS_SALES, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
reload_now (gpointer user_data)
{
  RapportAnalyticsPage *self = user_data;

  self->reload_source = 0;
  rapport_analytics_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_filter_changed (RapportAnalyticsPage *self)
{
  if (self->filling)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  rapport_analytics_page_reload (self);
}

static void
on_period_changed (RapportAnalyticsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == RAPPORT_PERIOD_CUSTOM;

  gtk_revealer_set_reveal_child (self->custom_revealer, custom);
  if (custom && rapport_date_row_get_date (self->from_row) == NULL)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      /* A custom period starts as this month, to be changed. */
      self->filling = TRUE;
      get_period (self, RAPPORT_PERIOD_THIS_MONTH, &from, &to, NULL);
      rapport_date_row_set_date (self->from_row, from);
      rapport_date_row_set_date (self->to_row, to);
      self->filling = FALSE;
    }
  on_filter_changed (self);
}

static void
on_dimension_changed (RapportAnalyticsPage *self)
{
  self->dimension = gtk_drop_down_get_selected (self->dimension_dropdown);
  if (self->report != NULL && self->pending == 0)
    _rapport_analytics_fill (self->sections[RAPPORT_PART_BREAKDOWN], RAPPORT_PART_BREAKDOWN, self->report,
                             NULL, NULL, self->dimension);
}

/* Orders and payments (and what they touch) change the figures: reload a
 * moment after the last change, or when next shown. */
static void
on_database_changed (RapportAnalyticsPage *self,
                     const char           *kind)
{
  if (!self->shown_once)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (500, reload_now, self);
}

static void
fill_staff_filter (RapportAnalyticsPage *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 everyone = 0;

  g_array_set_size (self->staff_ids, 0);
  gtk_string_list_append (names, _("All Staff"));
  g_array_append_val (self->staff_ids, everyone);
  staff = rapport_staff_repository_list (rapport_context_get_staff (self->context), TRUE, &error);
  if (staff == NULL)
    show_toast (self, error->message);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      gtk_string_list_append (names, rapport_staff_get_name (member));
      g_array_append_val (self->staff_ids, id);
    }
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (names));
}

/* A small business's catalog: a few hundred items at most are offered. */
#define MAX_ITEMS 500

static void
fill_item_filter (RapportAnalyticsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 fixed[] = { ITEM_ANY, ITEM_PRODUCTS, ITEM_SERVICES };
  const char *fixed_names[] = { _("All Products and Services"), _("Products"), _("Services") };

  g_array_set_size (self->item_ids, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      gtk_string_list_append (names, fixed_names[i]);
      g_array_append_val (self->item_ids, fixed[i]);
    }
  items = rapport_catalog_repository_find (rapport_context_get_catalog (self->context), NULL, TRUE, MAX_ITEMS, &error);
  if (items == NULL)
    show_toast (self, error->message);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      RapportCatalogItem *item = g_ptr_array_index (items, i);
      gint64 id = rapport_catalog_item_get_id (item);

      gtk_string_list_append (names, rapport_catalog_item_get_name (item));
      g_array_append_val (self->item_ids, id);
    }
  gtk_drop_down_set_model (self->item_dropdown, G_LIST_MODEL (names));
}

static void
fill_filters (RapportAnalyticsPage *self)
{
  self->filling = TRUE;
  fill_staff_filter (self);
  fill_item_filter (self);
  self->filling = FALSE;
}

static void
on_rfm_refreshed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RapportAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The new scores announce themselves (RAPPORT_KIND_ANALYTICS): the page
   * reloads then. */
  if (!rapport_analytics_refresh_rfm_finish (RAPPORT_ANALYTICS (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

/* Clients by value, Slipping Away and the card's segment come from stored
 * scores: scored more than a day ago, they are scored again, on the
 * writer's worker. */
#define RFM_MAX_AGE (24 * 60 * 60)

static void
refresh_rfm_if_old (RapportAnalyticsPage *self)
{
  RapportAnalytics *analytics = rapport_context_get_analytics (self->context);
  g_autoptr(GError) error = NULL;
  gint64 scored_at = rapport_analytics_get_rfm_scored_at (analytics, &error);

  if (error != NULL)
    {
      show_toast (self, error->message);
      return;
    }
  if (rapport_database_now (rapport_context_get_database (self->context)) - scored_at < RFM_MAX_AGE)
    return;
  rapport_analytics_refresh_rfm_async (analytics, NULL, on_rfm_refreshed, g_object_ref (self));
}

static void
on_map (RapportAnalyticsPage *self)
{
  if (!self->shown_once)
    {
      self->shown_once = TRUE;
      fill_filters (self);
      rapport_analytics_page_reload (self);
      refresh_rfm_if_old (self);
    }
  else if (self->stale)
    rapport_analytics_page_reload (self);
}

/* ---- Win-back campaigns ---- */

static void
on_draft_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 segment_id = 0;
  gint64 campaign_id = 0;

  if (!rapport_campaign_repository_save_draft_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result,
                                                      &segment_id, &campaign_id, &error))
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SHOW_CAMPAIGN], 0, campaign_id);
}

/* Drafts an e-mail campaign to @rule's clients, through the campaigns'
 * own repository, for the person to write and send from the editor. */
static void
start_win_back (RapportAnalyticsPage *self,
                RapportSegmentRule   *rule,
                const char           *who)
{
  g_autofree char *name = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(RapportCampaign) campaign = NULL;

  /* TRANSLATORS: a campaign's name; %s is whom it goes to (“At risk”) */
  name = g_strdup_printf (_("Win back: %s"), who);
  segment = rapport_segment_new (name);
  rapport_segment_add_rule (segment, rule);
  campaign = rapport_campaign_new (name, RAPPORT_CHANNEL_EMAIL);
  g_free (campaign->subject);
  campaign->subject = g_strdup (_("We miss you"));
  g_free (campaign->body);
  campaign->body = g_strdup (_("It has been a while since we last saw you. We would be glad to welcome you back."));
  rapport_campaign_repository_save_draft_async (rapport_context_get_campaigns (self->context), segment, campaign,
                                                NULL, on_draft_saved, g_object_ref (self));
}

static void
on_slipping_away_campaign (RapportAnalyticsPage *self)
{
  start_win_back (self, rapport_segment_rule_new (RAPPORT_RULE_SLIPPING_AWAY, NULL, 0, 0),
                  _("Slipping away"));
}

typedef struct
{
  RapportAnalyticsPage *self;    /* a reference */
  RapportRfmSegment     segment;
} SegmentCampaign;

static void
segment_campaign_free (gpointer  data,
                       GClosure *closure)
{
  SegmentCampaign *campaign = data;

  g_clear_object (&campaign->self);
  g_free (campaign);
}

static void
on_segment_campaign (RapportDrillDown *drill,
                     SegmentCampaign  *campaign)
{
  start_win_back (campaign->self,
                  rapport_segment_rule_new (RAPPORT_RULE_RFM_SEGMENT,
                                            rapport_rfm_segment_to_string (campaign->segment), 0, 0),
                  rapport_rfm_segment_get_label (campaign->segment));
  gtk_window_destroy (GTK_WINDOW (drill));
}

/* ---- Drilling down ---- */

static void
on_drill_open (RapportAnalyticsPage *self,
               int                   kind,
               gint64                id)
{
  g_signal_emit (self, signals[kind == RAPPORT_DRILL_CLIENTS ? SHOW_CLIENT : SHOW_ORDER], 0, id);
}

static RapportDrillDown *
open_drill_down (RapportAnalyticsPage *self,
                 const char           *title,
                 const char           *subtitle,
                 RapportDrillKind      kind,
                 GArray               *ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RapportDrillDown *drill;

  drill = rapport_drill_down_new (self->context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  title, subtitle, kind, ids);
  g_signal_connect_object (drill, "open", G_CALLBACK (on_drill_open), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (drill));
  return drill;
}

typedef struct
{
  RapportAnalyticsPage *self;   /* a reference */
  char                 *title;
  char                 *subtitle;
  RapportDrillKind      kind;
  int                   segment;   /* RapportRfmSegment, or -1 */
} Drill;

static void
drill_free (Drill *drill)
{
  g_clear_object (&drill->self);
  g_free (drill->title);
  g_free (drill->subtitle);
  g_free (drill);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drill, drill_free)

static Drill *
drill_new (RapportAnalyticsPage *self,
           const char           *title,
           const char           *subtitle,
           RapportDrillKind      kind)
{
  Drill *drill = g_new0 (Drill, 1);

  drill->self = g_object_ref (self);
  drill->title = g_strdup (title);
  drill->subtitle = g_strdup (subtitle);
  drill->kind = kind;
  drill->segment = -1;
  return drill;
}

static void
on_orders_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Drill) drill = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_analytics_list_orders_finish (RAPPORT_ANALYTICS (source), result, &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (drill->self, error->message);
      return;
    }
  /* An empty window would only look broken: a step no order reached, a
   * member of staff who took none. */
  if (ids->len == 0)
    {
      show_toast (drill->self, _("There are no orders behind this figure."));
      return;
    }
  open_drill_down (drill->self, drill->title, drill->subtitle, RAPPORT_DRILL_ORDERS, ids);
}

/* Opens the orders a figure of @query counted (the core's rule for
 * @part and @key), in a window titled @title and @subtitle. */
static void
drill_orders (RapportAnalyticsPage        *self,
              const RapportAnalyticsQuery *query,
              RapportAnalyticsOrders       part,
              gint64                       key,
              const char                  *name,
              const char                  *title,
              const char                  *subtitle)
{
  rapport_analytics_list_orders_async (rapport_context_get_analytics (self->context), query, part, key, name,
                                       self->cancellable, on_orders_listed,
                                       drill_new (self, title, subtitle, RAPPORT_DRILL_ORDERS));
}

/* The orders behind row @index of @part's table, titled by the row's
 * name as the table shows it. */
static void
drill_row (RapportAnalyticsPage   *self,
           RapportAnalyticsPart    part,
           guint                   index,
           RapportAnalyticsOrders  orders,
           gint64                  key,
           const char             *name)
{
  g_autoptr(RapportTableRow) row = g_list_model_get_item (rapport_analytics_section_get_rows (self->sections[part]),
                                                          index);
  const RapportAnalyticsQuery *query = self->report->query;
  g_autofree char *period = _rapport_analytics_period_text (query->from_day, query->to_day);
  g_autofree char *title = NULL;

  if (row == NULL)
    return;
  /* TRANSLATORS: the window of the orders behind a bar or a row; %s is
   * what it stands for: a product, a member of staff, a region, a
   * campaign, a step of the funnel or a lost reason */
  title = g_strdup_printf (_("Orders: %s"), rapport_table_row_get_cell (row, 0));
  drill_orders (self, query, orders, key, name, title, period);
}

/* The orders a point of Sales counted: the query over its days. */
static void
drill_sales (RapportAnalyticsPage *self,
             guint                 index)
{
  const RapportSales *sales = self->report->sales;
  const RapportSalesPoint *point;
  g_autoptr(RapportAnalyticsQuery) days = rapport_analytics_query_copy (self->report->query);
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;

  if (index >= sales->points->len)
    return;
  point = g_ptr_array_index (sales->points, index);
  g_free (days->from_day);
  days->from_day = g_strdup (point->start_day);
  if (index + 1 < sales->points->len)
    {
      const RapportSalesPoint *next = g_ptr_array_index (sales->points, index + 1);
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_parse (&day, next->start_day);
      if (g_date_valid (&day))
        {
          g_date_subtract_days (&day, 1);
          g_free (days->to_day);
          days->to_day = iso_day (&day);
        }
    }
  period = _rapport_analytics_period_text (days->from_day, days->to_day);
  /* TRANSLATORS: the window of the orders behind a column; %s is a period */
  title = g_strdup_printf (_("Orders, %s"), period);
  drill_orders (self, days, RAPPORT_ANALYTICS_ORDERS_SALES, 0, NULL, title, NULL);
}

static void
drill_breakdown (RapportAnalyticsPage *self,
                 guint                 index)
{
  static const RapportAnalyticsOrders orders[] = {
    [RAPPORT_ANALYTICS_BY_PRODUCT] = RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT,
    [RAPPORT_ANALYTICS_BY_STAFF] = RAPPORT_ANALYTICS_ORDERS_BY_STAFF,
    [RAPPORT_ANALYTICS_BY_REGION] = RAPPORT_ANALYTICS_ORDERS_BY_REGION,
    [RAPPORT_ANALYTICS_BY_CAMPAIGN] = RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN,
  };
  GPtrArray *rows = NULL;
  const RapportBreakdownRow *row;

  switch (self->dimension)
    {
    case RAPPORT_ANALYTICS_BY_PRODUCT: rows = self->report->by_product; break;
    case RAPPORT_ANALYTICS_BY_STAFF: rows = self->report->by_staff; break;
    case RAPPORT_ANALYTICS_BY_REGION: rows = self->report->by_region; break;
    case RAPPORT_ANALYTICS_BY_CAMPAIGN: rows = self->report->by_campaign; break;
    default: g_assert_not_reached ();
    }
  if (rows == NULL || index >= rows->len)
    return;
  row = g_ptr_array_index (rows, index);
  drill_row (self, RAPPORT_PART_BREAKDOWN, index, orders[self->dimension], row->id, row->label);
}

static void
drill_funnel (RapportAnalyticsPage *self,
              guint                 index)
{
  const RapportFunnelStep *step;

  if (index >= self->report->funnel->steps->len)
    return;
  step = g_ptr_array_index (self->report->funnel->steps, index);
  drill_row (self, RAPPORT_PART_FUNNEL, index, RAPPORT_ANALYTICS_ORDERS_FUNNEL, step->stage, NULL);
}

static void
drill_lost (RapportAnalyticsPage *self,
            guint                 index)
{
  const RapportLostReasonRow *reason;

  if (index >= self->report->funnel->lost_reasons->len)
    return;
  reason = g_ptr_array_index (self->report->funnel->lost_reasons, index);
  drill_row (self, RAPPORT_PART_LOST, index, RAPPORT_ANALYTICS_ORDERS_LOST, reason->reason_id, NULL);
}

/* A member of staff's orders and revenue are their bar of Sales By Staff. */
static void
drill_staff (RapportAnalyticsPage *self,
             guint                 index)
{
  const RapportStaffRow *row;

  if (index >= self->report->staff->len)
    return;
  row = g_ptr_array_index (self->report->staff, index);
  drill_row (self, RAPPORT_PART_STAFF, index, RAPPORT_ANALYTICS_ORDERS_BY_STAFF, row->staff_id, NULL);
}

static void
drill_owed (RapportAnalyticsPage *self,
            guint                 index)
{
  const RapportAgeingBucket *bucket;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  if (index >= self->report->owed->len)
    return;
  bucket = g_ptr_array_index (self->report->owed, index);
  label = _rapport_analytics_owed_label (bucket);
  /* TRANSLATORS: the window of the orders owed on; %s is how overdue (“31–60 days”) */
  title = g_strdup_printf (_("Owed, %s"), label);
  open_drill_down (self, title, NULL, RAPPORT_DRILL_ORDERS, bucket->order_ids);
}

static void
on_segment_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Drill) drill = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_analytics_list_segment_finish (RAPPORT_ANALYTICS (source), result, &error);
  RapportDrillDown *window;

  if (ids == NULL)
    {
      show_toast (drill->self, error->message);
      return;
    }
  window = open_drill_down (drill->self, drill->title, NULL, RAPPORT_DRILL_CLIENTS, ids);
  if (drill->segment >= 0 && ids->len > 0)
    {
      SegmentCampaign *campaign = g_new0 (SegmentCampaign, 1);

      campaign->self = g_object_ref (drill->self);
      campaign->segment = drill->segment;
      rapport_drill_down_offer_campaign (window, TRUE);
      g_signal_connect_data (window, "start-campaign", G_CALLBACK (on_segment_campaign), campaign,
                             segment_campaign_free, 0);
    }
}

static void
drill_rfm (RapportAnalyticsPage *self,
           guint                 index)
{
  const RapportRfmRow *row;
  Drill *drill;

  if (index >= self->report->rfm->len)
    return;
  row = g_ptr_array_index (self->report->rfm, index);
  drill = drill_new (self, rapport_rfm_segment_get_label (row->segment), NULL, RAPPORT_DRILL_CLIENTS);
  drill->segment = row->segment;
  rapport_analytics_list_segment_async (rapport_context_get_analytics (self->context), row->segment,
                                        self->cancellable, on_segment_listed, drill);
}

static void
on_all_at_risk_campaign (RapportAnalyticsPage *self,
                         RapportDrillDown     *drill)
{
  on_slipping_away_campaign (self);
  gtk_window_destroy (GTK_WINDOW (drill));
}

static void
on_all_at_risk_listed (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Drill) drill = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportAnalyticsReport) report = rapport_analytics_report_finish (RAPPORT_ANALYTICS (source), result,
                                                                                &error);
  g_autoptr(GArray) ids = NULL;
  RapportDrillDown *window;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (drill->self, error->message);
      return;
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), report->at_risk->len);
  for (guint i = 0; i < report->at_risk->len; i++)
    g_array_append_val (ids, ((RapportAtRiskClient *) g_ptr_array_index (report->at_risk, i))->client_id);
  window = open_drill_down (drill->self, drill->title, NULL, RAPPORT_DRILL_CLIENTS, ids);
  if (ids->len > 0)
    {
      rapport_drill_down_offer_campaign (window, TRUE);
      g_signal_connect_object (window, "start-campaign", G_CALLBACK (on_all_at_risk_campaign), drill->self,
                               G_CONNECT_SWAPPED);
    }
}

/* Every client slipping away, most valuable first, where the page lists
 * the first few. */
static void
on_all_at_risk_clicked (RapportAnalyticsPage *self)
{
  if (self->report == NULL || self->pending > 0)
    return;
  rapport_analytics_report_async (rapport_context_get_analytics (self->context), self->report->query,
                                  RAPPORT_ANALYTICS_AT_RISK | RAPPORT_ANALYTICS_AT_RISK_ALL, self->cancellable,
                                  on_all_at_risk_listed,
                                  drill_new (self, _("Slipping Away"), NULL, RAPPORT_DRILL_CLIENTS));
}

static void
on_section_activated (RapportAnalyticsPage    *self,
                      guint                    index,
                      RapportAnalyticsSection *section)
{
  if (self->report == NULL || self->pending > 0)
    return;
  if (section == self->sections[RAPPORT_PART_SALES])
    drill_sales (self, index);
  else if (section == self->sections[RAPPORT_PART_BREAKDOWN])
    drill_breakdown (self, index);
  else if (section == self->sections[RAPPORT_PART_FUNNEL])
    drill_funnel (self, index);
  else if (section == self->sections[RAPPORT_PART_LOST])
    drill_lost (self, index);
  else if (section == self->sections[RAPPORT_PART_STAFF])
    drill_staff (self, index);
  else if (section == self->sections[RAPPORT_PART_OWED])
    drill_owed (self, index);
  else if (section == self->sections[RAPPORT_PART_RFM])
    drill_rfm (self, index);
  else if (section == self->sections[RAPPORT_PART_AT_RISK] && index < self->report->at_risk->len)
    {
      const RapportAtRiskClient *client = g_ptr_array_index (self->report->at_risk, index);

      g_signal_emit (self, signals[SHOW_CLIENT], 0, client->client_id);
    }
}

/* ---- Printing ---- */

static void
print_to (RapportAnalyticsPage *self,
          const char           *pdf_path)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!_rapport_analytics_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->period_text,
                                 self->sections, RAPPORT_N_PARTS, gtk_widget_get_direction (GTK_WIDGET (self)),
                                 pdf_path, &error))
    show_toast (self, error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print_to (RAPPORT_ANALYTICS_PAGE (widget), NULL);
}

static void
on_pdf_chooser_response (RapportAnalyticsPage *self,
                         int                   response,
                         GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->pdf_chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("The PDF can only be saved to a folder on this computer. Choose another folder."));
      return;
    }
  print_to (self, path);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportAnalyticsPage *self = RAPPORT_ANALYTICS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->pdf_chooser != NULL)
    return;
  self->pdf_chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->pdf_chooser), filter);
  /* TRANSLATORS: the name offered for the page's PDF */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->pdf_chooser), _("analytics.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->pdf_chooser), TRUE);
  g_signal_connect_swapped (self->pdf_chooser, "response", G_CALLBACK (on_pdf_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->pdf_chooser));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

/* ---- The object ---- */

static void
add_sections (RapportAnalyticsPage *self)
{
  g_autoptr(GtkStringList) dimensions = gtk_string_list_new (NULL);

  for (guint i = 0; i < RAPPORT_N_PARTS; i++)
    {
      self->sections[i] = _rapport_analytics_new_section (i);
      g_signal_connect_object (self->sections[i], "activated", G_CALLBACK (on_section_activated), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->sections_box, GTK_WIDGET (self->sections[i]));
    }

  {
    GtkWidget *at_risk_buttons;

    self->win_back_button = gtk_button_new_with_mnemonic (_("Start a _Win-Back Campaign"));
    gtk_widget_set_sensitive (self->win_back_button, FALSE);
    g_signal_connect_swapped (self->win_back_button, "clicked", G_CALLBACK (on_slipping_away_campaign), self);
    self->all_at_risk_button = gtk_button_new_with_mnemonic (_("Show _All Clients Slipping Away"));
    g_signal_connect_swapped (self->all_at_risk_button, "clicked", G_CALLBACK (on_all_at_risk_clicked), self);
    /* Side by side where there is room, one above the other on a phone. */
    at_risk_buttons = gtk_flow_box_new ();
    gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (at_risk_buttons), GTK_SELECTION_NONE);
    gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (at_risk_buttons), 2);
    gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (at_risk_buttons), 6);
    gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (at_risk_buttons), 6);
    gtk_flow_box_append (GTK_FLOW_BOX (at_risk_buttons), self->win_back_button);
    gtk_flow_box_append (GTK_FLOW_BOX (at_risk_buttons), self->all_at_risk_button);
    /* The buttons take the focus, not the boxes around them. */
    gtk_widget_set_focusable (gtk_widget_get_parent (self->win_back_button), FALSE);
    gtk_widget_set_focusable (gtk_widget_get_parent (self->all_at_risk_button), FALSE);
    gtk_widget_set_visible (gtk_widget_get_parent (self->all_at_risk_button), FALSE);
    rapport_analytics_section_add_footer_widget (self->sections[RAPPORT_PART_AT_RISK], at_risk_buttons);
  }

  /* In the enum's order. */
  gtk_string_list_append (dimensions, _("By Product"));
  gtk_string_list_append (dimensions, _("By Staff"));
  gtk_string_list_append (dimensions, _("By Region"));
  gtk_string_list_append (dimensions, _("By Campaign"));
  self->dimension_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&dimensions)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dimension_dropdown), _("Sales By"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dimension_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sales By"), -1);
  g_signal_connect_swapped (self->dimension_dropdown, "notify::selected", G_CALLBACK (on_dimension_changed), self);
  rapport_analytics_section_add_header_widget (self->sections[RAPPORT_PART_BREAKDOWN],
                                               GTK_WIDGET (self->dimension_dropdown));
}

static void
rapport_analytics_page_constructed (GObject *object)
{
  RapportAnalyticsPage *self = RAPPORT_ANALYTICS_PAGE (object);

  G_OBJECT_CLASS (rapport_analytics_page_parent_class)->constructed (object);

  add_sections (self);
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

static void
rapport_analytics_page_dispose (GObject *object)
{
  RapportAnalyticsPage *self = (RapportAnalyticsPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->pdf_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->pdf_chooser));
  g_clear_object (&self->pdf_chooser);

  G_OBJECT_CLASS (rapport_analytics_page_parent_class)->dispose (object);
}

static void
rapport_analytics_page_finalize (GObject *object)
{
  RapportAnalyticsPage *self = (RapportAnalyticsPage *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, rapport_analytics_report_unref);
  g_clear_pointer (&self->compare, rapport_analytics_report_unref);
  g_clear_pointer (&self->compare_label, g_free);
  g_clear_pointer (&self->period_text, g_free);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->item_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_analytics_page_parent_class)->finalize (object);
}

static void
rapport_analytics_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportAnalyticsPage *self = RAPPORT_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SIDEBAR_FOLDED: g_value_set_boolean (value, self->sidebar_folded); break;
    case PROP_LOADING: g_value_set_boolean (value, rapport_analytics_page_get_loading (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_analytics_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportAnalyticsPage *self = RAPPORT_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SIDEBAR_FOLDED:
      if (self->sidebar_folded != g_value_get_boolean (value))
        {
          self->sidebar_folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_analytics_page_class_init (RapportAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_analytics_page_constructed;
  object_class->dispose = rapport_analytics_page_dispose;
  object_class->finalize = rapport_analytics_page_finalize;
  object_class->get_property = rapport_analytics_page_get_property;
  object_class->set_property = rapport_analytics_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_SIDEBAR] =
    g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RapportAnalyticsPage::show-client:
   * @id: a client behind a figure, to show on its card
   */
  signals[SHOW_CLIENT] =
    g_signal_new ("show-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RapportAnalyticsPage::show-order:
   * @id: an order behind a figure, to open
   */
  signals[SHOW_ORDER] =
    g_signal_new ("show-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * RapportAnalyticsPage::show-campaign:
   * @id: a win-back campaign just drafted, to open
   */
  signals[SHOW_CAMPAIGN] =
    g_signal_new ("show-campaign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, place_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsPage, period_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);

  gtk_widget_class_install_action (widget_class, "analytics.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "analytics.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "analytics.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "analytics.print", NULL);
}

static void
rapport_analytics_page_init (RapportAnalyticsPage *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

RapportAnalyticsPage *
rapport_analytics_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_ANALYTICS_PAGE, "context", context, NULL);
}

/**
 * rapport_analytics_page_set_period:
 * @from_day: (nullable): for a custom period, its first day, `YYYY-MM-DD`
 * @to_day: (nullable): its last day
 *
 * Chooses the period, as the menu and the date rows would.
 */
void
rapport_analytics_page_set_period (RapportAnalyticsPage *self,
                                   RapportPeriod         period,
                                   const char           *from_day,
                                   const char           *to_day)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self));

  self->filling = TRUE;
  if (from_day != NULL)
    rapport_date_row_set_date (self->from_row, from_day);
  if (to_day != NULL)
    rapport_date_row_set_date (self->to_row, to_day);
  self->filling = FALSE;
  if (gtk_drop_down_get_selected (self->period_dropdown) == (guint) period)
    on_filter_changed (self);
  else
    gtk_drop_down_set_selected (self->period_dropdown, period);
}

/* Whether figures are still on their way. */
gboolean
rapport_analytics_page_get_loading (RapportAnalyticsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self), FALSE);
  return self->pending > 0;
}

RapportAnalyticsSection *
rapport_analytics_page_get_section (RapportAnalyticsPage *self,
                                    guint                 part)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self), NULL);
  g_return_val_if_fail (part < RAPPORT_N_PARTS, NULL);
  return self->sections[part];
}

guint
rapport_analytics_page_get_n_sections (RapportAnalyticsPage *self)
{
  return RAPPORT_N_PARTS;
}

/* Returns: (nullable): the period shown, as the reader writes it */
const char *
rapport_analytics_page_get_period_text (RapportAnalyticsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self), NULL);
  return self->period_text;
}

/* Writes the page as a PDF, without a dialog. */
gboolean
rapport_analytics_page_export_pdf (RapportAnalyticsPage *self,
                                   const char           *path,
                                   GError              **error)
{
  GtkRoot *root;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  return _rapport_analytics_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->period_text,
                                   self->sections, RAPPORT_N_PARTS, gtk_widget_get_direction (GTK_WIDGET (self)),
                                   path, error);
}
