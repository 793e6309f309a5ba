/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-delivery.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for warranties; the id is the
 * warranty's. */
#define RAPPORT_KIND_WARRANTY "warranty"

/* How many days before its end a warranty reminds, unless chosen. */
#define RAPPORT_WARRANTY_NOTICE_DAYS_DEFAULT 30
#define RAPPORT_WARRANTY_NOTICE_DAYS_MAX 365

/**
 * RapportWarrantyFilter:
 * @from_day: (nullable): ending on this day or later, `YYYY-MM-DD`
 * @to_day: (nullable): ending on this day or earlier
 * @text: (nullable): the start of a serial number, part of the client's
 *   name, phone or e-mail, or part of the product's name
 * @client_id: only this client's, or 0
 * @limit: at most this many, or 0 for all
 *
 * Which warranties a list shows, the first to end first.
 */
typedef struct
{
  const char *from_day;
  const char *to_day;
  const char *text;
  gint64      client_id;
  guint       limit;
} RapportWarrantyFilter;

#define RAPPORT_TYPE_WARRANTY_REPOSITORY (rapport_warranty_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportWarrantyRepository, rapport_warranty_repository, RAPPORT, WARRANTY_REPOSITORY, GObject)

RapportWarrantyRepository *rapport_warranty_repository_new (RapportDatabase *database);

GArray          *rapport_warranty_repository_search          (RapportWarrantyRepository   *self,
                                                              const RapportWarrantyFilter *filter,
                                                              GError                     **error);
void             rapport_warranty_repository_search_async    (RapportWarrantyRepository   *self,
                                                              const RapportWarrantyFilter *filter,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GArray          *rapport_warranty_repository_search_finish   (RapportWarrantyRepository   *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
GPtrArray       *rapport_warranty_repository_load            (RapportWarrantyRepository   *self,
                                                              const gint64                *ids,
                                                              guint                        n_ids,
                                                              GError                     **error);
GPtrArray       *rapport_warranty_repository_list_for_order  (RapportWarrantyRepository   *self,
                                                              gint64                       order_id,
                                                              GError                     **error);
RapportWarranty *rapport_warranty_repository_get             (RapportWarrantyRepository   *self,
                                                              gint64                       id,
                                                              GError                     **error);
guint            rapport_warranty_repository_get_notice_days (RapportWarrantyRepository   *self);
gboolean         rapport_warranty_repository_set_notice_days (RapportWarrantyRepository   *self,
                                                              guint                        days,
                                                              GError                     **error);
void             rapport_warranty_repository_set_notice_days_async  (RapportWarrantyRepository *self,
                                                                     guint                      days,
                                                                     GCancellable              *cancellable,
                                                                     GAsyncReadyCallback        callback,
                                                                     gpointer                   user_data);
gboolean         rapport_warranty_repository_set_notice_days_finish (RapportWarrantyRepository *self,
                                                                     GAsyncResult              *result,
                                                                     GError                   **error);

gboolean         rapport_warranty_repository_collect_reminders (RapportWarrantyRepository  *self,
                                                                gboolean                    on_the_day,
                                                                const char                 *source,
                                                                const RapportReminderRange *range,
                                                                GPtrArray                  *into,
                                                                GError                    **error);
gboolean         rapport_warranty_repository_count_reminders   (RapportWarrantyRepository  *self,
                                                                gboolean                    on_the_day,
                                                                const char                 *from_day,
                                                                const char                 *to_day,
                                                                guint                      *n,
                                                                GError                    **error);
RapportReminder *rapport_warranty_repository_get_reminder      (RapportWarrantyRepository  *self,
                                                                gboolean                    on_the_day,
                                                                const char                 *source,
                                                                gint64                      id,
                                                                GError                    **error);
gboolean         rapport_warranty_repository_set_reminder_done (RapportWarrantyRepository  *self,
                                                                gboolean                    on_the_day,
                                                                gint64                      id,
                                                                gboolean                    done,
                                                                GError                    **error);

G_END_DECLS
