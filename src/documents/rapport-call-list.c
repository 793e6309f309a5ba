/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-documents"

/* A phone campaign's call list: whom to call, at which number (in
 * international form where the country is known), and an empty column to
 * write what each call brought, with room for a pen. Laid out like the
 * invoice (rapport-document.c), so it prints and saves alike. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-business-repository.h"
#include "rapport-call-list.h"
#include "rapport-campaign-repository.h"
#include "rapport-client-repository.h"
#include "rapport-document-private.h"
#include "rapport-error.h"
#include "rapport-money-format.h"
#include "rapport-text.h"

#define MARGIN RAPPORT_PAGE_MARGIN
#define GAP RAPPORT_PAGE_GAP
#define BODY_SIZE RAPPORT_PAGE_BODY_SIZE
#define ROW_PADDING 4.0
/* Room to write a line or two by hand. */
#define ROW_MIN_HEIGHT 30.0

typedef struct
{
  char *name;
  char *phone;
} CallRow;

struct _RapportCallList
{
  GObject           parent_instance;

  char             *campaign_name;
  RapportBusiness  *business;
  GPtrArray        *rows;            /* CallRow */
  RapportPageFrame  frame;

  /* From the last rapport_call_list_paginate(). */
  GArray           *page_starts;     /* guint: the first row of each page */
};

G_DEFINE_FINAL_TYPE (RapportCallList, rapport_call_list, G_TYPE_OBJECT)

static void
call_row_free (CallRow *row)
{
  g_free (row->name);
  g_free (row->phone);
  g_free (row);
}

static void
rapport_call_list_finalize (GObject *object)
{
  RapportCallList *self = (RapportCallList *) object;

  g_free (self->campaign_name);
  g_clear_pointer (&self->business, rapport_business_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);

  G_OBJECT_CLASS (rapport_call_list_parent_class)->finalize (object);
}

static void
rapport_call_list_class_init (RapportCallListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_call_list_finalize;
}

static void
rapport_call_list_init (RapportCallList *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) call_row_free);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * rapport_call_list_new:
 * @campaign_name: the campaign's name, for the title
 * @business: who calls
 *
 * Returns: (transfer full): an empty call list; add its rows with
 *   rapport_call_list_add()
 */
RapportCallList *
rapport_call_list_new (const char      *campaign_name,
                       RapportBusiness *business)
{
  RapportCallList *self;

  g_return_val_if_fail (business != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_CALL_LIST, NULL);
  self->campaign_name = g_utf8_make_valid (campaign_name ? campaign_name : "", -1);
  self->business = rapport_business_copy (business);
  self->frame.rtl = _rapport_document_locale_is_rtl ();
  return self;
}

/**
 * rapport_call_list_add:
 * @self: a call list
 * @name: whom to call
 * @phone: the number, as it is to be dialled
 */
void
rapport_call_list_add (RapportCallList *self,
                       const char      *name,
                       const char      *phone)
{
  CallRow *row;

  g_return_if_fail (RAPPORT_IS_CALL_LIST (self));

  row = g_new0 (CallRow, 1);
  row->name = g_utf8_make_valid (name ? name : "", -1);
  row->phone = g_utf8_make_valid (phone ? phone : "", -1);
  g_ptr_array_add (self->rows, row);
}

guint
rapport_call_list_get_n_rows (RapportCallList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALL_LIST (self), 0);
  return self->rows->len;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CallRow *row_a = *(const CallRow * const *) a;
  const CallRow *row_b = *(const CallRow * const *) b;

  return g_utf8_collate (row_a->name, row_b->name);
}

/**
 * rapport_call_list_load:
 * @database: an open database
 * @campaign_id: a phone campaign whose recipients are frozen (sending or
 *   sent)
 * @error: return location for an error, for a person
 *
 * Returns: (transfer full) (nullable): the campaign's recipients in the
 *   order of their names, each with the number the list was made with,
 *   or %NULL with @error
 */
RapportCallList *
rapport_call_list_load (RapportDatabase  *database,
                        gint64            campaign_id,
                        GError          **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (database);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autofree char *region = NULL;
  RapportCallList *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  campaign = rapport_campaign_repository_get (campaigns, campaign_id, error);
  if (campaign == NULL)
    return NULL;
  if (campaign->channel != RAPPORT_CHANNEL_PHONE)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” is not a phone call list."), campaign->name);
      return NULL;
    }
  if (campaign->status == RAPPORT_CAMPAIGN_DRAFT)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” is still a draft: its recipients are chosen when its list is first "
                     "printed."), campaign->name);
      return NULL;
    }
  recipients = rapport_campaign_repository_list_recipients (campaigns, campaign_id, error);
  if (recipients == NULL)
    return NULL;
  business = rapport_business_repository_get (businesses, error);
  if (business == NULL)
    return NULL;
  region = rapport_client_repository_dup_phone_region (clients, NULL);

  self = rapport_call_list_new (campaign->name, business);
  for (guint i = 0; i < recipients->len; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autofree char *phone = NULL;

      if (recipient->state == RAPPORT_RECIPIENT_SKIPPED)
        continue;
      phone = rapport_phone_international (recipient->address, region);
      rapport_call_list_add (self, recipient->name, phone);
    }
  g_ptr_array_sort (self->rows, compare_rows);
  return self;
}

/**
 * rapport_call_list_set_right_to_left:
 * @self: a call list
 * @rtl: whether its pages read from right to left
 */
void
rapport_call_list_set_right_to_left (RapportCallList *self,
                                     gboolean         rtl)
{
  g_return_if_fail (RAPPORT_IS_CALL_LIST (self));
  self->frame.rtl = !!rtl;
}

/**
 * rapport_call_list_dup_title:
 * @self: a call list
 *
 * Returns: (transfer full): “Call list: Spring sale”
 */
char *
rapport_call_list_dup_title (RapportCallList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALL_LIST (self), NULL);
  /* TRANSLATORS: a printed document's title; %s is the campaign's name */
  return g_strdup_printf (_("Call list: %s"), self->campaign_name);
}

static double
content_width (RapportCallList *self)
{
  return self->frame.width - 2 * MARGIN;
}

static double
put_text (RapportCallList *self,
          cairo_t         *cr,
          gboolean         draw,
          const char      *text,
          double           x,
          double           y,
          double           width,
          double           size,
          gboolean         bold)
{
  return _rapport_document_put_text (&self->frame, cr, draw, text, x, y, width, size, bold, FALSE);
}

static void
rule (RapportCallList *self,
      cairo_t         *cr,
      double           y,
      double           width)
{
  double left = self->frame.rtl ? self->frame.width - MARGIN - width : MARGIN;

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, y);
  cairo_line_to (cr, left + width, y);
  cairo_stroke (cr);
}

/* A row of the table: the name, the number and the notes, side by side. */
static double
put_row (RapportCallList *self,
         cairo_t         *cr,
         gboolean         draw,
         double           y,
         const char      *name,
         const char      *phone,
         const char      *notes,
         gboolean         bold,
         double           min_height)
{
  double width = content_width (self);
  double name_width = width * 0.34, phone_width = width * 0.24;
  double notes_width = width - name_width - phone_width - 2 * GAP;
  double height;

  height = put_text (self, cr, draw, name, MARGIN, y + ROW_PADDING, name_width, BODY_SIZE, bold);
  height = MAX (height, put_text (self, cr, draw, phone, MARGIN + name_width + GAP, y + ROW_PADDING,
                                  phone_width, BODY_SIZE, bold));
  height = MAX (height, put_text (self, cr, draw, notes, MARGIN + name_width + phone_width + 2 * GAP,
                                  y + ROW_PADDING, notes_width, BODY_SIZE, bold));
  height = MAX (height + 2 * ROW_PADDING, min_height);
  if (draw)
    rule (self, cr, y + height, width);
  return height;
}

static double
put_table_header (RapportCallList *self,
                  cairo_t         *cr,
                  gboolean         draw,
                  double           y)
{
  return put_row (self, cr, draw, y, C_("call list column", "Name"), C_("call list column", "Phone"),
                  C_("call list column", "Notes"), TRUE, 0) + 2;
}

static double
put_client (RapportCallList *self,
            cairo_t         *cr,
            gboolean         draw,
            double           y,
            guint            index)
{
  CallRow *row = g_ptr_array_index (self->rows, index);
  g_autofree char *phone = _rapport_document_isolate (g_strdup (row->phone));
  /* A Latin name in a Persian list keeps its full stop at its end. */
  g_autofree char *name = _rapport_document_isolate (g_strdup (row->name));

  return put_row (self, cr, draw, y, name, phone, "", FALSE, ROW_MIN_HEIGHT);
}

/* The first page's top: the title, who calls, and how many. */
static double
put_header (RapportCallList *self,
            cairo_t         *cr,
            gboolean         draw,
            double           y)
{
  g_autofree char *title = rapport_call_list_dup_title (self);
  g_autofree char *number = rapport_quantity_format ((gint64) self->rows->len * 1000);
  g_autofree char *count = NULL;
  double top = y;

  /* TRANSLATORS: under a call list's title; %s is a number in the reader's digits */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person to call", "%s people to call",
                                        self->rows->len),
                           number);
  y += put_text (self, cr, draw, title, MARGIN, y, content_width (self), 16, TRUE);
  if (*self->business->name != '\0')
    y += put_text (self, cr, draw, self->business->name, MARGIN, y + GAP, content_width (self), BODY_SIZE,
                   FALSE) + GAP;
  y += put_text (self, cr, draw, count, MARGIN, y + GAP, content_width (self), BODY_SIZE, FALSE) + GAP;
  return y + 2 * GAP - top;
}

static double
put_continued (RapportCallList *self,
               cairo_t         *cr,
               gboolean         draw,
               double           y)
{
  g_autofree char *title = rapport_call_list_dup_title (self);
  /* TRANSLATORS: at the top of a document's next pages; %s is its title */
  g_autofree char *text = g_strdup_printf (_("%s, continued"), title);

  return put_text (self, cr, draw, text, MARGIN, y, content_width (self), BODY_SIZE, TRUE) + GAP;
}

static double
page_bottom (RapportCallList *self)
{
  return self->frame.height - MARGIN;
}

/**
 * rapport_call_list_paginate:
 * @self: a call list
 * @cr: a context of the kind it will be drawn on, to measure text
 * @width: the page's width, in the context's units (points)
 * @height: its height
 *
 * Returns: how many pages the list takes
 */
guint
rapport_call_list_paginate (RapportCallList *self,
                            cairo_t         *cr,
                            double           width,
                            double           height)
{
  guint first = 0;
  double y;

  g_return_val_if_fail (RAPPORT_IS_CALL_LIST (self), 0);

  self->frame.width = width;
  self->frame.height = height;
  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, first);

  y = MARGIN + put_header (self, cr, FALSE, MARGIN);
  y += put_table_header (self, cr, FALSE, y);
  for (guint i = 0; i < self->rows->len; i++)
    {
      double row = put_client (self, cr, FALSE, y, i);

      if (y + row > page_bottom (self) && i > g_array_index (self->page_starts, guint, self->page_starts->len - 1))
        {
          g_array_append_val (self->page_starts, i);
          y = MARGIN + put_continued (self, cr, FALSE, MARGIN);
          y += put_table_header (self, cr, FALSE, y);
        }
      y += row;
    }
  return self->page_starts->len;
}

/**
 * rapport_call_list_draw_page:
 * @self: a call list, paginated
 * @cr: where to draw
 * @page: which page, from 0
 */
void
rapport_call_list_draw_page (RapportCallList *self,
                             cairo_t         *cr,
                             guint            page)
{
  guint start, end;
  double y;

  g_return_if_fail (RAPPORT_IS_CALL_LIST (self));
  g_return_if_fail (page < self->page_starts->len);

  start = g_array_index (self->page_starts, guint, page);
  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1) : self->rows->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = MARGIN + (page == 0 ? put_header (self, cr, TRUE, MARGIN) : put_continued (self, cr, TRUE, MARGIN));
  y += put_table_header (self, cr, TRUE, y);
  for (guint i = start; i < end; i++)
    y += put_client (self, cr, TRUE, y, i);
  _rapport_document_put_footer (&self->frame, cr, page, self->page_starts->len);
  cairo_restore (cr);
}

/**
 * rapport_call_list_write_pdf:
 * @self: a call list
 * @path: (type filename): where to write it; replaced if it exists
 * @error: return location for an error naming the file
 */
gboolean
rapport_call_list_write_pdf (RapportCallList  *self,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (RAPPORT_IS_CALL_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  title = rapport_call_list_dup_title (self);
  return _rapport_document_write_pdf (path, title, self->business->name,
                                      (RapportPaginateFunc) rapport_call_list_paginate,
                                      (RapportDrawPageFunc) rapport_call_list_draw_page, self, error);
}
