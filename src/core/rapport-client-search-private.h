/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the two files of the search share: the query and what it found
 * (rapport-client-repository-search.c), and the first rows in name order
 * as the index meets them, a phone number's merged with its match keys'
 * (rapport-client-repository-phones.c). */

#include "rapport-client-repository.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* A search is built from fixed SQL pieces and bound values: whatever a
 * person types is data, never SQL, and inside an FTS5 phrase it is quoted,
 * so “AND”, “*”, “-” or a lone quote mean themselves. The index query
 * yields positions (rapport-client-positions.c), in name order; a phone
 * number's key range yields client ids, in no order. */
typedef struct
{
  char      *match;          /* the index query, or NULL */
  char      *key_low;        /* the phone keys' range, or NULL */
  char      *key_high;
  GPtrArray *filter_words;   /* looked for in the text of what the index finds */
} RapportSearchQuery;

/* What a search found: positions from the index, in name order, and ids
 * from the phone keys. */
typedef struct
{
  GArray *positions;
  GArray *ids;
} RapportSearchFound;

void _rapport_search_found_clear (RapportSearchFound *found);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportSearchFound, _rapport_search_found_clear)

/* The listed clients in one order, as a connection holds it. */
typedef struct _RapportSearchOrder RapportSearchOrder;

/* The clients a phone number's keys name, and what was found put in
 * order: by a held order, or its first rows without one
 * (rapport-client-repository-search.c). */
GArray *_rapport_search_query_key_ids  (RapportSqlite      *db,
                                        RapportSearchQuery *query,
                                        GError            **error);
GArray *_rapport_search_arrange        (RapportSearchOrder *order,
                                        RapportSearchFound *found,
                                        guint               limit);
GArray *_rapport_search_first_of_found (RapportSqlite      *db,
                                        RapportSearchFound *found,
                                        RapportClientSort   sort,
                                        gboolean            include_archived,
                                        guint               limit,
                                        GError            **error);

/* The first rows in name order of a text, straight from the index, and
 * of a phone number (rapport-client-repository-phones.c). */
GArray *_rapport_search_first_in_index (RapportSqlite      *db,
                                        RapportSearchQuery *query,
                                        gboolean            include_archived,
                                        guint               limit,
                                        GError            **error);
GArray *_rapport_search_first_of_phone (RapportSqlite      *db,
                                        RapportSearchOrder *order,
                                        RapportSearchQuery *query,
                                        gboolean            include_archived,
                                        guint               limit,
                                        GError            **error);

G_END_DECLS
