/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-order-line.h"
#include "rapport-set-str-private.h"

G_DEFINE_BOXED_TYPE (RapportOrderLine, rapport_order_line,
                     rapport_order_line_copy, rapport_order_line_free)

/* The words stored in the database; never translated. */
static const char * const kind_names[] = { "product", "service" };

/**
 * rapport_order_line_new:
 * @name: what is sold
 * @quantity: in thousandths
 * @unit_price: in minor units
 *
 * Returns: (transfer full): a line for a product, with no discount or tax
 */
RapportOrderLine *
rapport_order_line_new (const char *name,
                        gint64      quantity,
                        gint64      unit_price)
{
  RapportOrderLine *self = g_new0 (RapportOrderLine, 1);

  self->name = _rapport_strdup_valid (name ? name : "");
  self->unit = g_strdup ("");
  self->serial_number = g_strdup ("");
  self->quantity = quantity;
  self->unit_price = unit_price;
  return self;
}

RapportOrderLine *
rapport_order_line_copy (const RapportOrderLine *self)
{
  RapportOrderLine *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->unit = g_strdup (self->unit);
  copy->serial_number = g_strdup (self->serial_number);
  return copy;
}

void
rapport_order_line_free (RapportOrderLine *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->unit);
  g_free (self->serial_number);
  g_free (self);
}

void
rapport_order_line_set_name (RapportOrderLine *self,
                             const char       *name)
{
  g_return_if_fail (self != NULL);
  _rapport_set_str (&self->name, name ? name : "");
}

void
rapport_order_line_set_unit (RapportOrderLine *self,
                             const char       *unit)
{
  g_return_if_fail (self != NULL);
  _rapport_set_str (&self->unit, unit ? unit : "");
}

void
rapport_order_line_set_serial_number (RapportOrderLine *self,
                                      const char       *serial_number)
{
  g_return_if_fail (self != NULL);
  _rapport_set_str (&self->serial_number, serial_number ? serial_number : "");
}

const char *
rapport_item_kind_to_string (RapportItemKind kind)
{
  g_return_val_if_fail (kind <= RAPPORT_ITEM_SERVICE, "product");
  return kind_names[kind];
}

gboolean
rapport_item_kind_from_string (const char      *text,
                               RapportItemKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (RapportItemKind) i;
        return TRUE;
      }
  return FALSE;
}
