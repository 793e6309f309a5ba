/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What deliveries have to remind of, for their reminder source: a
 * delivery still on its way is due on its planned day, so that today's
 * are due today and late ones are overdue until they arrive, fail or are
 * marked done. Each question walks deliveries_open, never the table. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-delivery-repository-private.h"
#include "rapport-error.h"
#include "rapport-reminder.h"
#include "rapport-set-str-private.h"

#define REMINDER_COLUMNS \
  "SELECT d.id, o.number, d.client_id, c.display_name, d.staff_id, coalesce(s.name, ''), d.planned_on," \
  " k.name, d.tracking_number, d.order_id, d.created_at, "
#define REMINDER_JOINS \
  " JOIN orders o ON o.id = d.order_id JOIN clients c ON c.id = d.client_id" \
  " JOIN carriers k ON k.id = d.carrier_id LEFT JOIN staff s ON s.id = d.staff_id"
#define REMINDER_OPEN "d.status IN " DELIVERY_OPEN " AND d.late_reminder_done_at IS NULL"

static RapportSqlite *
connection (RapportDeliveryRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static RapportReminder *
reminder_from_row (RapportStmt *stmt,
                   const char  *source)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));
  const char *tracking = _rapport_stmt_column_text (stmt, 8);
  const char *carrier = _rapport_stmt_column_text (stmt, 7);

  reminder->client_id = _rapport_stmt_column_int (stmt, 2);
  g_free (reminder->client_name);
  reminder->client_name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 3));
  reminder->staff_id = _rapport_stmt_column_int (stmt, 4);
  g_free (reminder->staff_name);
  reminder->staff_name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 5));
  reminder->due_on = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 6));
  reminder->origin_at = _rapport_stmt_column_int (stmt, 10);
  reminder->done = _rapport_stmt_column_int (stmt, 11) != 0;
  reminder->open_kind = RAPPORT_REMINDER_OPEN_ORDER;
  reminder->open_id = _rapport_stmt_column_int (stmt, 9);

  g_free (reminder->title);
  /* TRANSLATORS: a reminder on a delivery's planned day, and after it
   * while it has not arrived; %s is the order's number */
  reminder->title = g_strdup_printf (_("Delivery of order %s"), _rapport_stmt_column_text (stmt, 1));
  g_free (reminder->detail);
  reminder->detail = *tracking
    /* TRANSLATORS: a delivery's carrier (%1$s) and tracking number (%2$s) */
    ? g_strdup_printf (_("%1$s, tracking number %2$s"), carrier, tracking)
    : _rapport_strdup_valid (carrier);
  return reminder;
}

/**
 * rapport_delivery_repository_collect_reminders:
 * @self: the deliveries
 * @source: the name to give the reminders
 * @range: which days, how many, in which order
 * @into: (element-type RapportReminder): where to add them
 * @error: return location for an error
 */
gboolean
rapport_delivery_repository_collect_reminders (RapportDeliveryRepository   *self,
                                               const char                  *source,
                                               const RapportReminderRange  *range,
                                               GPtrArray                   *into,
                                               GError                     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);

  db = connection (self);
  sql = g_strdup_printf (REMINDER_COLUMNS "0 FROM deliveries d INDEXED BY deliveries_open" REMINDER_JOINS
                         " WHERE " REMINDER_OPEN " AND d.planned_on BETWEEN ?1 AND ?2"
                         " ORDER BY d.planned_on %s, d.id %s LIMIT ?3",
                         range->newest_first ? "DESC" : "", range->newest_first ? "DESC" : "");
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, range->from_day ? range->from_day : "");
  _rapport_stmt_bind_text (stmt, 2, range->to_day);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, reminder_from_row (stmt, source));
  return ok;
}

gboolean
rapport_delivery_repository_count_reminders (RapportDeliveryRepository  *self,
                                             const char                 *from_day,
                                             const char                 *to_day,
                                             guint                      *n,
                                             GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT count(*) FROM deliveries d INDEXED BY deliveries_open"
                                  " WHERE " REMINDER_OPEN " AND d.planned_on BETWEEN ?1 AND ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from_day ? from_day : "");
  _rapport_stmt_bind_text (stmt, 2, to_day);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *n = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

/**
 * rapport_delivery_repository_get_reminder:
 * @self: the deliveries
 * @source: the name to give the reminder
 * @id: a delivery
 * @error: return location for an error
 *
 * Returns: (transfer full): the delivery's reminder, open or done (done
 *   once it arrived, failed or was marked done), or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportReminder *
rapport_delivery_repository_get_reminder (RapportDeliveryRepository  *self,
                                          const char                 *source,
                                          gint64                      id,
                                          GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  REMINDER_COLUMNS "NOT (" REMINDER_OPEN ") FROM deliveries d" REMINDER_JOINS
                                  " WHERE d.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The delivery no longer exists."));
      return NULL;
    }
  return reminder_from_row (stmt, source);
}

/**
 * rapport_delivery_repository_set_reminder_done:
 * @self: the deliveries
 * @id: a delivery
 * @done: done, or open again
 * @error: return location for an error
 *
 * Marks the delivery's reminder done (the carrier called) without
 * changing its status.
 */
gboolean
rapport_delivery_repository_set_reminder_done (RapportDeliveryRepository  *self,
                                               gint64                      id,
                                               gboolean                    done,
                                               GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "UPDATE deliveries SET late_reminder_done_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_id_or_null (stmt, 2, done ? rapport_database_now (self->database) : 0);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The delivery no longer exists."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_DELIVERY, id);
  return TRUE;
}
