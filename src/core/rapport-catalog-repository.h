/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-catalog-item.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for catalog items. */
#define RAPPORT_KIND_CATALOG_ITEM "catalog-item"

#define RAPPORT_TYPE_CATALOG_REPOSITORY (rapport_catalog_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportCatalogRepository, rapport_catalog_repository, RAPPORT, CATALOG_REPOSITORY, GObject)

RapportCatalogRepository *rapport_catalog_repository_new (RapportDatabase *database);

GPtrArray          *rapport_catalog_repository_find         (RapportCatalogRepository  *self,
                                                             const char                *text,
                                                             gboolean                   include_archived,
                                                             guint                      limit,
                                                             GError                   **error);
RapportCatalogItem *rapport_catalog_repository_get          (RapportCatalogRepository  *self,
                                                             gint64                     id,
                                                             GError                   **error);
gboolean            rapport_catalog_repository_save         (RapportCatalogRepository  *self,
                                                             RapportCatalogItem        *item,
                                                             GError                   **error);
gboolean            rapport_catalog_repository_remove       (RapportCatalogRepository  *self,
                                                             gint64                     id,
                                                             gboolean                  *archived,
                                                             GError                   **error);
gboolean            rapport_catalog_repository_set_archived (RapportCatalogRepository  *self,
                                                             gint64                     id,
                                                             gboolean                   archived,
                                                             GError                   **error);

void                rapport_catalog_repository_save_async         (RapportCatalogRepository  *self,
                                                                   RapportCatalogItem        *item,
                                                                   GCancellable              *cancellable,
                                                                   GAsyncReadyCallback        callback,
                                                                   gpointer                   user_data);
void                rapport_catalog_repository_set_archived_async (RapportCatalogRepository  *self,
                                                                   gint64                     id,
                                                                   gboolean                   archived,
                                                                   GCancellable              *cancellable,
                                                                   GAsyncReadyCallback        callback,
                                                                   gpointer                   user_data);
void                rapport_catalog_repository_remove_async       (RapportCatalogRepository  *self,
                                                                   gint64                     id,
                                                                   GCancellable              *cancellable,
                                                                   GAsyncReadyCallback        callback,
                                                                   gpointer                   user_data);
gboolean            rapport_catalog_repository_remove_finish      (RapportCatalogRepository  *self,
                                                                   GAsyncResult              *result,
                                                                   gboolean                  *archived,
                                                                   GError                   **error);
gboolean            rapport_catalog_repository_write_finish       (RapportCatalogRepository  *self,
                                                                   GAsyncResult              *result,
                                                                   GError                   **error);

G_END_DECLS
