/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* Each client's place in the name order, as a number with room between
 * neighbours: clients.search_pos, the search index's row id
 * (rapport-client-positions.c). */
gboolean _rapport_client_positions_place (RapportSqlite  *db,
                                          gint64          id,
                                          gint64         *position,
                                          GError        **error);
gboolean _rapport_client_positions_take  (RapportSqlite  *db,
                                          const char     *sort_key,
                                          gint64          id,
                                          guint           n,
                                          gint64         *positions,
                                          GError        **error);

G_END_DECLS
