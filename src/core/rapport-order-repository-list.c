/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Finding orders: the Orders list and its filters, a client's orders and
 * figures. Each filter is a fixed piece of SQL over an index that serves
 * it, with bound values: what a person types is never SQL. */

#include "config.h"

#include <string.h>

#include "rapport-error.h"
#include "rapport-order-repository-private.h"
#include "rapport-order-rules.h"
#include "rapport-text.h"

/* FTS5's trigram tokenizer matches nothing shorter than three characters. */
#define TRIGRAM 3

void
rapport_order_filter_clear (RapportOrderFilter *filter)
{
  g_clear_pointer (&filter->from, g_free);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->text, g_free);
}

RapportOrderFilter *
rapport_order_filter_copy (const RapportOrderFilter *filter)
{
  RapportOrderFilter *copy = g_new0 (RapportOrderFilter, 1);

  if (filter == NULL)
    return copy;
  *copy = *filter;
  copy->from = g_strdup (filter->from);
  copy->to = g_strdup (filter->to);
  copy->text = g_strdup (filter->text);
  return copy;
}

void
rapport_order_filter_free (RapportOrderFilter *filter)
{
  if (filter == NULL)
    return;
  rapport_order_filter_clear (filter);
  g_free (filter);
}

void
rapport_client_orders_summary_clear (RapportClientOrdersSummary *summary)
{
  g_clear_pointer (&summary->last_order_on, g_free);
}

/* A query built from fixed pieces; its values are bound in order. */
typedef struct
{
  char   *text;       /* or NULL for a number */
  gint64  number;
} Value;

typedef struct
{
  GString *sql;
  GArray  *values;    /* Value */
  gboolean where;
} Query;

static void
value_clear (Value *value)
{
  g_free (value->text);
}

static void
query_init (Query *query)
{
  query->sql = g_string_new (NULL);
  query->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (query->values, (GDestroyNotify) value_clear);
  query->where = FALSE;
}

static void
query_clear (Query *query)
{
  if (query->sql != NULL)
    g_string_free (query->sql, TRUE);
  g_clear_pointer (&query->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* Appends @sql to the query, each “?” in it numbered for the next value. */
static void
append (Query      *query,
        const char *sql)
{
  guint next = query->values->len;

  for (const char *p = sql; *p != '\0'; p++)
    if (*p == '?')
      g_string_append_printf (query->sql, "?%u", ++next);
    else
      g_string_append_c (query->sql, *p);
}

static void
add_text_value (Query *query,
                char  *text)
{
  Value value = { text, 0 };
  g_array_append_val (query->values, value);
}

static void
add_number_value (Query  *query,
                  gint64  number)
{
  Value value = { NULL, number };
  g_array_append_val (query->values, value);
}

static void
begin_condition (Query *query)
{
  g_string_append (query->sql, query->where ? " AND " : " WHERE ");
  query->where = TRUE;
}

static char *
statuses_json (guint statuses)
{
  GString *json = g_string_new ("[");

  for (RapportOrderStatus status = RAPPORT_ORDER_DRAFT; status <= RAPPORT_ORDER_CANCELLED; status++)
    if (statuses & (1u << status))
      g_string_append_printf (json, "%s\"%s\"", json->len > 1 ? "," : "",
                              rapport_order_status_to_string (status));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Which index a list query walks. SQLite's planner has no statistics and
 * counts on an equality finding a few rows: left to itself, it sorted the
 * 770,000 closed orders of a million read through the status index, and
 * read every sale to find the few unpaid ones. So each filter names the
 * index that serves it (INDEXED BY), which gives the orders newest first
 * without a sort, and an index that could not serve its query fails the
 * statement rather than slowing it down. */
typedef enum
{
  WALK_BY_DATE,    /* all orders, several statuses, days, a common number start */
  WALK_BY_STATUS,  /* one status */
  WALK_UNPAID,     /* unpaid only */
  WALK_BY_CLIENT,  /* one client's orders */
  WALK_MATCHES,    /* the few numbers that start with the text, and the
                    * clients it finds: gathered through both indexes, sorted */
} Walk;

/* More numbers than this start with the text ("2", "2025-"): walking the
 * orders by day and looking at each number costs less than sorting them. */
#define MAX_SORTED_MATCHES 20000

typedef struct
{
  char     *trimmed;
  char     *after;    /* the first text after every number that starts with it */
  char     *phrase;   /* the client search's, or NULL when too short */
  gboolean  common;   /* more than MAX_SORTED_MATCHES numbers start with it */
} TextFilter;

static void
text_filter_clear (TextFilter *text)
{
  g_clear_pointer (&text->trimmed, g_free);
  g_clear_pointer (&text->after, g_free);
  g_clear_pointer (&text->phrase, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TextFilter, text_filter_clear)

/* The start of an order number, or the client by anything a client search
 * finds (three characters or more). */
static gboolean
prepare_text (RapportSqlite  *db,
              const char     *text,
              TextFilter     *filter,
              GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *folded = NULL;
  gboolean has_row;

  filter->trimmed = g_strstrip (g_strdup (text));
  /* U+10FFFF sorts after every character a number can go on with. */
  filter->after = g_strconcat (filter->trimmed, "\xf4\x8f\xbf\xbf", NULL);
  folded = rapport_text_fold (filter->trimmed);
  if (g_utf8_strlen (folded, -1) >= TRIGRAM)
    filter->phrase = _rapport_sqlite_fts_phrase (folded);

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT count(*) FROM (SELECT 1 FROM orders"
                                  " WHERE number >= ?1 AND number < ?2 LIMIT ?3)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, filter->trimmed);
  _rapport_stmt_bind_text (stmt, 2, filter->after);
  _rapport_stmt_bind_int (stmt, 3, MAX_SORTED_MATCHES + 1);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  filter->common = _rapport_stmt_column_int (stmt, 0) > MAX_SORTED_MATCHES;
  return TRUE;
}

/* Whether @statuses is one known status and nothing else. */
static gboolean
is_one_status (guint statuses)
{
  guint known = statuses & ((1u << (RAPPORT_ORDER_CANCELLED + 1)) - 1);

  return known == statuses && known != 0 && (known & (known - 1)) == 0;
}

static Walk
choose_walk (const RapportOrderFilter *filter,
             const TextFilter         *text)
{
  if (filter->client_id != 0)
    return WALK_BY_CLIENT;
  if (text->trimmed != NULL && !text->common)
    return WALK_MATCHES;
  if (filter->unpaid_only)
    return WALK_UNPAID;
  if (text->trimmed == NULL && is_one_status (filter->statuses))
    return WALK_BY_STATUS;
  return WALK_BY_DATE;
}

static void
add_text (Query            *query,
          const TextFilter *text)
{
  begin_condition (query);
  append (query, text->phrase != NULL ? "((o.number >= ? AND o.number < ?) OR o.client_id IN"
                                        " (SELECT id FROM clients WHERE search_pos IN"
                                        "  (SELECT rowid FROM client_search WHERE client_search MATCH ?)))"
                                      : "(o.number >= ? AND o.number < ?)");
  add_text_value (query, g_strdup (text->trimmed));
  add_text_value (query, g_strdup (text->after));
  if (text->phrase != NULL)
    add_text_value (query, g_strdup (text->phrase));
}

/* The one status of WALK_BY_STATUS, as text. */
static const char *
only_status (guint statuses)
{
  for (RapportOrderStatus status = RAPPORT_ORDER_DRAFT; status <= RAPPORT_ORDER_CANCELLED; status++)
    if (statuses == 1u << status)
      return rapport_order_status_to_string (status);
  g_assert_not_reached ();
}

static void
build_query (Query                    *query,
             const RapportOrderFilter *filter,
             const TextFilter         *text)
{
  static const char * const from[] = {
    [WALK_BY_DATE] = "SELECT o.id FROM orders o INDEXED BY orders_by_date",
    [WALK_BY_STATUS] = "SELECT o.id FROM orders o INDEXED BY orders_by_status",
    [WALK_UNPAID] = "SELECT o.id FROM orders o INDEXED BY orders_unpaid",
    [WALK_BY_CLIENT] = "SELECT o.id FROM orders o INDEXED BY orders_by_client",
    [WALK_MATCHES] = "SELECT o.id FROM orders o",
  };
  Walk walk = choose_walk (filter, text);
  /* In WALK_MATCHES only the text may choose an index: “+” keeps the
   * other conditions from steering the planner to a larger one. */
  const char *plus = walk == WALK_MATCHES ? "+" : "";
  g_autofree char *status_in = g_strdup_printf ("%so.status IN (SELECT value FROM json_each(?))", plus);
  g_autofree char *unpaid = g_strdup_printf ("o.paid < o.total AND %so.status IN " ORDER_SALE, plus);
  g_autofree char *since = g_strdup_printf ("%so.ordered_on >= ?", plus);
  g_autofree char *until = g_strdup_printf ("%so.ordered_on <= ?", plus);

  g_string_append (query->sql, from[walk]);

  if (walk == WALK_BY_STATUS)
    {
      begin_condition (query);
      append (query, "o.status = ?");
      add_text_value (query, g_strdup (only_status (filter->statuses)));
    }
  else if (filter->statuses != 0)
    {
      begin_condition (query);
      append (query, status_in);
      add_text_value (query, statuses_json (filter->statuses));
    }
  if (filter->unpaid_only)
    {
      begin_condition (query);
      append (query, unpaid);
    }
  if (filter->from != NULL && *filter->from != '\0')
    {
      begin_condition (query);
      append (query, since);
      add_text_value (query, g_strdup (filter->from));
    }
  if (filter->to != NULL && *filter->to != '\0')
    {
      begin_condition (query);
      append (query, until);
      add_text_value (query, g_strdup (filter->to));
    }
  if (filter->client_id != 0)
    {
      begin_condition (query);
      append (query, "o.client_id = ?");
      add_number_value (query, filter->client_id);
    }
  if (text->trimmed != NULL)
    add_text (query, text);

  g_string_append (query->sql, " ORDER BY o.ordered_on DESC, o.id DESC");
  if (filter->limit > 0)
    {
      append (query, " LIMIT ?");
      add_number_value (query, filter->limit);
    }
}

static GArray *
search_ids (RapportSqlite             *db,
            const RapportOrderFilter  *filter,
            GError                   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  g_auto(Query) query = { 0 };
  g_auto(TextFilter) text = { 0 };
  gboolean has_row, ok;

  if (filter->text != NULL && *filter->text != '\0' && !prepare_text (db, filter->text, &text, error))
    return NULL;
  query_init (&query);
  build_query (&query, filter, &text);
  stmt = _rapport_sqlite_prepare (db, query.sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < query.values->len; i++)
    {
      Value *value = &g_array_index (query.values, Value, i);

      if (value->text != NULL)
        _rapport_stmt_bind_text (stmt, i + 1, value->text);
      else
        _rapport_stmt_bind_int (stmt, i + 1, value->number);
    }

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
 * rapport_order_repository_search:
 * @self: the orders
 * @filter: which orders
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids of the orders
 *   @filter lets through, newest first
 */
GArray *
rapport_order_repository_search (RapportOrderRepository    *self,
                                 const RapportOrderFilter  *filter,
                                 GError                   **error)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return search_ids (_rapport_database_get_connection (self->database), filter, error);
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
  RapportOrderRepository *self = source_object;
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
 * rapport_order_repository_search_async:
 * @self: the orders
 * @filter: which orders; copied
 * @cancellable: (nullable): cancels the search, also mid-query
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Does rapport_order_repository_search() in a worker thread, on a
 * connection of its own.
 */
void
rapport_order_repository_search_async (RapportOrderRepository    *self,
                                       const RapportOrderFilter  *filter,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self));
  g_return_if_fail (filter != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_order_repository_search_async);
  g_task_set_task_data (task, rapport_order_filter_copy (filter), (GDestroyNotify) rapport_order_filter_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * rapport_order_repository_search_finish:
 * @self: the orders
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids, newest first
 */
GArray *
rapport_order_repository_search_finish (RapportOrderRepository  *self,
                                        GAsyncResult            *result,
                                        GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/**
 * rapport_order_repository_load:
 * @self: the orders
 * @ids: (array length=n_ids): order ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * Loads what a list row shows — number, date, client, status, total and
 * paid, without the lines — for many orders with one indexed query.
 *
 * Returns: (transfer full) (element-type RapportOrder): the orders in the
 *   order of @ids, with %NULL where an order no longer exists
 */
GPtrArray *
rapport_order_repository_load (RapportOrderRepository  *self,
                               const gint64            *ids,
                               guint                    n_ids,
                               GError                 **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  db = _rapport_database_get_connection (self->database);
  result = g_ptr_array_new_full (n_ids, unref_if_set);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  json = _rapport_sqlite_ids_to_json (ids, n_ids);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " ORDER_COLUMNS ORDER_FROM
                                  " WHERE o.id IN (SELECT value FROM json_each(?1))",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportOrder *order = _rapport_order_from_row (stmt);
      gint64 id = rapport_order_get_id (order);

      g_hash_table_replace (by_id, g_memdup2 (&id, sizeof id), order);
    }
  if (!ok)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      RapportOrder *order = g_hash_table_lookup (by_id, &ids[i]);
      g_ptr_array_add (result, order ? g_object_ref (order) : NULL);
    }
  return g_steal_pointer (&result);
}

/**
 * rapport_order_repository_list_for_client:
 * @self: the orders
 * @client_id: whose orders
 * @offset: how many of the newest to skip
 * @limit: at most this many
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportOrder): the client's
 *   orders, newest first, without their lines
 */
GPtrArray *
rapport_order_repository_list_for_client (RapportOrderRepository  *self,
                                          gint64                   client_id,
                                          guint                    offset,
                                          guint                    limit,
                                          GError                 **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " ORDER_COLUMNS ORDER_FROM
                                  " WHERE o.client_id = ?1 ORDER BY o.ordered_on DESC, o.id DESC"
                                  " LIMIT ?2 OFFSET ?3",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  _rapport_stmt_bind_int (stmt, 2, limit);
  _rapport_stmt_bind_int (stmt, 3, offset);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (orders, _rapport_order_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&orders);
}

/**
 * rapport_order_repository_summarize_client:
 * @self: the orders
 * @client_id: whose figures
 * @summary: (out caller-allocates): the figures; clear with
 *   rapport_client_orders_summary_clear()
 * @error: return location for an error
 *
 * Sales are confirmed, fulfilled and closed orders. The balance is what
 * they still owe, less what cancelled orders' payments left as credit.
 */
gboolean
rapport_order_repository_summarize_client (RapportOrderRepository      *self,
                                           gint64                       client_id,
                                           RapportClientOrdersSummary  *summary,
                                           GError                     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT count(*) FILTER (WHERE status IN " ORDER_SALE "),"
                                  " coalesce(sum(total) FILTER (WHERE status IN " ORDER_SALE "), 0),"
                                  " coalesce(sum(total - paid) FILTER (WHERE status IN " ORDER_SALE "), 0)"
                                  "  - coalesce(sum(paid) FILTER (WHERE status = 'cancelled'), 0),"
                                  " max(ordered_on)"
                                  " FROM orders WHERE client_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;

  summary->n_orders = (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT);
  summary->lifetime_value = _rapport_stmt_column_int (stmt, 1);
  summary->balance = _rapport_stmt_column_int (stmt, 2);
  summary->last_order_on = _rapport_stmt_dup_text (stmt, 3);
  return TRUE;
}
