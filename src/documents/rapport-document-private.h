/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the printed documents (the invoice, the delivery note) share: A4
 * pages laid out with Pango in the reader's direction, dates as the
 * reader writes them, the footer, and writing the pages into a PDF. */

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "rapport-business.h"
#include "rapport-document.h"

G_BEGIN_DECLS

/* A4, in points. */
#define RAPPORT_A4_WIDTH 595.276
#define RAPPORT_A4_HEIGHT 841.89
#define RAPPORT_PAGE_MARGIN 48.0
#define RAPPORT_PAGE_GAP 6.0
#define RAPPORT_PAGE_BODY_SIZE 9.0
#define RAPPORT_LOGO_WIDTH 120.0
#define RAPPORT_LOGO_HEIGHT 56.0

/* The page being laid out: its size and direction. */
typedef struct
{
  double   width;
  double   height;
  gboolean rtl;
} RapportPageFrame;

gboolean     _rapport_document_locale_is_rtl (void);
char        *_rapport_document_isolate       (char                   *text);
char        *_rapport_document_format_day    (const char             *iso_date);
PangoLayout *_rapport_document_make_layout   (const RapportPageFrame *frame,
                                              cairo_t                *cr,
                                              const char             *text,
                                              double                  width,
                                              double                  size,
                                              gboolean                bold,
                                              gboolean                at_end);
double       _rapport_document_put_text      (const RapportPageFrame *frame,
                                              cairo_t                *cr,
                                              gboolean                draw,
                                              const char             *text,
                                              double                  x,
                                              double                  y,
                                              double                  width,
                                              double                  size,
                                              gboolean                bold,
                                              gboolean                at_end);
char        *_rapport_document_business_text (RapportBusiness       *business);
void         _rapport_document_draw_logo     (const RapportPageFrame *frame,
                                              cairo_t                *cr,
                                              GBytes                 *logo,
                                              double                  y);
void         _rapport_document_put_footer    (const RapportPageFrame *frame,
                                              cairo_t                *cr,
                                              guint                   page,
                                              guint                   n_pages);
gboolean     _rapport_document_write_pdf     (const char             *path,
                                              const char             *title,
                                              const char             *author,
                                              RapportPaginateFunc     paginate,
                                              RapportDrawPageFunc     draw_page,
                                              gpointer                document,
                                              GError                **error);

G_END_DECLS
