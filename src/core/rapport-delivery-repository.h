/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-delivery.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for deliveries; the id is the
 * delivery's. (Their order is told of as a RAPPORT_KIND_ORDER change.) */
#define RAPPORT_KIND_DELIVERY "delivery"

/**
 * RapportDeliveryWhen:
 * @RAPPORT_DELIVERIES_ALL: every delivery, the latest planned first
 * @RAPPORT_DELIVERIES_TODAY: planned for today
 * @RAPPORT_DELIVERIES_WEEK: planned for this week, Monday to Sunday
 * @RAPPORT_DELIVERIES_LATE: their day passed and they are still on their
 *   way, the latest first
 */
typedef enum
{
  RAPPORT_DELIVERIES_ALL,
  RAPPORT_DELIVERIES_TODAY,
  RAPPORT_DELIVERIES_WEEK,
  RAPPORT_DELIVERIES_LATE,
} RapportDeliveryWhen;

/**
 * RapportDeliveryFilter:
 * @when: which days
 * @today: today, `YYYY-MM-DD`, as the person reads the wall clock
 * @text: (nullable): the start of an order or tracking number, or part of
 *   the client's name, phone or e-mail
 * @limit: at most this many, or 0 for all
 *
 * Which deliveries a list shows.
 */
typedef struct
{
  RapportDeliveryWhen  when;
  char                *today;
  char                *text;
  guint                limit;
} RapportDeliveryFilter;

#define RAPPORT_TYPE_DELIVERY_REPOSITORY (rapport_delivery_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryRepository, rapport_delivery_repository, RAPPORT, DELIVERY_REPOSITORY, GObject)

RapportDeliveryRepository *rapport_delivery_repository_new (RapportDatabase *database);

GPtrArray       *rapport_delivery_repository_list_deliverable (RapportDeliveryRepository  *self,
                                                               gint64                      order_id,
                                                               GError                    **error);
gboolean         rapport_delivery_repository_create        (RapportDeliveryRepository  *self,
                                                            RapportDelivery            *delivery,
                                                            GError                    **error);
void             rapport_delivery_repository_create_async  (RapportDeliveryRepository  *self,
                                                            RapportDelivery            *delivery,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
gint64           rapport_delivery_repository_create_finish (RapportDeliveryRepository  *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
gboolean         rapport_delivery_repository_set_status    (RapportDeliveryRepository  *self,
                                                            gint64                      id,
                                                            RapportDeliveryStatus       status,
                                                            gint64                      staff_id,
                                                            const char                 *note,
                                                            GError                    **error);
void             rapport_delivery_repository_set_status_async  (RapportDeliveryRepository *self,
                                                                gint64                     id,
                                                                RapportDeliveryStatus      status,
                                                                gint64                     staff_id,
                                                                const char                *note,
                                                                GCancellable              *cancellable,
                                                                GAsyncReadyCallback        callback,
                                                                gpointer                   user_data);
gboolean         rapport_delivery_repository_set_status_finish (RapportDeliveryRepository *self,
                                                                GAsyncResult              *result,
                                                                GError                   **error);
RapportDelivery *rapport_delivery_repository_get           (RapportDeliveryRepository  *self,
                                                            gint64                      id,
                                                            GError                    **error);
GPtrArray       *rapport_delivery_repository_list_for_order  (RapportDeliveryRepository *self,
                                                              gint64                     order_id,
                                                              GError                   **error);
GPtrArray       *rapport_delivery_repository_list_for_client (RapportDeliveryRepository *self,
                                                              gint64                     client_id,
                                                              guint                      limit,
                                                              GError                   **error);
GPtrArray       *rapport_delivery_repository_list_changes  (RapportDeliveryRepository  *self,
                                                            gint64                      id,
                                                            GError                    **error);
GArray          *rapport_delivery_repository_search        (RapportDeliveryRepository  *self,
                                                            const RapportDeliveryFilter *filter,
                                                            GError                    **error);
void             rapport_delivery_repository_search_async  (RapportDeliveryRepository   *self,
                                                            const RapportDeliveryFilter *filter,
                                                            GCancellable                *cancellable,
                                                            GAsyncReadyCallback          callback,
                                                            gpointer                     user_data);
GArray          *rapport_delivery_repository_search_finish (RapportDeliveryRepository  *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
GPtrArray       *rapport_delivery_repository_load          (RapportDeliveryRepository  *self,
                                                            const gint64               *ids,
                                                            guint                       n_ids,
                                                            GError                    **error);

gboolean         rapport_delivery_repository_collect_reminders (RapportDeliveryRepository  *self,
                                                                const char                 *source,
                                                                const RapportReminderRange *range,
                                                                GPtrArray                  *into,
                                                                GError                    **error);
gboolean         rapport_delivery_repository_count_reminders   (RapportDeliveryRepository  *self,
                                                                const char                 *from_day,
                                                                const char                 *to_day,
                                                                guint                      *n,
                                                                GError                    **error);
RapportReminder *rapport_delivery_repository_get_reminder      (RapportDeliveryRepository  *self,
                                                                const char                 *source,
                                                                gint64                      id,
                                                                GError                    **error);
gboolean         rapport_delivery_repository_set_reminder_done (RapportDeliveryRepository  *self,
                                                                gint64                      id,
                                                                gboolean                    done,
                                                                GError                    **error);

void             rapport_delivery_filter_clear             (RapportDeliveryFilter      *filter);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportDeliveryFilter, rapport_delivery_filter_clear)

G_END_DECLS
