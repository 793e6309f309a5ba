/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-campaign.h"
#include "rapport-database.h"
#include "rapport-segment.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for segments. */
#define RAPPORT_KIND_SEGMENT "segment"

#define RAPPORT_TYPE_SEGMENT_REPOSITORY (rapport_segment_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportSegmentRepository, rapport_segment_repository, RAPPORT, SEGMENT_REPOSITORY, GObject)

RapportSegmentRepository *rapport_segment_repository_new (RapportDatabase *database);

GPtrArray      *rapport_segment_repository_list         (RapportSegmentRepository  *self,
                                                         GError                   **error);
RapportSegment *rapport_segment_repository_get          (RapportSegmentRepository  *self,
                                                         gint64                     id,
                                                         GError                   **error);
RapportSegment *rapport_segment_repository_find         (RapportSegmentRepository  *self,
                                                         const char                *id_or_name,
                                                         GError                   **error);
gboolean        rapport_segment_repository_save         (RapportSegmentRepository  *self,
                                                         RapportSegment            *segment,
                                                         GError                   **error);
gboolean        rapport_segment_repository_delete       (RapportSegmentRepository  *self,
                                                         gint64                     id,
                                                         GError                   **error);

gboolean        rapport_segment_repository_count        (RapportSegmentRepository  *self,
                                                         const RapportSegment      *segment,
                                                         RapportChannel             channel,
                                                         GCancellable              *cancellable,
                                                         RapportAudience           *audience,
                                                         GError                   **error);
void            rapport_segment_repository_count_async  (RapportSegmentRepository  *self,
                                                         const RapportSegment      *segment,
                                                         RapportChannel             channel,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
gboolean        rapport_segment_repository_count_finish (RapportSegmentRepository  *self,
                                                         GAsyncResult              *result,
                                                         RapportAudience           *audience,
                                                         GError                   **error);
GPtrArray      *rapport_segment_repository_list_audience (RapportSegmentRepository *self,
                                                         const RapportSegment      *segment,
                                                         RapportChannel             channel,
                                                         guint                      limit,
                                                         GCancellable              *cancellable,
                                                         GError                   **error);

G_END_DECLS
