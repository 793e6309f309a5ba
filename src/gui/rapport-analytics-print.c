/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "rapport-analytics-print.h"
#include "rapport-print.h"

/* The Analytics page on paper, or in a PDF: the period, then each section
 * as its title, its totals, its chart (drawn by the chart itself) and its
 * table, in the reader's direction, cut into pages between blocks. */

#define MARGIN 40.0
#define BODY_SIZE 8.5
#define GAP 6.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_CHART,
  BLOCK_ROW,
} BlockKind;

typedef struct
{
  BlockKind                kind;
  RapportAnalyticsSection *section;
  char                    *text;
  RapportTableRow         *row;      /* BLOCK_ROW; NULL for the header */
  double                   height;
  guint                    page;
  double                   y;
} Block;

typedef struct
{
  GPtrArray               *blocks;
  const char              *period_text;
  RapportAnalyticsSection **sections;
  guint                    n_sections;
  gboolean                 rtl;
  double                   width;    /* of the body */
  PangoFontDescription    *font;
} Document;

static void
block_free (Block *block)
{
  g_free (block->text);
  g_clear_object (&block->row);
  g_free (block);
}

static PangoLayout *
make_layout (Document   *document,
             cairo_t    *cr,
             const char *text,
             double      width,
             double      size,
             gboolean    bold,
             double      align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (document->font);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_context_set_base_dir (pango_layout_get_context (layout),
                              document->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (document->rtl)
    align = 1 - align;
  pango_layout_set_alignment (layout, align == 0 ? PANGO_ALIGN_LEFT : align == 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_height (Document   *document,
             cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (document, cr, text, document->width, size, bold, 0);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* The x of a column, from the start of the reading direction: the first
 * column takes a third, the others share the rest. */
static void
column_box (Document *document,
            guint     n_columns,
            guint     column,
            double   *x,
            double   *width)
{
  double first = n_columns > 1 ? document->width * 0.34 : document->width;
  double other = n_columns > 1 ? (document->width - first) / (n_columns - 1) : 0;

  *width = column == 0 ? first : other;
  *x = column == 0 ? 0 : first + (column - 1) * other;
  if (document->rtl)
    *x = document->width - *x - *width;
}

static double
row_height (Document                *document,
            cairo_t                 *cr,
            RapportAnalyticsSection *section,
            RapportTableRow         *row,
            gboolean                 bold)
{
  guint n = rapport_analytics_section_get_n_columns (section);
  double height = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = row != NULL ? rapport_table_row_get_cell (row, i)
                                     : rapport_analytics_section_get_column_title (section, i);
      double x, width;
      g_autoptr(PangoLayout) layout = NULL;
      int cell_height;

      column_box (document, n, i, &x, &width);
      layout = make_layout (document, cr, text, width - 4, BODY_SIZE, bold, i == 0 ? 0 : 1);
      pango_layout_get_size (layout, NULL, &cell_height);
      height = MAX (height, (double) cell_height / PANGO_SCALE);
    }
  return height + 3;
}

static void
add_block (Document                *document,
           BlockKind                kind,
           RapportAnalyticsSection *section,
           const char              *text,
           RapportTableRow         *row)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->section = section;
  block->text = g_strdup (text);
  block->row = row != NULL ? g_object_ref (row) : NULL;
  g_ptr_array_add (document->blocks, block);
}

static RapportChartStyle
paper_style (Document *document)
{
  RapportChartStyle style = { { 0, 0, 0, 1 }, { 0.11, 0.44, 0.85, 1 }, document->rtl, document->font };

  return style;
}

static guint
paginate (gpointer  data,
          cairo_t  *cr,
          double    width,
          double    height)
{
  Document *document = data;
  RapportChartStyle style;
  g_autoptr(PangoFontDescription) chart_font = NULL;
  double y = MARGIN;
  guint page = 0;

  document->width = width - 2 * MARGIN;
  chart_font = pango_font_description_copy (document->font);
  pango_font_description_set_absolute_size (chart_font, BODY_SIZE * PANGO_SCALE);
  style = paper_style (document);
  style.font = chart_font;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (document->blocks, i);
      double space = 0;

      switch (block->kind)
        {
        case BLOCK_TITLE:
          block->height = text_height (document, cr, block->text, 16, TRUE) + GAP;
          break;
        case BLOCK_HEADING:
          block->height = text_height (document, cr, block->text, 12, TRUE) + GAP;
          space = 3 * GAP;
          break;
        case BLOCK_TEXT:
          block->height = text_height (document, cr, block->text, BODY_SIZE, FALSE) + GAP;
          break;
        case BLOCK_CHART:
          block->height = rapport_chart_measure_height (rapport_analytics_section_get_chart (block->section),
                                                        document->width, &style) + 2 * GAP;
          break;
        case BLOCK_ROW:
          block->height = row_height (document, cr, block->section, block->row, block->row == NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      y += space;
      if (y + block->height > height - MARGIN && y > MARGIN + space)
        {
          page++;
          y = MARGIN;
        }
      block->page = page;
      block->y = y;
      y += block->height;
    }
  return page + 1;
}

static void
draw_text (Document   *document,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      size,
           gboolean    bold,
           double      align,
           double      grey)
{
  g_autoptr(PangoLayout) layout = make_layout (document, cr, text, width, size, bold, align);

  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, MARGIN + x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (Document *document,
          cairo_t  *cr,
          Block    *block)
{
  guint n = rapport_analytics_section_get_n_columns (block->section);

  for (guint i = 0; i < n; i++)
    {
      const char *text = block->row != NULL ? rapport_table_row_get_cell (block->row, i)
                                            : rapport_analytics_section_get_column_title (block->section, i);
      double x, width;

      column_box (document, n, i, &x, &width);
      draw_text (document, cr, text, x + 2, block->y, width - 4, BODY_SIZE, block->row == NULL, i == 0 ? 0 : 1,
                 block->row == NULL ? 0.3 : 0);
    }
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, block->y + block->height - 1);
  cairo_line_to (cr, MARGIN + document->width, block->y + block->height - 1);
  cairo_stroke (cr);
}

static void
draw_page (gpointer  data,
           cairo_t  *cr,
           guint     page)
{
  Document *document = data;
  g_autoptr(PangoFontDescription) chart_font = pango_font_description_copy (document->font);
  RapportChartStyle style = paper_style (document);

  pango_font_description_set_absolute_size (chart_font, BODY_SIZE * PANGO_SCALE);
  style.font = chart_font;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (document->blocks, i);

      if (block->page != page)
        continue;
      switch (block->kind)
        {
        case BLOCK_TITLE:
          draw_text (document, cr, block->text, 0, block->y, document->width, 16, TRUE, 0, 0);
          break;
        case BLOCK_HEADING:
          draw_text (document, cr, block->text, 0, block->y, document->width, 12, TRUE, 0, 0);
          break;
        case BLOCK_TEXT:
          draw_text (document, cr, block->text, 0, block->y, document->width, BODY_SIZE, FALSE, 0, 0.3);
          break;
        case BLOCK_CHART:
          cairo_save (cr);
          cairo_translate (cr, MARGIN, block->y + GAP);
          rapport_chart_draw (rapport_analytics_section_get_chart (block->section), cr,
                              document->width, block->height - 2 * GAP, &style);
          cairo_restore (cr);
          break;
        case BLOCK_ROW:
          draw_row (document, cr, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
lay_out_section (Document                *document,
                 RapportAnalyticsSection *section)
{
  RapportChart *chart = rapport_analytics_section_get_chart (section);
  GListModel *rows = rapport_analytics_section_get_rows (section);
  const char *summary = rapport_analytics_section_get_summary (section);
  guint n_rows = g_list_model_get_n_items (rows);

  add_block (document, BLOCK_HEADING, section, rapport_analytics_section_get_title (section), NULL);
  if (summary != NULL && *summary != '\0')
    add_block (document, BLOCK_TEXT, section, summary, NULL);
  if (n_rows == 0)
    {
      add_block (document, BLOCK_TEXT, section, _("No figures for this period."), NULL);
      return;
    }
  if (chart != NULL && rapport_chart_get_n_points (chart) > 0)
    add_block (document, BLOCK_CHART, section, NULL, NULL);
  add_block (document, BLOCK_ROW, section, NULL, NULL);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(RapportTableRow) row = g_list_model_get_item (rows, i);

      add_block (document, BLOCK_ROW, section, NULL, row);
    }
}

/**
 * _rapport_analytics_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @period_text: (nullable): the period, as shown
 * @pdf_path: (nullable): a PDF to write instead of printing
 *
 * Prints the sections as they are shown, or writes them as a PDF.
 */
gboolean
_rapport_analytics_print (GtkWindow                *parent,
                          const char               *period_text,
                          RapportAnalyticsSection **sections,
                          guint                     n_sections,
                          GtkTextDirection          direction,
                          const char               *pdf_path,
                          GError                  **error)
{
  Document document = { 0 };
  g_autofree char *title = NULL;
  gboolean ok;

  for (guint i = 0; i < n_sections; i++)
    if (rapport_analytics_section_get_loading (sections[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                             _("The figures are still loading. Print again in a moment."));
        return FALSE;
      }

  document.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  document.rtl = direction == GTK_TEXT_DIR_RTL;
  document.font = pango_font_description_from_string ("Sans");
  /* TRANSLATORS: the printed page's title; %s is the period */
  title = period_text != NULL ? g_strdup_printf (_("Analytics, %s"), period_text) : g_strdup (_("Analytics"));
  add_block (&document, BLOCK_TITLE, NULL, title, NULL);
  for (guint i = 0; i < n_sections; i++)
    lay_out_section (&document, sections[i]);

  ok = rapport_print_document (parent, title, paginate, draw_page, &document, pdf_path, error);
  g_ptr_array_unref (document.blocks);
  pango_font_description_free (document.font);
  return ok;
}
