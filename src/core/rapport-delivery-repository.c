/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Deliveries with the lines they carry and their status history: their
 * SQL and nothing else. What a delivery must be and may become is in
 * rapport-delivery-rules.c; the reminders of late deliveries in
 * rapport-delivery-repository-reminders.c; the warranties a delivery
 * starts in rapport-warranty-repository.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-carrier-repository.h"
#include "rapport-delivery-repository-private.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-order-repository-private.h"
#include "rapport-set-str-private.h"
#include "rapport-text.h"
#include "rapport-warranty-repository-private.h"

/* A client search needs this many characters (trigrams). */
#define TRIGRAM 3
/* A search by the start of an order or tracking number lists at most the
 * deliveries of this many numbers, the highest. */
#define MATCHES_PER_NUMBER 2000

G_DEFINE_FINAL_TYPE (RapportDeliveryRepository, rapport_delivery_repository, G_TYPE_OBJECT)

static void
rapport_delivery_repository_finalize (GObject *object)
{
  RapportDeliveryRepository *self = (RapportDeliveryRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_delivery_repository_parent_class)->finalize (object);
}

static void
rapport_delivery_repository_class_init (RapportDeliveryRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_delivery_repository_finalize;
}

static void
rapport_delivery_repository_init (RapportDeliveryRepository *self)
{
}

/**
 * rapport_delivery_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the deliveries of @database
 */
RapportDeliveryRepository *
rapport_delivery_repository_new (RapportDatabase *database)
{
  RapportDeliveryRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_DELIVERY_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

void
rapport_delivery_filter_clear (RapportDeliveryFilter *filter)
{
  g_clear_pointer (&filter->today, g_free);
  g_clear_pointer (&filter->text, g_free);
}

static RapportSqlite *
connection (RapportDeliveryRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("The delivery no longer exists."));
}

char *
_rapport_delivery_repository_dup_today (RapportDatabase *database)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_database_now (database));

  return now ? g_date_time_format (now, "%Y-%m-%d") : g_strdup ("1970-01-01");
}

/* How much of each line of an order deliveries hold (on their way or
 * delivered) and have delivered. */
#define DELIVERABLE_SQL \
  "SELECT l.id, l.name, l.unit, l.kind, l.quantity," \
  " coalesce((SELECT sum(dl.quantity) FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id" \
  "           WHERE dl.order_line_id = l.id AND d.status IN " DELIVERY_OPEN "), 0)," \
  " coalesce((SELECT sum(dl.quantity) FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id" \
  "           WHERE dl.order_line_id = l.id AND d.status = 'delivered'), 0)," \
  " (SELECT count(*) FROM delivery_lines dl WHERE dl.order_line_id = l.id)" \
  " FROM order_lines l WHERE l.order_id = ?1 ORDER BY l.position, l.id"

/**
 * rapport_delivery_repository_list_deliverable:
 * @self: the deliveries
 * @order_id: an order
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportDeliverable): every line
 *   of the order, in its order, with how much of it is held by deliveries
 *   and how much was delivered
 */
GPtrArray *
rapport_delivery_repository_list_deliverable (RapportDeliveryRepository  *self,
                                              gint64                      order_id,
                                              GError                    **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_deliverable_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, DELIVERABLE_SQL, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportDeliverable *line = g_new0 (RapportDeliverable, 1);
      gint64 on_way = _rapport_stmt_column_int (stmt, 5);

      line->order_line_id = _rapport_stmt_column_int (stmt, 0);
      line->name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 1));
      line->unit = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 2));
      line->kind_product = g_strcmp0 (_rapport_stmt_column_text (stmt, 3), "product") == 0;
      line->ordered = _rapport_stmt_column_int (stmt, 4);
      line->delivered = _rapport_stmt_column_int (stmt, 6);
      line->n_deliveries = (guint) CLAMP (_rapport_stmt_column_int (stmt, 7), 0, G_MAXUINT);
      /* The file may hold anything: never wrap around. */
      line->held = on_way > G_MAXINT64 - line->delivered ? G_MAXINT64 : on_way + line->delivered;
      g_ptr_array_add (lines, line);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&lines);
}

typedef struct
{
  RapportOrderStatus  status;
  char               *number;
  gint64              client_id;
} OrderFacts;

static void
order_facts_clear (OrderFacts *facts)
{
  g_clear_pointer (&facts->number, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrderFacts, order_facts_clear)

static gboolean
read_order (RapportDeliveryRepository  *self,
            gint64                      order_id,
            OrderFacts                 *facts,
            GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT status, number, client_id FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The order no longer exists."));
      return FALSE;
    }
  facts->status = RAPPORT_ORDER_DRAFT;
  rapport_order_status_from_string (_rapport_stmt_column_text (stmt, 0), &facts->status);
  facts->number = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 1));
  facts->client_id = _rapport_stmt_column_int (stmt, 2);
  return TRUE;
}

static gboolean
check_order_ships (OrderFacts  *facts,
                   GError     **error)
{
  if (facts->status == RAPPORT_ORDER_CONFIRMED)
    return TRUE;
  if (facts->status == RAPPORT_ORDER_FULFILLED || facts->status == RAPPORT_ORDER_CLOSED)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("Order %s was delivered in full: there is nothing left to deliver."), facts->number);
  else
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("Order %s is not confirmed: only a confirmed order is delivered."), facts->number);
  return FALSE;
}

/* Each line of @delivery is a line of its order with that much left. */
static gboolean
check_lines (RapportDeliveryRepository  *self,
             RapportDelivery            *delivery,
             const char                 *number,
             GError                    **error)
{
  g_autoptr(GPtrArray) lines = rapport_delivery_repository_list_deliverable (self, delivery->order_id, error);

  if (lines == NULL)
    return FALSE;

  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *asked = g_ptr_array_index (delivery->lines, i);
      gboolean found = FALSE;

      for (guint j = 0; j < lines->len && !found; j++)
        {
          RapportDeliverable *line = g_ptr_array_index (lines, j);

          if (line->order_line_id != asked->order_line_id)
            continue;
          found = TRUE;
          if (!rapport_delivery_check_quantity (line, j + 1, asked->quantity, error))
            return FALSE;
        }
      if (!found)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("Line %u of the delivery is not a line of order %s: the order was changed meanwhile; "
                         "open the delivery again."),
                       i + 1, number);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_rapport_delivery_repository_record_change (RapportDatabase        *database,
                                            gint64                  id,
                                            RapportDeliveryStatus   status,
                                            gint64                  staff_id,
                                            const char             *note,
                                            GError                **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO delivery_status_changes (delivery_id, status, changed_at,"
                                  " staff_id, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, rapport_delivery_status_to_string (status));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (database));
  _rapport_stmt_bind_id_or_null (stmt, 4, staff_id);
  _rapport_stmt_bind_text (stmt, 5, note ? note : "");
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
insert_delivery (RapportDeliveryRepository  *self,
                 RapportDelivery            *delivery,
                 GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 now = rapport_database_now (self->database);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO deliveries (order_id, client_id, carrier_id, tracking_number,"
                                  " address, planned_on, status, staff_id, notes, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7, ?8, ?9, ?9)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, delivery->order_id);
  _rapport_stmt_bind_int (stmt, 2, delivery->client_id);
  _rapport_stmt_bind_int (stmt, 3, delivery->carrier_id);
  _rapport_stmt_bind_text (stmt, 4, delivery->tracking_number);
  _rapport_stmt_bind_text (stmt, 5, delivery->address);
  _rapport_stmt_bind_text (stmt, 6, delivery->planned_on);
  _rapport_stmt_bind_id_or_null (stmt, 7, delivery->staff_id);
  _rapport_stmt_bind_text (stmt, 8, delivery->notes);
  _rapport_stmt_bind_int (stmt, 9, now);
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
  return _rapport_delivery_repository_record_change (self->database, delivery->id, RAPPORT_DELIVERY_PLANNED,
                                                     delivery->staff_id, NULL, error);
}

static gboolean
check_staff (RapportDeliveryRepository  *self,
             gint64                      staff_id,
             GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean exists = FALSE;

  if (staff_id == 0)
    return TRUE;
  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, staff_id);
  if (!_rapport_sqlite_step (db, stmt, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Staff: the staff member chosen no longer exists."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_new (RapportDeliveryRepository  *self,
           RapportDelivery            *delivery,
           GError                    **error)
{
  g_autoptr(RapportCarrierRepository) carriers = rapport_carrier_repository_new (self->database);
  g_autoptr(RapportCarrier) carrier = NULL;
  g_auto(OrderFacts) order = { 0 };

  carrier = rapport_carrier_repository_get (carriers, delivery->carrier_id, error);
  if (carrier == NULL
      || !rapport_delivery_tidy (delivery, carrier->pickup, error)
      || !read_order (self, delivery->order_id, &order, error)
      || !check_order_ships (&order, error)
      || !check_staff (self, delivery->staff_id, error)
      || !check_lines (self, delivery, order.number, error))
    return FALSE;

  delivery->client_id = order.client_id;
  return insert_delivery (self, delivery, error);
}

/**
 * rapport_delivery_repository_create:
 * @self: the deliveries
 * @delivery: a new delivery of a confirmed order: lines and quantities,
 *   carrier, address (a copy), tracking number, planned day; it gets its
 *   id and is planned
 * @error: return location for an error naming the field or the line
 *
 * Plans a delivery. Every line must be goods of the order with at least
 * that much left to deliver, counting the deliveries on their way and
 * delivered, also those another program planned a moment ago: the check
 * and the write are one transaction. Nothing is saved when one line is
 * refused.
 */
gboolean
rapport_delivery_repository_create (RapportDeliveryRepository  *self,
                                    RapportDelivery            *delivery,
                                    GError                    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);
  g_return_val_if_fail (delivery != NULL && delivery->id == 0, FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!write_new (self, delivery, &local_error))
    {
      _rapport_database_rollback (self->database);
      delivery->id = 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_DELIVERY, delivery->id);
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, delivery->order_id);
  if (!_rapport_database_commit (self->database, error))
    {
      delivery->id = 0;
      return FALSE;
    }
  delivery->status = RAPPORT_DELIVERY_PLANNED;
  return TRUE;
}

typedef struct
{
  RapportDeliveryStatus  status;
  gint64                 order_id;
} DeliveryState;

static gboolean
read_state (RapportDeliveryRepository  *self,
            gint64                      id,
            DeliveryState              *state,
            GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT status, order_id FROM deliveries WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      set_not_found (error);
      return FALSE;
    }
  if (!rapport_delivery_status_from_string (_rapport_stmt_column_text (stmt, 0), &state->status))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                           _("The delivery’s status in the file is not one Rapport knows; it cannot be changed."));
      return FALSE;
    }
  state->order_id = _rapport_stmt_column_int (stmt, 1);
  return TRUE;
}

/* Whether every piece of goods of the order was delivered. */
static gboolean
order_delivered (RapportDeliveryRepository  *self,
                 gint64                      order_id,
                 gboolean                   *delivered,
                 GError                    **error)
{
  g_autoptr(GPtrArray) lines = rapport_delivery_repository_list_deliverable (self, order_id, error);
  guint n_goods = 0;

  if (lines == NULL)
    return FALSE;
  *delivered = TRUE;
  for (guint i = 0; i < lines->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (lines, i);

      if (!line->kind_product)
        continue;
      n_goods++;
      if (line->delivered < line->ordered)
        *delivered = FALSE;
    }
  *delivered = *delivered && n_goods > 0;
  return TRUE;
}

static gboolean
write_status (RapportDeliveryRepository  *self,
              gint64                      id,
              DeliveryState              *state,
              RapportDeliveryStatus       status,
              gint64                      staff_id,
              const char                 *note,
              GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *today = _rapport_delivery_repository_dup_today (self->database);
  gboolean delivered = FALSE;

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE deliveries SET status = ?2, updated_at = ?3,"
                                  " delivered_on = CASE WHEN ?2 = 'delivered' THEN ?4 ELSE delivered_on END"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, rapport_delivery_status_to_string (status));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  _rapport_stmt_bind_text (stmt, 4, today);
  if (!_rapport_sqlite_run (db, stmt, error)
      || !_rapport_delivery_repository_record_change (self->database, id, status, staff_id, note, error))
    return FALSE;

  if (status == RAPPORT_DELIVERY_RETURNED)
    return _rapport_warranty_repository_remove_for_delivery (self->database, id, error);
  if (status != RAPPORT_DELIVERY_DELIVERED)
    return TRUE;

  if (!_rapport_warranty_repository_add_for_delivery (self->database, id, today, error)
      || !order_delivered (self, state->order_id, &delivered, error))
    return FALSE;
  if (delivered)
    {
      g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (self->database);

      return _rapport_order_repository_fulfil (orders, state->order_id, staff_id, error);
    }
  return TRUE;
}

/**
 * rapport_delivery_repository_set_status:
 * @self: the deliveries
 * @id: a delivery
 * @status: where it is now (rapport_delivery_can_become())
 * @staff_id: who says so, or 0
 * @note: (nullable): more words, if any
 * @error: return location for an error saying why not
 *
 * Moves a delivery along; the change is kept with its time and staff
 * member. Delivered starts the warranties of the goods it carried that
 * have one, and, once every piece of goods of the order was delivered,
 * makes the order fulfilled; returned takes its warranties away. All of
 * it is one transaction.
 */
gboolean
rapport_delivery_repository_set_status (RapportDeliveryRepository  *self,
                                        gint64                      id,
                                        RapportDeliveryStatus       status,
                                        gint64                      staff_id,
                                        const char                 *note,
                                        GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  DeliveryState state = { 0 };

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!read_state (self, id, &state, &local_error)
      || !rapport_delivery_check_status_change (state.status, status, &local_error)
      || !check_staff (self, staff_id, &local_error)
      || !write_status (self, id, &state, status, staff_id, note, &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_DELIVERY, id);
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, state.order_id);
  return _rapport_database_commit (self->database, error);
}

#define DELIVERY_COLUMNS \
  "SELECT d.id, d.order_id, o.number, d.client_id, c.display_name, d.carrier_id, k.name, k.pickup," \
  " k.tracking_pattern, d.tracking_number, d.address, d.planned_on, d.status, d.delivered_on," \
  " d.staff_id, d.notes" \
  " FROM deliveries d JOIN orders o ON o.id = d.order_id JOIN clients c ON c.id = d.client_id" \
  " JOIN carriers k ON k.id = d.carrier_id"

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = _rapport_strdup_valid (value);
}

static RapportDelivery *
delivery_from_row (RapportStmt *stmt)
{
  RapportDelivery *delivery = rapport_delivery_new (_rapport_stmt_column_int (stmt, 1));
  const char *delivered_on = _rapport_stmt_column_text (stmt, 13);

  delivery->id = _rapport_stmt_column_int (stmt, 0);
  set_text (&delivery->order_number, _rapport_stmt_column_text (stmt, 2));
  delivery->client_id = _rapport_stmt_column_int (stmt, 3);
  set_text (&delivery->client_name, _rapport_stmt_column_text (stmt, 4));
  delivery->carrier_id = _rapport_stmt_column_int (stmt, 5);
  set_text (&delivery->carrier_name, _rapport_stmt_column_text (stmt, 6));
  delivery->carrier_pickup = _rapport_stmt_column_int (stmt, 7) != 0;
  set_text (&delivery->tracking_number, _rapport_stmt_column_text (stmt, 9));
  g_free (delivery->tracking_uri);
  delivery->tracking_uri = rapport_carrier_dup_tracking_uri (_rapport_stmt_column_text (stmt, 8),
                                                             delivery->tracking_number);
  set_text (&delivery->address, _rapport_stmt_column_text (stmt, 10));
  set_text (&delivery->planned_on, _rapport_stmt_column_text (stmt, 11));
  /* An unknown status reads as failed: never on its way, never late. */
  if (!rapport_delivery_status_from_string (_rapport_stmt_column_text (stmt, 12), &delivery->status))
    delivery->status = RAPPORT_DELIVERY_FAILED;
  delivery->delivered_on = *delivered_on ? _rapport_strdup_valid (delivered_on) : NULL;
  delivery->staff_id = _rapport_stmt_column_int (stmt, 14);
  set_text (&delivery->notes, _rapport_stmt_column_text (stmt, 15));
  return delivery;
}

static gboolean
load_lines (RapportDeliveryRepository  *self,
            RapportDelivery            *delivery,
            GError                    **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT dl.order_line_id, l.name, l.unit, l.serial_number, dl.quantity"
                                  " FROM delivery_lines dl JOIN order_lines l ON l.id = dl.order_line_id"
                                  " WHERE dl.delivery_id = ?1 ORDER BY l.position, l.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, delivery->id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportDeliveryLine *line;

      rapport_delivery_add_line (delivery, _rapport_stmt_column_int (stmt, 0), _rapport_stmt_column_int (stmt, 4));
      line = g_ptr_array_index (delivery->lines, delivery->lines->len - 1);
      set_text (&line->name, _rapport_stmt_column_text (stmt, 1));
      set_text (&line->unit, _rapport_stmt_column_text (stmt, 2));
      set_text (&line->serial_number, _rapport_stmt_column_text (stmt, 3));
    }
  return ok;
}

/**
 * rapport_delivery_repository_get:
 * @self: the deliveries
 * @id: a delivery's id
 * @error: return location for an error
 *
 * Returns: (transfer full): the delivery with its lines, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportDelivery *
rapport_delivery_repository_get (RapportDeliveryRepository  *self,
                                 gint64                      id,
                                 GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportDelivery) delivery = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, DELIVERY_COLUMNS " WHERE d.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (error);
      return NULL;
    }
  delivery = delivery_from_row (stmt);
  g_clear_pointer (&stmt, _rapport_stmt_release);
  if (!load_lines (self, delivery, error))
    return NULL;
  return g_steal_pointer (&delivery);
}

static GPtrArray *
list_where (RapportDeliveryRepository  *self,
            const char                 *where,
            gint64                      value,
            gint64                      limit,
            GError                    **error)
{
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_delivery_free);
  g_autofree char *sql = g_strconcat (DELIVERY_COLUMNS, where, NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db = connection (self);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, value);
  _rapport_stmt_bind_int (stmt, 2, limit);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (deliveries, delivery_from_row (stmt));
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < deliveries->len; i++)
    if (!load_lines (self, g_ptr_array_index (deliveries, i), error))
      return NULL;
  return g_steal_pointer (&deliveries);
}

/**
 * rapport_delivery_repository_list_for_order:
 * @self: the deliveries
 * @order_id: an order
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportDelivery): the order's
 *   deliveries with their lines, the first planned first
 */
GPtrArray *
rapport_delivery_repository_list_for_order (RapportDeliveryRepository  *self,
                                            gint64                      order_id,
                                            GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);
  return list_where (self, " WHERE d.order_id = ?1 ORDER BY d.id LIMIT ?2", order_id, -1, error);
}

/**
 * rapport_delivery_repository_list_for_client:
 * @self: the deliveries
 * @client_id: a client
 * @limit: at most this many, or 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportDelivery): the client's
 *   deliveries with their lines, the latest planned first
 */
GPtrArray *
rapport_delivery_repository_list_for_client (RapportDeliveryRepository  *self,
                                             gint64                      client_id,
                                             guint                       limit,
                                             GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);
  return list_where (self,
                     " WHERE d.client_id = ?1 ORDER BY d.planned_on DESC, d.id DESC LIMIT ?2",
                     client_id, limit > 0 ? (gint64) limit : -1, error);
}

/**
 * rapport_delivery_repository_list_changes:
 * @self: the deliveries
 * @id: a delivery's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportDeliveryChange): the
 *   delivery's statuses, oldest first, with when and who
 */
GPtrArray *
rapport_delivery_repository_list_changes (RapportDeliveryRepository  *self,
                                          gint64                      id,
                                          GError                    **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_delivery_change_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT ch.status, ch.changed_at, coalesce(s.name, ''), ch.note"
                                  " FROM delivery_status_changes ch LEFT JOIN staff s ON s.id = ch.staff_id"
                                  " WHERE ch.delivery_id = ?1 ORDER BY ch.changed_at, ch.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportDeliveryChange *change = g_new0 (RapportDeliveryChange, 1);

      if (!rapport_delivery_status_from_string (_rapport_stmt_column_text (stmt, 0), &change->status))
        change->status = RAPPORT_DELIVERY_FAILED;
      change->changed_at = _rapport_stmt_column_int (stmt, 1);
      change->staff_name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 2));
      change->note = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 3));
      g_ptr_array_add (changes, change);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&changes);
}

/* Monday and Sunday of @today's week. */
static gboolean
week_of (const char  *today,
         char       **monday,
         char       **sunday)
{
  GDate date;

  g_date_clear (&date, 1);
  if (today == NULL || !rapport_date_validate (today, NULL))
    return FALSE;
  g_date_set_parse (&date, today);
  if (!g_date_valid (&date))
    return FALSE;
  *monday = rapport_day_shift (today, -(int) (g_date_get_weekday (&date) - G_DATE_MONDAY));
  *sunday = *monday ? rapport_day_shift (*monday, 6) : NULL;
  return *sunday != NULL;
}

static GArray *
search_ids (RapportSqlite                *db,
            const RapportDeliveryFilter  *filter,
            GError                      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT d.id FROM deliveries d");
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *trimmed = NULL, *after = NULL, *phrase = NULL;
  gboolean has_text, has_row, ok;


  if (filter->when != RAPPORT_DELIVERIES_ALL
      && (filter->today == NULL || !rapport_date_validate (filter->today, NULL)))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Today is not a day the calendar knows: check the computer’s date."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (filter->text ? filter->text : ""));
  has_text = *trimmed != '\0';
  if (has_text)
    {
      g_autofree char *folded = rapport_text_fold (trimmed);

      /* U+10FFFF sorts after every character a number can go on with. */
      after = g_strconcat (trimmed, "\xf4\x8f\xbf\xbf", NULL);
      if (g_utf8_strlen (folded, -1) >= TRIGRAM)
        phrase = _rapport_sqlite_fts_phrase (folded);
    }

  /* With text, the planner gathers the few matches through the indexes of
   * tracking numbers, orders and clients; without, each walk names its
   * index, which gives the order without a sort. */
  switch (filter->when)
    {
    case RAPPORT_DELIVERIES_ALL:
      g_string_append (sql, has_text ? " WHERE 1" : " INDEXED BY deliveries_by_day WHERE 1");
      break;
    case RAPPORT_DELIVERIES_TODAY:
      g_string_append (sql, has_text ? "" : " INDEXED BY deliveries_by_day");
      g_string_append (sql, " WHERE d.planned_on BETWEEN ?1 AND ?2");
      from = g_strdup (filter->today);
      to = g_strdup (filter->today);
      break;
    case RAPPORT_DELIVERIES_WEEK:
      g_string_append (sql, has_text ? "" : " INDEXED BY deliveries_by_day");
      g_string_append (sql, " WHERE d.planned_on BETWEEN ?1 AND ?2");
      if (!week_of (filter->today, &from, &to))
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("Today is not a day the calendar knows: check the computer’s date."));
          return NULL;
        }
      break;
    case RAPPORT_DELIVERIES_LATE:
      g_string_append (sql, has_text ? "" : " INDEXED BY deliveries_open");
      g_string_append (sql, " WHERE d.status IN " DELIVERY_OPEN " AND d.planned_on < ?2");
      to = g_strdup (filter->today);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  /* The few matches, gathered through the indexes of tracking numbers,
   * orders and clients; an OR of them would have the planner walk every
   * delivery. A start that many numbers share (“2025-”, a carrier's
   * prefix) takes the MATCHES_PER_NUMBER highest numbers, the latest:
   * gathering and sorting a year's deliveries would keep the list waiting
   * for what the person is still typing. */
  if (has_text)
    {
      g_string_append (sql, " AND d.id IN (SELECT id FROM (SELECT id FROM deliveries WHERE tracking_number <> ''"
                            " AND tracking_number >= ?3 AND tracking_number < ?4"
                            " ORDER BY tracking_number DESC LIMIT ?7)"
                            " UNION SELECT id FROM deliveries WHERE order_id IN"
                            " (SELECT id FROM orders WHERE number >= ?3 AND number < ?4"
                            "  ORDER BY number DESC LIMIT ?7)");
      if (phrase != NULL)
        g_string_append (sql, " UNION SELECT id FROM deliveries WHERE client_id IN"
                              " (SELECT id FROM clients WHERE search_pos IN"
                              "  (SELECT rowid FROM client_search WHERE client_search MATCH ?5))");
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY d.planned_on DESC, d.id DESC LIMIT ?6");

  stmt = _rapport_sqlite_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (from != NULL)
    _rapport_stmt_bind_text (stmt, 1, from);
  if (to != NULL)
    _rapport_stmt_bind_text (stmt, 2, to);
  if (has_text)
    {
      _rapport_stmt_bind_text (stmt, 3, trimmed);
      _rapport_stmt_bind_text (stmt, 4, after);
      if (phrase != NULL)
        _rapport_stmt_bind_text (stmt, 5, phrase);
      _rapport_stmt_bind_int (stmt, 7, MATCHES_PER_NUMBER);
    }
  _rapport_stmt_bind_int (stmt, 6, filter->limit > 0 ? (gint64) filter->limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * rapport_delivery_repository_search:
 * @self: the deliveries
 * @filter: which deliveries
 * @error: return location for an error: %RAPPORT_ERROR_INVALID when
 *   @filter's today is not a day
 *
 * Each walk names the index that serves it: the late ones walk the index
 * of deliveries still on their way (0005-deliveries.sql), never the table.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   deliveries, in the list's order
 */
GArray *
rapport_delivery_repository_search (RapportDeliveryRepository    *self,
                                    const RapportDeliveryFilter  *filter,
                                    GError                      **error)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return search_ids (connection (self), filter, error);
}

static void
filter_free (RapportDeliveryFilter *filter)
{
  rapport_delivery_filter_clear (filter);
  g_free (filter);
}

static gpointer
search_on_reader (RapportSqlite  *reader,
                  gpointer        filter,
                  GError        **error)
{
  return search_ids (reader, filter, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportDeliveryRepository *self = source_object;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = _rapport_database_read (self->database, search_on_reader, task_data, cancellable, &error);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&ids, g_array_unref);
  else if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/**
 * rapport_delivery_repository_search_async:
 * @self: the deliveries
 * @filter: which deliveries; copied
 * @cancellable: (nullable): stops the query
 * @callback: called with the ids
 * @user_data: for @callback
 *
 * rapport_delivery_repository_search() on the database's reader, in a
 * worker thread.
 */
void
rapport_delivery_repository_search_async (RapportDeliveryRepository   *self,
                                          const RapportDeliveryFilter *filter,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  RapportDeliveryFilter *copy;

  g_return_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self));
  g_return_if_fail (filter != NULL);

  copy = g_new0 (RapportDeliveryFilter, 1);
  copy->when = filter->when;
  copy->today = g_strdup (filter->today);
  copy->text = g_strdup (filter->text);
  copy->limit = filter->limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_delivery_repository_search_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) filter_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * rapport_delivery_repository_search_finish:
 * @self: the deliveries
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 */
GArray *
rapport_delivery_repository_search_finish (RapportDeliveryRepository  *self,
                                           GAsyncResult               *result,
                                           GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_delivery_repository_load:
 * @self: the deliveries
 * @ids: (array length=n_ids): deliveries' ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * Reads the rows a list shows, without their lines.
 *
 * Returns: (transfer full) (element-type RapportDelivery): the deliveries
 *   still in the file, in the order of @ids
 */
GPtrArray *
rapport_delivery_repository_load (RapportDeliveryRepository  *self,
                                  const gint64               *ids,
                                  guint                       n_ids,
                                  GError                    **error)
{
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_delivery_free);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), NULL);

  db = connection (self);
  json = _rapport_sqlite_ids_to_json (ids, n_ids);
  stmt = _rapport_sqlite_prepare (db,
                                  DELIVERY_COLUMNS " JOIN json_each (?1) j ON j.value = d.id ORDER BY j.key",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, json);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (deliveries, delivery_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&deliveries);
}

/* The writes of the interface, on the database's worker thread. */

typedef struct
{
  RapportDelivery       *delivery;
  gint64                 id;
  RapportDeliveryStatus  status;
  gint64                 staff_id;
  char                  *note;
} DeliveryWrite;

static void
delivery_write_free (DeliveryWrite *write)
{
  g_clear_pointer (&write->delivery, rapport_delivery_free);
  g_free (write->note);
  g_free (write);
}

static RapportDelivery *
copy_for_create (const RapportDelivery *delivery)
{
  RapportDelivery *copy = rapport_delivery_new (delivery->order_id);

  copy->carrier_id = delivery->carrier_id;
  set_text (&copy->tracking_number, delivery->tracking_number);
  set_text (&copy->address, delivery->address);
  copy->planned_on = g_strdup (delivery->planned_on);
  copy->staff_id = delivery->staff_id;
  set_text (&copy->notes, delivery->notes);
  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (delivery->lines, i);
      rapport_delivery_add_line (copy, line->order_line_id, line->quantity);
    }
  return copy;
}

static gboolean
create_on_worker (RapportDatabase  *worker,
                  gpointer          data,
                  GError          **error)
{
  DeliveryWrite *write = data;
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (worker);

  if (!rapport_delivery_repository_create (deliveries, write->delivery, error))
    return FALSE;
  write->id = write->delivery->id;
  return TRUE;
}

/**
 * rapport_delivery_repository_create_async:
 * @self: the deliveries
 * @delivery: a new delivery; a copy is saved
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_delivery_repository_create() on the database's worker thread.
 */
void
rapport_delivery_repository_create_async (RapportDeliveryRepository *self,
                                          RapportDelivery           *delivery,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data)
{
  DeliveryWrite *write;

  g_return_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self));
  g_return_if_fail (delivery != NULL);

  write = g_new0 (DeliveryWrite, 1);
  write->delivery = copy_for_create (delivery);
  _rapport_database_write_async (self->database, self, create_on_worker, write,
                                 (GDestroyNotify) delivery_write_free,
                                 rapport_delivery_repository_create_async,
                                 cancellable, callback, user_data);
}

/**
 * rapport_delivery_repository_create_finish:
 * @self: the deliveries
 * @result: the result
 * @error: return location for an error naming the field or the line
 *
 * Returns: the new delivery's id, or 0 with @error set
 */
gint64
rapport_delivery_repository_create_finish (RapportDeliveryRepository  *self,
                                           GAsyncResult               *result,
                                           GError                    **error)
{
  DeliveryWrite *write;

  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), 0);

  if (!_rapport_database_write_finish (self, result, error))
    return 0;
  write = _rapport_database_write_get_data (result);
  return write->id;
}

static gboolean
status_on_worker (RapportDatabase  *worker,
                  gpointer          data,
                  GError          **error)
{
  DeliveryWrite *write = data;
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (worker);

  return rapport_delivery_repository_set_status (deliveries, write->id, write->status, write->staff_id,
                                                 write->note, error);
}

/**
 * rapport_delivery_repository_set_status_async:
 * @self: the deliveries
 * @id: a delivery
 * @status: where it is now
 * @staff_id: who says so, or 0
 * @note: (nullable): more words
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_delivery_repository_set_status() on the database's worker thread.
 */
void
rapport_delivery_repository_set_status_async (RapportDeliveryRepository *self,
                                              gint64                     id,
                                              RapportDeliveryStatus      status,
                                              gint64                     staff_id,
                                              const char                *note,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data)
{
  DeliveryWrite *write;

  g_return_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self));

  write = g_new0 (DeliveryWrite, 1);
  write->id = id;
  write->status = status;
  write->staff_id = staff_id;
  write->note = g_strdup (note);
  _rapport_database_write_async (self->database, self, status_on_worker, write,
                                 (GDestroyNotify) delivery_write_free,
                                 rapport_delivery_repository_set_status_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_delivery_repository_set_status_finish (RapportDeliveryRepository  *self,
                                               GAsyncResult               *result,
                                               GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
