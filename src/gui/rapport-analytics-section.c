/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rapport-analytics-section.h"
#include "rapport-csv-writer.h"

/* One part of the Analytics page: a title, a line of totals, a chart and
 * the same figures as a table (the table button switches; a section with
 * no chart is a table), each exported to CSV. A point of the chart and a
 * row of the table are the same index: both emit ::activated, which the
 * page turns into the orders or clients behind them. */

/* A column of the table, as its cells are made and bound: how many
 * characters its widest text has, so that a long date (“November 16,
 * 2026”) widens its column instead of losing its start. */
typedef struct
{
  guint index;
  guint nat_chars;
} TableColumn;

#define DEFAULT_CHARS(index) ((index) == 0 ? 24 : 10)
#define MAX_CHARS 40

struct _RapportAnalyticsSection
{
  GtkBox          parent_instance;

  char           *title;
  char           *file_name;
  char           *summary;
  GStrv           column_titles;
  guint           n_columns;
  TableColumn    *columns;
  gboolean        with_chart;
  gboolean        drillable;
  gboolean        loading;
  RapportChart   *chart;
  GListStore     *rows;
  GtkColumnView  *table;
  GtkFileChooserNative *chooser;

  GtkBox         *header_box;
  GtkLabel       *title_label;
  GtkToggleButton *table_button;
  GtkWidget      *export_button;
  GtkLabel       *summary_label;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkBox         *chart_box;
  GtkScrolledWindow *table_scroll;
  GtkLabel       *message_label;
  GtkBox         *footer_box;
};

G_DEFINE_FINAL_TYPE (RapportAnalyticsSection, rapport_analytics_section, GTK_TYPE_BOX)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_figures_page (RapportAnalyticsSection *self)
{
  gboolean table = !self->with_chart || gtk_toggle_button_get_active (self->table_button);

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
}

static void
on_table_toggled (RapportAnalyticsSection *self)
{
  if (!self->loading && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    show_figures_page (self);
}

static void
on_chart_point_activated (RapportAnalyticsSection *self,
                          guint                    index)
{
  if (self->drillable)
    g_signal_emit (self, signals[ACTIVATED], 0, index);
}

static void
on_table_activate (RapportAnalyticsSection *self,
                   guint                    position)
{
  if (self->drillable)
    g_signal_emit (self, signals[ACTIVATED], 0, position);
}

static void
show_toast (RapportAnalyticsSection *self,
            const char              *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_chooser_response (RapportAnalyticsSection *self,
                     int                      response,
                     GtkNativeDialog         *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("The table can only be saved to a folder on this computer. Choose another folder."));
      return;
    }
  if (!rapport_analytics_section_write_csv (self, path, &error))
    show_toast (self, error->message);
}

static void
on_export_clicked (RapportAnalyticsSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_strconcat (self->file_name, ".csv", NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export as CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TableColumn              *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), column->index == 0 ? 12 : 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column->nat_chars);
  if (column->index > 0)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TableColumn              *column)
{
  RapportTableRow *row = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  const char *text = rapport_table_row_get_cell (row, column->index);

  gtk_inscription_set_nat_chars (cell, column->nat_chars);
  gtk_inscription_set_text (cell, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
rapport_analytics_section_dispose (GObject *object)
{
  RapportAnalyticsSection *self = (RapportAnalyticsSection *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (rapport_analytics_section_parent_class)->dispose (object);
}

static void
rapport_analytics_section_finalize (GObject *object)
{
  RapportAnalyticsSection *self = (RapportAnalyticsSection *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->column_titles, g_strfreev);
  g_clear_pointer (&self->columns, g_free);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (rapport_analytics_section_parent_class)->finalize (object);
}

static void
rapport_analytics_section_class_init (RapportAnalyticsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_analytics_section_dispose;
  object_class->finalize = rapport_analytics_section_finalize;

  /**
   * RapportAnalyticsSection::activated:
   * @index: the point of the chart, or row of the table, opened
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-analytics-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, header_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, table_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, export_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, chart_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, table_scroll);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAnalyticsSection, footer_box);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
}

static void
rapport_analytics_section_init (RapportAnalyticsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (RAPPORT_TYPE_TABLE_ROW);
}

/**
 * rapport_analytics_section_new:
 * @title: what the section shows (“Sales”)
 * @file_name: the CSV file's name offered, without “.csv”
 * @kind: the chart's kind
 * @with_chart: whether it has a chart, or is a table only
 */
RapportAnalyticsSection *
rapport_analytics_section_new (const char       *title,
                               const char       *file_name,
                               RapportChartKind  kind,
                               gboolean          with_chart)
{
  RapportAnalyticsSection *self = g_object_new (RAPPORT_TYPE_ANALYTICS_SECTION, NULL);
  g_autofree char *export_label = NULL;

  self->title = g_strdup (title);
  self->file_name = g_strdup (file_name);
  self->with_chart = with_chart;
  gtk_label_set_text (self->title_label, title);
  /* TRANSLATORS: the button that saves a section's table; %s is its title */
  export_label = g_strdup_printf (_("Export “%s” as CSV…"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, export_label, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->table_button), with_chart);
  if (with_chart)
    {
      self->chart = RAPPORT_CHART (rapport_chart_new (kind));
      rapport_chart_set_title (self->chart, title);
      gtk_box_append (self->chart_box, GTK_WIDGET (self->chart));
      g_signal_connect_swapped (self->chart, "point-activated", G_CALLBACK (on_chart_point_activated), self);
    }
  rapport_analytics_section_set_loading (self);
  return self;
}

const char *
rapport_analytics_section_get_title (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), NULL);
  return self->title;
}

/* Returns: (nullable): the chart, or %NULL for a table-only section */
RapportChart *
rapport_analytics_section_get_chart (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), NULL);
  return self->chart;
}

/* The table's columns; the first is a name, the others figures. */
void
rapport_analytics_section_set_columns (RapportAnalyticsSection *self,
                                       const char * const      *titles,
                                       guint                    n_columns)
{
  GtkColumnView *table;

  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));
  g_return_if_fail (self->table == NULL);

  self->n_columns = n_columns;
  self->column_titles = g_new0 (char *, n_columns + 1);
  self->columns = g_new0 (TableColumn, n_columns);
  table = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (
            G_LIST_MODEL (g_object_ref (self->rows))))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (gtk_column_view_get_model (table)), FALSE);
  gtk_column_view_set_show_column_separators (table, FALSE);
  gtk_column_view_set_single_click_activate (table, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (table), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      self->column_titles[i] = g_strdup (titles[i]);
      self->columns[i].index = i;
      self->columns[i].nat_chars = DEFAULT_CHARS (i);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->columns[i]);
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (table, column);
    }
  g_signal_connect_swapped (table, "activate", G_CALLBACK (on_table_activate), self);
  self->table = table;
  gtk_scrolled_window_set_child (self->table_scroll, GTK_WIDGET (table));
}

/* Whether a point or a row opens what is behind it. */
void
rapport_analytics_section_set_drillable (RapportAnalyticsSection *self,
                                         gboolean                 drillable)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  self->drillable = drillable;
  if (self->chart != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->chart), drillable ? "pointer" : NULL);
}

/* A control beside the title: which breakdown to show. */
void
rapport_analytics_section_add_header_widget (RapportAnalyticsSection *self,
                                             GtkWidget               *widget)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_box_insert_child_after (self->header_box, widget, GTK_WIDGET (self->title_label));
}

/* A button below the figures: a campaign from them. */
void
rapport_analytics_section_add_footer_widget (RapportAnalyticsSection *self,
                                             GtkWidget               *widget)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  gtk_box_append (self->footer_box, widget);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_box), TRUE);
}

/* A spinner until the figures come. */
void
rapport_analytics_section_set_loading (RapportAnalyticsSection *self)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  self->loading = TRUE;
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Says something instead of figures: that the report failed, and why. */
void
rapport_analytics_section_set_message (RapportAnalyticsSection *self,
                                       const char              *message)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_label_set_text (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
  gtk_widget_set_sensitive (self->export_button, g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0);
}

/* Forgets the figures, before new ones are added. */
void
rapport_analytics_section_clear (RapportAnalyticsSection *self)
{
  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  g_list_store_remove_all (self->rows);
  for (guint i = 0; self->columns != NULL && i < self->n_columns; i++)
    self->columns[i].nat_chars = DEFAULT_CHARS (i);
  if (self->chart != NULL)
    rapport_chart_clear (self->chart);
  g_clear_pointer (&self->summary, g_free);
}

/**
 * rapport_analytics_section_add_row:
 * @cells: one text a column, as shown
 * @csv_cells: (nullable): one a column, as exported
 *
 * A row of the table; the page adds the chart's point of the same index.
 */
void
rapport_analytics_section_add_row (RapportAnalyticsSection *self,
                                   const char * const      *cells,
                                   const char * const      *csv_cells)
{
  g_autoptr(RapportTableRow) row = NULL;

  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  row = rapport_table_row_new (cells, csv_cells, self->n_columns);
  for (guint i = 0; self->columns != NULL && i < self->n_columns; i++)
    {
      guint chars = (guint) g_utf8_strlen (rapport_table_row_get_cell (row, i), -1);

      self->columns[i].nat_chars = MAX (self->columns[i].nat_chars, MIN (chars, MAX_CHARS));
    }
  g_list_store_append (self->rows, row);
}

/* GTK 4.8's column view asks only for the rows it has made, a few, so a
 * table of five rows showed under three and hid the rest until scrolled:
 * the table asks for all its rows' height, up to the scrolled window's
 * most (a line of text and the data table's padding a row, and a header). */
static void
fit_table_height (RapportAnalyticsSection *self)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  GtkWidget *probe = g_object_ref_sink (gtk_inscription_new ("0"));
  int line = 0;

  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, NULL, &line, NULL, NULL);
  g_object_unref (probe);
  gtk_scrolled_window_set_min_content_height (self->table_scroll,
                                              MIN ((int) MIN (n_rows, 100) * (line + 8) + line + 16,
                                                   gtk_scrolled_window_get_max_content_height (self->table_scroll)));
}

/**
 * rapport_analytics_section_show_figures:
 * @summary: (nullable): the line of totals above the chart
 * @empty_message: what to say when there are no rows
 */
void
rapport_analytics_section_show_figures (RapportAnalyticsSection *self,
                                        const char              *summary,
                                        const char              *empty_message)
{
  gboolean any;

  g_return_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self));

  any = g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && *summary != '\0');
  if (!any)
    {
      rapport_analytics_section_set_message (self, empty_message);
      return;
    }
  self->loading = FALSE;
  gtk_widget_set_sensitive (self->export_button, TRUE);
  fit_table_height (self);
  show_figures_page (self);
}

gboolean
rapport_analytics_section_get_loading (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), FALSE);
  return self->loading;
}

guint
rapport_analytics_section_get_n_columns (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), 0);
  return self->n_columns;
}

const char *
rapport_analytics_section_get_column_title (RapportAnalyticsSection *self,
                                            guint                    column)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->column_titles[column];
}

/* Returns: (nullable): the line of totals */
const char *
rapport_analytics_section_get_summary (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), NULL);
  return self->summary;
}

/* Returns: (transfer none): the table's rows, #RapportTableRow */
GListModel *
rapport_analytics_section_get_rows (RapportAnalyticsSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * rapport_analytics_section_write_csv:
 * @path: (type filename): the file to write
 *
 * Writes the table: a header of the column titles, then a line a row.
 */
gboolean
rapport_analytics_section_write_csv (RapportAnalyticsSection *self,
                                     const char              *path,
                                     GError                 **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree const char **cells = NULL;
  guint n_rows;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS_SECTION (self), FALSE);

  cells = g_new0 (const char *, self->n_columns + 1);
  rapport_csv_append_row (out, (const char * const *) self->column_titles, self->n_columns);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(RapportTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      for (guint j = 0; j < self->n_columns; j++)
        cells[j] = rapport_table_row_get_csv (row, j);
      rapport_csv_append_row (out, cells, self->n_columns);
    }
  return rapport_csv_write_file (path, out, error);
}
