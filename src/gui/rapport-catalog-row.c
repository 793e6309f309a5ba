/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-catalog-row.h"
#include "rapport-money-format.h"

/* A product or service in the catalog: its name, what it is, its price,
 * and a button to remove it or, once archived, to offer it again.
 * Activating the row is the page's business (it opens the editor); so are
 * the buttons, which the row only announces. */
struct _RapportCatalogRow
{
  AdwActionRow        parent_instance;

  RapportCatalogItem *item;

  GtkLabel           *price_label;
  GtkWidget          *remove_button;
  GtkWidget          *restore_button;
};

G_DEFINE_FINAL_TYPE (RapportCatalogRow, rapport_catalog_row, ADW_TYPE_ACTION_ROW)

enum {
  REMOVE,
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_remove (RapportCatalogRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_restore (RapportCatalogRow *self)
{
  g_signal_emit (self, signals[RESTORE], 0);
}

/* “Product · Tax 20 % · Warranty: 24 months · PX-1” */
static char *
dup_details (RapportCatalogItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rate = rapport_rate_format (rapport_catalog_item_get_tax_rate (item));
  int months = rapport_catalog_item_get_warranty_months (item);

  /* Words of the interface first: they set the line's reading direction,
   * which a code such as “PX-1” would otherwise make left to right. */
  if (rapport_catalog_item_get_archived (item))
    g_ptr_array_add (parts, g_strdup (_("Archived")));
  g_ptr_array_add (parts, g_strdup (rapport_catalog_item_get_kind (item) == RAPPORT_ITEM_SERVICE
                                    ? C_("catalog item", "Service") : C_("catalog item", "Product")));
  /* TRANSLATORS: the tax rate of a product or service, “Tax 20 %” */
  g_ptr_array_add (parts, g_strdup_printf (_("Tax %s"), rate));
  if (months > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Warranty: %d month",
                                                          "Warranty: %d months", months),
                                             months));
  if (*rapport_catalog_item_get_code (item) != '\0')
    g_ptr_array_add (parts, g_strdup (rapport_catalog_item_get_code (item)));
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: what separates the details of a product or service */
  return g_strjoinv (C_("details separator", " · "), (char **) parts->pdata);
}

static void
show_item (RapportCatalogRow *self,
           const char        *currency)
{
  RapportCatalogItem *item = self->item;
  const char *name = rapport_catalog_item_get_name (item);
  const char *unit = rapport_catalog_item_get_unit (item);
  gboolean archived = rapport_catalog_item_get_archived (item);
  g_autofree char *details = dup_details (item);
  g_autofree char *price = rapport_money_format (rapport_catalog_item_get_unit_price (item), currency);
  g_autofree char *price_text = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *restore_label = NULL;

  if (*unit != '\0')
    /* TRANSLATORS: a price for one unit: “€12.50 / h” */
    price_text = g_strdup_printf (_("%s / %s"), price, unit);
  else
    price_text = g_strdup (price);

  /* TRANSLATORS: the accessible names of the buttons of a catalog item */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  restore_label = g_strdup_printf (_("Offer “%s” Again"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), details);
  gtk_label_set_text (self->price_label, price_text);
  gtk_widget_set_visible (self->remove_button, !archived);
  gtk_widget_set_visible (self->restore_button, archived);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restore_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, restore_label, -1);
  if (archived)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
}

static void
rapport_catalog_row_dispose (GObject *object)
{
  RapportCatalogRow *self = RAPPORT_CATALOG_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (rapport_catalog_row_parent_class)->dispose (object);
}

static void
rapport_catalog_row_class_init (RapportCatalogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_catalog_row_dispose;

  /* The person asked to remove the item, or to offer it again. */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESTORE] =
    g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-catalog-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogRow, price_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogRow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
  gtk_widget_class_bind_template_callback (widget_class, on_restore);
}

static void
rapport_catalog_row_init (RapportCatalogRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_catalog_row_new (RapportCatalogItem *item,
                         const char         *currency)
{
  RapportCatalogRow *self;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_ITEM (item), NULL);

  self = g_object_new (RAPPORT_TYPE_CATALOG_ROW, NULL);
  rapport_catalog_row_set_item (self, item, currency);
  return GTK_WIDGET (self);
}

RapportCatalogItem *
rapport_catalog_row_get_item (RapportCatalogRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CATALOG_ROW (self), NULL);

  return self->item;
}

/* Shows @item, a newer copy of the same one, with its price in @currency. */
void
rapport_catalog_row_set_item (RapportCatalogRow  *self,
                              RapportCatalogItem *item,
                              const char         *currency)
{
  g_return_if_fail (RAPPORT_IS_CATALOG_ROW (self));
  g_return_if_fail (RAPPORT_IS_CATALOG_ITEM (item));

  g_set_object (&self->item, item);
  show_item (self, currency);
}
