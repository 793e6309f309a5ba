/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rapport-order-line.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CATALOG_ITEM (rapport_catalog_item_get_type ())

G_DECLARE_FINAL_TYPE (RapportCatalogItem, rapport_catalog_item, RAPPORT, CATALOG_ITEM, GObject)

RapportCatalogItem *rapport_catalog_item_new                 (const char         *name,
                                                              RapportItemKind     kind,
                                                              gint64              unit_price);
gint64              rapport_catalog_item_get_id              (RapportCatalogItem *self);
void                rapport_catalog_item_set_id              (RapportCatalogItem *self,
                                                              gint64              id);
const char         *rapport_catalog_item_get_code            (RapportCatalogItem *self);
void                rapport_catalog_item_set_code            (RapportCatalogItem *self,
                                                              const char         *code);
const char         *rapport_catalog_item_get_name            (RapportCatalogItem *self);
void                rapport_catalog_item_set_name            (RapportCatalogItem *self,
                                                              const char         *name);
RapportItemKind     rapport_catalog_item_get_kind            (RapportCatalogItem *self);
void                rapport_catalog_item_set_kind            (RapportCatalogItem *self,
                                                              RapportItemKind     kind);
const char         *rapport_catalog_item_get_unit            (RapportCatalogItem *self);
void                rapport_catalog_item_set_unit            (RapportCatalogItem *self,
                                                              const char         *unit);
gint64              rapport_catalog_item_get_unit_price      (RapportCatalogItem *self);
void                rapport_catalog_item_set_unit_price      (RapportCatalogItem *self,
                                                              gint64              unit_price);
gint                rapport_catalog_item_get_tax_rate        (RapportCatalogItem *self);
void                rapport_catalog_item_set_tax_rate        (RapportCatalogItem *self,
                                                              gint                tax_rate);
gint                rapport_catalog_item_get_warranty_months (RapportCatalogItem *self);
void                rapport_catalog_item_set_warranty_months (RapportCatalogItem *self,
                                                              gint                months);
gboolean            rapport_catalog_item_get_archived        (RapportCatalogItem *self);
RapportOrderLine   *rapport_catalog_item_to_line             (RapportCatalogItem *self,
                                                              gint64              quantity);
gboolean            rapport_catalog_item_tidy                (RapportCatalogItem *self,
                                                              GError            **error);

void                _rapport_catalog_item_set_archived       (RapportCatalogItem *self,
                                                              gboolean            archived);

G_END_DECLS
