/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-order.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for orders (also when their
 * payments change); the id is the order's. */
#define RAPPORT_KIND_ORDER "order"
/* …and for the list of reasons quotes are lost. */
#define RAPPORT_KIND_LOST_REASON "lost-reason"

/**
 * RapportOrderFilter:
 * @statuses: a bit (1 << #RapportOrderStatus) for each status listed;
 *   0 lists all
 * @unpaid_only: only sales with something still owed
 * @from: (nullable): from this day, `YYYY-MM-DD`
 * @to: (nullable): up to this day, inclusive
 * @text: (nullable): the start of an order number, or part of the
 *   client's name, phone or e-mail
 * @client_id: only this client's orders, or 0
 * @limit: only the newest this many, or 0 for all
 *
 * Which orders a list shows.
 */
typedef struct
{
  guint     statuses;
  gboolean  unpaid_only;
  char     *from;
  char     *to;
  char     *text;
  gint64    client_id;
  guint     limit;
} RapportOrderFilter;

/**
 * RapportCancellation:
 * @RAPPORT_CANCEL_REFUND: what was paid is paid back (a refund is recorded)
 * @RAPPORT_CANCEL_KEEP_CREDIT: what was paid stays as the client's credit
 *
 * What happens to the money when an order with payments is cancelled.
 */
typedef enum
{
  RAPPORT_CANCEL_REFUND,
  RAPPORT_CANCEL_KEEP_CREDIT,
} RapportCancellation;

/**
 * RapportClientOrdersSummary:
 * @n_orders: sales (confirmed, fulfilled, closed)
 * @lifetime_value: what the sales came to, in minor units
 * @balance: what the client owes on them; below zero is credit (overpaid,
 *   or kept from cancelled orders)
 * @last_order_on: the day of the newest order of any status, or %NULL
 *
 * A client's figures.
 */
typedef struct
{
  guint   n_orders;
  gint64  lifetime_value;
  gint64  balance;
  char   *last_order_on;
} RapportClientOrdersSummary;

/**
 * RapportStatusChange:
 * @status: the status the order took
 * @changed_at: when, UTC seconds
 * @staff_name: who, or empty
 * @reason: the lost reason, or empty
 * @note: may be empty
 */
typedef struct
{
  RapportOrderStatus  status;
  gint64              changed_at;
  char               *staff_name;
  char               *reason;
  char               *note;
} RapportStatusChange;

/**
 * RapportLostReason:
 * @id: its id
 * @name: what a person reads: “Price”, “Went elsewhere”…
 * @active: offered for new losses; a reason once used is never deleted
 */
typedef struct
{
  gint64    id;
  char     *name;
  gboolean  active;
} RapportLostReason;

#define RAPPORT_TYPE_ORDER_REPOSITORY (rapport_order_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderRepository, rapport_order_repository, RAPPORT, ORDER_REPOSITORY, GObject)

RapportOrderRepository *rapport_order_repository_new (RapportDatabase *database);
RapportDatabase *rapport_order_repository_get_database (RapportOrderRepository *self);

gboolean      rapport_order_repository_create          (RapportOrderRepository  *self,
                                                        RapportOrder            *order,
                                                        const char              *number_pattern,
                                                        GError                 **error);
gboolean      rapport_order_repository_save            (RapportOrderRepository  *self,
                                                        RapportOrder            *order,
                                                        GError                 **error);
RapportOrder *rapport_order_repository_get             (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        GError                 **error);
gint64        rapport_order_repository_find_number     (RapportOrderRepository  *self,
                                                        const char              *number,
                                                        GError                 **error);
char         *rapport_order_repository_dup_next_number (RapportOrderRepository *self,
                                                         const char             *number_pattern,
                                                         const char             *ordered_on,
                                                         GError                **error);
gboolean      rapport_order_repository_set_status      (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        RapportOrderStatus       status,
                                                        gint64                   staff_id,
                                                        GError                 **error);
gboolean      rapport_order_repository_mark_lost       (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        gint64                   reason_id,
                                                        const char              *note,
                                                        gint64                   staff_id,
                                                        GError                 **error);
gboolean      rapport_order_repository_cancel          (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        RapportCancellation      money,
                                                        const char              *note,
                                                        gint64                   staff_id,
                                                        GError                 **error);
gboolean      rapport_order_repository_delete_draft    (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        GError                 **error);
gboolean      rapport_order_repository_restore_draft   (RapportOrderRepository  *self,
                                                        RapportOrder            *snapshot,
                                                        GError                 **error);
GPtrArray    *rapport_order_repository_list_changes    (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        GError                 **error);

GPtrArray    *rapport_order_repository_list_lost_reasons (RapportOrderRepository *self,
                                                          gboolean                include_inactive,
                                                          GError                **error);
gint64        rapport_order_repository_save_lost_reason  (RapportOrderRepository *self,
                                                          gint64                  id,
                                                          const char             *name,
                                                          gboolean                active,
                                                          GError                **error);

/* The same writes on the database's worker (rapport-order-repository-writes.c). */
void          rapport_order_repository_save_async      (RapportOrderRepository  *self,
                                                        RapportOrder            *order,
                                                        const char              *number_pattern,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
void          rapport_order_repository_set_status_async (RapportOrderRepository *self,
                                                         gint64                  id,
                                                         RapportOrderStatus      status,
                                                         gint64                  staff_id,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
void          rapport_order_repository_mark_lost_async (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        gint64                   reason_id,
                                                        const char              *note,
                                                        gint64                   staff_id,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
void          rapport_order_repository_cancel_async    (RapportOrderRepository  *self,
                                                        gint64                   id,
                                                        RapportCancellation      money,
                                                        const char              *note,
                                                        gint64                   staff_id,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
void          rapport_order_repository_save_lost_reason_async (RapportOrderRepository *self,
                                                               gint64                  id,
                                                               const char             *name,
                                                               gboolean                active,
                                                               GCancellable           *cancellable,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
gboolean      rapport_order_repository_write_finish    (RapportOrderRepository  *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);

GArray       *rapport_order_repository_search          (RapportOrderRepository  *self,
                                                        const RapportOrderFilter *filter,
                                                        GError                 **error);
void          rapport_order_repository_search_async    (RapportOrderRepository  *self,
                                                        const RapportOrderFilter *filter,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
GArray       *rapport_order_repository_search_finish   (RapportOrderRepository  *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
GPtrArray    *rapport_order_repository_load            (RapportOrderRepository  *self,
                                                        const gint64            *ids,
                                                        guint                    n_ids,
                                                        GError                 **error);
GPtrArray    *rapport_order_repository_list_for_client (RapportOrderRepository  *self,
                                                        gint64                   client_id,
                                                        guint                    offset,
                                                        guint                    limit,
                                                        GError                 **error);
gboolean      rapport_order_repository_summarize_client (RapportOrderRepository *self,
                                                         gint64                  client_id,
                                                         RapportClientOrdersSummary *summary,
                                                         GError                **error);

gboolean         rapport_order_repository_collect_reminders (RapportOrderRepository      *self,
                                                             gboolean                     payments,
                                                             const char                  *source,
                                                             const RapportReminderRange  *range,
                                                             GPtrArray                   *into,
                                                             GError                     **error);
gboolean         rapport_order_repository_count_reminders   (RapportOrderRepository      *self,
                                                             gboolean                     payments,
                                                             const char                  *from_day,
                                                             const char                  *to_day,
                                                             guint                       *n,
                                                             GError                     **error);
RapportReminder *rapport_order_repository_get_reminder      (RapportOrderRepository      *self,
                                                             gboolean                     payments,
                                                             const char                  *source,
                                                             gint64                       id,
                                                             GError                     **error);
gboolean         rapport_order_repository_set_reminder_done (RapportOrderRepository      *self,
                                                             gboolean                     payments,
                                                             gint64                       id,
                                                             gboolean                     done,
                                                             GError                     **error);

void          rapport_order_filter_clear               (RapportOrderFilter      *filter);
RapportOrderFilter *rapport_order_filter_copy          (const RapportOrderFilter *filter);
void          rapport_order_filter_free                (RapportOrderFilter      *filter);
void          rapport_client_orders_summary_clear      (RapportClientOrdersSummary *summary);
void          rapport_status_change_free               (RapportStatusChange     *change);
void          rapport_lost_reason_free                 (RapportLostReason       *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportOrderFilter, rapport_order_filter_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportClientOrdersSummary, rapport_client_orders_summary_clear)

G_END_DECLS
