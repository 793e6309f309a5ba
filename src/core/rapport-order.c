/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-order.h"
#include "rapport-set-str-private.h"

/* An order: who, when, what state it is in, its lines, and what is paid.
 * What may be done with it is in rapport-order-rules.c. */
struct _RapportOrder
{
  GObject             parent_instance;

  gint64              id;
  char               *number;
  gint64              client_id;
  char               *client_name;
  gint64              staff_id;
  char               *ordered_on;
  RapportOrderStatus  status;
  char               *quote_valid_until;
  gint64              lost_reason_id;
  char               *lost_reason;
  guint               payment_terms_days;
  char               *currency;
  gboolean            prices_include_tax;
  char               *notes;
  gint64              campaign_id;
  GPtrArray          *lines;      /* RapportOrderLine */
  gint64              total;
  gint64              paid;
  gint64              created_at;
};

G_DEFINE_FINAL_TYPE (RapportOrder, rapport_order, G_TYPE_OBJECT)

/* The words stored in the database; never translated. */
static const char * const status_names[] = {
  "draft", "quoted", "confirmed", "fulfilled", "closed", "lost", "cancelled",
};

static void
rapport_order_finalize (GObject *object)
{
  RapportOrder *self = (RapportOrder *) object;

  g_free (self->number);
  g_free (self->client_name);
  g_free (self->ordered_on);
  g_free (self->quote_valid_until);
  g_free (self->lost_reason);
  g_free (self->currency);
  g_free (self->notes);
  g_ptr_array_unref (self->lines);

  G_OBJECT_CLASS (rapport_order_parent_class)->finalize (object);
}

static void
rapport_order_class_init (RapportOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_order_finalize;
}

static void
rapport_order_init (RapportOrder *self)
{
  self->number = g_strdup ("");
  self->client_name = g_strdup ("");
  self->ordered_on = g_strdup ("");
  self->lost_reason = g_strdup ("");
  self->currency = g_strdup ("");
  self->notes = g_strdup ("");
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_order_line_free);
}

/**
 * rapport_order_new:
 * @client_id: whose order
 *
 * Returns: (transfer full): a new draft order with no lines
 */
RapportOrder *
rapport_order_new (gint64 client_id)
{
  RapportOrder *self = g_object_new (RAPPORT_TYPE_ORDER, NULL);

  self->client_id = client_id;
  return self;
}

/**
 * rapport_order_copy:
 * @self: an order
 *
 * Returns: (transfer full): a copy with copies of the lines, for editing
 *   or for Undo
 */
RapportOrder *
rapport_order_copy (RapportOrder *self)
{
  RapportOrder *copy;

  g_return_val_if_fail (RAPPORT_IS_ORDER (self), NULL);

  copy = rapport_order_new (self->client_id);
  copy->id = self->id;
  _rapport_set_str (&copy->number, self->number);
  _rapport_set_str (&copy->client_name, self->client_name);
  copy->staff_id = self->staff_id;
  _rapport_set_str (&copy->ordered_on, self->ordered_on);
  copy->status = self->status;
  _rapport_set_str (&copy->quote_valid_until, self->quote_valid_until);
  copy->lost_reason_id = self->lost_reason_id;
  _rapport_set_str (&copy->lost_reason, self->lost_reason);
  copy->payment_terms_days = self->payment_terms_days;
  _rapport_set_str (&copy->currency, self->currency);
  copy->prices_include_tax = self->prices_include_tax;
  _rapport_set_str (&copy->notes, self->notes);
  copy->campaign_id = self->campaign_id;
  for (guint i = 0; i < self->lines->len; i++)
    rapport_order_add_line (copy, g_ptr_array_index (self->lines, i));
  copy->total = self->total;
  copy->paid = self->paid;
  copy->created_at = self->created_at;
  return copy;
}

#define GETTER(type, name, field) \
  type \
  rapport_order_get_##name (RapportOrder *self) \
  { \
    g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0); \
    return self->field; \
  }

GETTER (gint64, id, id)
GETTER (const char *, number, number)
GETTER (gint64, client_id, client_id)
GETTER (const char *, client_name, client_name)
GETTER (gint64, staff_id, staff_id)
GETTER (const char *, ordered_on, ordered_on)
GETTER (RapportOrderStatus, status, status)
GETTER (const char *, quote_valid_until, quote_valid_until)
GETTER (gint64, lost_reason_id, lost_reason_id)
GETTER (const char *, lost_reason, lost_reason)
GETTER (guint, payment_terms_days, payment_terms_days)
GETTER (const char *, currency, currency)
GETTER (gboolean, prices_include_tax, prices_include_tax)
GETTER (const char *, notes, notes)
GETTER (gint64, campaign_id, campaign_id)
GETTER (GPtrArray *, lines, lines)
GETTER (gint64, total, total)
GETTER (gint64, paid, paid)
GETTER (gint64, created_at, created_at)

#undef GETTER

/**
 * rapport_order_get_balance:
 * @self: an order
 *
 * Returns: what is still owed: the total less what was paid; below zero
 *   when more was paid
 */
gint64
rapport_order_get_balance (RapportOrder *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER (self), 0);
  return self->total - self->paid;
}

void
rapport_order_set_id (RapportOrder *self,
                      gint64        id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->id = id;
}

void
rapport_order_set_number (RapportOrder *self,
                          const char   *number)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  _rapport_set_str (&self->number, number ? number : "");
}

void
rapport_order_set_client_id (RapportOrder *self,
                             gint64        client_id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->client_id = client_id;
}

void
rapport_order_set_staff_id (RapportOrder *self,
                            gint64        staff_id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->staff_id = staff_id;
}

void
rapport_order_set_ordered_on (RapportOrder *self,
                              const char   *iso_date)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  _rapport_set_str (&self->ordered_on, iso_date ? iso_date : "");
}

void
rapport_order_set_quote_valid_until (RapportOrder *self,
                                     const char   *iso_date)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  _rapport_set_str (&self->quote_valid_until, iso_date && *iso_date ? iso_date : NULL);
}

void
rapport_order_set_payment_terms_days (RapportOrder *self,
                                      guint         days)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->payment_terms_days = days;
}

void
rapport_order_set_currency (RapportOrder *self,
                            const char   *currency)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  _rapport_set_str (&self->currency, currency ? currency : "");
}

void
rapport_order_set_prices_include_tax (RapportOrder *self,
                                      gboolean      include)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->prices_include_tax = !!include;
}

void
rapport_order_set_notes (RapportOrder *self,
                         const char   *notes)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  _rapport_set_str (&self->notes, notes ? notes : "");
}

void
rapport_order_set_campaign_id (RapportOrder *self,
                               gint64        campaign_id)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  self->campaign_id = campaign_id;
}

void
rapport_order_add_line (RapportOrder           *self,
                        const RapportOrderLine *line)
{
  g_return_if_fail (RAPPORT_IS_ORDER (self));
  g_return_if_fail (line != NULL);
  g_ptr_array_add (self->lines, rapport_order_line_copy (line));
}

void
_rapport_order_set_status (RapportOrder       *self,
                           RapportOrderStatus  status)
{
  self->status = status;
}

void
_rapport_order_set_client_name (RapportOrder *self,
                                const char   *name)
{
  _rapport_set_str (&self->client_name, name ? name : "");
}

void
_rapport_order_set_lost_reason (RapportOrder *self,
                                gint64        id,
                                const char   *name)
{
  self->lost_reason_id = id;
  _rapport_set_str (&self->lost_reason, name ? name : "");
}

void
_rapport_order_set_money (RapportOrder *self,
                          gint64        total,
                          gint64        paid)
{
  self->total = total;
  self->paid = paid;
}

void
_rapport_order_set_created_at (RapportOrder *self,
                               gint64        created_at)
{
  self->created_at = created_at;
}

const char *
rapport_order_status_to_string (RapportOrderStatus status)
{
  g_return_val_if_fail (status <= RAPPORT_ORDER_CANCELLED, "draft");
  return status_names[status];
}

gboolean
rapport_order_status_from_string (const char         *text,
                                  RapportOrderStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (RapportOrderStatus) i;
        return TRUE;
      }
  return FALSE;
}
