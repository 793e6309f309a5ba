/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money-format.h"
#include "rapport-order-line-row.h"
#include "rapport-order-rules.h"
#include "rapport-widget-util.h"

/* One line of an order, edited where it stands: what is sold, how many,
 * at what price, discount and tax, and what the line comes to. Every
 * keystroke is checked with the order's own rules; a wrong field turns
 * red and the reason shows under the line, while the order's totals
 * keep the last right value of the line out of them. */
struct _RapportOrderLineRow
{
  GtkListBoxRow     parent_instance;

  RapportOrderLine *line;        /* what the fields hold, when right */
  char             *currency;
  char             *error;       /* why the fields are wrong, or NULL */
  guint             number;
  gboolean          prices_include_tax;
  gboolean          filling;

  GtkEditable      *name_entry;
  GtkEditable      *quantity_entry;
  GtkEditable      *price_entry;
  GtkEditable      *discount_entry;
  GtkEditable      *tax_entry;
  GtkEditable      *serial_entry;
  GtkLabel         *amount_label;
  GtkLabel         *error_label;
  GtkWidget        *remove_button;
};

G_DEFINE_FINAL_TYPE (RapportOrderLineRow, rapport_order_line_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_amount (RapportOrderLineRow *self)
{
  g_autofree char *amount = rapport_money_format (self->prices_include_tax ? self->line->gross
                                                                          : self->line->net,
                                                  self->currency);

  gtk_label_set_text (self->amount_label, self->error ? "—" : amount);
}

static void
show_error (RapportOrderLineRow *self,
            GtkEditable         *field,
            const char          *message)
{
  GtkEditable *fields[] = { self->name_entry, self->quantity_entry, self->price_entry,
                            self->discount_entry, self->tax_entry };

  g_free (self->error);
  self->error = g_strdup (message);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    rapport_widget_set_invalid (GTK_WIDGET (fields[i]), message != NULL && fields[i] == field);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* An empty discount or tax is none. */
static gboolean
parse_rate (GtkEditable  *entry,
            gint         *rate,
            GError      **error)
{
  const char *text = gtk_editable_get_text (entry);

  *rate = 0;
  return *text == '\0' || rapport_rate_parse (text, rate, error);
}

/* The field a refusal of the rules is about, in the order they check. */
static GtkEditable *
field_of_rule (RapportOrderLineRow    *self,
               const RapportOrderLine *line)
{
  g_autofree char *name = g_strstrip (g_strdup (line->name ? line->name : ""));

  if (*name == '\0')
    return self->name_entry;
  if (line->quantity <= 0)
    return self->quantity_entry;
  if (line->discount < 0 || line->discount > RAPPORT_RATE_WHOLE)
    return self->discount_entry;
  if (line->tax_rate < 0 || line->tax_rate > RAPPORT_RATE_WHOLE)
    return self->tax_entry;
  return self->price_entry;
}

static gboolean
read_numbers (RapportOrderLineRow  *self,
              RapportOrderLine     *line,
              GtkEditable         **wrong,
              GError              **error)
{
  *wrong = self->quantity_entry;
  if (!rapport_quantity_parse (gtk_editable_get_text (self->quantity_entry), &line->quantity, error))
    return FALSE;
  *wrong = self->price_entry;
  if (!rapport_money_parse (gtk_editable_get_text (self->price_entry), self->currency,
                            &line->unit_price, error))
    return FALSE;
  *wrong = self->discount_entry;
  if (!parse_rate (self->discount_entry, &line->discount, error))
    return FALSE;
  *wrong = self->tax_entry;
  return parse_rate (self->tax_entry, &line->tax_rate, error);
}

/* Reads the fields into a copy of the line; on a mistake, which field. */
static RapportOrderLine *
read_fields (RapportOrderLineRow  *self,
             GtkEditable         **wrong,
             GError              **error)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_copy (self->line);

  rapport_order_line_set_name (line, gtk_editable_get_text (self->name_entry));
  rapport_order_line_set_serial_number (line, gtk_editable_get_text (self->serial_entry));

  if (!read_numbers (self, line, wrong, error))
    {
      /* TRANSLATORS: before what is wrong with a line; %u is its number */
      g_prefix_error (error, _("Line %u: "), self->number);
      return NULL;
    }

  *wrong = field_of_rule (self, line);
  if (!rapport_order_line_tidy (line, self->number, self->prices_include_tax, error))
    return NULL;
  return g_steal_pointer (&line);
}

static void
check (RapportOrderLineRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportOrderLine) line = NULL;
  GtkEditable *wrong = NULL;

  line = read_fields (self, &wrong, &error);
  if (line == NULL)
    show_error (self, wrong, error->message);
  else
    {
      rapport_order_line_free (self->line);
      self->line = g_steal_pointer (&line);
      show_error (self, NULL, NULL);
    }
  show_amount (self);
}

static void
on_field_changed (RapportOrderLineRow *self)
{
  if (self->filling)
    return;
  check (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Enter in a field: this line is done, on to the next. */
static void
on_entry_activated (RapportOrderLineRow *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_remove_clicked (RapportOrderLineRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
set_text (GtkEditable *editable,
          char        *text)
{
  gtk_editable_set_text (editable, text);
  g_free (text);
}

static void
fill (RapportOrderLineRow *self)
{
  const RapportOrderLine *line = self->line;

  self->filling = TRUE;
  gtk_editable_set_text (self->name_entry, line->name ? line->name : "");
  set_text (self->quantity_entry, rapport_quantity_format (line->quantity));
  set_text (self->price_entry, rapport_money_format_number (line->unit_price, self->currency));
  set_text (self->discount_entry, line->discount ? rapport_rate_format_number (line->discount) : g_strdup (""));
  set_text (self->tax_entry, line->tax_rate ? rapport_rate_format_number (line->tax_rate) : g_strdup (""));
  gtk_editable_set_text (self->serial_entry, line->serial_number ? line->serial_number : "");
  gtk_widget_set_visible (GTK_WIDGET (self->serial_entry), line->kind == RAPPORT_ITEM_PRODUCT);
  self->filling = FALSE;
  check (self);
}

static void
rapport_order_line_row_finalize (GObject *object)
{
  RapportOrderLineRow *self = RAPPORT_ORDER_LINE_ROW (object);

  g_clear_pointer (&self->line, rapport_order_line_free);
  g_free (self->currency);
  g_free (self->error);

  G_OBJECT_CLASS (rapport_order_line_row_parent_class)->finalize (object);
}

static void
rapport_order_line_row_class_init (RapportOrderLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_order_line_row_finalize;

  /**
   * RapportOrderLineRow::changed:
   *
   * A field changed; the line or its error is new.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RapportOrderLineRow::remove:
   *
   * The person asked to take the line out of the order.
   */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * RapportOrderLineRow::finished:
   *
   * Enter was pressed in one of the line's fields.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-order-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, price_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, discount_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, tax_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, serial_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
}

static void
rapport_order_line_row_init (RapportOrderLineRow *self)
{
  self->number = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_order_line_row_new:
 * @line: the line to edit; copied
 * @currency: the order's currency, for reading and writing prices
 * @prices_include_tax: the order's way of pricing
 */
GtkWidget *
rapport_order_line_row_new (const RapportOrderLine *line,
                            const char             *currency,
                            gboolean                prices_include_tax)
{
  RapportOrderLineRow *self;

  g_return_val_if_fail (line != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_ORDER_LINE_ROW, NULL);
  self->line = rapport_order_line_copy (line);
  self->currency = g_strdup (currency);
  self->prices_include_tax = prices_include_tax;
  fill (self);
  return GTK_WIDGET (self);
}

/* The line as last right: with its amounts worked out. */
const RapportOrderLine *
rapport_order_line_row_get_line (RapportOrderLineRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self), NULL);
  return self->line;
}

/* Why the fields cannot be kept as they are, or %NULL. */
const char *
rapport_order_line_row_get_error (RapportOrderLineRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self), NULL);
  return self->error;
}

/* Its place in the order, from 1: messages name it, and so does a
 * screen reader. */
void
rapport_order_line_row_set_number (RapportOrderLineRow *self,
                                   guint                number)
{
  g_autofree char *label = NULL;

  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  self->number = number;
  /* TRANSLATORS: a screen reader's name for an order's line; %u is its number */
  label = g_strdup_printf (_("Line %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  check (self);
}

void
rapport_order_line_row_set_editable (RapportOrderLineRow *self,
                                     gboolean             editable)
{
  GtkEditable *fields[] = { self->name_entry, self->quantity_entry, self->price_entry,
                            self->discount_entry, self->tax_entry, self->serial_entry };

  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_editable (fields[i], editable);
  gtk_widget_set_visible (self->remove_button, editable);
}

void
rapport_order_line_row_set_prices_include_tax (RapportOrderLineRow *self,
                                               gboolean             include)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  self->prices_include_tax = include;
  check (self);
}

/* After a line is added, the next thing typed is usually how many. */
void
rapport_order_line_row_focus_quantity (RapportOrderLineRow *self)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_entry));
  gtk_editable_select_region (self->quantity_entry, 0, -1);
}

/* A line written by hand has no price yet. */
void
rapport_order_line_row_focus_price (RapportOrderLineRow *self)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->price_entry));
  gtk_editable_select_region (self->price_entry, 0, -1);
}
