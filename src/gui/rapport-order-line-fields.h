/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_LINE_FIELD_NAME,
  RAPPORT_LINE_FIELD_QUANTITY,
  RAPPORT_LINE_FIELD_PRICE,
  RAPPORT_LINE_FIELD_DISCOUNT,
  RAPPORT_LINE_FIELD_TAX,
  RAPPORT_LINE_FIELD_SERIAL,
  RAPPORT_N_LINE_FIELDS,
} RapportLineField;

#define RAPPORT_TYPE_ORDER_LINE_FIELDS (rapport_order_line_fields_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderLineFields, rapport_order_line_fields, RAPPORT, ORDER_LINE_FIELDS, GtkGrid)

GtkWidget   *rapport_order_line_fields_new          (void);
GtkEditable *rapport_order_line_fields_get          (RapportOrderLineFields *self,
                                                     RapportLineField        field);
void         rapport_order_line_fields_show_amount  (RapportOrderLineFields *self,
                                                     const char             *amount);
void         rapport_order_line_fields_show_error   (RapportOrderLineFields *self,
                                                     RapportLineField        field,
                                                     const char             *message);
void         rapport_order_line_fields_set_editable (RapportOrderLineFields *self,
                                                     gboolean                editable);

G_END_DECLS
