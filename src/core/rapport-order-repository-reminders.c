/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What orders have to remind of, for their two reminder sources: a sale
 * still to be paid, due on its payment day, and a quote about to end, due
 * QUOTE_LEAD_DAYS before its last day so there is time to call. Each
 * list walks a partial index of what can still be due (0004-orders.sql),
 * never the table; the payments due are counted from their days
 * (0017-reminder-days.sql). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-order-repository-private.h"
#include "rapport-order-rules.h"
#include "rapport-sqlite-private.h"

#define QUOTE_LEAD_DAYS 2

/* The two kinds, as the SQL sees them. */
typedef struct
{
  const char *due_column;      /* the day the reminder is for */
  const char *done_column;     /* when it was marked done */
  const char *open;            /* what an open reminder of the kind is */
  const char *index;           /* the partial index that holds them */
  int         lead_days;       /* due this many days before due_column */
  const char *count_sql;       /* how many are due from ?1 to ?2 */
} Kind;

/* Tens of thousands of payments can be overdue: they are counted from the
 * days of step 0017, a row a day, not from their index. */
static const Kind payment_due = {
  "o.payment_due_on", "payment_reminder_done_at",
  "o.paid < o.total AND o.status IN " ORDER_SALE " AND o.payment_reminder_done_at IS NULL",
  "orders_payment_due", 0,
  "SELECT coalesce(sum(due), 0) FROM reminder_days WHERE source = 'payment-due' AND day BETWEEN ?1 AND ?2",
};

/* A few hundred quotes end in a week: their index counts them. */
static const Kind quote_end = {
  "o.quote_valid_until", "quote_reminder_done_at",
  "o.status = 'quoted' AND o.quote_valid_until IS NOT NULL AND o.quote_reminder_done_at IS NULL",
  "orders_quotes_expiring", QUOTE_LEAD_DAYS,
  "SELECT count(*) FROM orders o INDEXED BY orders_quotes_expiring"
  " WHERE o.status = 'quoted' AND o.quote_valid_until IS NOT NULL AND o.quote_reminder_done_at IS NULL"
  " AND o.quote_valid_until BETWEEN ?1 AND ?2",
};

#define REMINDER_COLUMNS \
  "SELECT o.id, o.number, o.client_id, c.display_name, o.staff_id, coalesce(s.name, '')," \
  " o.payment_due_on, o.quote_valid_until, o.total, o.paid, o.currency, o.created_at, "

static RapportSqlite *
connection (RapportOrderRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

/* @day moved by @days, as YYYY-MM-DD; @day itself when it is not a day. */
static char *
shift_day (const char *day,
           int         days)
{
  GDate date;
  char text[16];

  if (days == 0 || day == NULL || strlen (day) != 10)
    return g_strdup (day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2000);
  g_date_set_parse (&date, day);
  if (!g_date_valid (&date))
    return g_strdup (day);
  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static RapportReminder *
reminder_from_row (RapportStmt *stmt,
                   const char  *source,
                   const Kind  *kind)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));
  const char *number = _rapport_stmt_column_text (stmt, 1);
  const char *due = _rapport_stmt_column_text (stmt, kind == &payment_due ? 6 : 7);
  gint64 total = _rapport_stmt_column_int (stmt, 8);
  gint64 paid = _rapport_stmt_column_int (stmt, 9);

  reminder->client_id = _rapport_stmt_column_int (stmt, 2);
  g_free (reminder->client_name);
  reminder->client_name = g_strdup (_rapport_stmt_column_text (stmt, 3));
  reminder->staff_id = _rapport_stmt_column_int (stmt, 4);
  g_free (reminder->staff_name);
  reminder->staff_name = g_strdup (_rapport_stmt_column_text (stmt, 5));
  reminder->due_on = shift_day (*due ? due : NULL, -kind->lead_days);
  reminder->origin_at = _rapport_stmt_column_int (stmt, 11);
  reminder->done = _rapport_stmt_column_int (stmt, 12) != 0;
  reminder->open_kind = RAPPORT_REMINDER_OPEN_ORDER;
  reminder->open_id = reminder->item_id;
  g_free (reminder->currency);
  reminder->currency = g_strdup (_rapport_stmt_column_text (stmt, 10));

  g_free (reminder->title);
  if (kind == &payment_due)
    {
      reminder->amount = total - paid;
      /* TRANSLATORS: a reminder; %s is an order's number */
      reminder->title = g_strdup_printf (_("Payment for order %s"), number);
    }
  else
    {
      reminder->amount = total;
      /* TRANSLATORS: a reminder, two days before a quote's last day; %s is its number */
      reminder->title = g_strdup_printf (_("Quote %s ends soon"), number);
    }
  return reminder;
}

static gboolean
collect (RapportOrderRepository      *self,
         const Kind                  *kind,
         const char                  *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *sql = NULL;
  g_autofree char *from = shift_day (range->from_day ? range->from_day : "", kind->lead_days);
  g_autofree char *to = shift_day (range->to_day, kind->lead_days);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  sql = g_strdup_printf (REMINDER_COLUMNS "0"
                         " FROM orders o INDEXED BY %s JOIN clients c ON c.id = o.client_id"
                         " LEFT JOIN staff s ON s.id = o.staff_id"
                         " WHERE %s AND %s BETWEEN ?1 AND ?2 ORDER BY %s %s, o.id %s LIMIT ?3",
                         kind->index, kind->open, kind->due_column, kind->due_column,
                         range->newest_first ? "DESC" : "", range->newest_first ? "DESC" : "");
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from);
  _rapport_stmt_bind_text (stmt, 2, to);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, reminder_from_row (stmt, source, kind));
  return ok;
}

static gboolean
count (RapportOrderRepository  *self,
       const Kind              *kind,
       const char              *from_day,
       const char              *to_day,
       guint                   *n,
       GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *from = shift_day (from_day ? from_day : "", kind->lead_days);
  g_autofree char *to = shift_day (to_day, kind->lead_days);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  stmt = _rapport_sqlite_prepare (db, kind->count_sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, from);
  _rapport_stmt_bind_text (stmt, 2, to);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *n = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

/* One reminder by its order, open or done: done when marked so, and when
 * nothing is left to remind of (paid, no longer a quote). */
static RapportReminder *
lookup (RapportOrderRepository  *self,
        const Kind              *kind,
        const char              *source,
        gint64                   id,
        GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);

  sql = g_strdup_printf (REMINDER_COLUMNS "NOT (%s)"
                         " FROM orders o JOIN clients c ON c.id = o.client_id"
                         " LEFT JOIN staff s ON s.id = o.staff_id WHERE o.id = ?1",
                         kind->open);
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("This order is no longer in the file."));
      return NULL;
    }
  return reminder_from_row (stmt, source, kind);
}

static gboolean
set_done (RapportOrderRepository  *self,
          const Kind              *kind,
          gint64                   id,
          gboolean                 done,
          GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  sql = g_strdup_printf ("UPDATE orders SET %s = ?2 WHERE id = ?1", kind->done_column);
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_id_or_null (stmt, 2, done ? rapport_database_now (self->database) : 0);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("This order is no longer in the file."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, id);
  return TRUE;
}

/**
 * rapport_order_repository_collect_reminders:
 * @self: the orders
 * @payments: %TRUE for sales still to be paid, %FALSE for quotes about to end
 * @source: the name to give the reminders
 * @range: which days, how many, in which order
 * @into: (element-type RapportReminder): where to add them
 * @error: return location for an error
 */
gboolean
rapport_order_repository_collect_reminders (RapportOrderRepository      *self,
                                            gboolean                     payments,
                                            const char                  *source,
                                            const RapportReminderRange  *range,
                                            GPtrArray                   *into,
                                            GError                     **error)
{
  return collect (self, payments ? &payment_due : &quote_end, source, range, into, error);
}

/**
 * rapport_order_repository_count_reminders:
 * @self: the orders
 * @payments: %TRUE for sales still to be paid, %FALSE for quotes about to end
 * @from_day: (nullable): the first day, or %NULL for all before @to_day
 * @to_day: the last day
 * @n: (out): how many are due on those days
 * @error: return location for an error
 */
gboolean
rapport_order_repository_count_reminders (RapportOrderRepository  *self,
                                          gboolean                 payments,
                                          const char              *from_day,
                                          const char              *to_day,
                                          guint                   *n,
                                          GError                 **error)
{
  return count (self, payments ? &payment_due : &quote_end, from_day, to_day, n, error);
}

/**
 * rapport_order_repository_get_reminder:
 * @self: the orders
 * @payments: which kind
 * @source: the name to give the reminder
 * @id: an order
 * @error: return location for an error
 *
 * Returns: (transfer full): the order's reminder, open or done, or %NULL
 *   with %RAPPORT_ERROR_NOT_FOUND
 */
RapportReminder *
rapport_order_repository_get_reminder (RapportOrderRepository  *self,
                                       gboolean                 payments,
                                       const char              *source,
                                       gint64                   id,
                                       GError                 **error)
{
  return lookup (self, payments ? &payment_due : &quote_end, source, id, error);
}

/**
 * rapport_order_repository_set_reminder_done:
 * @self: the orders
 * @payments: which kind
 * @id: an order
 * @done: done, or open again
 * @error: return location for an error
 *
 * Marks the order's reminder done (the money chased, the client called)
 * without touching its payments or status.
 */
gboolean
rapport_order_repository_set_reminder_done (RapportOrderRepository  *self,
                                            gboolean                 payments,
                                            gint64                   id,
                                            gboolean                 done,
                                            GError                 **error)
{
  return set_done (self, payments ? &payment_due : &quote_end, id, done, error);
}
