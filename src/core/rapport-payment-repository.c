/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Payments and refunds of orders, and their SQL. A change is told as a
 * change of the order it pays (RAPPORT_KIND_ORDER). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-order-repository.h"
#include "rapport-order-rules.h"
#include "rapport-payment-repository.h"
#include "rapport-text.h"

struct _RapportPaymentRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportPaymentRepository, rapport_payment_repository, G_TYPE_OBJECT)

static void
rapport_payment_repository_finalize (GObject *object)
{
  RapportPaymentRepository *self = (RapportPaymentRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_payment_repository_parent_class)->finalize (object);
}

static void
rapport_payment_repository_class_init (RapportPaymentRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_payment_repository_finalize;
}

static void
rapport_payment_repository_init (RapportPaymentRepository *self)
{
}

/**
 * rapport_payment_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the payments of @database
 */
RapportPaymentRepository *
rapport_payment_repository_new (RapportDatabase *database)
{
  RapportPaymentRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_PAYMENT_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportPaymentRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

/* The order a payment goes to, as far as the rules need it. */
static RapportOrder *
read_order (RapportPaymentRepository  *self,
            gint64                     order_id,
            GError                   **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportOrderStatus status = RAPPORT_ORDER_DRAFT;
  RapportOrder *order;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT number, status, total, paid, client_id FROM orders WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The order no longer exists."));
      return NULL;
    }

  order = rapport_order_new (_rapport_stmt_column_int (stmt, 4));
  rapport_order_set_id (order, order_id);
  rapport_order_set_number (order, _rapport_stmt_column_text (stmt, 0));
  rapport_order_status_from_string (_rapport_stmt_column_text (stmt, 1), &status);
  _rapport_order_set_status (order, status);
  _rapport_order_set_money (order, _rapport_stmt_column_int (stmt, 2), _rapport_stmt_column_int (stmt, 3));
  return order;
}

static gboolean
tidy_payment (RapportPayment  *payment,
              GError         **error)
{
  g_autofree char *note = NULL;

  if (!rapport_date_validate (payment->paid_on, error))
    {
      g_prefix_error (error, _("Date: "));
      return FALSE;
    }
  if (payment->method > RAPPORT_PAYMENT_OTHER)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Method: choose how it was paid."));
      return FALSE;
    }
  note = g_strstrip (g_strdup (payment->note));
  rapport_payment_set_note (payment, note);
  return TRUE;
}

/**
 * rapport_payment_repository_add:
 * @self: the payments
 * @payment: a new payment (a refund is negative); its id is set
 * @error: return location for an error naming the field
 *
 * Records a payment of a confirmed, fulfilled or closed order
 * (rapport_order_check_payment()); the order's paid amount follows.
 */
gboolean
rapport_payment_repository_add (RapportPaymentRepository  *self,
                                RapportPayment            *payment,
                                GError                   **error)
{
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (payment != NULL && payment->id == 0, FALSE);

  order = read_order (self, payment->order_id, error);
  if (order == NULL
      || !rapport_order_check_payment (order, payment->amount, error)
      || !tidy_payment (payment, error))
    return FALSE;

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, note, staff_id,"
                                  " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, payment->order_id);
  _rapport_stmt_bind_text (stmt, 2, payment->paid_on);
  _rapport_stmt_bind_int (stmt, 3, payment->amount);
  _rapport_stmt_bind_text (stmt, 4, rapport_payment_method_to_string (payment->method));
  _rapport_stmt_bind_text (stmt, 5, payment->note);
  _rapport_stmt_bind_id_or_null (stmt, 6, payment->staff_id);
  _rapport_stmt_bind_int (stmt, 7, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  payment->id = _rapport_sqlite_last_insert_id (db);
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, payment->order_id);
  return TRUE;
}

/**
 * rapport_payment_repository_take_back:
 * @self: the payments
 * @id: a payment just recorded
 * @error: return location for an error
 *
 * Undoes rapport_payment_repository_add(), for the Undo that follows it. A
 * payment that was really made and is given back is a refund: a negative
 * payment, which keeps the history.
 */
gboolean
rapport_payment_repository_take_back (RapportPaymentRepository  *self,
                                      gint64                     id,
                                      GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gint64 order_id = 0;
  gboolean has_row, found = FALSE;

  g_return_val_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "DELETE FROM payments WHERE id = ?1 RETURNING order_id", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      found = TRUE;
      order_id = _rapport_stmt_column_int (stmt, 0);
    }
  while (has_row)
    if (!_rapport_sqlite_step (db, stmt, &has_row, error))
      return FALSE;

  if (!found)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The payment no longer exists."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, order_id);
  return TRUE;
}

/**
 * rapport_payment_repository_list_for_order:
 * @self: the payments
 * @order_id: an order's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportPayment): the order's
 *   payments and refunds, oldest first
 */
GPtrArray *
rapport_payment_repository_list_for_order (RapportPaymentRepository  *self,
                                           gint64                     order_id,
                                           GError                   **error)
{
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_payment_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id, paid_on, amount, method, note, staff_id FROM payments"
                                  " WHERE order_id = ?1 ORDER BY paid_on, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, order_id);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportPaymentMethod method = RAPPORT_PAYMENT_OTHER;
      RapportPayment *payment;

      rapport_payment_method_from_string (_rapport_stmt_column_text (stmt, 3), &method);
      payment = rapport_payment_new (order_id, _rapport_stmt_column_text (stmt, 1),
                                     _rapport_stmt_column_int (stmt, 2), method);
      payment->id = _rapport_stmt_column_int (stmt, 0);
      rapport_payment_set_note (payment, _rapport_stmt_column_text (stmt, 4));
      payment->staff_id = _rapport_stmt_column_int (stmt, 5);
      g_ptr_array_add (payments, payment);
    }
  if (!ok)
    return NULL;

  return g_steal_pointer (&payments);
}

/* The writes of the interface, on the database's worker thread (see
 * _rapport_database_write_async()): the window never waits for them. */

typedef struct
{
  RapportPayment *payment;  /* to add, or NULL to take back @id */
  gint64          id;
} PaymentWrite;

static void
payment_write_free (PaymentWrite *write)
{
  g_clear_pointer (&write->payment, rapport_payment_free);
  g_free (write);
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  PaymentWrite *write = data;
  g_autoptr(RapportPaymentRepository) payments = rapport_payment_repository_new (worker);

  return write->payment != NULL ? rapport_payment_repository_add (payments, write->payment, error)
                                : rapport_payment_repository_take_back (payments, write->id, error);
}

static void
write_async (RapportPaymentRepository *self,
             RapportPayment           *payment,
             gint64                    id,
             gpointer                  source_tag,
             GCancellable             *cancellable,
             GAsyncReadyCallback       callback,
             gpointer                  user_data)
{
  PaymentWrite *write = g_new0 (PaymentWrite, 1);

  write->payment = payment ? rapport_payment_copy (payment) : NULL;
  write->id = id;
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) payment_write_free, source_tag,
                                 cancellable, callback, user_data);
}

/**
 * rapport_payment_repository_add_async:
 * @self: the payments
 * @payment: a new payment (a copy is written)
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_payment_repository_add() on the database's worker thread.
 * Finish with rapport_payment_repository_write_finish().
 */
void
rapport_payment_repository_add_async (RapportPaymentRepository *self,
                                      RapportPayment           *payment,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self));
  g_return_if_fail (payment != NULL);

  write_async (self, payment, 0, rapport_payment_repository_add_async, cancellable, callback, user_data);
}

/**
 * rapport_payment_repository_take_back_async:
 * @self: the payments
 * @id: a payment
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_payment_repository_take_back() on the database's worker thread.
 */
void
rapport_payment_repository_take_back_async (RapportPaymentRepository *self,
                                            gint64                    id,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self));

  write_async (self, NULL, id, rapport_payment_repository_take_back_async, cancellable, callback, user_data);
}

/**
 * rapport_payment_repository_write_finish:
 * @self: the payments
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether it was written
 */
gboolean
rapport_payment_repository_write_finish (RapportPaymentRepository  *self,
                                         GAsyncResult              *result,
                                         GError                   **error)
{
  g_return_val_if_fail (RAPPORT_IS_PAYMENT_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
