/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-duplicates.h"

G_BEGIN_DECLS

/* Pairs (RapportDuplicatePair, each its own key), gathered by reason. */
GHashTable *_rapport_duplicates_new_pairs (void);
void _rapport_duplicates_add_pair   (GHashTable              *pairs,
                                     gint64                   a,
                                     gint64                   b,
                                     RapportDuplicateReasons  reason);
void _rapport_duplicates_find_names (const gint64            *ids,
                                     char * const            *names,
                                     guint                    n,
                                     GHashTable              *pairs);

G_END_DECLS
