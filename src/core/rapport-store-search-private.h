/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-store-private.h"

G_BEGIN_DECLS

RapportSearchCache *_rapport_search_cache_new  (void);
void                _rapport_search_cache_free (RapportSearchCache *cache);

gboolean _rapport_store_index_client   (RapportStore   *self,
                                        RapportClient  *client,
                                        GError        **error);
gboolean _rapport_store_unindex_client (RapportStore   *self,
                                        gint64          id,
                                        GError        **error);

G_END_DECLS
