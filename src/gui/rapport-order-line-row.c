/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money-format.h"
#include "rapport-order-line-fields.h"
#include "rapport-order-line-row.h"
#include "rapport-order-rules.h"

/* One line of an order. It reads as one row — what is sold, how many at
 * what price, discount, tax and serial number, and what the line comes to
 * — and is edited where it stands: Enter or a click turns it into its
 * fields (RapportOrderLineFields), made only then, since most lines of a
 * long order are only read. Every keystroke is checked with the order's
 * own rules; a wrong field turns red with the reason under the line, and
 * the order's totals keep the last right value of the line out of them.
 * Enter in a field puts the line back as a row. */
struct _RapportOrderLineRow
{
  GtkListBoxRow           parent_instance;

  RapportOrderLine       *line;        /* as last right */
  char                   *currency;
  char                   *error;       /* why the fields are wrong, or NULL */
  guint                   number;
  gboolean                prices_include_tax;
  gboolean                editable;
  gboolean                filling;

  GtkBox                 *box;
  GtkWidget              *summary;
  GtkLabel               *name_label;
  GtkLabel               *detail_label;
  GtkLabel               *amount_label;
  RapportOrderLineFields *fields;      /* NULL until the line is edited */
};

G_DEFINE_FINAL_TYPE (RapportOrderLineRow, rapport_order_line_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_amount (RapportOrderLineRow *self)
{
  if (self->error != NULL)
    return g_strdup ("—");
  return rapport_money_format (self->prices_include_tax ? self->line->gross : self->line->net, self->currency);
}

/* “2 × €35.00 · −10 % · tax 8 % · serial number SN1” */
static char *
dup_detail (RapportOrderLineRow *self)
{
  const RapportOrderLine *line = self->line;
  g_autofree char *quantity = rapport_quantity_format (line->quantity);
  g_autofree char *price = rapport_money_format (line->unit_price, self->currency);
  GString *detail = g_string_new (NULL);

  /* TRANSLATORS: an order line's quantity and unit price, “2 × €35.00” */
  g_string_append_printf (detail, _("%s × %s"), quantity, price);
  if (line->unit != NULL && *line->unit != '\0')
    g_string_append_printf (detail, " %s", line->unit);
  if (line->discount != 0)
    {
      g_autofree char *rate = rapport_rate_format (line->discount);
      /* TRANSLATORS: an order line's discount, after its price */
      g_autofree char *part = g_strdup_printf (_("discount %s"), rate);

      g_string_append_printf (detail, " · %s", part);
    }
  if (line->tax_rate != 0)
    {
      g_autofree char *rate = rapport_rate_format (line->tax_rate);
      /* TRANSLATORS: an order line's tax rate */
      g_autofree char *part = g_strdup_printf (_("tax %s"), rate);

      g_string_append_printf (detail, " · %s", part);
    }
  if (line->serial_number != NULL && *line->serial_number != '\0')
    {
      /* TRANSLATORS: an order line's serial number */
      g_autofree char *part = g_strdup_printf (_("serial number %s"), line->serial_number);

      g_string_append_printf (detail, " · %s", part);
    }
  return g_string_free (detail, FALSE);
}

static void
show_summary (RapportOrderLineRow *self)
{
  g_autofree char *amount = dup_amount (self);
  g_autofree char *detail = dup_detail (self);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->name_label, self->line->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), self->line->name);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->amount_label, amount);
  /* TRANSLATORS: a screen reader's name for an order's line: its number, what is sold, its amount */
  label = g_strdup_printf (_("Line %u: %s, %s"), self->number, self->line->name, amount);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (self->fields != NULL)
    rapport_order_line_fields_show_amount (self->fields, amount);
}

static GtkEditable *
field (RapportOrderLineRow *self,
       RapportLineField     which)
{
  return rapport_order_line_fields_get (self->fields, which);
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
static RapportLineField
field_of_rule (const RapportOrderLine *line)
{
  g_autofree char *name = g_strstrip (g_strdup (line->name ? line->name : ""));

  if (*name == '\0')
    return RAPPORT_LINE_FIELD_NAME;
  if (line->quantity <= 0)
    return RAPPORT_LINE_FIELD_QUANTITY;
  if (line->discount < 0 || line->discount > RAPPORT_RATE_WHOLE)
    return RAPPORT_LINE_FIELD_DISCOUNT;
  if (line->tax_rate < 0 || line->tax_rate > RAPPORT_RATE_WHOLE)
    return RAPPORT_LINE_FIELD_TAX;
  return RAPPORT_LINE_FIELD_PRICE;
}

static gboolean
read_numbers (RapportOrderLineRow  *self,
              RapportOrderLine     *line,
              RapportLineField     *wrong,
              GError              **error)
{
  *wrong = RAPPORT_LINE_FIELD_QUANTITY;
  if (!rapport_quantity_parse (gtk_editable_get_text (field (self, RAPPORT_LINE_FIELD_QUANTITY)),
                               &line->quantity, error))
    return FALSE;
  *wrong = RAPPORT_LINE_FIELD_PRICE;
  if (!rapport_money_parse (gtk_editable_get_text (field (self, RAPPORT_LINE_FIELD_PRICE)), self->currency,
                            &line->unit_price, error))
    return FALSE;
  *wrong = RAPPORT_LINE_FIELD_DISCOUNT;
  if (!parse_rate (field (self, RAPPORT_LINE_FIELD_DISCOUNT), &line->discount, error))
    return FALSE;
  *wrong = RAPPORT_LINE_FIELD_TAX;
  return parse_rate (field (self, RAPPORT_LINE_FIELD_TAX), &line->tax_rate, error);
}

/* Reads the fields into a copy of the line; on a mistake, which field. */
static RapportOrderLine *
read_fields (RapportOrderLineRow  *self,
             RapportLineField     *wrong,
             GError              **error)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_copy (self->line);

  rapport_order_line_set_name (line, gtk_editable_get_text (field (self, RAPPORT_LINE_FIELD_NAME)));
  rapport_order_line_set_serial_number (line, gtk_editable_get_text (field (self, RAPPORT_LINE_FIELD_SERIAL)));
  if (!read_numbers (self, line, wrong, error))
    {
      /* TRANSLATORS: before what is wrong with a line; %u is its number */
      g_prefix_error (error, _("Line %u: "), self->number);
      return NULL;
    }

  *wrong = field_of_rule (line);
  if (!rapport_order_line_tidy (line, self->number, self->prices_include_tax, error))
    return NULL;
  return g_steal_pointer (&line);
}

static void
set_error (RapportOrderLineRow *self,
           const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
}

/* The fields as typed, checked; without fields, the line as it is. */
static void
check (RapportOrderLineRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportOrderLine) line = NULL;
  RapportLineField wrong = RAPPORT_N_LINE_FIELDS;

  if (self->fields != NULL)
    line = read_fields (self, &wrong, &error);
  else
    {
      line = rapport_order_line_copy (self->line);
      if (!rapport_order_line_tidy (line, self->number, self->prices_include_tax, &error))
        g_clear_pointer (&line, rapport_order_line_free);
    }

  if (line != NULL)
    {
      rapport_order_line_free (self->line);
      self->line = g_steal_pointer (&line);
    }
  set_error (self, error ? error->message : NULL);
  if (self->fields != NULL)
    rapport_order_line_fields_show_error (self->fields, wrong, self->error);
  show_summary (self);
}

static void
on_fields_changed (RapportOrderLineRow *self)
{
  if (self->filling)
    return;
  check (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_fields_remove (RapportOrderLineRow *self)
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
fill_fields (RapportOrderLineRow *self)
{
  const RapportOrderLine *line = self->line;

  self->filling = TRUE;
  gtk_editable_set_text (field (self, RAPPORT_LINE_FIELD_NAME), line->name ? line->name : "");
  set_text (field (self, RAPPORT_LINE_FIELD_QUANTITY), rapport_quantity_format (line->quantity));
  set_text (field (self, RAPPORT_LINE_FIELD_PRICE), rapport_money_format_number (line->unit_price, self->currency));
  set_text (field (self, RAPPORT_LINE_FIELD_DISCOUNT),
            line->discount ? rapport_rate_format_number (line->discount) : g_strdup (""));
  set_text (field (self, RAPPORT_LINE_FIELD_TAX),
            line->tax_rate ? rapport_rate_format_number (line->tax_rate) : g_strdup (""));
  gtk_editable_set_text (field (self, RAPPORT_LINE_FIELD_SERIAL), line->serial_number ? line->serial_number : "");
  gtk_widget_set_visible (GTK_WIDGET (field (self, RAPPORT_LINE_FIELD_SERIAL)),
                          line->kind == RAPPORT_ITEM_PRODUCT || *line->serial_number != '\0');
  self->filling = FALSE;
}

/* Enter in a field: the line reads as a row again, and the next item is
 * typed. A line still wrong stays open. */
static void
on_fields_finished (RapportOrderLineRow *self)
{
  if (self->error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->fields), FALSE);
      gtk_widget_set_visible (self->summary, TRUE);
    }
  g_signal_emit (self, signals[FINISHED], 0);
}

static void show_fields (RapportOrderLineRow *self);

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
rapport_order_line_row_activate (GtkListBoxRow *row)
{
  rapport_order_line_row_edit (RAPPORT_ORDER_LINE_ROW (row));
}

static void
rapport_order_line_row_class_init (RapportOrderLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkListBoxRowClass *row_class = GTK_LIST_BOX_ROW_CLASS (klass);

  object_class->finalize = rapport_order_line_row_finalize;
  row_class->activate = rapport_order_line_row_activate;

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
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, box);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, summary);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RapportOrderLineRow, amount_label);
}

static void
rapport_order_line_row_init (RapportOrderLineRow *self)
{
  self->number = 1;
  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_order_line_row_new:
 * @line: the line; copied
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
  check (self);
  /* What the file holds may be wrong: shown where it can be put right. */
  if (self->error != NULL)
    show_fields (self);
  return GTK_WIDGET (self);
}

/**
 * rapport_order_line_row_edit:
 * @self: the row
 *
 * Shows the line's fields in its place, made the first time. A line of an
 * order that can no longer change shows none.
 */
void
rapport_order_line_row_edit (RapportOrderLineRow *self)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  if (!self->editable)
    return;
  show_fields (self);
  gtk_widget_grab_focus (GTK_WIDGET (field (self, RAPPORT_LINE_FIELD_NAME)));
}

static void
show_fields (RapportOrderLineRow *self)
{
  if (self->fields == NULL)
    {
      self->fields = RAPPORT_ORDER_LINE_FIELDS (rapport_order_line_fields_new ());
      g_signal_connect_swapped (self->fields, "changed", G_CALLBACK (on_fields_changed), self);
      g_signal_connect_swapped (self->fields, "finished", G_CALLBACK (on_fields_finished), self);
      g_signal_connect_swapped (self->fields, "remove", G_CALLBACK (on_fields_remove), self);
      gtk_box_append (self->box, GTK_WIDGET (self->fields));
      fill_fields (self);
      check (self);
    }
  gtk_widget_set_visible (self->summary, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->fields), TRUE);
}

/* The line's fields, once it was edited; for tests. */
RapportOrderLineFields *
rapport_order_line_row_get_fields (RapportOrderLineRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self), NULL);
  return self->fields;
}

/* The line as last right: with its amounts worked out. */
const RapportOrderLine *
rapport_order_line_row_get_line (RapportOrderLineRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self), NULL);
  return self->line;
}

/* Why the line cannot be kept as it is, or %NULL. */
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
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  if (self->number == number)
    return;
  self->number = number;
  check (self);
}

void
rapport_order_line_row_set_editable (RapportOrderLineRow *self,
                                     gboolean             editable)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  self->editable = editable;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), editable);
  if (self->fields != NULL)
    rapport_order_line_fields_set_editable (self->fields, editable);
  if (!editable && self->fields != NULL && self->error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->fields), FALSE);
      gtk_widget_set_visible (self->summary, TRUE);
    }
}

void
rapport_order_line_row_set_prices_include_tax (RapportOrderLineRow *self,
                                               gboolean             include)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));

  self->prices_include_tax = include;
  check (self);
}

static void
focus_field (RapportOrderLineRow *self,
             RapportLineField     which)
{
  rapport_order_line_row_edit (self);
  gtk_widget_grab_focus (GTK_WIDGET (field (self, which)));
  gtk_editable_select_region (field (self, which), 0, -1);
}

/* After a line is added, the next thing typed is usually how many. */
void
rapport_order_line_row_focus_quantity (RapportOrderLineRow *self)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));
  focus_field (self, RAPPORT_LINE_FIELD_QUANTITY);
}

/* A line written by hand has no price yet. */
void
rapport_order_line_row_focus_price (RapportOrderLineRow *self)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LINE_ROW (self));
  focus_field (self, RAPPORT_LINE_FIELD_PRICE);
}
