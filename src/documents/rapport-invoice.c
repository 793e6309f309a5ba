/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-documents"

/* An invoice (or a quote) laid out with Pango and drawn with Cairo: into
 * a PDF file, or onto the pages GtkPrintOperation hands over. The same
 * code paginates and draws, so what is printed is what is saved. Pages
 * follow the reader's direction: in Persian the business is on the right
 * and the amounts on the left. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-client-repository.h"
#include "rapport-document-private.h"
#include "rapport-error.h"
#include "rapport-invoice.h"
#include "rapport-order-repository.h"
#include "rapport-money-format.h"
#include "rapport-order-rules.h"

#define MARGIN RAPPORT_PAGE_MARGIN
#define BODY_SIZE RAPPORT_PAGE_BODY_SIZE
#define GAP RAPPORT_PAGE_GAP
#define ROW_PADDING 4.0
#define LOGO_WIDTH RAPPORT_LOGO_WIDTH
#define LOGO_HEIGHT RAPPORT_LOGO_HEIGHT

enum {
  COLUMN_DESCRIPTION,
  COLUMN_QUANTITY,
  COLUMN_PRICE,
  COLUMN_DISCOUNT,
  COLUMN_TAX,
  COLUMN_AMOUNT,
  N_COLUMNS
};

struct _RapportInvoice
{
  GObject          parent_instance;

  RapportOrder    *order;
  RapportBusiness *business;
  RapportClient   *client;
  RapportOrderTotals totals;
  gboolean         totals_ok;
  gboolean         rtl;
  gboolean         with_discount;

  /* From the last rapport_invoice_paginate(). */
  double           width;
  double           height;
  GArray          *page_starts;     /* guint: the first line of each page */
  guint            summary_page;
};

G_DEFINE_FINAL_TYPE (RapportInvoice, rapport_invoice, G_TYPE_OBJECT)

static void
rapport_invoice_finalize (GObject *object)
{
  RapportInvoice *self = (RapportInvoice *) object;

  g_clear_object (&self->order);
  g_clear_pointer (&self->business, rapport_business_free);
  g_clear_object (&self->client);
  rapport_order_totals_clear (&self->totals);
  g_clear_pointer (&self->page_starts, g_array_unref);

  G_OBJECT_CLASS (rapport_invoice_parent_class)->finalize (object);
}

static void
rapport_invoice_class_init (RapportInvoiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_invoice_finalize;
}

static void
rapport_invoice_init (RapportInvoice *self)
{
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* The reading direction of the translation in use: translators of
 * right-to-left languages translate this to “rtl”. */
/**
 * rapport_invoice_new:
 * @order: the order, with its lines
 * @business: who sells
 * @client: (nullable): who buys, with an address; the order's client name
 *   when %NULL
 *
 * Returns: (transfer full): the invoice, or the quote for an order not
 *   confirmed yet
 */
RapportInvoice *
rapport_invoice_new (RapportOrder    *order,
                     RapportBusiness *business,
                     RapportClient   *client)
{
  RapportInvoice *self;
  GPtrArray *lines;

  g_return_val_if_fail (RAPPORT_IS_ORDER (order), NULL);
  g_return_val_if_fail (business != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_INVOICE, NULL);
  self->order = g_object_ref (order);
  self->business = rapport_business_copy (business);
  self->client = client ? g_object_ref (client) : NULL;
  self->totals_ok = rapport_order_compute_totals (order, &self->totals, NULL);
  self->rtl = _rapport_document_locale_is_rtl ();

  lines = rapport_order_get_lines (order);
  for (guint i = 0; i < lines->len; i++)
    if (((RapportOrderLine *) g_ptr_array_index (lines, i))->discount != 0)
      self->with_discount = TRUE;
  return self;
}

/**
 * rapport_invoice_load:
 * @database: an open database
 * @order_id: the order to bill
 * @error: return location for an error, for a person
 *
 * The invoice for an order as it is saved, with the business's details
 * and the client's as they are now.
 *
 * Returns: (transfer full) (nullable): the invoice, or %NULL with @error
 */
RapportInvoice *
rapport_invoice_load (RapportDatabase  *database,
                      gint64            order_id,
                      GError          **error)
{
  g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (database);
  g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (database);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(RapportClient) client = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  order = rapport_order_repository_get (orders, order_id, error);
  if (order == NULL)
    return NULL;
  business = rapport_business_repository_get (businesses, error);
  if (business == NULL)
    return NULL;
  client = rapport_client_repository_get (clients, rapport_order_get_client_id (order), error);
  if (client == NULL)
    return NULL;
  return rapport_invoice_new (order, business, client);
}

/**
 * rapport_invoice_set_right_to_left:
 * @self: an invoice
 * @rtl: whether its pages read from right to left
 *
 * The direction comes from the translation in use; an interface that knows
 * its own (GTK's default direction) says so here.
 */
void
rapport_invoice_set_right_to_left (RapportInvoice *self,
                                   gboolean        rtl)
{
  g_return_if_fail (RAPPORT_IS_INVOICE (self));
  self->rtl = !!rtl;
}

/**
 * rapport_invoice_dup_title:
 * @self: an invoice
 *
 * Returns: (transfer full): “Invoice 2026-0042”, or “Quote 2026-0042”
 */
char *
rapport_invoice_dup_title (RapportInvoice *self)
{
  RapportOrderStatus status = rapport_order_get_status (self->order);
  const char *number = rapport_order_get_number (self->order);

  if (status == RAPPORT_ORDER_DRAFT || status == RAPPORT_ORDER_QUOTED)
    /* TRANSLATORS: a document's title; %s is the order number */
    return g_strdup_printf (_("Quote %s"), number);
  /* TRANSLATORS: a document's title; %s is the order number */
  return g_strdup_printf (_("Invoice %s"), number);
}

static double
put_text (RapportInvoice *self,
          cairo_t        *cr,
          gboolean        draw,
          const char     *text,
          double          x,
          double          y,
          double          width,
          double          size,
          gboolean        bold,
          gboolean        at_end)
{
  RapportPageFrame frame = { self->width, self->height, self->rtl };

  return _rapport_document_put_text (&frame, cr, draw, text, x, y, width, size, bold, at_end);
}

static void
column_geometry (RapportInvoice *self,
                 double          x[N_COLUMNS],
                 double          w[N_COLUMNS])
{
  double content = self->width - 2 * MARGIN;
  const double fixed[N_COLUMNS] = { 0, 72, 80, self->with_discount ? 64 : 0, 46, 88 };
  double used = 0;

  for (guint i = 1; i < N_COLUMNS; i++)
    used += fixed[i];
  w[COLUMN_DESCRIPTION] = content - used;
  for (guint i = 1; i < N_COLUMNS; i++)
    w[i] = fixed[i];

  x[0] = MARGIN;
  for (guint i = 1; i < N_COLUMNS; i++)
    x[i] = x[i - 1] + w[i - 1];
}

static char *
line_description (RapportOrderLine *line)
{
  g_autofree char *serial = NULL;

  if (*line->serial_number == '\0')
    return g_strdup (line->name);
  serial = _rapport_document_isolate (g_strdup (line->serial_number));
  /* TRANSLATORS: a sold item and its serial number, on an invoice */
  return g_strdup_printf (_("%s\nSerial number: %s"), line->name, serial);
}

static double
put_row (RapportInvoice *self,
         cairo_t        *cr,
         gboolean        draw,
         double          y,
         const char     *cells[N_COLUMNS],
         gboolean        bold)
{
  double x[N_COLUMNS], w[N_COLUMNS], height = 0;

  column_geometry (self, x, w);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (w[i] <= 0)
        continue;
      height = MAX (height, put_text (self, cr, draw, cells[i], x[i] + (i ? 4 : 0), y + ROW_PADDING,
                                      w[i] - (i ? 4 : 0), BODY_SIZE, bold, i != COLUMN_DESCRIPTION));
    }
  return height + 2 * ROW_PADDING;
}

static double
put_line (RapportInvoice   *self,
          cairo_t          *cr,
          gboolean          draw,
          double            y,
          RapportOrderLine *line)
{
  const char *currency = rapport_order_get_currency (self->order);
  g_autofree char *description = line_description (line);
  g_autofree char *number = rapport_quantity_format (line->quantity);
  g_autofree char *quantity = *line->unit ? g_strdup_printf ("%s %s", number, line->unit) : g_strdup (number);
  g_autofree char *price = rapport_money_format (line->unit_price, currency);
  g_autofree char *discount = line->discount ? rapport_rate_format (line->discount) : g_strdup ("");
  g_autofree char *tax = rapport_rate_format (line->tax_rate);
  g_autofree char *amount = rapport_money_format (rapport_order_get_prices_include_tax (self->order)
                                                  ? line->gross : line->net, currency);
  const char *cells[N_COLUMNS] = { description, quantity, price, discount, tax, amount };

  return put_row (self, cr, draw, y, cells, FALSE);
}

static double
put_table_header (RapportInvoice *self,
                  cairo_t        *cr,
                  gboolean        draw,
                  double          y)
{
  const char *cells[N_COLUMNS] = {
    C_("invoice column", "Description"), C_("invoice column", "Quantity"),
    C_("invoice column", "Unit price"), C_("invoice column", "Discount"),
    C_("invoice column", "Tax"),
    rapport_order_get_prices_include_tax (self->order) ? C_("invoice column", "Amount with tax")
                                                       : C_("invoice column", "Amount"),
  };
  double height = put_row (self, cr, draw, y, cells, TRUE);

  if (draw)
    {
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, MARGIN, y + height);
      cairo_line_to (cr, self->width - MARGIN, y + height);
      cairo_stroke (cr);
    }
  return height + 2;
}

static char *
client_text (RapportInvoice *self)
{
  GString *text = g_string_new (NULL);

  if (self->client == NULL)
    return g_strdup (rapport_order_get_client_name (self->order));

  g_string_append (text, rapport_client_get_display_name (self->client));
  if (*rapport_client_get_organization (self->client) != '\0'
      && g_strcmp0 (rapport_client_get_organization (self->client),
                    rapport_client_get_display_name (self->client)) != 0)
    g_string_append_printf (text, "\n%s", rapport_client_get_organization (self->client));
  if (rapport_client_get_addresses (self->client)->len > 0)
    {
      g_autofree char *address = rapport_address_format (g_ptr_array_index (rapport_client_get_addresses (self->client), 0));
      g_string_append_printf (text, "\n%s", address);
    }
  return g_string_free (text, FALSE);
}

static char *
dates_text (RapportInvoice *self)
{
  RapportOrder *order = self->order;
  RapportOrderStatus status = rapport_order_get_status (order);
  g_autofree char *date = _rapport_document_format_day (rapport_order_get_ordered_on (order));
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: on an invoice; %s is a date */
  g_string_append_printf (text, _("Date: %s"), date);
  if (status == RAPPORT_ORDER_DRAFT || status == RAPPORT_ORDER_QUOTED)
    {
      g_autofree char *until = _rapport_document_format_day (rapport_order_get_quote_valid_until (order));
      /* TRANSLATORS: on a quote; %s is a date */
      g_autofree char *line = g_strdup_printf (_("Valid until: %s"), until);

      if (*until != '\0')
        g_string_append_printf (text, "\n%s", line);
    }
  else if (rapport_order_counts_as_sale (status))
    {
      g_autofree char *due_on = rapport_order_dup_payment_due_on (order);
      g_autofree char *due = _rapport_document_format_day (due_on);
      /* TRANSLATORS: on an invoice; %s is a date */
      g_autofree char *line = g_strdup_printf (_("Payment due: %s"), due);

      g_string_append_printf (text, "\n%s", line);
    }
  if (status == RAPPORT_ORDER_CANCELLED)
    g_string_append_printf (text, "\n%s", _("This order was cancelled."));
  return g_string_free (text, FALSE);
}

/* The first page's top: who sells, the title, who buys and the dates. */
static double
put_header (RapportInvoice *self,
            cairo_t        *cr,
            gboolean        draw,
            double          y)
{
  double content = self->width - 2 * MARGIN;
  double half = (content - GAP) / 2;
  g_autofree char *business = _rapport_document_business_text (self->business);
  g_autofree char *title = rapport_invoice_dup_title (self);
  g_autofree char *client = client_text (self);
  g_autofree char *dates = dates_text (self);
  double top = y, text_width = content - (self->business->logo ? LOGO_WIDTH + GAP : 0);
  double left_height, right_height;

  if (draw)
    {
      RapportPageFrame frame = { self->width, self->height, self->rtl };

      _rapport_document_draw_logo (&frame, cr, self->business->logo, y);
    }
  if (*self->business->name != '\0')
    y += put_text (self, cr, draw, self->business->name, MARGIN, y, text_width, 14, TRUE, FALSE);
  if (*business != '\0')
    y += put_text (self, cr, draw, business, MARGIN, y, text_width, BODY_SIZE, FALSE, FALSE);
  y = MAX (y, top + (self->business->logo ? LOGO_HEIGHT : 0)) + 3 * GAP;

  y += put_text (self, cr, draw, title, MARGIN, y, content, 18, TRUE, FALSE) + GAP;

  left_height = put_text (self, cr, draw, C_("invoice", "Bill to"), MARGIN, y, half, BODY_SIZE, TRUE, FALSE);
  left_height += put_text (self, cr, draw, client, MARGIN, y + left_height, half, BODY_SIZE, FALSE, FALSE);
  right_height = put_text (self, cr, draw, dates, MARGIN + half + GAP, y, half, BODY_SIZE, FALSE, TRUE);
  return y + MAX (left_height, right_height) + 2 * GAP - top;
}

static double
put_continued (RapportInvoice *self,
               cairo_t        *cr,
               gboolean        draw,
               double          y)
{
  g_autofree char *title = rapport_invoice_dup_title (self);
  /* TRANSLATORS: at the top of an invoice's next pages; %s is its title */
  g_autofree char *text = g_strdup_printf (_("%s, continued"), title);

  return put_text (self, cr, draw, text, MARGIN, y, self->width - 2 * MARGIN, BODY_SIZE, TRUE, FALSE) + GAP;
}

/* A label and an amount, at the end of the page. */
static double
put_sum (RapportInvoice *self,
         cairo_t        *cr,
         gboolean        draw,
         double          y,
         const char     *label,
         gint64          amount,
         gboolean        bold)
{
  double value_width = 96, label_width = 220;
  double value_x = self->width - MARGIN - value_width;
  g_autofree char *value = rapport_money_format (amount, rapport_order_get_currency (self->order));
  double height;

  height = put_text (self, cr, draw, label, value_x - label_width - GAP, y, label_width, BODY_SIZE, bold, TRUE);
  height = MAX (height, put_text (self, cr, draw, value, value_x, y, value_width, BODY_SIZE, bold, TRUE));
  return height + 2;
}

static double
put_tax_sums (RapportInvoice *self,
              cairo_t        *cr,
              gboolean        draw,
              double          y)
{
  const char *currency = rapport_order_get_currency (self->order);
  double top = y;

  for (guint i = 0; self->totals.by_rate != NULL && i < self->totals.by_rate->len; i++)
    {
      RapportTaxSum *sum = &g_array_index (self->totals.by_rate, RapportTaxSum, i);
      g_autofree char *rate = rapport_rate_format (sum->tax_rate);
      g_autofree char *base = rapport_money_format (sum->net, currency);
      /* TRANSLATORS: a line of an invoice's tax summary: the rate, and the
       * amount it applies to */
      g_autofree char *label = g_strdup_printf (_("Tax %s on %s"), rate, base);

      if (sum->tax_rate != 0)
        y += put_sum (self, cr, draw, y, label, sum->tax, FALSE);
    }
  return y - top;
}

/* Totals, the tax summary, what was paid and what is due, and the notes. */
static double
put_summary (RapportInvoice *self,
             cairo_t        *cr,
             gboolean        draw,
             double          y)
{
  RapportOrder *order = self->order;
  gint64 paid = rapport_order_get_paid (order);
  gint64 balance = self->totals.gross - paid;
  double top = y;

  y += GAP;
  y += put_sum (self, cr, draw, y, _("Total before tax"), self->totals.net, FALSE);
  y += put_tax_sums (self, cr, draw, y);
  y += put_sum (self, cr, draw, y, _("Total"), self->totals.gross, TRUE);
  if (paid != 0)
    y += put_sum (self, cr, draw, y, _("Paid"), paid, FALSE);
  if (rapport_order_counts_as_sale (rapport_order_get_status (order)) && balance > 0)
    y += put_sum (self, cr, draw, y, _("Balance due"), balance, TRUE);
  else if (rapport_order_counts_as_sale (rapport_order_get_status (order)))
    y += put_text (self, cr, draw, _("Paid in full"), MARGIN, y, self->width - 2 * MARGIN,
                   BODY_SIZE, TRUE, TRUE) + 2;
  if (*rapport_order_get_notes (order) != '\0')
    y += GAP + put_text (self, cr, draw, rapport_order_get_notes (order), MARGIN, y + GAP,
                         self->width - 2 * MARGIN, BODY_SIZE, FALSE, FALSE);
  return y - top;
}

static void
put_footer (RapportInvoice *self,
            cairo_t        *cr,
            guint           page)
{
  RapportPageFrame frame = { self->width, self->height, self->rtl };

  _rapport_document_put_footer (&frame, cr, page, self->page_starts->len);
}

static double
page_bottom (RapportInvoice *self)
{
  return self->height - MARGIN;
}

/**
 * rapport_invoice_paginate:
 * @self: an invoice
 * @cr: a context of the kind it will be drawn on, to measure text
 * @width: the page's width, in the context's units (points)
 * @height: its height
 *
 * Returns: how many pages the invoice takes
 */
guint
rapport_invoice_paginate (RapportInvoice *self,
                          cairo_t        *cr,
                          double          width,
                          double          height)
{
  GPtrArray *lines = rapport_order_get_lines (self->order);
  guint first = 0;
  double y;

  g_return_val_if_fail (RAPPORT_IS_INVOICE (self), 0);

  self->width = width;
  self->height = height;
  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, first);

  y = MARGIN + put_header (self, cr, FALSE, MARGIN);
  y += put_table_header (self, cr, FALSE, y);
  for (guint i = 0; i < lines->len; i++)
    {
      double row = put_line (self, cr, FALSE, y, g_ptr_array_index (lines, i));

      if (y + row > page_bottom (self) && i > g_array_index (self->page_starts, guint, self->page_starts->len - 1))
        {
          g_array_append_val (self->page_starts, i);
          y = MARGIN + put_continued (self, cr, FALSE, MARGIN);
          y += put_table_header (self, cr, FALSE, y);
        }
      y += row;
    }

  if (y + put_summary (self, cr, FALSE, y) > page_bottom (self))
    g_array_append_val (self->page_starts, lines->len);
  self->summary_page = self->page_starts->len - 1;
  return self->page_starts->len;
}

/**
 * rapport_invoice_draw_page:
 * @self: an invoice, paginated (rapport_invoice_paginate())
 * @cr: where to draw
 * @page: which page, from 0
 */
void
rapport_invoice_draw_page (RapportInvoice *self,
                           cairo_t        *cr,
                           guint           page)
{
  GPtrArray *lines = rapport_order_get_lines (self->order);
  guint start, end;
  double y;

  g_return_if_fail (RAPPORT_IS_INVOICE (self));
  g_return_if_fail (page < self->page_starts->len);

  start = g_array_index (self->page_starts, guint, page);
  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1) : lines->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = MARGIN + (page == 0 ? put_header (self, cr, TRUE, MARGIN) : put_continued (self, cr, TRUE, MARGIN));
  if (start < end || page == 0)
    y += put_table_header (self, cr, TRUE, y);
  for (guint i = start; i < end; i++)
    y += put_line (self, cr, TRUE, y, g_ptr_array_index (lines, i));
  if (page == self->summary_page)
    put_summary (self, cr, TRUE, y);
  put_footer (self, cr, page);
  cairo_restore (cr);
}

/**
 * rapport_invoice_write_pdf:
 * @self: an invoice
 * @path: (type filename): where to write it; replaced if it exists
 * @error: return location for an error naming the file
 *
 * Writes the invoice as an A4 PDF, its text searchable and copyable.
 */
gboolean
rapport_invoice_write_pdf (RapportInvoice  *self,
                           const char      *path,
                           GError         **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (RAPPORT_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->totals_ok)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The order's amounts are too large to add up."));
      return FALSE;
    }

  title = rapport_invoice_dup_title (self);
  return _rapport_document_write_pdf (path, title, self->business->name,
                                      (RapportPaginateFunc) rapport_invoice_paginate,
                                      (RapportDrawPageFunc) rapport_invoice_draw_page, self, error);
}
