/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The orders behind a figure of the Analytics page: a column of Sales, a
 * bar of Sales By, a step of the funnel, a lost reason, a member of
 * staff. Each list is the figure's own rule (rapport-analytics.c) written
 * as a condition on the orders “o”, with the query's period and filters,
 * so that a bar of 7 orders opens those 7. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-analytics-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

#define COUNTED RAPPORT_ANALYTICS_COUNTED
#define LINE_MATCH RAPPORT_ANALYTICS_LINE_MATCH

typedef struct
{
  RapportAnalyticsQuery  *query;
  RapportAnalyticsOrders  part;
  gint64                  key;
  char                   *name;
} ListOrders;

static void
list_orders_free (ListOrders *list)
{
  rapport_analytics_query_free (list->query);
  g_free (list->name);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListOrders, list_orders_free)

/* The staff and client filters of the query, on the orders “o”. */
static void
append_staff_and_clients (GString                     *sql,
                          const RapportAnalyticsQuery *query)
{
  if (query->staff_id > 0)
    g_string_append (sql, " AND o.staff_id = ?3");
  _rapport_analytics_append_client_filters (sql, query, "o.client_id");
}

/* The condition of @list's part and key on the orders “o” (and the
 * funnel “f”), after the period. */
static void
append_part (GString          *sql,
             const ListOrders *list)
{
  const RapportAnalyticsQuery *query = list->query;

  switch (list->part)
    {
    case RAPPORT_ANALYTICS_ORDERS_SALES:
      g_string_append (sql, " AND o.status IN " COUNTED);
      break;
    case RAPPORT_ANALYTICS_ORDERS_BY_PRODUCT:
      /* The line itself must be of the item and pass the item filter;
       * an item's lines are found by its index, the others by order. */
      if (list->key != 0)
        g_string_append (sql, " AND o.status IN " COUNTED " AND o.id IN (SELECT l.order_id FROM order_lines l"
                         " WHERE l.catalog_item_id = ?10" LINE_MATCH ")");
      else
        g_string_append (sql, " AND o.status IN " COUNTED " AND EXISTS (SELECT 1 FROM order_lines l"
                         " WHERE l.order_id = o.id AND l.catalog_item_id IS NULL AND l.name = ?11" LINE_MATCH ")");
      append_staff_and_clients (sql, query);
      return;
    case RAPPORT_ANALYTICS_ORDERS_BY_STAFF:
      g_string_append (sql, list->key != 0 ? " AND o.status IN " COUNTED " AND o.staff_id = ?10"
                                           : " AND o.status IN " COUNTED " AND o.staff_id IS NULL");
      break;
    case RAPPORT_ANALYTICS_ORDERS_BY_REGION:
      g_string_append (sql, " AND o.status IN " COUNTED
                       " AND coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality))"
                       " FROM client_addresses a WHERE a.client_id = o.client_id"
                       " ORDER BY a.position LIMIT 1), '') = ?11");
      break;
    case RAPPORT_ANALYTICS_ORDERS_BY_CAMPAIGN:
      g_string_append (sql, list->key != 0 ? " AND o.status IN " COUNTED " AND o.campaign_id = ?10"
                                           : " AND o.status IN " COUNTED " AND o.campaign_id IS NULL");
      break;
    case RAPPORT_ANALYTICS_ORDERS_FUNNEL:
      /* As read_funnel() counts them: confirmed is counted now or seen
       * confirmed once; paid is confirmed and paid in full. */
      g_string_append (sql, " AND o.status <> 'draft'");
      switch (list->key)
        {
        case RAPPORT_FUNNEL_QUOTED:
          break;
        case RAPPORT_FUNNEL_CONFIRMED:
          g_string_append (sql, " AND (o.status IN " COUNTED " OR f.confirmed_at IS NOT NULL)");
          break;
        case RAPPORT_FUNNEL_PAID:
          g_string_append (sql, " AND (o.status IN " COUNTED " OR f.confirmed_at IS NOT NULL)"
                           " AND o.total > 0 AND o.paid >= o.total");
          break;
        case RAPPORT_FUNNEL_DELIVERED:
          g_string_append (sql, " AND f.delivered_at IS NOT NULL");
          break;
        default:
          g_assert_not_reached ();
        }
      break;
    case RAPPORT_ANALYTICS_ORDERS_LOST:
      g_string_append (sql, " AND o.status = 'lost' AND coalesce(o.lost_reason_id, 0) = ?10");
      break;
    default:
      g_assert_not_reached ();
    }
  _rapport_analytics_append_order_filters (sql, query);
}

static gpointer
list_orders_on_reader (RapportSqlite  *db,
                       gpointer        user_data,
                       GError        **error)
{
  const ListOrders *list = user_data;
  const RapportAnalyticsQuery *query = list->query;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM orders o");
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  if (list->part == RAPPORT_ANALYTICS_ORDERS_FUNNEL)
    g_string_append (sql, " JOIN order_funnel f ON f.order_id = o.id");
  g_string_append (sql, " WHERE o.ordered_on BETWEEN ?1 AND ?2");
  append_part (sql, list);
  g_string_append (sql, " ORDER BY o.ordered_on DESC, o.id DESC");

  stmt = _rapport_analytics_prepare (db, sql->str, query, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 10, list->key);
  _rapport_stmt_bind_text (stmt, 11, list->name);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&ids);
}

static ListOrders *
list_orders_new (const RapportAnalyticsQuery  *query,
                 RapportAnalyticsOrders        part,
                 gint64                        key,
                 const char                   *name,
                 GError                      **error)
{
  ListOrders *list;

  if (!rapport_analytics_query_validate (query, error))
    return NULL;
  if ((guint) part > RAPPORT_ANALYTICS_ORDERS_LOST
      || (part == RAPPORT_ANALYTICS_ORDERS_FUNNEL && (key < 0 || key >= RAPPORT_FUNNEL_N_STAGES)))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("These figures have no list of orders. Choose another bar or row."));
      return NULL;
    }
  list = g_new0 (ListOrders, 1);
  list->query = rapport_analytics_query_copy (query);
  list->part = part;
  list->key = key;
  list->name = g_strdup (name != NULL ? name : "");
  return list;
}

/**
 * rapport_analytics_list_orders:
 * @self: the analytics
 * @query: the period and filters of the figure
 * @part: which figure
 * @key: the item, member of staff, campaign, funnel step or lost reason
 *   (see #RapportAnalyticsOrders), or 0
 * @name: (nullable): the line's name (a product of no catalog item) or
 *   the region; %NULL is “”
 * @cancellable: (nullable): interrupts the query
 * @error: return location for an error
 *
 * The orders a figure of the report for @query counted. On the reader
 * connection, so safe from a worker thread.
 *
 * Returns: (transfer full) (element-type gint64): the order ids, newest
 *   first, or %NULL with @error set
 */
GArray *
rapport_analytics_list_orders (RapportAnalytics             *self,
                               const RapportAnalyticsQuery  *query,
                               RapportAnalyticsOrders        part,
                               gint64                        key,
                               const char                   *name,
                               GCancellable                 *cancellable,
                               GError                      **error)
{
  g_autoptr(ListOrders) list = NULL;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  list = list_orders_new (query, part, key, name, error);
  if (list == NULL)
    return NULL;
  return _rapport_database_read (_rapport_analytics_get_database (self), list_orders_on_reader, list,
                                 cancellable, error);
}

static void
list_orders_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *ids;

  ids = _rapport_database_read (_rapport_analytics_get_database (source_object), list_orders_on_reader,
                                task_data, cancellable, &error);
  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_analytics_list_orders_async:
 *
 * rapport_analytics_list_orders() on a worker thread.
 */
void
rapport_analytics_list_orders_async (RapportAnalytics             *self,
                                     const RapportAnalyticsQuery  *query,
                                     RapportAnalyticsOrders        part,
                                     gint64                        key,
                                     const char                   *name,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ListOrders *list;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_list_orders_async);
  list = list_orders_new (query, part, key, name, &error);
  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, list, (GDestroyNotify) list_orders_free);
  g_task_run_in_thread (task, list_orders_thread);
}

/**
 * rapport_analytics_list_orders_finish:
 *
 * Returns: (transfer full) (element-type gint64): the order ids, newest
 *   first, or %NULL with @error set
 */
GArray *
rapport_analytics_list_orders_finish (RapportAnalytics  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_analytics_list_orders_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
