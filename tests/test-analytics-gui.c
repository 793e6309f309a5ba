/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analytics page on a real display: a period change changes the
 * figures, a column, a bucket, a bar (by the keyboard) and a funnel step
 * open the orders behind them, a table writes the rows it shows as CSV,
 * and the page writes a PDF. The tests run in UTC (TZ in meson); “now”
 * is noon on 1 May 2026. */
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-analytics.h"
#include "rapport-analytics-figures.h"
#include "rapport-analytics-page.h"
#include "rapport-client-orders.h"
#include "rapport-drill-down.h"
#include "rapport-gui-test-utils.h"
#include "rapport-table-row.h"
#include "rapport-test-utils.h"

#define NOW 1777636800

typedef struct
{
  RapportContext       *context;
  RapportClock         *clock;
  RapportAnalyticsPage *page;
  GtkWindow            *window;
} Fixture;

/* Three clients, one who never ordered; in April O1 (100.00, paid) and O2 (50.00, unpaid, due
 * 20 April); in March O3 (30.00, paid). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *path;

  f->context = rapport_gui_test_context_new ("analytics-gui.db");
  f->clock = rapport_clock_new_fixed (NOW);
  rapport_database_set_clock (rapport_context_get_database (f->context), f->clock);
  path = rapport_database_get_path (rapport_context_get_database (f->context));
  rapport_test_run_sql (path,
    "INSERT INTO business_settings VALUES ('currency', 'EUR');"
    "INSERT INTO clients (id, kind, display_name, sort_key, created_at, updated_at) VALUES"
    " (1, 'person', 'Anna Nowak', 'anna nowak', 0, 0), (2, 'person', 'Boris Popov', 'boris popov', 0, 0),"
    " (3, 'person', 'Céline Dupont', 'celine dupont', 0, 0);"
    "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
    " prices_include_tax, created_at, updated_at) VALUES"
    " (1, 'N-1', 1, '2026-04-10', 'closed', '2026-04-10', 'EUR', 1, 0, 0),"
    " (2, 'N-2', 2, '2026-04-20', 'confirmed', '2026-04-20', 'EUR', 1, 0, 0),"
    " (3, 'N-3', 1, '2026-03-05', 'closed', '2026-03-05', 'EUR', 1, 0, 0);"
    "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross) VALUES"
    " (1, 0, 'product', 'Bike', 1000, 10000, 10000, 0, 10000),"
    " (2, 0, 'service', 'Repair', 1000, 5000, 5000, 0, 5000),"
    " (3, 0, 'product', 'Bell', 1000, 3000, 3000, 0, 3000);"
    "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES"
    " (1, '2026-04-10', 10000, 'cash', 0), (3, '2026-03-05', 3000, 'cash', 0);");

  /* Scored now: the page has no reason to score again while tested. */
  g_assert_true (rapport_analytics_refresh_rfm (rapport_context_get_analytics (f->context), NULL));
  rapport_gui_test_iterate ();

  f->page = rapport_analytics_page_new (f->context);
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  rapport_gui_test_iterate ();
  g_clear_object (&f->clock);
  g_clear_object (&f->context);
}

static gboolean
loaded (gpointer data)
{
  RapportAnalyticsPage *page = data;

  return !rapport_analytics_page_get_loading (page)
         && !rapport_analytics_section_get_loading (rapport_analytics_page_get_section (page, 0));
}

static void
wait_loaded (Fixture *f)
{
  g_assert_true (rapport_gui_test_wait_for (loaded, f->page, 5000));
}

static const char *
cell (RapportAnalyticsSection *section,
      guint                    row,
      guint                    column)
{
  g_autoptr(RapportTableRow) item = g_list_model_get_item (rapport_analytics_section_get_rows (section), row);

  g_assert_nonnull (item);
  /* The model keeps its rows: the text outlives the reference. */
  return rapport_table_row_get_cell (item, column);
}

static gboolean
drill_down_open (gpointer data)
{
  return rapport_gui_test_find_window (RAPPORT_TYPE_DRILL_DOWN) != NULL;
}

/* The drill-down window's rows, as “title | subtitle” lines. */
static RapportDrillDown *
wait_drill_down (void)
{
  g_assert_true (rapport_gui_test_wait_for (drill_down_open, NULL, 5000));
  return RAPPORT_DRILL_DOWN (rapport_gui_test_find_window (RAPPORT_TYPE_DRILL_DOWN));
}

static gboolean
drill_has_rows (gpointer n)
{
  RapportDrillDown *drill = RAPPORT_DRILL_DOWN (rapport_gui_test_find_window (RAPPORT_TYPE_DRILL_DOWN));

  return g_list_model_get_n_items (rapport_drill_down_get_rows (drill)) == GPOINTER_TO_UINT (n);
}

static gboolean press (GtkWidget *widget,
                       guint      keyval);

/* The drill-down window lists these orders (“number — client”), in this
 * order; the list ends with NULL. */
static void
assert_drilled (RapportDrillDown *drill,
                ...)
{
  GListModel *rows = rapport_drill_down_get_rows (drill);
  const char *expected;
  guint n = 0;
  va_list args;

  va_start (args, drill);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(RapportTableRow) row = g_list_model_get_item (rows, n++);

      g_assert_nonnull (row);
      g_assert_cmpstr (rapport_table_row_get_cell (row, 0), ==, expected);
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
}

static void
on_show_campaign (gint64 *campaign_id,
                  gint64  id)
{
  *campaign_id = id;
}

static gboolean
campaign_drafted (gpointer data)
{
  return *(gint64 *) data > 0;
}

/* A cell of a figures table (@data: the section, then the cell found)
 * that shows the regulars' last visit. */
static gboolean
find_last_visit (gpointer data)
{
  GtkWidget **section_and_cell = data;

  section_and_cell[1] = rapport_gui_test_find (section_and_cell[0], GTK_TYPE_INSCRIPTION, "January 29, 2026");
  return section_and_cell[1] != NULL;
}

static void
test_period_and_drill_down (Fixture       *f,
                            gconstpointer  data)
{
  RapportAnalyticsSection *sales;
  RapportAnalyticsSection *owed;
  RapportChart *chart;
  RapportDrillDown *drill;
  GListModel *rows;
  g_autofree char *may_summary = NULL;
  guint april_10 = G_MAXUINT;
  gint64 campaign_id = 0;
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GError) error = NULL;

  /* Shown, the page asks for this month: 1 May, nothing sold. */
  wait_loaded (f);
  sales = rapport_analytics_page_get_section (f->page, 0);
  may_summary = g_strdup (rapport_analytics_section_get_summary (sales));
  g_assert_nonnull (strstr (may_summary, "Invoiced €0.00"));
  g_assert_cmpstr (rapport_analytics_page_get_period_text (f->page), ==, "May 1, 2026");

  /* Last month: April, a column a day, two orders. */
  rapport_analytics_page_set_period (f->page, RAPPORT_PERIOD_LAST_MONTH, NULL, NULL);
  g_assert_true (rapport_analytics_page_get_loading (f->page));
  wait_loaded (f);
  g_assert_cmpstr (rapport_analytics_page_get_period_text (f->page), ==, "April 1, 2026 – April 30, 2026");
  g_assert_nonnull (strstr (rapport_analytics_section_get_summary (sales), "Invoiced €150.00"));
  g_assert_nonnull (strstr (rapport_analytics_section_get_summary (sales), "Received €100.00"));
  g_assert_nonnull (strstr (rapport_analytics_section_get_summary (sales), "2 orders"));
  chart = rapport_analytics_section_get_chart (sales);
  g_assert_cmpuint (rapport_chart_get_n_points (chart), ==, 30);
  for (guint i = 0; i < rapport_chart_get_n_points (chart); i++)
    if (g_str_equal (rapport_chart_get_label (chart, i), "Apr 10"))
      april_10 = i;
  g_assert_cmpuint (april_10, ==, 9);
  g_assert_cmpstr (cell (sales, april_10, 1), ==, "€100.00");
  g_assert_cmpstr (cell (sales, april_10, 4), ==, "1");

  /* The column of 10 April opens its order. */
  rapport_chart_activate (chart, april_10);
  drill = wait_drill_down ();
  rows = rapport_drill_down_get_rows (drill);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  {
    g_autoptr(RapportTableRow) row = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (rapport_table_row_get_cell (row, 0), ==, "N-1 — Anna Nowak");
  }
  gtk_window_destroy (GTK_WINDOW (drill));
  rapport_gui_test_iterate ();

  /* Money owed as of 30 April: O2, ten days overdue, in the first bucket,
   * which opens it. */
  owed = rapport_analytics_page_get_section (f->page, 4);
  g_assert_cmpstr (cell (owed, 0, 1), ==, "1");
  g_assert_cmpstr (cell (owed, 0, 2), ==, "€50.00");
  rapport_chart_activate (rapport_analytics_section_get_chart (owed), 0);
  drill = wait_drill_down ();
  rows = rapport_drill_down_get_rows (drill);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  {
    g_autoptr(RapportTableRow) row = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (rapport_table_row_get_cell (row, 0), ==, "N-2 — Boris Popov");
  }
  gtk_window_destroy (GTK_WINDOW (drill));
  rapport_gui_test_iterate ();

  /* Sales By Product, by the keyboard: Home, then Enter on the first
   * bar, Bike, opens O1 alone; the funnel's first step, Quoted, opens
   * both April orders, newest first. */
  {
    RapportAnalyticsSection *by = rapport_analytics_page_get_section (f->page, 1);
    RapportChart *bars = rapport_analytics_section_get_chart (by);
    RapportAnalyticsSection *funnel = rapport_analytics_page_get_section (f->page, 2);

    g_assert_cmpstr (cell (by, 0, 0), ==, "Bike");
    g_assert_true (press (GTK_WIDGET (bars), GDK_KEY_End));
    g_assert_true (press (GTK_WIDGET (bars), GDK_KEY_Home));
    g_assert_true (press (GTK_WIDGET (bars), GDK_KEY_Return));
    drill = wait_drill_down ();
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (drill)), ==, "Orders: Bike");
    assert_drilled (drill, "N-1 — Anna Nowak", NULL);
    gtk_window_destroy (GTK_WINDOW (drill));
    rapport_gui_test_iterate ();

    g_assert_cmpstr (cell (funnel, 0, 0), ==, "Quoted");
    rapport_chart_activate (rapport_analytics_section_get_chart (funnel), 0);
    drill = wait_drill_down ();
    assert_drilled (drill, "N-2 — Boris Popov", "N-1 — Anna Nowak", NULL);
    gtk_window_destroy (GTK_WINDOW (drill));
    rapport_gui_test_iterate ();
  }

  /* Clients by value: both clients are scored; a segment opens its
   * clients. */
  {
    RapportAnalyticsSection *rfm = rapport_analytics_page_get_section (f->page, 5);
    GListModel *segments = rapport_analytics_section_get_rows (rfm);
    guint scored = 0;
    guint first = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
      {
        guint n = (guint) g_ascii_strtoull (cell (rfm, i, 1), NULL, 10);

        scored += n;
        if (n > 0 && first == G_MAXUINT)
          first = i;
      }
    g_assert_cmpuint (scored, ==, 2);
    rapport_chart_activate (rapport_analytics_section_get_chart (rfm), first);
    drill = wait_drill_down ();
    g_assert_cmpuint (g_list_model_get_n_items (rapport_drill_down_get_rows (drill)), >=, 1);

    /* Its win-back campaign: a draft to that segment, handed on to be
     * opened. */
    g_signal_connect_swapped (f->page, "show-campaign", G_CALLBACK (on_show_campaign), &campaign_id);
    g_signal_emit_by_name (drill, "start-campaign");
    g_assert_true (rapport_gui_test_wait_for (campaign_drafted, &campaign_id, 5000));
    campaign = rapport_campaign_repository_get (rapport_context_get_campaigns (f->context), campaign_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (campaign->status, ==, RAPPORT_CAMPAIGN_DRAFT);
    g_assert_true (g_str_has_prefix (campaign->name, "Win back: "));
    segment = rapport_segment_repository_get (rapport_context_get_segments (f->context), campaign->segment_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (segment->rules->len, ==, 1);
    g_assert_cmpint (((RapportSegmentRule *) g_ptr_array_index (segment->rules, 0))->kind, ==, RAPPORT_RULE_RFM_SEGMENT);
  }

  /* Fifty-two regulars, every fortnight in January and not since: the
   * page lists the fifty most valuable, and Show All lists them all. */
  {
    const char *path = rapport_database_get_path (rapport_context_get_database (f->context));
    RapportAnalyticsSection *at_risk = rapport_analytics_page_get_section (f->page, RAPPORT_PART_AT_RISK);
    GtkWidget *show_all;

    rapport_test_run_sql (path,
      "INSERT INTO clients (id, kind, display_name, sort_key, created_at, updated_at)"
      " WITH RECURSIVE n (i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 151)"
      " SELECT i, 'person', 'Regular ' || i, 'regular ' || i, 0, 0 FROM n;"
      "INSERT INTO interactions (client_id, kind, occurred_at, created_at)"
      " SELECT c.id, 'visit', unixepoch (d.day, '+12 hours'), 0 FROM clients c,"
      " (SELECT '2026-01-01' AS day UNION ALL SELECT '2026-01-15' UNION ALL SELECT '2026-01-29') d"
      " WHERE c.id >= 100;");
    g_assert_true (rapport_analytics_refresh_rfm (rapport_context_get_analytics (f->context), &error));
    rapport_analytics_page_set_period (f->page, RAPPORT_PERIOD_LAST_MONTH, NULL, NULL);
    wait_loaded (f);
    g_assert_cmpuint (g_list_model_get_n_items (rapport_analytics_section_get_rows (at_risk)), ==, 50);
    g_assert_cmpstr (rapport_analytics_section_get_summary (at_risk), ==,
                     "The 50 most valuable of 52 clients slipping away");
    /* The last visit's column is as wide as its days, whole. */
    {
      GtkWidget *section_and_cell[2] = { GTK_WIDGET (at_risk), NULL };

      g_assert_true (rapport_gui_test_wait_for (find_last_visit, section_and_cell, 5000));
      g_assert_cmpuint (gtk_inscription_get_nat_chars (GTK_INSCRIPTION (section_and_cell[1])), >=,
                        g_utf8_strlen ("January 29, 2026", -1));
    }
    /* Fifty rows ask for all the table's room, not the few rows made. */
    {
      GtkScrolledWindow *scroll = GTK_SCROLLED_WINDOW (rapport_gui_test_child (GTK_WIDGET (at_risk),
                                                                               RAPPORT_TYPE_ANALYTICS_SECTION,
                                                                               "table_scroll"));

      g_assert_cmpint (gtk_scrolled_window_get_min_content_height (scroll), ==,
                       gtk_scrolled_window_get_max_content_height (scroll));
    }
    show_all = rapport_gui_test_find (GTK_WIDGET (at_risk), GTK_TYPE_BUTTON, "Show All Clients Slipping Away");
    g_assert_nonnull (show_all);
    g_assert_true (gtk_widget_is_visible (show_all));
    rapport_gui_test_click (show_all);
    drill = wait_drill_down ();
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (drill)), ==, "Slipping Away");
    g_assert_true (rapport_gui_test_wait_for (drill_has_rows, GUINT_TO_POINTER (52), 5000));
  }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-analytics-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "analytics.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  RapportAnalyticsSection *sales;

  wait_loaded (f);
  /* Custom, chosen from the menu, starts as this month. */
  rapport_analytics_page_set_period (f->page, RAPPORT_PERIOD_CUSTOM, NULL, NULL);
  wait_loaded (f);
  g_assert_cmpstr (rapport_analytics_page_get_period_text (f->page), ==, "May 1, 2026");

  /* A custom period: the two months, a column a day. */
  rapport_analytics_page_set_period (f->page, RAPPORT_PERIOD_CUSTOM, "2026-03-01", "2026-04-30");
  wait_loaded (f);
  sales = rapport_analytics_page_get_section (f->page, 0);
  g_assert_nonnull (strstr (rapport_analytics_section_get_summary (sales), "Invoiced €180.00"));

  g_assert_true (rapport_analytics_section_write_csv (sales, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* A header, a row a bucket, and the empty end after the last CRLF. */
  g_assert_cmpstr (lines[0], ==, "Period,Invoiced,Received,Refunded,Orders,Cancelled,\"Invoiced, Compared\"");
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + g_list_model_get_n_items (rapport_analytics_section_get_rows (sales)));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "2026-03-05,") || g_str_has_prefix (lines[i], "2026-03-02,"))
        g_assert_true (g_str_has_prefix (lines[i], "2026-03-02,30.00,30.00,0.00,1,0,")
                       || g_str_has_prefix (lines[i], "2026-03-05,30.00,30.00,0.00,1,0,"));
      if (g_str_has_prefix (lines[i], "2026-04-06,") || g_str_has_prefix (lines[i], "2026-04-10,"))
        g_assert_true (g_str_has_prefix (lines[i], "2026-04-06,100.00,100.00,0.00,1,0,")
                       || g_str_has_prefix (lines[i], "2026-04-10,100.00,100.00,0.00,1,0,"));
    }
  g_assert_nonnull (strstr (contents, ",100.00,100.00,0.00,1,0,"));
  g_assert_nonnull (strstr (contents, ",50.00,0.00,0.00,1,0,"));

  /* The page on paper: its title, its sections and their figures. */
  g_assert_true (rapport_analytics_page_export_pdf (f->page, pdf_path, &error));
  g_assert_no_error (error);
  pdf_text = rapport_test_pdf_text (pdf_path);
  g_assert_nonnull (strstr (pdf_text, "Analytics, March 1, 2026 – April 30, 2026"));
  g_assert_nonnull (strstr (pdf_text, "Money Owed"));
  g_assert_nonnull (strstr (pdf_text, "Slipping Away"));
  g_assert_nonnull (strstr (pdf_text, "€180.00"));

  g_unlink (csv_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

/* The card's Orders group names the client's segment; a client who never
 * ordered has none. */
static void
test_card_segment (Fixture       *f,
                   gconstpointer  data)
{
  RapportClientOrders *orders = g_object_ref_sink (g_object_new (RAPPORT_TYPE_CLIENT_ORDERS, NULL));
  g_autoptr(GError) error = NULL;
  RapportRfmScore score;
  GtkWidget *row;

  rapport_client_orders_set_context (orders, f->context);
  g_assert_true (rapport_analytics_get_client_score (rapport_context_get_analytics (f->context), 1, &score, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_client_orders_set_client_id (orders, 1, &error));
  g_assert_no_error (error);
  row = rapport_gui_test_find (GTK_WIDGET (orders), ADW_TYPE_ACTION_ROW, "Clients by Value");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, rapport_rfm_segment_get_label (score.segment));

  g_assert_true (rapport_client_orders_set_client_id (orders, 3, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (row));
  g_object_unref (orders);
}

static gboolean
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
on_point_activated (guint *activated,
                    guint  index)
{
  *activated = index;
}

/* The keyboard's path through a chart: arrows as drawn (time runs the
 * other way right to left), Home and End, Enter to open. */
static void
test_chart_keyboard (void)
{
  GtkWidget *chart = g_object_ref_sink (rapport_chart_new (RAPPORT_CHART_COLUMNS));
  guint activated = G_MAXUINT;

  rapport_chart_set_title (RAPPORT_CHART (chart), "Sales");
  rapport_chart_add (RAPPORT_CHART (chart), "Jan", 10, "€10", 0, NULL);
  rapport_chart_add (RAPPORT_CHART (chart), "Feb", 20, "€20", 5, "€5");
  rapport_chart_add (RAPPORT_CHART (chart), "Mar", 30, "€30", 0, NULL);
  g_signal_connect_swapped (chart, "point-activated", G_CALLBACK (on_point_activated), &activated);

  g_assert_true (press (chart, GDK_KEY_Right));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 1);
  g_assert_true (press (chart, GDK_KEY_Return));
  g_assert_cmpuint (activated, ==, 1);
  g_assert_true (press (chart, GDK_KEY_End));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 2);
  g_assert_true (press (chart, GDK_KEY_Right));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 2);

  /* Right to left, the oldest column is on the right. */
  gtk_widget_set_direction (chart, GTK_TEXT_DIR_RTL);
  g_assert_true (press (chart, GDK_KEY_Right));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 1);
  g_assert_true (press (chart, GDK_KEY_Home));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 0);
  g_assert_true (press (chart, GDK_KEY_Left));
  g_assert_cmpuint (rapport_chart_get_focused (RAPPORT_CHART (chart)), ==, 1);

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

  g_test_add ("/rapport/analytics-gui/period-and-drill-down", Fixture, NULL, fixture_set_up,
              test_period_and_drill_down, fixture_tear_down);
  g_test_add ("/rapport/analytics-gui/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add_func ("/rapport/analytics-gui/chart-keyboard", test_chart_keyboard);
  g_test_add ("/rapport/analytics-gui/card-segment", Fixture, NULL, fixture_set_up, test_card_segment,
              fixture_tear_down);

  return g_test_run ();
}
