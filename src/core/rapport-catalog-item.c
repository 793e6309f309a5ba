/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-catalog-item.h"
#include "rapport-error.h"
#include "rapport-money.h"
#include "rapport-set-str-private.h"

/* A product or a service the business sells, with its price. */
struct _RapportCatalogItem
{
  GObject          parent_instance;

  gint64           id;
  char            *code;
  char            *name;
  RapportItemKind  kind;
  char            *unit;
  gint64           unit_price;
  gint             tax_rate;
  gint             warranty_months;
  gboolean         archived;
};

G_DEFINE_FINAL_TYPE (RapportCatalogItem, rapport_catalog_item, G_TYPE_OBJECT)

static void
rapport_catalog_item_finalize (GObject *object)
{
  RapportCatalogItem *self = (RapportCatalogItem *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->unit);

  G_OBJECT_CLASS (rapport_catalog_item_parent_class)->finalize (object);
}

static void
rapport_catalog_item_class_init (RapportCatalogItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_catalog_item_finalize;
}

static void
rapport_catalog_item_init (RapportCatalogItem *self)
{
  self->code = g_strdup ("");
  self->name = g_strdup ("");
  self->unit = g_strdup ("");
}

/**
 * rapport_catalog_item_new:
 * @name: what it is called
 * @kind: a product or a service
 * @unit_price: in minor units
 *
 * Returns: (transfer full): a new catalog item, without tax or warranty
 */
RapportCatalogItem *
rapport_catalog_item_new (const char      *name,
                          RapportItemKind  kind,
                          gint64           unit_price)
{
  RapportCatalogItem *self = g_object_new (RAPPORT_TYPE_CATALOG_ITEM, NULL);

  _rapport_set_str (&self->name, name ? name : "");
  self->kind = kind;
  self->unit_price = unit_price;
  return self;
}

gint64 rapport_catalog_item_get_id (RapportCatalogItem *self) { return self->id; }
const char *rapport_catalog_item_get_code (RapportCatalogItem *self) { return self->code; }
const char *rapport_catalog_item_get_name (RapportCatalogItem *self) { return self->name; }
RapportItemKind rapport_catalog_item_get_kind (RapportCatalogItem *self) { return self->kind; }
const char *rapport_catalog_item_get_unit (RapportCatalogItem *self) { return self->unit; }
gint64 rapport_catalog_item_get_unit_price (RapportCatalogItem *self) { return self->unit_price; }
gint rapport_catalog_item_get_tax_rate (RapportCatalogItem *self) { return self->tax_rate; }
gint rapport_catalog_item_get_warranty_months (RapportCatalogItem *self) { return self->warranty_months; }
gboolean rapport_catalog_item_get_archived (RapportCatalogItem *self) { return self->archived; }

void
rapport_catalog_item_set_id (RapportCatalogItem *self,
                             gint64              id)
{
  self->id = id;
}

void
rapport_catalog_item_set_code (RapportCatalogItem *self,
                               const char         *code)
{
  _rapport_set_str (&self->code, code ? code : "");
}

void
rapport_catalog_item_set_name (RapportCatalogItem *self,
                               const char         *name)
{
  _rapport_set_str (&self->name, name ? name : "");
}

void
rapport_catalog_item_set_kind (RapportCatalogItem *self,
                               RapportItemKind     kind)
{
  self->kind = kind;
}

void
rapport_catalog_item_set_unit (RapportCatalogItem *self,
                               const char         *unit)
{
  _rapport_set_str (&self->unit, unit ? unit : "");
}

void
rapport_catalog_item_set_unit_price (RapportCatalogItem *self,
                                     gint64              unit_price)
{
  self->unit_price = unit_price;
}

void
rapport_catalog_item_set_tax_rate (RapportCatalogItem *self,
                                   gint                tax_rate)
{
  self->tax_rate = tax_rate;
}

void
rapport_catalog_item_set_warranty_months (RapportCatalogItem *self,
                                          gint                months)
{
  self->warranty_months = months;
}

void
_rapport_catalog_item_set_archived (RapportCatalogItem *self,
                                    gboolean            archived)
{
  self->archived = !!archived;
}

/**
 * rapport_catalog_item_to_line:
 * @self: a catalog item
 * @quantity: in thousandths
 *
 * Returns: (transfer full): an order line that copies the item's name,
 *   unit, price, tax rate and warranty
 */
RapportOrderLine *
rapport_catalog_item_to_line (RapportCatalogItem *self,
                              gint64              quantity)
{
  RapportOrderLine *line;

  g_return_val_if_fail (RAPPORT_IS_CATALOG_ITEM (self), NULL);

  line = rapport_order_line_new (self->name, quantity, self->unit_price);
  line->catalog_item_id = self->id;
  line->kind = self->kind;
  line->tax_rate = self->tax_rate;
  line->warranty_months = self->warranty_months;
  rapport_order_line_set_unit (line, self->unit);
  return line;
}

/**
 * rapport_catalog_item_tidy:
 * @self: an item a person entered or changed
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the field
 *
 * Returns: whether @self may be saved; its texts are trimmed
 */
gboolean
rapport_catalog_item_tidy (RapportCatalogItem  *self,
                           GError             **error)
{
  g_autofree char *name = g_strstrip (g_strdup (self->name));
  g_autofree char *code = g_strstrip (g_strdup (self->code));
  g_autofree char *unit = g_strstrip (g_strdup (self->unit));

  g_return_val_if_fail (RAPPORT_IS_CATALOG_ITEM (self), FALSE);

  if (*name == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Name: a product or service needs a name."));
      return FALSE;
    }
  if (self->unit_price < 0 || self->unit_price > RAPPORT_AMOUNT_MAX)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Price: enter a price of zero or more."));
      return FALSE;
    }
  if (self->tax_rate < 0 || self->tax_rate > RAPPORT_RATE_WHOLE)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Tax: a tax rate is between 0 and 100 %."));
      return FALSE;
    }
  if (self->warranty_months < 0 || self->warranty_months > 1200)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Warranty: between 0 and 1200 months."));
      return FALSE;
    }

  rapport_catalog_item_set_name (self, name);
  rapport_catalog_item_set_code (self, code);
  rapport_catalog_item_set_unit (self, unit);
  return TRUE;
}
