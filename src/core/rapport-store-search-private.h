/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-store-private.h"

G_BEGIN_DECLS

gboolean _rapport_store_index_client   (RapportStore   *self,
                                        RapportClient  *client,
                                        GError        **error);
gboolean _rapport_store_unindex_client (RapportStore   *self,
                                        gint64          id,
                                        GError        **error);

G_END_DECLS
