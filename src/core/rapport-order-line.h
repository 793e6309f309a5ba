/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportItemKind:
 * @RAPPORT_ITEM_PRODUCT: goods, which may be delivered and have a warranty
 * @RAPPORT_ITEM_SERVICE: work, such as a haircut or an hour of advice
 */
typedef enum
{
  RAPPORT_ITEM_PRODUCT,
  RAPPORT_ITEM_SERVICE,
} RapportItemKind;

#define RAPPORT_TYPE_ORDER_LINE (rapport_order_line_get_type ())

/**
 * RapportOrderLine:
 * @id: 0 until saved
 * @catalog_item_id: the catalog item it came from, or 0 for free text
 * @kind: product or service
 * @name: what was sold, as the line keeps it
 * @unit: “pcs”, “h”, “kg”…; may be empty
 * @quantity: in thousandths (1.5 is 1500)
 * @unit_price: in minor units
 * @discount: in hundredths of a percent
 * @tax_rate: in hundredths of a percent
 * @warranty_months: 0 for none
 * @serial_number: may be empty
 * @net: what the line comes to before tax (computed)
 * @tax: its tax (computed)
 * @gross: with tax (computed)
 *
 * One line of an order. It keeps its own copy of name and price: a later
 * change to the catalog rewrites no history.
 */
typedef struct
{
  gint64           id;
  gint64           catalog_item_id;
  RapportItemKind  kind;
  char            *name;
  char            *unit;
  gint64           quantity;
  gint64           unit_price;
  gint             discount;
  gint             tax_rate;
  gint             warranty_months;
  char            *serial_number;
  gint64           net;
  gint64           tax;
  gint64           gross;
} RapportOrderLine;

GType             rapport_order_line_get_type (void) G_GNUC_CONST;
RapportOrderLine *rapport_order_line_new      (const char             *name,
                                               gint64                  quantity,
                                               gint64                  unit_price);
RapportOrderLine *rapport_order_line_copy     (const RapportOrderLine *self);
void              rapport_order_line_free     (RapportOrderLine       *self);
void              rapport_order_line_set_name (RapportOrderLine       *self,
                                               const char             *name);
void              rapport_order_line_set_unit (RapportOrderLine       *self,
                                               const char             *unit);
void              rapport_order_line_set_serial_number (RapportOrderLine *self,
                                                        const char       *serial_number);

const char       *rapport_item_kind_to_string   (RapportItemKind  kind);
gboolean          rapport_item_kind_from_string (const char      *text,
                                                 RapportItemKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportOrderLine, rapport_order_line_free)

G_END_DECLS
