/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-delivery.h"
#include "rapport-set-str-private.h"

/* The words stored in the database; never translated. */
static const char * const status_names[] = {
  "planned", "packed", "shipped", "in-transit", "delivered", "returned", "failed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == RAPPORT_DELIVERY_N_STATUSES);

/**
 * rapport_delivery_new:
 * @order_id: the order it delivers
 *
 * Returns: (transfer full): a planned delivery carrying nothing yet
 */
RapportDelivery *
rapport_delivery_new (gint64 order_id)
{
  RapportDelivery *self = g_new0 (RapportDelivery, 1);

  self->order_id = order_id;
  self->order_number = g_strdup ("");
  self->client_name = g_strdup ("");
  self->carrier_name = g_strdup ("");
  self->tracking_number = g_strdup ("");
  self->tracking_uri = g_strdup ("");
  self->address = g_strdup ("");
  self->notes = g_strdup ("");
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_delivery_line_free);
  return self;
}

void
rapport_delivery_free (RapportDelivery *self)
{
  if (self == NULL)
    return;
  g_free (self->order_number);
  g_free (self->client_name);
  g_free (self->carrier_name);
  g_free (self->tracking_number);
  g_free (self->tracking_uri);
  g_free (self->address);
  g_free (self->planned_on);
  g_free (self->delivered_on);
  g_free (self->notes);
  g_ptr_array_unref (self->lines);
  g_free (self);
}

/**
 * rapport_delivery_add_line:
 * @self: a delivery being put together
 * @order_line_id: a line of its order
 * @quantity: how much of it, in thousandths
 */
void
rapport_delivery_add_line (RapportDelivery *self,
                           gint64           order_line_id,
                           gint64           quantity)
{
  RapportDeliveryLine *line = g_new0 (RapportDeliveryLine, 1);

  line->order_line_id = order_line_id;
  line->quantity = quantity;
  line->name = g_strdup ("");
  line->unit = g_strdup ("");
  line->serial_number = g_strdup ("");
  g_ptr_array_add (self->lines, line);
}

void
rapport_delivery_line_free (RapportDeliveryLine *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->unit);
  g_free (self->serial_number);
  g_free (self);
}

void
rapport_deliverable_free (RapportDeliverable *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->unit);
  g_free (self);
}

void
rapport_delivery_change_free (RapportDeliveryChange *self)
{
  if (self == NULL)
    return;
  g_free (self->staff_name);
  g_free (self->note);
  g_free (self);
}

/**
 * rapport_carrier_new:
 * @name: its name
 *
 * Returns: (transfer full): an active carrier that delivers to an address
 *   and has no tracking address
 */
RapportCarrier *
rapport_carrier_new (const char *name)
{
  RapportCarrier *self = g_new0 (RapportCarrier, 1);

  self->name = _rapport_strdup_valid (name ? name : "");
  self->tracking_pattern = g_strdup ("");
  self->active = TRUE;
  return self;
}

void
rapport_carrier_free (RapportCarrier *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->tracking_pattern);
  g_free (self);
}

void
rapport_warranty_free (RapportWarranty *self)
{
  if (self == NULL)
    return;
  g_free (self->order_number);
  g_free (self->client_name);
  g_free (self->product);
  g_free (self->serial_number);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self);
}

const char *
rapport_delivery_status_to_string (RapportDeliveryStatus status)
{
  g_return_val_if_fail (status < RAPPORT_DELIVERY_N_STATUSES, "planned");
  return status_names[status];
}

/**
 * rapport_delivery_status_from_string:
 * @text: a status as stored (“in-transit”)
 * @status: (out): the status
 *
 * Returns: whether @text names a status
 */
gboolean
rapport_delivery_status_from_string (const char            *text,
                                     RapportDeliveryStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (RapportDeliveryStatus) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rapport_delivery_status_get_label:
 * @status: a status
 *
 * Returns: what a person reads for it, translated
 */
const char *
rapport_delivery_status_get_label (RapportDeliveryStatus status)
{
  switch (status)
    {
    /* TRANSLATORS: a delivery's status */
    case RAPPORT_DELIVERY_PLANNED: return C_("delivery", "Planned");
    /* TRANSLATORS: a delivery's status */
    case RAPPORT_DELIVERY_PACKED: return C_("delivery", "Packed");
    /* TRANSLATORS: a delivery's status: handed to the carrier */
    case RAPPORT_DELIVERY_SHIPPED: return C_("delivery", "Shipped");
    /* TRANSLATORS: a delivery's status */
    case RAPPORT_DELIVERY_IN_TRANSIT: return C_("delivery", "In transit");
    /* TRANSLATORS: a delivery's status */
    case RAPPORT_DELIVERY_DELIVERED: return C_("delivery", "Delivered");
    /* TRANSLATORS: a delivery's status: it came back after it was delivered */
    case RAPPORT_DELIVERY_RETURNED: return C_("delivery", "Returned");
    /* TRANSLATORS: a delivery's status: it never arrived */
    case RAPPORT_DELIVERY_FAILED: return C_("delivery", "Failed");
    default: return "";
    }
}
