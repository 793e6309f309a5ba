/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Orders with their lines, status history and lost reasons: their SQL and
 * nothing else. What an order must be and may become is in
 * rapport-order-rules.c; its numbers in rapport-order-number.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-database-private.h"
#include "rapport-delivery-repository-private.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-order-number.h"
#include "rapport-order-repository-private.h"
#include "rapport-order-rules.h"
#include "rapport-text.h"

/* A pattern can make a number somebody typed into another pattern
 * before; past this many taken numbers in a row, something is wrong. */
#define MAX_NUMBER_TRIES 1000

G_DEFINE_FINAL_TYPE (RapportOrderRepository, rapport_order_repository, G_TYPE_OBJECT)


static void
rapport_order_repository_finalize (GObject *object)
{
  RapportOrderRepository *self = (RapportOrderRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_order_repository_parent_class)->finalize (object);
}

static void
rapport_order_repository_class_init (RapportOrderRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_order_repository_finalize;
}

static void
rapport_order_repository_init (RapportOrderRepository *self)
{
}

/**
 * rapport_order_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the orders of @database
 */
RapportOrderRepository *
rapport_order_repository_new (RapportDatabase *database)
{
  RapportOrderRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_ORDER_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

RapportDatabase *
rapport_order_repository_get_database (RapportOrderRepository *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);
  return self->database;
}

static RapportSqlite *
connection (RapportOrderRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("The order no longer exists."));
}

RapportOrder *
_rapport_order_from_row (RapportStmt *stmt)
{
  RapportOrderStatus status = RAPPORT_ORDER_DRAFT;
  RapportOrder *order = rapport_order_new (_rapport_stmt_column_int (stmt, 2));

  rapport_order_set_id (order, _rapport_stmt_column_int (stmt, 0));
  rapport_order_set_number (order, _rapport_stmt_column_text (stmt, 1));
  _rapport_order_set_client_name (order, _rapport_stmt_column_text (stmt, 3));
  rapport_order_set_staff_id (order, _rapport_stmt_column_int (stmt, 4));
  rapport_order_set_ordered_on (order, _rapport_stmt_column_text (stmt, 5));
  rapport_order_status_from_string (_rapport_stmt_column_text (stmt, 6), &status);
  _rapport_order_set_status (order, status);
  rapport_order_set_quote_valid_until (order, _rapport_stmt_column_text (stmt, 7));
  _rapport_order_set_lost_reason (order, _rapport_stmt_column_int (stmt, 8),
                                  _rapport_stmt_column_text (stmt, 9));
  rapport_order_set_payment_terms_days (order, (guint) CLAMP (_rapport_stmt_column_int (stmt, 10), 0, 3650));
  rapport_order_set_currency (order, _rapport_stmt_column_text (stmt, 11));
  rapport_order_set_prices_include_tax (order, _rapport_stmt_column_int (stmt, 12) != 0);
  rapport_order_set_notes (order, _rapport_stmt_column_text (stmt, 13));
  rapport_order_set_campaign_id (order, _rapport_stmt_column_int (stmt, 14));
  _rapport_order_set_money (order, _rapport_stmt_column_int (stmt, 15), _rapport_stmt_column_int (stmt, 16));
  _rapport_order_set_created_at (order, _rapport_stmt_column_int (stmt, 17));
  return order;
}

static RapportOrderLine *
line_from_row (RapportStmt *stmt)
{
  RapportOrderLine *line = rapport_order_line_new (_rapport_stmt_column_text (stmt, 3),
                                                   _rapport_stmt_column_int (stmt, 5),
                                                   _rapport_stmt_column_int (stmt, 6));

  line->id = _rapport_stmt_column_int (stmt, 0);
  line->catalog_item_id = _rapport_stmt_column_int (stmt, 1);
  rapport_item_kind_from_string (_rapport_stmt_column_text (stmt, 2), &line->kind);
  rapport_order_line_set_unit (line, _rapport_stmt_column_text (stmt, 4));
  line->discount = (gint) CLAMP (_rapport_stmt_column_int (stmt, 7), 0, 10000);
  line->tax_rate = (gint) CLAMP (_rapport_stmt_column_int (stmt, 8), 0, 10000);
  line->warranty_months = (gint) CLAMP (_rapport_stmt_column_int (stmt, 9), 0, 1200);
  rapport_order_line_set_serial_number (line, _rapport_stmt_column_text (stmt, 10));
  line->net = _rapport_stmt_column_int (stmt, 11);
  line->tax = _rapport_stmt_column_int (stmt, 12);
  line->gross = _rapport_stmt_column_int (stmt, 13);
  return line;
}

static gboolean
load_lines (RapportOrderRepository  *self,
            RapportOrder            *order,
            GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id, catalog_item_id, kind, name, unit, quantity, unit_price,"
                                  " discount, tax_rate, warranty_months, serial_number, net, tax, gross"
                                  " FROM order_lines WHERE order_id = ?1 ORDER BY position, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, rapport_order_get_id (order));

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      g_autoptr(RapportOrderLine) line = line_from_row (stmt);
      rapport_order_add_line (order, line);
    }
  return ok;
}

/**
 * rapport_order_repository_get:
 * @self: the orders
 * @id: an order's id
 * @error: return location for an error
 *
 * Returns: (transfer full): the order with its lines, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportOrder *
rapport_order_repository_get (RapportOrderRepository  *self,
                              gint64                   id,
                              GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportOrder) order = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT " ORDER_COLUMNS ORDER_FROM " WHERE o.id = ?1", error);
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
  order = _rapport_order_from_row (stmt);
  g_clear_pointer (&stmt, _rapport_stmt_release);

  if (!load_lines (self, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/**
 * rapport_order_repository_find_number:
 * @self: the orders
 * @number: an order number, exactly
 * @error: return location for an error; %RAPPORT_ERROR_NOT_FOUND when
 *   no order has it
 *
 * Returns: the order's id, or 0
 */
gint64
rapport_order_repository_find_number (RapportOrderRepository  *self,
                                      const char              *number,
                                      GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), 0);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT id FROM orders WHERE number = ?1", error);
  if (stmt == NULL)
    return 0;
  _rapport_stmt_bind_text (stmt, 1, number);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return 0;
  if (!has_row)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("There is no order %s."), number);
      return 0;
    }
  return _rapport_stmt_column_int (stmt, 0);
}

static gboolean
next_in_scope (RapportSqlite  *db,
               const char     *scope,
               gint64         *sequence,
               GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO order_number_counters (prefix, last) VALUES (?1, 1)"
                                  " ON CONFLICT (prefix) DO UPDATE SET last = last + 1"
                                  " RETURNING last",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, scope);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *sequence = _rapport_stmt_column_int (stmt, 0);
  /* RETURNING writes when the statement runs to its end. */
  while (has_row)
    if (!_rapport_sqlite_step (db, stmt, &has_row, error))
      return FALSE;
  return TRUE;
}

static gboolean
number_taken (RapportSqlite  *db,
              const char     *number,
              gboolean       *taken,
              GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM orders WHERE number = ?1", error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, number);
  return _rapport_sqlite_step (db, stmt, taken, error);
}

/* The next number the pattern gives that no order has: the counter only
 * ever goes up, so a number is never handed out twice, even when the draft
 * that had it was deleted. Runs in the writer's transaction, which other
 * programs wait for: two at once never get the same number. */
static char *
assign_number (RapportSqlite  *db,
               const char     *pattern,
               const char     *ordered_on,
               GError        **error)
{
  g_autofree char *scope = rapport_order_number_dup_scope (pattern, ordered_on);

  for (guint i = 0; i < MAX_NUMBER_TRIES; i++)
    {
      g_autofree char *number = NULL;
      gint64 sequence = 0;
      gboolean taken = FALSE;

      if (!next_in_scope (db, scope, &sequence, error))
        return NULL;
      number = rapport_order_number_format (pattern, ordered_on, sequence);
      if (!number_taken (db, number, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&number);
    }

  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The order number pattern gives only numbers that are already taken: change it in Preferences."));
  return NULL;
}

/**
 * rapport_order_repository_dup_next_number:
 * @self: the orders
 * @number_pattern: a pattern a person is choosing
 * @ordered_on: the day, `YYYY-MM-DD`
 * @error: return location for an error: %RAPPORT_ERROR_INVALID when the
 *   pattern is not valid
 *
 * Tells, without taking it, the number an order made on @ordered_on would
 * get now: the example shown while a person chooses a pattern. An order
 * made meanwhile takes it, so it is never a promise.
 *
 * Returns: (transfer full): the number, or %NULL with @error set
 */
char *
rapport_order_repository_dup_next_number (RapportOrderRepository  *self,
                                          const char              *number_pattern,
                                          const char              *ordered_on,
                                          GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *scope = NULL;
  RapportSqlite *db;
  gint64 sequence = 1;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);
  g_return_val_if_fail (ordered_on != NULL && strlen (ordered_on) == 10, NULL);

  if (!rapport_order_number_validate (number_pattern, error))
    return NULL;

  db = connection (self);
  scope = rapport_order_number_dup_scope (number_pattern, ordered_on);
  stmt = _rapport_sqlite_prepare (db, "SELECT last FROM order_number_counters WHERE prefix = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, scope);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  /* The counter is whatever the file holds. */
  if (has_row)
    sequence = CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXINT64 - MAX_NUMBER_TRIES) + 1;

  for (guint i = 0; i < MAX_NUMBER_TRIES; i++, sequence++)
    {
      g_autofree char *number = rapport_order_number_format (number_pattern, ordered_on, sequence);
      gboolean taken = FALSE;

      if (!number_taken (db, number, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&number);
    }

  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The order number pattern gives only numbers that are already taken: change it in Preferences."));
  return NULL;
}

#define INSERT_LINE \
  "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name," \
  " unit, quantity, unit_price, discount, tax_rate, warranty_months," \
  " serial_number, net, tax, gross)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)" \
  " RETURNING id"
#define UPDATE_LINE \
  "UPDATE order_lines SET position = ?2, catalog_item_id = ?3, kind = ?4, name = ?5," \
  " unit = ?6, quantity = ?7, unit_price = ?8, discount = ?9, tax_rate = ?10, warranty_months = ?11," \
  " serial_number = ?12, net = ?13, tax = ?14, gross = ?15" \
  " WHERE order_id = ?1 AND id = ?16"

/* Binds ?1…?15 of INSERT_LINE and UPDATE_LINE. */
static void
bind_line (RapportStmt      *stmt,
           gint64            order_id,
           guint             position,
           RapportOrderLine *line)
{
  _rapport_stmt_bind_int (stmt, 1, order_id);
  _rapport_stmt_bind_int (stmt, 2, position);
  _rapport_stmt_bind_id_or_null (stmt, 3, line->catalog_item_id);
  _rapport_stmt_bind_text (stmt, 4, rapport_item_kind_to_string (line->kind));
  _rapport_stmt_bind_text (stmt, 5, line->name);
  _rapport_stmt_bind_text (stmt, 6, line->unit);
  _rapport_stmt_bind_int (stmt, 7, line->quantity);
  _rapport_stmt_bind_int (stmt, 8, line->unit_price);
  _rapport_stmt_bind_int (stmt, 9, line->discount);
  _rapport_stmt_bind_int (stmt, 10, line->tax_rate);
  _rapport_stmt_bind_int (stmt, 11, line->warranty_months);
  _rapport_stmt_bind_text (stmt, 12, line->serial_number);
  _rapport_stmt_bind_int (stmt, 13, line->net);
  _rapport_stmt_bind_int (stmt, 14, line->tax);
  _rapport_stmt_bind_int (stmt, 15, line->gross);
}

static gboolean
insert_line (RapportSqlite     *db,
             RapportStmt       *stmt,
             gint64             order_id,
             guint              position,
             RapportOrderLine  *line,
             GError           **error)
{
  gboolean has_row;

  bind_line (stmt, order_id, position, line);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  line->id = _rapport_stmt_column_int (stmt, 0);
  /* RETURNING writes when the statement runs to its end. */
  while (has_row)
    if (!_rapport_sqlite_step (db, stmt, &has_row, error))
      return FALSE;
  _rapport_stmt_release (stmt);
  return TRUE;
}

static gboolean
insert_lines (RapportOrderRepository  *self,
              RapportOrder            *order,
              GError                 **error)
{
  RapportSqlite *db = connection (self);
  GPtrArray *lines = rapport_order_get_lines (order);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db, INSERT_LINE, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    if (!insert_line (db, stmt, rapport_order_get_id (order), i, g_ptr_array_index (lines, i), error))
      return FALSE;
  return TRUE;
}

static RapportDeliverable *
find_deliverable (GPtrArray *saved,
                  gint64     line_id)
{
  for (guint i = 0; line_id != 0 && i < saved->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (saved, i);

      if (line->order_line_id == line_id)
        return line;
    }
  return NULL;
}

static RapportOrderLine *
find_line (GPtrArray *lines,
           gint64     line_id)
{
  for (guint i = 0; i < lines->len; i++)
    {
      RapportOrderLine *line = g_ptr_array_index (lines, i);

      if (line->id == line_id)
        return line;
    }
  return NULL;
}

/* Lines a delivery carried or carries stay, and never go below what is
 * in deliveries: a delivery and a warranty name a line by its id. */
static gboolean
check_line_changes (GPtrArray     *saved,
                    RapportOrder  *order,
                    gint64         client_before,
                    GError       **error)
{
  GPtrArray *lines = rapport_order_get_lines (order);

  for (guint i = 0; i < saved->len; i++)
    {
      RapportDeliverable *before = g_ptr_array_index (saved, i);
      RapportOrderLine *after = find_line (lines, before->order_line_id);

      if (before->n_deliveries > 0 && rapport_order_get_client_id (order) != client_before)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("Client: order %s was delivered to its client; the client can no longer change."),
                       rapport_order_get_number (order));
          return FALSE;
        }

      if (after == NULL && before->n_deliveries > 0)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The line “%s” is in a delivery of order %s: it cannot be removed."),
                       before->name, rapport_order_get_number (order));
          return FALSE;
        }
      if (after != NULL && after->quantity < before->held)
        {
          g_autofree char *held = rapport_quantity_to_string (before->held);

          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The line “%s”: %s of it is delivered or on its way; its quantity cannot be less."),
                       after->name, held);
          return FALSE;
        }
      if (after != NULL && before->n_deliveries > 0 && after->kind != RAPPORT_ITEM_PRODUCT)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The line “%s” is in a delivery: it stays goods, not a service."),
                       after->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Saves the lines in place: a line that stays keeps its id, a new one is
 * added, a removed one deleted. */
static gboolean
save_lines (RapportOrderRepository  *self,
            RapportOrder            *order,
            gint64                   client_before,
            GError                 **error)
{
  RapportSqlite *db = connection (self);
  GPtrArray *lines = rapport_order_get_lines (order);
  gint64 order_id = rapport_order_get_id (order);
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (self->database);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  saved = rapport_delivery_repository_list_deliverable (deliveries, order_id, error);
  if (saved == NULL || !check_line_changes (saved, order, client_before, error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (db, "DELETE FROM order_lines WHERE order_id = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < saved->len; i++)
    {
      RapportDeliverable *before = g_ptr_array_index (saved, i);

      if (find_line (lines, before->order_line_id) != NULL)
        continue;
      _rapport_stmt_bind_int (stmt, 1, order_id);
      _rapport_stmt_bind_int (stmt, 2, before->order_line_id);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < lines->len; i++)
    {
      RapportOrderLine *line = g_ptr_array_index (lines, i);

      /* A line read from another order, or an id the file no longer has,
       * is a new line. */
      if (find_deliverable (saved, line->id) != NULL)
        {
          stmt = _rapport_sqlite_prepare (db, UPDATE_LINE, error);
          if (stmt == NULL)
            return FALSE;
          bind_line (stmt, order_id, i, line);
          _rapport_stmt_bind_int (stmt, 16, line->id);
          if (!_rapport_sqlite_run (db, stmt, error))
            return FALSE;
        }
      else
        {
          stmt = _rapport_sqlite_prepare (db, INSERT_LINE, error);
          if (stmt == NULL || !insert_line (db, stmt, order_id, i, line, error))
            return FALSE;
        }
      g_clear_pointer (&stmt, _rapport_stmt_release);
    }
  return TRUE;
}

static gboolean
record_change (RapportOrderRepository  *self,
               gint64                   order_id,
               RapportOrderStatus       status,
               gint64                   staff_id,
               gint64                   reason_id,
               const char              *note,
               GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO order_status_changes (order_id, status, changed_at, staff_id,"
                                  " lost_reason_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  _rapport_stmt_bind_text (stmt, 2, rapport_order_status_to_string (status));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  _rapport_stmt_bind_id_or_null (stmt, 4, staff_id);
  _rapport_stmt_bind_id_or_null (stmt, 5, reason_id);
  _rapport_stmt_bind_text (stmt, 6, note ? note : "");
  return _rapport_sqlite_run (db, stmt, error);
}

/* The columns that a person edits, bound as ?1…?9. */
static void
bind_editable (RapportStmt  *stmt,
               RapportOrder *order,
               const char   *due_on,
               gint64        now)
{
  _rapport_stmt_bind_int (stmt, 1, rapport_order_get_client_id (order));
  _rapport_stmt_bind_id_or_null (stmt, 2, rapport_order_get_staff_id (order));
  _rapport_stmt_bind_text (stmt, 3, rapport_order_get_ordered_on (order));
  _rapport_stmt_bind_text_or_null (stmt, 4, rapport_order_get_quote_valid_until (order));
  _rapport_stmt_bind_int (stmt, 5, rapport_order_get_payment_terms_days (order));
  _rapport_stmt_bind_text (stmt, 6, due_on);
  _rapport_stmt_bind_int (stmt, 7, rapport_order_get_prices_include_tax (order));
  _rapport_stmt_bind_text (stmt, 8, rapport_order_get_notes (order));
  _rapport_stmt_bind_id_or_null (stmt, 9, rapport_order_get_campaign_id (order));
  _rapport_stmt_bind_int (stmt, 10, now);
}

static gboolean
insert_order_row (RapportOrderRepository  *self,
                  RapportOrder            *order,
                  gboolean                 keep_id,
                  GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *due_on = rapport_order_dup_payment_due_on (order);
  gint64 now = rapport_database_now (self->database);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO orders (client_id, staff_id, ordered_on, quote_valid_until,"
                                  " payment_terms_days, payment_due_on, prices_include_tax, notes, campaign_id,"
                                  " created_at, updated_at, number, status, currency, id)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, 'draft', ?12, ?13)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_editable (stmt, order, due_on, now);
  _rapport_stmt_bind_text (stmt, 11, rapport_order_get_number (order));
  _rapport_stmt_bind_text (stmt, 12, rapport_order_get_currency (order));
  if (keep_id)
    _rapport_stmt_bind_int (stmt, 13, rapport_order_get_id (order));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (!keep_id)
    rapport_order_set_id (order, _rapport_sqlite_last_insert_id (db));
  _rapport_order_set_created_at (order, now);
  return TRUE;
}

/* A missing client or staff member is said so, not as a broken rule. */
static gboolean
check_references (RapportOrderRepository  *self,
                  RapportOrder            *order,
                  GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT (SELECT count(*) FROM clients WHERE id = ?1),"
                                  " ?2 IS NULL OR (SELECT count(*) FROM staff WHERE id = ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, rapport_order_get_client_id (order));
  _rapport_stmt_bind_id_or_null (stmt, 2, rapport_order_get_staff_id (order));
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  if (_rapport_stmt_column_int (stmt, 0) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Client: the client chosen no longer exists."));
      return FALSE;
    }
  if (_rapport_stmt_column_int (stmt, 1) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Staff: the staff member chosen no longer exists."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_new_order (RapportOrderRepository  *self,
                 RapportOrder            *order,
                 const char              *pattern,
                 GError                 **error)
{
  g_autofree char *number = NULL;

  if (pattern != NULL)
    {
      number = assign_number (connection (self), pattern, rapport_order_get_ordered_on (order), error);
      if (number == NULL)
        return FALSE;
      rapport_order_set_number (order, number);
    }

  return insert_order_row (self, order, pattern == NULL, error)
         && insert_lines (self, order, error)
         && record_change (self, rapport_order_get_id (order), RAPPORT_ORDER_DRAFT, 
                           rapport_order_get_staff_id (order), 0, NULL, error);
}

static void
refresh_money (RapportOrder *order)
{
  GPtrArray *lines = rapport_order_get_lines (order);
  gint64 total = 0;

  /* The lines were checked against RAPPORT_AMOUNT_MAX: this cannot
   * overflow for any order the rules let through. */
  for (guint i = 0; i < lines->len; i++)
    total += ((RapportOrderLine *) g_ptr_array_index (lines, i))->gross;
  _rapport_order_set_money (order, total, rapport_order_get_paid (order));
}

static gboolean
check_total (RapportOrder  *order,
             GError       **error)
{
  g_auto(RapportOrderTotals) totals = { 0 };

  return rapport_order_compute_totals (order, &totals, error);
}

/**
 * rapport_order_repository_create:
 * @self: the orders
 * @order: a new order, as a person put it together; it becomes a draft and
 *   gets its id and number
 * @number_pattern: the pattern the number comes from
 *   (rapport_order_number_validate())
 * @error: return location for an error naming the field or the line
 *
 * Saves a new draft with its lines. Its number is the next one the
 * pattern gives in the order's year (or whatever the pattern counts in),
 * never one handed out before, even by another program at the same time.
 */
gboolean
rapport_order_repository_create (RapportOrderRepository  *self,
                                 RapportOrder            *order,
                                 const char              *number_pattern,
                                 GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ORDER (order), FALSE);
  g_return_val_if_fail (rapport_order_get_id (order) == 0, FALSE);

  if (!rapport_order_number_validate (number_pattern, error)
      || !rapport_order_tidy (order, error)
      || !check_total (order, error)
      || !check_references (self, order, error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!write_new_order (self, order, number_pattern, error))
    {
      _rapport_database_rollback (self->database);
      rapport_order_set_id (order, 0);
      rapport_order_set_number (order, "");
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, rapport_order_get_id (order));
  if (!_rapport_database_commit (self->database, error))
    {
      rapport_order_set_id (order, 0);
      rapport_order_set_number (order, "");
      return FALSE;
    }

  _rapport_order_set_status (order, RAPPORT_ORDER_DRAFT);
  refresh_money (order);
  return TRUE;
}

typedef struct
{
  RapportOrderStatus status;
  char              *number;
  gint64             client_id;
  gint64             total;
  gint64             paid;
  guint              n_lines;
} OrderState;

static void
order_state_clear (OrderState *state)
{
  g_clear_pointer (&state->number, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrderState, order_state_clear)

/* The order as the file has it now, to decide what may be done to it. */
static gboolean
read_state (RapportOrderRepository  *self,
            gint64                   id,
            OrderState              *state,
            GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT status, number, client_id, total, paid,"
                                  " (SELECT count(*) FROM order_lines WHERE order_id = o.id)"
                                  " FROM orders o WHERE id = ?1",
                                  error);
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

  state->status = RAPPORT_ORDER_DRAFT;
  rapport_order_status_from_string (_rapport_stmt_column_text (stmt, 0), &state->status);
  state->number = g_strdup (_rapport_stmt_column_text (stmt, 1));
  state->client_id = _rapport_stmt_column_int (stmt, 2);
  state->total = _rapport_stmt_column_int (stmt, 3);
  state->paid = _rapport_stmt_column_int (stmt, 4);
  state->n_lines = (guint) CLAMP (_rapport_stmt_column_int (stmt, 5), 0, G_MAXUINT);
  return TRUE;
}

/* A stand-in order that rules can be asked about. */
static RapportOrder *
order_of_state (gint64      id,
                OrderState *state)
{
  RapportOrder *order = rapport_order_new (state->client_id);

  rapport_order_set_id (order, id);
  rapport_order_set_number (order, state->number);
  _rapport_order_set_status (order, state->status);
  _rapport_order_set_money (order, state->total, state->paid);
  return order;
}

static gboolean
check_editable (OrderState  *state,
                GError     **error)
{
  if (rapport_order_status_allows_editing (state->status))
    return TRUE;

  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("Order %s can no longer be changed: it is fulfilled, closed, lost or cancelled."),
               state->number);
  return FALSE;
}

static gboolean
update_order (RapportOrderRepository  *self,
              RapportOrder            *order,
              gint64                   client_before,
              GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *due_on = rapport_order_dup_payment_due_on (order);

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE orders SET client_id = ?1, staff_id = ?2, ordered_on = ?3,"
                                  " quote_valid_until = ?4, payment_terms_days = ?5, payment_due_on = ?6,"
                                  " prices_include_tax = ?7, notes = ?8, campaign_id = ?9, updated_at = ?10"
                                  " WHERE id = ?11",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_editable (stmt, order, due_on, rapport_database_now (self->database));
  _rapport_stmt_bind_int (stmt, 11, rapport_order_get_id (order));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  return save_lines (self, order, client_before, error);
}

/**
 * rapport_order_repository_save:
 * @self: the orders
 * @order: an order read with rapport_order_repository_get() and changed
 * @error: return location for an error naming the field or the line
 *
 * Saves the client, staff, dates, terms, notes and lines of an order that
 * may still change (draft, quoted or confirmed); a fulfilled, closed, lost
 * or cancelled order is refused and nothing changes. The status and the
 * payments change with their own calls.
 *
 * Lines keep their ids: a line read back and changed is changed in place,
 * a new one (id 0) is added and gets its id, a missing one is deleted.
 * A line in a delivery is never deleted, nor its quantity made less than
 * what deliveries hold of it; nothing is saved then.
 */
gboolean
rapport_order_repository_save (RapportOrderRepository  *self,
                               RapportOrder            *order,
                               GError                 **error)
{
  g_auto(OrderState) state = { 0 };

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ORDER (order), FALSE);

  if (!read_state (self, rapport_order_get_id (order), &state, error)
      || !check_editable (&state, error)
      || !rapport_order_tidy (order, error)
      || !check_total (order, error)
      || !check_references (self, order, error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!update_order (self, order, state.client_id, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, rapport_order_get_id (order));
  if (!_rapport_database_commit (self->database, error))
    return FALSE;

  _rapport_order_set_status (order, state.status);
  _rapport_order_set_money (order, 0, state.paid);
  refresh_money (order);
  return TRUE;
}

static gboolean
write_status (RapportOrderRepository  *self,
              gint64                   id,
              RapportOrderStatus       status,
              gint64                   reason_id,
              const char              *note,
              gint64                   staff_id,
              GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE orders SET status = ?2, lost_reason_id = ?3, updated_at = ?4"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, rapport_order_status_to_string (status));
  _rapport_stmt_bind_id_or_null (stmt, 3, reason_id);
  _rapport_stmt_bind_int (stmt, 4, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error)
         && record_change (self, id, status, staff_id, reason_id, note, error);
}

/* What the order's deliveries do when it takes @status by hand: an order
 * given up stops those not yet sent; one marked fulfilled was handed over
 * in the shop, and what no delivery holds is recorded as picked up today,
 * which starts its warranties. */
static gboolean
follow_deliveries (RapportOrderRepository  *self,
                   gint64                   id,
                   OrderState              *state,
                   RapportOrderStatus       status,
                   gint64                   staff_id,
                   GError                 **error)
{
  if (status == RAPPORT_ORDER_CANCELLED || status == RAPPORT_ORDER_LOST)
    return _rapport_delivery_repository_stop_for_order (self->database, id, state->number, staff_id, error);
  if (status == RAPPORT_ORDER_FULFILLED)
    return _rapport_delivery_repository_hand_over_rest (self->database, id, state->client_id, staff_id, error);
  return TRUE;
}

/* Changes the status in one transaction, after @state was checked. */
static gboolean
change_status (RapportOrderRepository  *self,
               gint64                   id,
               OrderState              *state,
               RapportOrderStatus       status,
               gint64                   reason_id,
               const char              *note,
               gint64                   staff_id,
               GError                 **error)
{
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!follow_deliveries (self, id, state, status, staff_id, error)
      || !write_status (self, id, status, reason_id, note, staff_id, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, id);
  return _rapport_database_commit (self->database, error);
}

static gboolean
check_change (gint64               id,
              OrderState          *state,
              RapportOrderStatus   to,
              GError             **error)
{
  g_autoptr(RapportOrder) order = order_of_state (id, state);

  if (!rapport_order_check_status_change (order, to, error))
    return FALSE;
  if ((to == RAPPORT_ORDER_QUOTED || to == RAPPORT_ORDER_CONFIRMED) && state->n_lines == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Order %s has no lines yet: add what is sold first."), state->number);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_order_repository_set_status:
 * @self: the orders
 * @id: an order's id
 * @status: the status it takes; not lost or cancelled, which have their
 *   own calls
 * @staff_id: who changed it, or 0
 * @error: return location for an error
 *
 * Moves an order along (rapport_order_can_become()); the change is kept in
 * the order's history with its time and staff member. Fulfilled by hand
 * means the goods no delivery holds were handed over in the shop: they are
 * kept as a pick-up delivered today, and their warranties start today.
 */
gboolean
rapport_order_repository_set_status (RapportOrderRepository  *self,
                                     gint64                   id,
                                     RapportOrderStatus       status,
                                     gint64                   staff_id,
                                     GError                 **error)
{
  g_auto(OrderState) state = { 0 };

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (status != RAPPORT_ORDER_LOST && status != RAPPORT_ORDER_CANCELLED, FALSE);

  return read_state (self, id, &state, error)
         && check_change (id, &state, status, error)
         && change_status (self, id, &state, status, 0, NULL, staff_id, error);
}

gboolean
_rapport_order_repository_fulfil (RapportOrderRepository  *self,
                                  gint64                   id,
                                  gint64                   staff_id,
                                  GError                 **error)
{
  g_auto(OrderState) state = { 0 };

  if (!read_state (self, id, &state, error))
    return FALSE;
  /* Only a confirmed order moves: one already fulfilled or closed stays. */
  if (state.status != RAPPORT_ORDER_CONFIRMED)
    return TRUE;
  if (!write_status (self, id, RAPPORT_ORDER_FULFILLED, 0, NULL, staff_id, error))
    return FALSE;
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, id);
  return TRUE;
}

static gboolean
check_reason (RapportOrderRepository  *self,
              gint64                   reason_id,
              GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean exists = FALSE;

  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM order_lost_reasons WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, reason_id);
  if (!_rapport_sqlite_step (db, stmt, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Reason: say why the quote was lost."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_order_repository_mark_lost:
 * @self: the orders
 * @id: a quoted order's id
 * @reason_id: why (rapport_order_repository_list_lost_reasons())
 * @note: (nullable): more words, if any
 * @staff_id: who, or 0
 * @error: return location for an error
 */
gboolean
rapport_order_repository_mark_lost (RapportOrderRepository  *self,
                                    gint64                   id,
                                    gint64                   reason_id,
                                    const char              *note,
                                    gint64                   staff_id,
                                    GError                 **error)
{
  g_auto(OrderState) state = { 0 };

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  return read_state (self, id, &state, error)
         && check_change (id, &state, RAPPORT_ORDER_LOST, error)
         && check_reason (self, reason_id, error)
         && change_status (self, id, &state, RAPPORT_ORDER_LOST, reason_id, note, staff_id, error);
}

static gboolean
refund_all (RapportOrderRepository  *self,
            gint64                   id,
            gint64                   paid,
            gint64                   staff_id,
            GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_database_now (self->database));
  g_autofree char *today = now ? g_date_time_format (now, "%Y-%m-%d") : g_strdup ("1970-01-01");

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO payments (order_id, paid_on, amount, method, note, staff_id,"
                                  " created_at) VALUES (?1, ?2, ?3, 'other', ?4, ?5, ?6)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, today);
  _rapport_stmt_bind_int (stmt, 3, -paid);
  /* TRANSLATORS: kept as the note of the refund made when an order with
   * payments is cancelled; saved in the language of the moment */
  _rapport_stmt_bind_text (stmt, 4, _("Refund on cancellation"));
  _rapport_stmt_bind_id_or_null (stmt, 5, staff_id);
  _rapport_stmt_bind_int (stmt, 6, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_order_repository_cancel:
 * @self: the orders
 * @id: an order's id (draft, quoted or confirmed)
 * @money: what happens to what was paid, if anything: refunded (a refund is
 *   recorded) or kept as the client's credit
 * @note: (nullable): why, if said
 * @staff_id: who, or 0
 * @error: return location for an error
 *
 * Its deliveries not yet sent (planned or packed) fail with “Order
 * cancelled” in their history, in the same transaction. An order with
 * goods on their way or delivered is refused: the shop says first what
 * became of them (failed, returned).
 */
gboolean
rapport_order_repository_cancel (RapportOrderRepository  *self,
                                 gint64                   id,
                                 RapportCancellation      money,
                                 const char              *note,
                                 gint64                   staff_id,
                                 GError                 **error)
{
  g_auto(OrderState) state = { 0 };

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  if (!read_state (self, id, &state, error)
      || !check_change (id, &state, RAPPORT_ORDER_CANCELLED, error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!follow_deliveries (self, id, &state, RAPPORT_ORDER_CANCELLED, staff_id, error)
      || (money == RAPPORT_CANCEL_REFUND && state.paid > 0
          && !refund_all (self, id, state.paid, staff_id, error))
      || !write_status (self, id, RAPPORT_ORDER_CANCELLED, 0, note, staff_id, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, id);
  return _rapport_database_commit (self->database, error);
}

/**
 * rapport_order_repository_delete_draft:
 * @self: the orders
 * @id: a draft's id
 * @error: return location for an error
 *
 * Deletes a draft and its lines; keep a rapport_order_repository_get()
 * copy to undo with rapport_order_repository_restore_draft(). Its number
 * is not handed out again. Any other order is history: cancel it instead.
 */
gboolean
rapport_order_repository_delete_draft (RapportOrderRepository  *self,
                                       gint64                   id,
                                       GError                 **error)
{
  g_auto(OrderState) state = { 0 };
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);

  if (!read_state (self, id, &state, error))
    return FALSE;
  if (state.status != RAPPORT_ORDER_DRAFT || state.paid != 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Order %s is not a draft: cancel it instead; its history stays."), state.number);
      return FALSE;
    }

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "DELETE FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, id);
  return TRUE;
}

/**
 * rapport_order_repository_restore_draft:
 * @self: the orders
 * @snapshot: a draft as it was before rapport_order_repository_delete_draft()
 * @error: return location for an error
 *
 * Undoes the deletion of a draft: it comes back with its id and number.
 */
gboolean
rapport_order_repository_restore_draft (RapportOrderRepository  *self,
                                        RapportOrder            *snapshot,
                                        GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_ORDER (snapshot), FALSE);

  if (!rapport_order_tidy (snapshot, error) || !check_references (self, snapshot, error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!write_new_order (self, snapshot, NULL, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_ORDER, rapport_order_get_id (snapshot));
  return _rapport_database_commit (self->database, error);
}

void
rapport_status_change_free (RapportStatusChange *change)
{
  if (change == NULL)
    return;
  g_free (change->staff_name);
  g_free (change->reason);
  g_free (change->note);
  g_free (change);
}

/**
 * rapport_order_repository_list_changes:
 * @self: the orders
 * @id: an order's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportStatusChange): the order's
 *   statuses, oldest first, with when and who
 */
GPtrArray *
rapport_order_repository_list_changes (RapportOrderRepository  *self,
                                       gint64                   id,
                                       GError                 **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_status_change_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT ch.status, ch.changed_at, coalesce(s.name, ''),"
                                  " coalesce(r.name, ''), ch.note"
                                  " FROM order_status_changes ch"
                                  " LEFT JOIN staff s ON s.id = ch.staff_id"
                                  " LEFT JOIN order_lost_reasons r ON r.id = ch.lost_reason_id"
                                  " WHERE ch.order_id = ?1 ORDER BY ch.changed_at, ch.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportStatusChange *change = g_new0 (RapportStatusChange, 1);

      rapport_order_status_from_string (_rapport_stmt_column_text (stmt, 0), &change->status);
      change->changed_at = _rapport_stmt_column_int (stmt, 1);
      change->staff_name = g_strdup (_rapport_stmt_column_text (stmt, 2));
      change->reason = g_strdup (_rapport_stmt_column_text (stmt, 3));
      change->note = g_strdup (_rapport_stmt_column_text (stmt, 4));
      g_ptr_array_add (changes, change);
    }
  if (!ok)
    return NULL;

  return g_steal_pointer (&changes);
}

void
rapport_lost_reason_free (RapportLostReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->name);
  g_free (reason);
}

/**
 * rapport_order_repository_list_lost_reasons:
 * @self: the orders
 * @include_inactive: whether reasons no longer offered are listed too
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportLostReason): the reasons,
 *   in their order
 */
GPtrArray *
rapport_order_repository_list_lost_reasons (RapportOrderRepository  *self,
                                            gboolean                 include_inactive,
                                            GError                 **error)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_lost_reason_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id, name, active FROM order_lost_reasons WHERE active = 1 OR ?1"
                                  " ORDER BY position, name COLLATE NOCASE, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, include_inactive);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportLostReason *reason = g_new0 (RapportLostReason, 1);

      reason->id = _rapport_stmt_column_int (stmt, 0);
      reason->name = g_strdup (_rapport_stmt_column_text (stmt, 1));
      reason->active = _rapport_stmt_column_int (stmt, 2) != 0;
      g_ptr_array_add (reasons, reason);
    }
  if (!ok)
    return NULL;

  return g_steal_pointer (&reasons);
}

static gboolean
check_reason_name (RapportOrderRepository  *self,
                   gint64                   id,
                   const char              *name,
                   GError                 **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean taken = FALSE;

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A reason needs a name."));
      return FALSE;
    }

  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM order_lost_reasons WHERE name = ?1 AND id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, name);
  _rapport_stmt_bind_int (stmt, 2, id);
  if (!_rapport_sqlite_step (db, stmt, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The reason “%s” is already in the list."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_order_repository_save_lost_reason:
 * @self: the orders
 * @id: a reason's id, or 0 for a new one
 * @name: what a person reads
 * @active: whether it is offered
 * @error: return location for an error
 *
 * Returns: the reason's id, or 0 with @error set
 */
gint64
rapport_order_repository_save_lost_reason (RapportOrderRepository  *self,
                                           gint64                   id,
                                           const char              *name,
                                           gboolean                 active,
                                           GError                 **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), 0);

  if (!check_reason_name (self, id, trimmed, error))
    return 0;

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  id == 0
                                  ? "INSERT INTO order_lost_reasons (name, active, position)"
                                    " VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM order_lost_reasons))"
                                  : "UPDATE order_lost_reasons SET name = ?1, active = ?2 WHERE id = ?3",
                                  error);
  if (stmt == NULL)
    return 0;
  _rapport_stmt_bind_text (stmt, 1, trimmed);
  _rapport_stmt_bind_int (stmt, 2, !!active);
  if (id != 0)
    _rapport_stmt_bind_int (stmt, 3, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return 0;

  if (id == 0)
    id = _rapport_sqlite_last_insert_id (db);
  else if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The reason no longer exists."));
      return 0;
    }

  _rapport_database_note_change (self->database, RAPPORT_KIND_LOST_REASON, id);
  return id;
}

gboolean
_rapport_order_repository_add_default_lost_reasons (RapportSqlite  *db,
                                                    GError        **error)
{
  const char *reasons[] = {
    /* TRANSLATORS: why a quote was lost */
    N_("Price"),
    /* TRANSLATORS: why a quote was lost: the client bought from someone else */
    N_("Went elsewhere"),
    /* TRANSLATORS: why a quote was lost: the client never answered */
    N_("No answer"),
    /* TRANSLATORS: why a quote was lost: the client no longer needs it */
    N_("No longer needed"),
    /* TRANSLATORS: why a quote was lost */
    N_("Delivery time"),
  };
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT OR IGNORE INTO order_lost_reasons (name, position) VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      _rapport_stmt_bind_text (stmt, 1, g_dgettext (GETTEXT_PACKAGE, reasons[i]));
      _rapport_stmt_bind_int (stmt, 2, i + 1);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}
