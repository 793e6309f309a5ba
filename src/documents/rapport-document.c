/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-documents"

/* The page layout the printed documents share: text placed from the start
 * edge in the reader's direction, values isolated so that a Latin date
 * inside Persian reads as written, and the PDF they are written into. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-document-private.h"
#include "rapport-error.h"
#include "rapport-money-format.h"

#define FONT "DejaVu Sans"

gboolean
_rapport_document_locale_is_rtl (void)
{
  /* TRANSLATORS: “rtl” for a language written right to left, “ltr”
   * otherwise; it lays out invoices and other documents */
  return g_str_equal (C_("text direction", "ltr"), "rtl");
}

/* A value put into a sentence keeps its own direction whatever the
 * sentence's. Takes @text. */
char *
_rapport_document_isolate (char *text)
{
  char *isolated = g_strconcat ("\xe2\x81\xa8", text, "\xe2\x81\xa9", NULL);   /* FSI … PDI */

  g_free (text);
  return isolated;
}

char *
_rapport_document_format_day (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *with_time = NULL;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  with_time = g_strconcat (iso_date, "T12:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  if (date == NULL)
    return g_strdup (iso_date);
  /* TRANSLATORS: a full date, see strftime(3) */
  return _rapport_document_isolate (g_date_time_format (date, _("%-d %B %Y")));
}

PangoLayout *
_rapport_document_make_layout (const RapportPageFrame *frame,
                               cairo_t                *cr,
                               const char             *text,
                               double                  width,
                               double                  size,
                               gboolean                bold,
                               gboolean                at_end)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_context_set_base_dir (context, frame->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_font_description_set_size (font, (gint) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, (at_end != frame->rtl) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

/* Lays out @text at (@x, @y) — @x from the start edge in the reading
 * direction — and draws it when @draw; returns its height. */
double
_rapport_document_put_text (const RapportPageFrame *frame,
                            cairo_t                *cr,
                            gboolean                draw,
                            const char             *text,
                            double                  x,
                            double                  y,
                            double                  width,
                            double                  size,
                            gboolean                bold,
                            gboolean                at_end)
{
  g_autoptr(PangoLayout) layout = _rapport_document_make_layout (frame, cr, text, width, size, bold, at_end);
  double left = frame->rtl ? frame->width - x - width : x;
  int height;

  if (draw)
    {
      cairo_move_to (cr, left, y);
      pango_cairo_show_layout (cr, layout);
    }
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

void
_rapport_document_put_footer (const RapportPageFrame *frame,
                              cairo_t                *cr,
                              guint                   page,
                              guint                   n_pages)
{
  g_autofree char *number = rapport_integer_format (page + 1);
  g_autofree char *count = rapport_integer_format (n_pages);
  /* TRANSLATORS: at the foot of a document's page: the page's number and
   * how many there are, both in the reader's digits */
  g_autofree char *text = g_strdup_printf (_("Page %s of %s"), number, count);
  g_autoptr(PangoLayout) layout = _rapport_document_make_layout (frame, cr, text,
                                                                 frame->width - 2 * RAPPORT_PAGE_MARGIN,
                                                                 8, FALSE, FALSE);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, RAPPORT_PAGE_MARGIN, frame->height - RAPPORT_PAGE_MARGIN + RAPPORT_PAGE_GAP);
  pango_cairo_show_layout (cr, layout);
}

char *
_rapport_document_business_text (RapportBusiness *business)
{
  GString *text = g_string_new (business->address);

  if (*business->tax_number != '\0')
    {
      /* TRANSLATORS: the seller's tax or VAT number, on an invoice or a delivery note */
      g_autofree char *tax = g_strdup_printf (_("Tax number: %s"), business->tax_number);

      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", tax);
    }
  if (*business->contact != '\0')
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", business->contact);
  return g_string_free (text, FALSE);
}

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         at;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *out,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->size - reader->at)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, reader->data + reader->at, length);
  reader->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The logo at the end side of the first page, scaled to fit its box. */
void
_rapport_document_draw_logo (const RapportPageFrame *frame,
                             cairo_t                *cr,
                             GBytes                 *bytes,
                             double                  y)
{
  PngReader reader = { 0 };
  cairo_surface_t *logo;
  double scale, w, h, x;

  if (bytes == NULL)
    return;

  reader.data = g_bytes_get_data (bytes, &reader.size);
  logo = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (logo);
      return;
    }

  w = MAX (cairo_image_surface_get_width (logo), 1);
  h = MAX (cairo_image_surface_get_height (logo), 1);
  scale = MIN (1.0, MIN (RAPPORT_LOGO_WIDTH / w, RAPPORT_LOGO_HEIGHT / h));
  x = frame->rtl ? RAPPORT_PAGE_MARGIN : frame->width - RAPPORT_PAGE_MARGIN - w * scale;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, logo, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (logo);
}

/* Writes @document as an A4 PDF, its text searchable and copyable. */
gboolean
_rapport_document_write_pdf (const char           *path,
                             const char           *title,
                             const char           *author,
                             RapportPaginateFunc   paginate,
                             RapportDrawPageFunc   draw_page,
                             gpointer              document,
                             GError              **error)
{
  g_autofree char *display = g_filename_display_name (path);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  surface = cairo_pdf_surface_create (path, RAPPORT_A4_WIDTH, RAPPORT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rapport");
  cr = cairo_create (surface);

  n_pages = paginate (document, cr, RAPPORT_A4_WIDTH, RAPPORT_A4_HEIGHT);
  for (guint page = 0; page < n_pages; page++)
    {
      draw_page (document, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not write “%s”: %s."), display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
