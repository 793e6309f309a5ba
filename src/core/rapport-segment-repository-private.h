/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database-private.h"
#include "rapport-segment.h"
#include "rapport-campaign.h"

G_BEGIN_DECLS

/* A segment as SQL: a query over the audience with its bound values. */
typedef struct _RapportSegmentQuery RapportSegmentQuery;

RapportSegmentQuery *_rapport_segment_query_new     (const RapportSegment *segment,
                                                     RapportChannel        channel,
                                                     gint64                now);
void                 _rapport_segment_query_free    (RapportSegmentQuery  *query);
/* Prepares @sql_tail appended to the audience's common table expression
 * “recipients (client_id, address)” — the clients left after the
 * exclusions, one a distinct address — and binds the rules' values from
 * ?100 on, so @sql_tail may use ?1 to ?99. */
RapportStmt         *_rapport_segment_query_prepare (RapportSegmentQuery  *query,
                                                     RapportSqlite        *db,
                                                     const char           *sql_tail,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSegmentQuery, _rapport_segment_query_free)

G_END_DECLS
