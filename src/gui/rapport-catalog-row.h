/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-catalog-item.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CATALOG_ROW (rapport_catalog_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportCatalogRow, rapport_catalog_row, RAPPORT, CATALOG_ROW, AdwActionRow)

GtkWidget          *rapport_catalog_row_new      (RapportCatalogItem *item,
                                                  const char         *currency);
RapportCatalogItem *rapport_catalog_row_get_item (RapportCatalogRow  *self);
void                rapport_catalog_row_set_item (RapportCatalogRow  *self,
                                                  RapportCatalogItem *item,
                                                  const char         *currency);

G_END_DECLS
