/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* A reminder source whose records are in one store (a repository, or the
 * database) is its name and four of the store's functions, each given the
 * store first (rapport-table-source.c). */
typedef gboolean         (*RapportSourceCollectFunc) (gpointer                     store,
                                                      const char                  *source,
                                                      const RapportReminderRange  *range,
                                                      GPtrArray                   *into,
                                                      GError                     **error);
typedef gboolean         (*RapportSourceCountFunc)   (gpointer                     store,
                                                      const char                  *from_day,
                                                      const char                  *to_day,
                                                      guint                       *n,
                                                      GError                     **error);
typedef RapportReminder *(*RapportSourceLookupFunc)  (gpointer                     store,
                                                      const char                  *source,
                                                      gint64                       item_id,
                                                      GError                     **error);
typedef gboolean         (*RapportSourceSetDoneFunc) (gpointer                     store,
                                                      gint64                       item_id,
                                                      gboolean                     done,
                                                      GError                     **error);

typedef struct
{
  const char               *name;
  RapportSourceCollectFunc  collect;
  RapportSourceCountFunc    count;
  RapportSourceLookupFunc   lookup;
  RapportSourceSetDoneFunc  set_done;
} RapportSourceTable;

RapportReminderSource *_rapport_table_source_new (const RapportSourceTable *table,
                                                  gpointer                  store);

G_END_DECLS
