/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-order-line.h"
#include "rapport-order-line-fields.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_LINE_ROW (rapport_order_line_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderLineRow, rapport_order_line_row, RAPPORT, ORDER_LINE_ROW, GtkListBoxRow)

GtkWidget              *rapport_order_line_row_new          (const RapportOrderLine *line,
                                                             const char             *currency,
                                                             gboolean                prices_include_tax);
const RapportOrderLine *rapport_order_line_row_get_line     (RapportOrderLineRow    *self);
const char             *rapport_order_line_row_get_error    (RapportOrderLineRow    *self);
void                    rapport_order_line_row_set_number   (RapportOrderLineRow    *self,
                                                             guint                   number);
void                    rapport_order_line_row_set_editable (RapportOrderLineRow    *self,
                                                             gboolean                editable);
void                    rapport_order_line_row_set_prices_include_tax (RapportOrderLineRow *self,
                                                                       gboolean             include);
void                    rapport_order_line_row_focus_quantity (RapportOrderLineRow  *self);
void                    rapport_order_line_row_focus_price    (RapportOrderLineRow  *self);
void                    rapport_order_line_row_edit           (RapportOrderLineRow  *self);
RapportOrderLineFields *rapport_order_line_row_get_fields     (RapportOrderLineRow  *self);

G_END_DECLS
