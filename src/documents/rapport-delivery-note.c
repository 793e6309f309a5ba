/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-documents"

/* The delivery note (waybill) that goes with a delivery: who sends, who
 * receives and where, the order, what is carried and how much (no
 * prices), the carrier and tracking number, and lines to sign. Laid out
 * like the invoice (rapport-document.c), so it prints and saves alike. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-business-repository.h"
#include "rapport-delivery-note.h"
#include "rapport-delivery-repository.h"
#include "rapport-document-private.h"
#include "rapport-money-format.h"

#define MARGIN RAPPORT_PAGE_MARGIN
#define GAP RAPPORT_PAGE_GAP
#define BODY_SIZE RAPPORT_PAGE_BODY_SIZE
#define ROW_PADDING 4.0
#define QUANTITY_WIDTH 120.0
#define SIGNATURE_HEIGHT 64.0

struct _RapportDeliveryNote
{
  GObject           parent_instance;

  RapportDelivery  *delivery;
  RapportBusiness  *business;
  RapportPageFrame  frame;

  /* From the last rapport_delivery_note_paginate(). */
  GArray           *page_starts;     /* guint: the first line of each page */
  guint             last_page;
};

G_DEFINE_FINAL_TYPE (RapportDeliveryNote, rapport_delivery_note, G_TYPE_OBJECT)

static void
rapport_delivery_note_finalize (GObject *object)
{
  RapportDeliveryNote *self = (RapportDeliveryNote *) object;

  g_clear_pointer (&self->delivery, rapport_delivery_free);
  g_clear_pointer (&self->business, rapport_business_free);
  g_clear_pointer (&self->page_starts, g_array_unref);

  G_OBJECT_CLASS (rapport_delivery_note_parent_class)->finalize (object);
}

static void
rapport_delivery_note_class_init (RapportDeliveryNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_delivery_note_finalize;
}

static void
rapport_delivery_note_init (RapportDeliveryNote *self)
{
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

static RapportDelivery *
copy_delivery (const RapportDelivery *delivery)
{
  RapportDelivery *copy = rapport_delivery_new (delivery->order_id);

#define COPY_TEXT(field) do { g_free (copy->field); copy->field = g_strdup (delivery->field); } while (0)
  copy->id = delivery->id;
  COPY_TEXT (order_number);
  copy->client_id = delivery->client_id;
  COPY_TEXT (client_name);
  copy->carrier_id = delivery->carrier_id;
  COPY_TEXT (carrier_name);
  copy->carrier_pickup = delivery->carrier_pickup;
  COPY_TEXT (tracking_number);
  COPY_TEXT (tracking_uri);
  COPY_TEXT (address);
  COPY_TEXT (planned_on);
  copy->status = delivery->status;
  COPY_TEXT (delivered_on);
  copy->staff_id = delivery->staff_id;
  COPY_TEXT (notes);
#undef COPY_TEXT
  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (delivery->lines, i);
      RapportDeliveryLine *added;

      rapport_delivery_add_line (copy, line->order_line_id, line->quantity);
      added = g_ptr_array_index (copy->lines, i);
      g_free (added->name);
      added->name = g_strdup (line->name);
      g_free (added->unit);
      added->unit = g_strdup (line->unit);
      g_free (added->serial_number);
      added->serial_number = g_strdup (line->serial_number);
    }
  return copy;
}

/**
 * rapport_delivery_note_new:
 * @delivery: the delivery, with its lines (rapport_delivery_repository_get())
 * @business: who sends
 *
 * Returns: (transfer full): the delivery note
 */
RapportDeliveryNote *
rapport_delivery_note_new (const RapportDelivery *delivery,
                           RapportBusiness       *business)
{
  RapportDeliveryNote *self;

  g_return_val_if_fail (delivery != NULL, NULL);
  g_return_val_if_fail (business != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_DELIVERY_NOTE, NULL);
  self->delivery = copy_delivery (delivery);
  self->business = rapport_business_copy (business);
  self->frame.rtl = _rapport_document_locale_is_rtl ();
  return self;
}

/**
 * rapport_delivery_note_load:
 * @database: an open database
 * @delivery_id: a delivery
 * @error: return location for an error, for a person
 *
 * Returns: (transfer full) (nullable): the note of the delivery as it is
 *   saved, or %NULL with @error
 */
RapportDeliveryNote *
rapport_delivery_note_load (RapportDatabase  *database,
                            gint64            delivery_id,
                            GError          **error)
{
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (database);
  g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (database);
  g_autoptr(RapportDelivery) delivery = NULL;
  g_autoptr(RapportBusiness) business = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  delivery = rapport_delivery_repository_get (deliveries, delivery_id, error);
  if (delivery == NULL)
    return NULL;
  business = rapport_business_repository_get (businesses, error);
  if (business == NULL)
    return NULL;
  return rapport_delivery_note_new (delivery, business);
}

/**
 * rapport_delivery_note_set_right_to_left:
 * @self: a delivery note
 * @rtl: whether its pages read from right to left
 */
void
rapport_delivery_note_set_right_to_left (RapportDeliveryNote *self,
                                         gboolean             rtl)
{
  g_return_if_fail (RAPPORT_IS_DELIVERY_NOTE (self));
  self->frame.rtl = !!rtl;
}

/**
 * rapport_delivery_note_dup_title:
 * @self: a delivery note
 *
 * Returns: (transfer full): “Delivery note 2026-0042/3”: the order's
 *   number and the delivery's
 */
char *
rapport_delivery_note_dup_title (RapportDeliveryNote *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_NOTE (self), NULL);
  /* TRANSLATORS: a document's title; %s is the order's number, %lld the
   * delivery's */
  return g_strdup_printf (_("Delivery note %s/%lld"), self->delivery->order_number,
                          (long long) self->delivery->id);
}

static double
put_text (RapportDeliveryNote *self,
          cairo_t             *cr,
          gboolean             draw,
          const char          *text,
          double               x,
          double               y,
          double               width,
          double               size,
          gboolean             bold,
          gboolean             at_end)
{
  return _rapport_document_put_text (&self->frame, cr, draw, text, x, y, width, size, bold, at_end);
}

static double
content_width (RapportDeliveryNote *self)
{
  return self->frame.width - 2 * MARGIN;
}

static double
put_row (RapportDeliveryNote *self,
         cairo_t             *cr,
         gboolean             draw,
         double               y,
         const char          *description,
         const char          *quantity,
         gboolean             bold)
{
  double description_width = content_width (self) - QUANTITY_WIDTH;
  double height;

  height = put_text (self, cr, draw, description, MARGIN, y + ROW_PADDING, description_width,
                     BODY_SIZE, bold, FALSE);
  height = MAX (height, put_text (self, cr, draw, quantity, MARGIN + description_width + 4, y + ROW_PADDING,
                                  QUANTITY_WIDTH - 4, BODY_SIZE, bold, TRUE));
  return height + 2 * ROW_PADDING;
}

static void
rule (RapportDeliveryNote *self,
      cairo_t             *cr,
      double               y,
      double               x,
      double               width)
{
  double left = self->frame.rtl ? self->frame.width - x - width : x;

  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, y);
  cairo_line_to (cr, left + width, y);
  cairo_stroke (cr);
}

static double
put_table_header (RapportDeliveryNote *self,
                  cairo_t             *cr,
                  gboolean             draw,
                  double               y)
{
  double height = put_row (self, cr, draw, y, C_("delivery note column", "Item"),
                           C_("delivery note column", "Quantity"), TRUE);

  if (draw)
    rule (self, cr, y + height, MARGIN, content_width (self));
  return height + 2;
}

static double
put_line (RapportDeliveryNote *self,
          cairo_t             *cr,
          gboolean             draw,
          double               y,
          RapportDeliveryLine *line)
{
  g_autofree char *number = rapport_quantity_format (line->quantity);
  g_autofree char *quantity = *line->unit ? g_strdup_printf ("%s %s", number, line->unit) : g_strdup (number);
  g_autofree char *description = NULL;

  if (*line->serial_number != '\0')
    {
      g_autofree char *serial = _rapport_document_isolate (g_strdup (line->serial_number));

      /* TRANSLATORS: a delivered item and its serial number, on a delivery note */
      description = g_strdup_printf (_("%s\nSerial number: %s"), line->name, serial);
    }
  else
    description = g_strdup (line->name);
  return put_row (self, cr, draw, y, description, quantity, FALSE);
}

static char *
sender_text (RapportDeliveryNote *self)
{
  g_autofree char *details = _rapport_document_business_text (self->business);

  if (*self->business->name == '\0')
    return g_steal_pointer (&details);
  return *details ? g_strdup_printf ("%s\n%s", self->business->name, details) : g_strdup (self->business->name);
}

static char *
recipient_text (RapportDeliveryNote *self)
{
  RapportDelivery *delivery = self->delivery;

  if (*delivery->address != '\0')
    return g_strdup_printf ("%s\n%s", delivery->client_name, delivery->address);
  /* TRANSLATORS: on a delivery note without an address */
  return g_strdup_printf ("%s\n%s", delivery->client_name, _("Collected in person"));
}

static char *
details_text (RapportDeliveryNote *self)
{
  RapportDelivery *delivery = self->delivery;
  g_autofree char *number = _rapport_document_isolate (g_strdup (delivery->order_number));
  g_autofree char *planned = _rapport_document_format_day (delivery->planned_on);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: on a delivery note; %s is the order's number */
  g_string_append_printf (text, _("Order: %s"), number);
  g_string_append_c (text, '\n');
  /* TRANSLATORS: on a delivery note; %s is a date */
  g_string_append_printf (text, _("Planned for: %s"), planned);
  if (delivery->delivered_on != NULL)
    {
      g_autofree char *delivered = _rapport_document_format_day (delivery->delivered_on);

      g_string_append_c (text, '\n');
      /* TRANSLATORS: on a delivery note; %s is a date */
      g_string_append_printf (text, _("Delivered: %s"), delivered);
    }
  g_string_append_c (text, '\n');
  /* TRANSLATORS: on a delivery note; %s is the carrier's name */
  g_string_append_printf (text, _("Carrier: %s"), delivery->carrier_name);
  if (*delivery->tracking_number != '\0')
    {
      g_autofree char *tracking = _rapport_document_isolate (g_strdup (delivery->tracking_number));

      g_string_append_c (text, '\n');
      /* TRANSLATORS: on a delivery note; %s is the carrier's tracking number */
      g_string_append_printf (text, _("Tracking number: %s"), tracking);
    }
  return g_string_free (text, FALSE);
}

/* The first page's top: the title, who sends and who receives (and
 * where), side by side, then the order, days, carrier and tracking
 * number. */
static double
put_header (RapportDeliveryNote *self,
            cairo_t             *cr,
            gboolean             draw,
            double               y)
{
  double half = (content_width (self) - 2 * GAP) / 2;
  g_autofree char *title = rapport_delivery_note_dup_title (self);
  g_autofree char *sender = sender_text (self);
  g_autofree char *recipient = recipient_text (self);
  g_autofree char *details = details_text (self);
  double top = y, left, right;

  if (draw)
    _rapport_document_draw_logo (&self->frame, cr, self->business->logo, y);
  y += put_text (self, cr, draw, title, MARGIN, y,
                 content_width (self) - (self->business->logo ? RAPPORT_LOGO_WIDTH + GAP : 0),
                 18, TRUE, FALSE);
  y = MAX (y, top + (self->business->logo ? RAPPORT_LOGO_HEIGHT : 0)) + 2 * GAP;

  left = put_text (self, cr, draw, C_("delivery note", "Sender"), MARGIN, y, half, BODY_SIZE, TRUE, FALSE);
  left += put_text (self, cr, draw, sender, MARGIN, y + left, half, BODY_SIZE, FALSE, FALSE);
  right = put_text (self, cr, draw, C_("delivery note", "Recipient"), MARGIN + half + 2 * GAP, y, half,
                    BODY_SIZE, TRUE, FALSE);
  right += put_text (self, cr, draw, recipient, MARGIN + half + 2 * GAP, y + right, half, BODY_SIZE,
                     FALSE, FALSE);
  y += MAX (left, right) + 2 * GAP;
  y += put_text (self, cr, draw, details, MARGIN, y, content_width (self), BODY_SIZE, FALSE, FALSE);
  return y + 2 * GAP - top;
}

static double
put_continued (RapportDeliveryNote *self,
               cairo_t             *cr,
               gboolean             draw,
               double               y)
{
  g_autofree char *title = rapport_delivery_note_dup_title (self);
  /* TRANSLATORS: at the top of a document's next pages; %s is its title */
  g_autofree char *text = g_strdup_printf (_("%s, continued"), title);

  return put_text (self, cr, draw, text, MARGIN, y, content_width (self), BODY_SIZE, TRUE, FALSE) + GAP;
}

/* The notes, and a line to sign for whoever hands over and receives. */
static double
put_end (RapportDeliveryNote *self,
         cairo_t             *cr,
         gboolean             draw,
         double               y)
{
  double half = (content_width (self) - 4 * GAP) / 2;
  double top = y;

  if (*self->delivery->notes != '\0')
    y += GAP + put_text (self, cr, draw, self->delivery->notes, MARGIN, y + GAP, content_width (self),
                         BODY_SIZE, FALSE, FALSE);
  y += SIGNATURE_HEIGHT;
  if (draw)
    {
      rule (self, cr, y, MARGIN, half);
      rule (self, cr, y, MARGIN + half + 4 * GAP, half);
    }
  y += GAP;
  put_text (self, cr, draw, _("Handed over by: date and signature"), MARGIN, y, half, 8, FALSE, FALSE);
  y += put_text (self, cr, draw, _("Received by: date and signature"), MARGIN + half + 4 * GAP, y, half,
                 8, FALSE, FALSE);
  return y - top;
}

static double
page_bottom (RapportDeliveryNote *self)
{
  return self->frame.height - MARGIN;
}

/**
 * rapport_delivery_note_paginate:
 * @self: a delivery note
 * @cr: a context of the kind it will be drawn on, to measure text
 * @width: the page's width, in the context's units (points)
 * @height: its height
 *
 * Returns: how many pages the note takes
 */
guint
rapport_delivery_note_paginate (RapportDeliveryNote *self,
                                cairo_t             *cr,
                                double               width,
                                double               height)
{
  GPtrArray *lines;
  guint first = 0;
  double y;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_NOTE (self), 0);

  lines = self->delivery->lines;
  self->frame.width = width;
  self->frame.height = height;
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
  if (y + put_end (self, cr, FALSE, y) > page_bottom (self))
    g_array_append_val (self->page_starts, lines->len);
  self->last_page = self->page_starts->len - 1;
  return self->page_starts->len;
}

/**
 * rapport_delivery_note_draw_page:
 * @self: a delivery note, paginated
 * @cr: where to draw
 * @page: which page, from 0
 */
void
rapport_delivery_note_draw_page (RapportDeliveryNote *self,
                                 cairo_t             *cr,
                                 guint                page)
{
  GPtrArray *lines;
  guint start, end;
  double y;

  g_return_if_fail (RAPPORT_IS_DELIVERY_NOTE (self));
  g_return_if_fail (page < self->page_starts->len);

  lines = self->delivery->lines;
  start = g_array_index (self->page_starts, guint, page);
  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1) : lines->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = MARGIN + (page == 0 ? put_header (self, cr, TRUE, MARGIN) : put_continued (self, cr, TRUE, MARGIN));
  if (start < end || page == 0)
    y += put_table_header (self, cr, TRUE, y);
  for (guint i = start; i < end; i++)
    y += put_line (self, cr, TRUE, y, g_ptr_array_index (lines, i));
  if (page == self->last_page)
    put_end (self, cr, TRUE, y);
  _rapport_document_put_footer (&self->frame, cr, page, self->page_starts->len);
  cairo_restore (cr);
}

/**
 * rapport_delivery_note_write_pdf:
 * @self: a delivery note
 * @path: (type filename): where to write it; replaced if it exists
 * @error: return location for an error naming the file
 */
gboolean
rapport_delivery_note_write_pdf (RapportDeliveryNote  *self,
                                 const char           *path,
                                 GError              **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_NOTE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  title = rapport_delivery_note_dup_title (self);
  return _rapport_document_write_pdf (path, title, self->business->name,
                                      (RapportPaginateFunc) rapport_delivery_note_paginate,
                                      (RapportDrawPageFunc) rapport_delivery_note_draw_page, self, error);
}
