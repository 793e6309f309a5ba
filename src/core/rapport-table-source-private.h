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

/* A store that serves two sources (an order's payment and its quote's end;
 * a warranty's notice and its last day) is told which by a flag after
 * itself. */
typedef gboolean         (*RapportSourceCollectFlagFunc) (gpointer                     store,
                                                          gboolean                     flag,
                                                          const char                  *source,
                                                          const RapportReminderRange  *range,
                                                          GPtrArray                   *into,
                                                          GError                     **error);
typedef gboolean         (*RapportSourceCountFlagFunc)   (gpointer                     store,
                                                          gboolean                     flag,
                                                          const char                  *from_day,
                                                          const char                  *to_day,
                                                          guint                       *n,
                                                          GError                     **error);
typedef RapportReminder *(*RapportSourceLookupFlagFunc)  (gpointer                     store,
                                                          gboolean                     flag,
                                                          const char                  *source,
                                                          gint64                       item_id,
                                                          GError                     **error);
typedef gboolean         (*RapportSourceSetDoneFlagFunc) (gpointer                     store,
                                                          gboolean                     flag,
                                                          gint64                       item_id,
                                                          gboolean                     done,
                                                          GError                     **error);

/* Either the first four functions are set, or the four that take @flag. */
typedef struct
{
  const char                   *name;
  RapportSourceCollectFunc      collect;
  RapportSourceCountFunc        count;
  RapportSourceLookupFunc       lookup;
  RapportSourceSetDoneFunc      set_done;

  gboolean                      flag;
  RapportSourceCollectFlagFunc  collect_flag;
  RapportSourceCountFlagFunc    count_flag;
  RapportSourceLookupFlagFunc   lookup_flag;
  RapportSourceSetDoneFlagFunc  set_done_flag;
} RapportSourceTable;

/* The table of one of the two sources of a store whose four functions are
 * named PREFIX_collect_reminders, _count_reminders, _get_reminder and
 * _set_reminder_done, with the flag that tells that source. */
#define RAPPORT_FLAG_SOURCE_TABLE(source_name, value, prefix) {                   \
    .name = (source_name),                                                      \
    .flag = (value),                                                            \
    .collect_flag = (RapportSourceCollectFlagFunc) prefix##_collect_reminders,  \
    .count_flag = (RapportSourceCountFlagFunc) prefix##_count_reminders,        \
    .lookup_flag = (RapportSourceLookupFlagFunc) prefix##_get_reminder,         \
    .set_done_flag = (RapportSourceSetDoneFlagFunc) prefix##_set_reminder_done, \
  }

RapportReminderSource *_rapport_table_source_new (const RapportSourceTable *table,
                                                  gpointer                  store);

G_END_DECLS
