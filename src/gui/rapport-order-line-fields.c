/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include "rapport-order-line-fields.h"
#include "rapport-widget-util.h"

/* The fields of an order's line being edited: what is sold, quantity,
 * price, discount, tax, serial number, the amount and what is wrong. They
 * only show and tell; RapportOrderLineRow reads and checks them, and makes
 * them only when a line is edited, since most lines of a long order are
 * only read. */
struct _RapportOrderLineFields
{
  GtkGrid      parent_instance;

  GtkEditable *name_entry;
  GtkEditable *quantity_entry;
  GtkEditable *price_entry;
  GtkEditable *discount_entry;
  GtkEditable *tax_entry;
  GtkEditable *serial_entry;
  GtkLabel    *amount_label;
  GtkLabel    *error_label;
  GtkWidget   *remove_button;
};

G_DEFINE_FINAL_TYPE (RapportOrderLineFields, rapport_order_line_fields, GTK_TYPE_GRID)

enum {
  CHANGED,
  FINISHED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_field_changed (RapportOrderLineFields *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_activated (RapportOrderLineFields *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_remove_clicked (RapportOrderLineFields *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
rapport_order_line_fields_class_init (RapportOrderLineFieldsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A field changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter was pressed in a field. */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The remove button was pressed. */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-order-line-fields.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, name_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, price_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, discount_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, tax_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, serial_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, amount_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineFields, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
rapport_order_line_fields_init (RapportOrderLineFields *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_order_line_fields_new (void)
{
  return g_object_new (RAPPORT_TYPE_ORDER_LINE_FIELDS, NULL);
}

GtkEditable *
rapport_order_line_fields_get (RapportOrderLineFields *self,
                               RapportLineField        field)
{
  GtkEditable *fields[] = { self->name_entry, self->quantity_entry, self->price_entry,
                            self->discount_entry, self->tax_entry, self->serial_entry };

  g_return_val_if_fail (RAPPORT_IS_ORDER_LINE_FIELDS (self), NULL);
  g_return_val_if_fail (field < RAPPORT_N_LINE_FIELDS, NULL);

  return fields[field];
}

void
rapport_order_line_fields_show_amount (RapportOrderLineFields *self,
                                       const char             *amount)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_FIELDS (self));
  gtk_label_set_text (self->amount_label, amount);
}

/**
 * rapport_order_line_fields_show_error:
 * @self: the fields
 * @field: the wrong one, or %RAPPORT_N_LINE_FIELDS for none
 * @message: (nullable): why, or %NULL when all is right
 */
void
rapport_order_line_fields_show_error (RapportOrderLineFields *self,
                                      RapportLineField        field,
                                      const char             *message)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_FIELDS (self));

  for (RapportLineField i = 0; i < RAPPORT_N_LINE_FIELDS; i++)
    rapport_widget_set_invalid (GTK_WIDGET (rapport_order_line_fields_get (self, i)),
                                message != NULL && i == field);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
rapport_order_line_fields_set_editable (RapportOrderLineFields *self,
                                        gboolean                editable)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_FIELDS (self));

  for (RapportLineField i = 0; i < RAPPORT_N_LINE_FIELDS; i++)
    gtk_editable_set_editable (rapport_order_line_fields_get (self, i), editable);
  gtk_widget_set_visible (self->remove_button, editable);
}
