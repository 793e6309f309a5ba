/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-duplicates.h"

G_BEGIN_DECLS

/* Pairs (RapportDuplicatePair) gathered a reason at a time, then joined. */
GArray *_rapport_duplicates_new_pairs    (void);
void    _rapport_duplicates_finish_pairs (GArray                  *pairs);
void _rapport_duplicates_add_pair   (GArray                  *pairs,
                                     gint64                   a,
                                     gint64                   b,
                                     RapportDuplicateReasons  reason);
void _rapport_duplicates_find_names (const gint64            *ids,
                                     char * const            *names,
                                     guint                    n,
                                     GArray                  *pairs);

G_END_DECLS
