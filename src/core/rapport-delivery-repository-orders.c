/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What an order's own changes do to its deliveries, in the order's
 * transaction: a cancelled order stops the deliveries not yet sent; an
 * order marked fulfilled in the shop hands over what is left. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-carrier-repository-private.h"
#include "rapport-delivery-repository-private.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-warranty-repository-private.h"

/* Goods that left the shop, or reached the client, stop a cancellation:
 * the shop must say first what became of them. */
static gboolean
check_nothing_sent (RapportSqlite  *db,
                    gint64          order_id,
                    const char     *number,
                    GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  RapportDeliveryStatus status = RAPPORT_DELIVERY_FAILED;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT status FROM deliveries WHERE order_id = ?1"
                                  " AND status IN ('shipped', 'in-transit', 'delivered') ORDER BY id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  rapport_delivery_status_from_string (_rapport_stmt_column_text (stmt, 0), &status);
  if (status == RAPPORT_DELIVERY_DELIVERED)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("Order %s was partly delivered: mark that delivery returned when the goods come back, "
                   "then cancel the order."),
                 number);
  else
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("Order %s has goods on their way: mark that delivery failed, or returned once it is back, "
                   "then cancel the order."),
                 number);
  return FALSE;
}

gboolean
_rapport_delivery_repository_stop_for_order (RapportDatabase  *database,
                                             gint64            order_id,
                                             const char       *number,
                                             gint64            staff_id,
                                             GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  if (!check_nothing_sent (db, order_id, number, error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE deliveries SET status = 'failed', updated_at = ?2"
                                  " WHERE order_id = ?1 AND status IN " DELIVERY_OPEN " RETURNING id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  _rapport_stmt_bind_int (stmt, 2, rapport_database_now (database));
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!_rapport_delivery_repository_record_change (database, id, RAPPORT_DELIVERY_FAILED, staff_id,
                                                       /* TRANSLATORS: kept in a delivery's history when
                                                        * its order is cancelled before it was sent;
                                                        * saved in the language of the moment */
                                                       _("Order cancelled"), error))
        return FALSE;
      _rapport_database_note_change (database, RAPPORT_KIND_DELIVERY, id);
    }
  return TRUE;
}

/* What no delivery holds yet of each piece of goods of the order. */
static gboolean
collect_rest (RapportDatabase  *database,
              gint64            order_id,
              RapportDelivery  *into,
              GError          **error)
{
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (database);
  g_autoptr(GPtrArray) lines = rapport_delivery_repository_list_deliverable (deliveries, order_id, error);

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (lines, i);

      if (line->kind_product && line->ordered > line->held)
        rapport_delivery_add_line (into, line->order_line_id, line->ordered - line->held);
    }
  return TRUE;
}

static gboolean
insert_handed_over (RapportSqlite    *db,
                    RapportDelivery  *delivery,
                    const char       *today,
                    gint64            now,
                    GError          **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO deliveries (order_id, client_id, carrier_id, planned_on, status,"
                                  " delivered_on, staff_id, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, 'delivered', ?4, ?5, ?6, ?6)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, delivery->order_id);
  _rapport_stmt_bind_int (stmt, 2, delivery->client_id);
  _rapport_stmt_bind_int (stmt, 3, delivery->carrier_id);
  _rapport_stmt_bind_text (stmt, 4, today);
  _rapport_stmt_bind_id_or_null (stmt, 5, delivery->staff_id);
  _rapport_stmt_bind_int (stmt, 6, now);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  delivery->id = _rapport_sqlite_last_insert_id (db);
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO delivery_lines (delivery_id, order_line_id, quantity)"
                                  " VALUES (?1, ?2, ?3)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (delivery->lines, i);

      _rapport_stmt_bind_int (stmt, 1, delivery->id);
      _rapport_stmt_bind_int (stmt, 2, line->order_line_id);
      _rapport_stmt_bind_int (stmt, 3, line->quantity);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_rapport_delivery_repository_hand_over_rest (RapportDatabase  *database,
                                             gint64            order_id,
                                             gint64            client_id,
                                             gint64            staff_id,
                                             GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportDelivery) delivery = rapport_delivery_new (order_id);
  g_autofree char *today = _rapport_delivery_repository_dup_today (database);

  if (!collect_rest (database, order_id, delivery, error))
    return FALSE;
  if (delivery->lines->len == 0)
    return TRUE;

  delivery->client_id = client_id;
  delivery->staff_id = staff_id;
  if (!_rapport_carrier_repository_find_pickup (db, &delivery->carrier_id, error)
      || !insert_handed_over (db, delivery, today, rapport_database_now (database), error)
      || !_rapport_delivery_repository_record_change (database, delivery->id, RAPPORT_DELIVERY_DELIVERED, staff_id,
                                                      /* TRANSLATORS: kept in a delivery's history when
                                                       * the order was marked fulfilled with goods handed
                                                       * over in the shop; saved in the language of the
                                                       * moment */
                                                      _("Handed over in the shop"), error)
      || !_rapport_warranty_repository_add_for_delivery (database, delivery->id, today, error))
    return FALSE;
  _rapport_database_note_change (database, RAPPORT_KIND_DELIVERY, delivery->id);
  return TRUE;
}
