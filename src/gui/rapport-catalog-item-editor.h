/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CATALOG_ITEM_EDITOR (rapport_catalog_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportCatalogItemEditor, rapport_catalog_item_editor, RAPPORT, CATALOG_ITEM_EDITOR, AdwWindow)

GtkWidget *rapport_catalog_item_editor_new (RapportContext     *context,
                                            RapportCatalogItem *item,
                                            const char         *currency);

G_END_DECLS
