/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The writes of the interface to orders, on the database's worker thread
 * (see _rapport_database_write_async()): the window never waits for another
 * program that holds the file. Each runs the synchronous write of the same
 * name with a repository of the worker's database, in its own transaction,
 * and its change notices reach the calling thread after it returns. */

#include "config.h"

#include "rapport-order-repository-private.h"

typedef enum
{
  WRITE_SAVE,
  WRITE_STATUS,
  WRITE_LOST,
  WRITE_CANCEL,
  WRITE_LOST_REASON,
} WriteKind;

typedef struct
{
  WriteKind            kind;
  RapportOrder        *order;          /* WRITE_SAVE */
  char                *number_pattern; /* WRITE_SAVE of a new order */
  gint64               id;             /* the order, or the reason */
  RapportOrderStatus   status;
  gint64               reason_id;
  RapportCancellation  money;
  char                *text;           /* a note, or the reason's name */
  gboolean             active;
  gint64               staff_id;
} OrderWrite;

static void
order_write_free (OrderWrite *write)
{
  g_clear_object (&write->order);
  g_free (write->number_pattern);
  g_free (write->text);
  g_free (write);
}

static OrderWrite *
order_write_new (WriteKind kind,
                 gint64    id)
{
  OrderWrite *write = g_new0 (OrderWrite, 1);

  write->kind = kind;
  write->id = id;
  return write;
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  OrderWrite *write = data;
  g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (worker);

  switch (write->kind)
    {
    case WRITE_SAVE:
      return rapport_order_get_id (write->order) == 0
             ? rapport_order_repository_create (orders, write->order, write->number_pattern, error)
             : rapport_order_repository_save (orders, write->order, error);
    case WRITE_STATUS:
      return rapport_order_repository_set_status (orders, write->id, write->status, write->staff_id, error);
    case WRITE_LOST:
      return rapport_order_repository_mark_lost (orders, write->id, write->reason_id, write->text,
                                                 write->staff_id, error);
    case WRITE_CANCEL:
      return rapport_order_repository_cancel (orders, write->id, write->money, write->text,
                                              write->staff_id, error);
    case WRITE_LOST_REASON:
      return rapport_order_repository_save_lost_reason (orders, write->id, write->text, write->active, error) > 0;
    default:
      g_assert_not_reached ();
    }
}

static void
write_async (RapportOrderRepository *self,
             OrderWrite             *write,
             gpointer                source_tag,
             GCancellable           *cancellable,
             GAsyncReadyCallback     callback,
             gpointer                user_data)
{
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) order_write_free, source_tag,
                                 cancellable, callback, user_data);
}

/**
 * rapport_order_repository_save_async:
 * @self: the orders
 * @order: a new order (id 0) or a changed one; not to be changed until the
 *   write ends, when a new one has its id and number
 * @number_pattern: (nullable): for a new order, the business's pattern
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_order_repository_create() or rapport_order_repository_save() on
 * the database's worker thread. Finish with
 * rapport_order_repository_write_finish().
 */
void
rapport_order_repository_save_async (RapportOrderRepository *self,
                                     RapportOrder           *order,
                                     const char             *number_pattern,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  OrderWrite *write;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_ORDER (order));

  write = order_write_new (WRITE_SAVE, 0);
  write->order = g_object_ref (order);
  write->number_pattern = g_strdup (number_pattern);
  write_async (self, write, rapport_order_repository_save_async, cancellable, callback, user_data);
}

/**
 * rapport_order_repository_set_status_async:
 * @self: the orders
 * @id: an order
 * @status: its new status (not lost nor cancelled: they have their own)
 * @staff_id: who changes it, or 0
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_order_repository_set_status() on the database's worker thread.
 */
void
rapport_order_repository_set_status_async (RapportOrderRepository *self,
                                           gint64                  id,
                                           RapportOrderStatus      status,
                                           gint64                  staff_id,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  OrderWrite *write;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));

  write = order_write_new (WRITE_STATUS, id);
  write->status = status;
  write->staff_id = staff_id;
  write_async (self, write, rapport_order_repository_set_status_async, cancellable, callback, user_data);
}

/**
 * rapport_order_repository_mark_lost_async:
 * @self: the orders
 * @id: a quote
 * @reason_id: why it was lost
 * @note: (nullable): more about it
 * @staff_id: who says so, or 0
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_order_repository_mark_lost() on the database's worker thread.
 */
void
rapport_order_repository_mark_lost_async (RapportOrderRepository *self,
                                          gint64                  id,
                                          gint64                  reason_id,
                                          const char             *note,
                                          gint64                  staff_id,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  OrderWrite *write;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));

  write = order_write_new (WRITE_LOST, id);
  write->reason_id = reason_id;
  write->text = g_strdup (note);
  write->staff_id = staff_id;
  write_async (self, write, rapport_order_repository_mark_lost_async, cancellable, callback, user_data);
}

/**
 * rapport_order_repository_cancel_async:
 * @self: the orders
 * @id: an order
 * @money: what becomes of what was paid
 * @note: (nullable): why
 * @staff_id: who cancels it, or 0
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_order_repository_cancel() on the database's worker thread.
 */
void
rapport_order_repository_cancel_async (RapportOrderRepository *self,
                                       gint64                  id,
                                       RapportCancellation     money,
                                       const char             *note,
                                       gint64                  staff_id,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  OrderWrite *write;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));

  write = order_write_new (WRITE_CANCEL, id);
  write->money = money;
  write->text = g_strdup (note);
  write->staff_id = staff_id;
  write_async (self, write, rapport_order_repository_cancel_async, cancellable, callback, user_data);
}

/**
 * rapport_order_repository_save_lost_reason_async:
 * @self: the orders
 * @id: a reason, or 0 for a new one
 * @name: its name
 * @active: whether it is offered
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_order_repository_save_lost_reason() on the database's worker
 * thread. Finish with rapport_order_repository_write_finish().
 */
void
rapport_order_repository_save_lost_reason_async (RapportOrderRepository *self,
                                                 gint64                  id,
                                                 const char             *name,
                                                 gboolean                active,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data)
{
  OrderWrite *write;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));

  write = order_write_new (WRITE_LOST_REASON, id);
  write->text = g_strdup (name);
  write->active = active;
  write_async (self, write, rapport_order_repository_save_lost_reason_async, cancellable, callback, user_data);
}

/**
 * rapport_order_repository_write_finish:
 * @self: the orders
 * @result: the result
 * @error: return location for an error
 *
 * Ends any of the orders' `_async` writes.
 *
 * Returns: whether it was written
 */
gboolean
rapport_order_repository_write_finish (RapportOrderRepository  *self,
                                       GAsyncResult            *result,
                                       GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
