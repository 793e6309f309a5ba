/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CATALOG_PAGE (rapport_catalog_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCatalogPage, rapport_catalog_page, RAPPORT, CATALOG_PAGE, AdwPreferencesPage)

GtkWidget *rapport_catalog_page_new (RapportContext *context);

G_END_DECLS
