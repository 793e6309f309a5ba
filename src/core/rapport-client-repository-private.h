/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-repository.h"
#include "rapport-database-private.h"

G_BEGIN_DECLS

typedef struct _RapportSearchCache RapportSearchCache;

struct _RapportClientRepository
{
  GObject             parent_instance;

  RapportDatabase    *database;
  /* The name orders searches arrange their matches in: one for the
   * writer's connection, one for the reader's (used only under the
   * database's reader lock). */
  RapportSearchCache *search_cache;
  RapportSearchCache *reader_cache;
};

RapportSearchCache *_rapport_search_cache_new  (void);
void                _rapport_search_cache_free (RapportSearchCache       *cache);

/* The one function that keeps the search indexes in step with a client's
 * text; every write of a client's text goes through it, in its
 * transaction. */
gboolean _rapport_client_repository_index   (RapportClientRepository  *self,
                                             RapportClient            *client,
                                             GError                  **error);
gboolean _rapport_client_repository_unindex (RapportClientRepository  *self,
                                             gint64                    id,
                                             GError                  **error);

/* The country the phone match keys of the file were made for, and making
 * them again for another (a schema step does it too). */
char    *_rapport_client_repository_read_phone_region   (RapportSqlite            *db,
                                                         GError                  **error);
gboolean _rapport_client_repository_rebuild_phone_keys  (RapportSqlite            *db,
                                                         const char               *region,
                                                         GError                  **error);

/* Many new clients in one statement a table (rapport-client-repository-bulk.c). */
gboolean _rapport_client_repository_bulk_base  (RapportClientRepository  *self,
                                                guint                     n,
                                                gint64                   *base,
                                                gboolean                 *room,
                                                GError                  **error);
gboolean _rapport_client_repository_insert_set (RapportClientRepository  *self,
                                                GPtrArray                *clients,
                                                gint64                    base,
                                                gint64                    now,
                                                GError                  **error);
gboolean _rapport_client_repository_remove_set (RapportClientRepository  *self,
                                                GArray                   *ids,
                                                GError                  **error);

/* Where one client that changed belongs in a list a search gave, found
 * without reading the list again (see rapport-client-repository-search.c). */
typedef enum
{
  RAPPORT_CLIENT_PLACE_UNKNOWN,   /* only searching again can tell */
  RAPPORT_CLIENT_PLACE_LISTED,
  RAPPORT_CLIENT_PLACE_UNLISTED,
} RapportClientPlace;

RapportClientPlace _rapport_client_repository_place (RapportClientRepository  *self,
                                                     const char               *text,
                                                     RapportClientSort         sort,
                                                     gboolean                  include_archived,
                                                     gint64                    id,
                                                     GArray                   *ids,
                                                     guint                     skip,
                                                     guint                    *position,
                                                     GError                  **error);

G_END_DECLS
