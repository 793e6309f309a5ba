/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Segments and their SQL: saved rules, and a segment's audience as ONE
 * query whose values are all bound parameters. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rapport-analytics-private.h"
#include "rapport-error.h"
#include "rapport-segment-repository.h"
#include "rapport-segment-repository-private.h"

/* What counts as a client having ordered: orders that were not only
 * drafts, quotes or given up. */
#define COUNTED_ORDERS "o.status IN ('confirmed', 'fulfilled', 'closed')"
#define FIRST_RULE_PARAMETER 101

struct _RapportSegmentRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportSegmentRepository, rapport_segment_repository, G_TYPE_OBJECT)

static void
rapport_segment_repository_finalize (GObject *object)
{
  RapportSegmentRepository *self = (RapportSegmentRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_segment_repository_parent_class)->finalize (object);
}

static void
rapport_segment_repository_class_init (RapportSegmentRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_segment_repository_finalize;
}

static void
rapport_segment_repository_init (RapportSegmentRepository *self)
{
}

/**
 * rapport_segment_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the segments of @database
 */
RapportSegmentRepository *
rapport_segment_repository_new (RapportDatabase *database)
{
  RapportSegmentRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_SEGMENT_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

/* ---- A segment as one query ---- */

typedef struct
{
  gboolean  is_text;
  gint64    number;
  char     *text;
} Value;

struct _RapportSegmentQuery
{
  GString        *head;
  GArray         *values;
  RapportChannel  channel;
  GDateTime      *now;
};

static void
clear_value (gpointer data)
{
  g_free (((Value *) data)->text);
}

static int
add_number (RapportSegmentQuery *query,
            gint64               number)
{
  Value value = { FALSE, number, NULL };

  g_array_append_val (query->values, value);
  return FIRST_RULE_PARAMETER + (int) query->values->len - 1;
}

static int
add_text (RapportSegmentQuery *query,
          const char          *text)
{
  Value value = { TRUE, 0, g_strdup (text) };

  g_array_append_val (query->values, value);
  return FIRST_RULE_PARAMETER + (int) query->values->len - 1;
}

static int
add_text_take (RapportSegmentQuery *query,
               char                *text)
{
  int index = add_text (query, text);

  g_free (text);
  return index;
}

/* The first second of @iso_date (checked) in local time. */
static gint64
day_start (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;

  if (sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return 0;
  start = g_date_time_new (zone, year, month, day, 0, 0, 0);
  return start ? g_date_time_to_unix (start) : 0;
}

static char *
day_after (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (iso_date);
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  next = date ? g_date_time_add_days (date, 1) : NULL;
  return next ? g_date_time_format (next, "%Y-%m-%d") : g_strdup ("9999-12-31");
}

static char *
days_ago (RapportSegmentQuery *query,
          int                  days)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (query->now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
days_ahead (RapportSegmentQuery *query,
            int                  days)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (query->now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The month-days of the next @days days from today as a JSON array; a
 * birthday on 29 February is kept on 28 February in other years. */
static char *
birthday_days (RapportSegmentQuery *query,
               int                  days)
{
  GString *json = g_string_new ("[");

  for (int i = 0; i <= days && i <= 366; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (query->now, i);
      int month = g_date_time_get_month (day), mday = g_date_time_get_day_of_month (day);
      int year = g_date_time_get_year (day);

      g_string_append_printf (json, "%s\"%02d-%02d\"", i > 0 ? "," : "", month, mday);
      if (month == 2 && mday == 28 && !g_date_is_leap_year (year))
        g_string_append (json, ",\"02-29\"");
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static void
append_rule (RapportSegmentQuery      *query,
             GString                  *sql,
             const RapportSegmentRule *rule)
{
  gint64 now = g_date_time_to_unix (query->now);

  switch (rule->kind)
    {
    case RAPPORT_RULE_HAS_TAG:
    case RAPPORT_RULE_LACKS_TAG:
      g_string_append_printf (sql,
                              "c.id %s (SELECT ct.client_id FROM client_tags ct JOIN tags t ON t.id = ct.tag_id"
                              " WHERE t.name = trim(?%d))",
                              rule->kind == RAPPORT_RULE_HAS_TAG ? "IN" : "NOT IN",
                              add_text (query, rule->text));
      break;
    case RAPPORT_RULE_CITY:
    case RAPPORT_RULE_COUNTRY:
      g_string_append_printf (sql,
                              "c.id IN (SELECT a.client_id FROM client_addresses a"
                              " WHERE a.%s = trim(?%d) COLLATE NOCASE)",
                              rule->kind == RAPPORT_RULE_CITY ? "locality" : "country",
                              add_text (query, rule->text));
      break;
    case RAPPORT_RULE_OWNER:
      g_string_append_printf (sql, "c.owner_id = ?%d", add_number (query, rule->number));
      break;
    case RAPPORT_RULE_CREATED_BEFORE:
      g_string_append_printf (sql, "c.created_at < ?%d", add_number (query, day_start (rule->text)));
      break;
    case RAPPORT_RULE_CREATED_AFTER:
      g_string_append_printf (sql, "c.created_at >= ?%d",
                              add_number (query, day_start (rule->text) + 24 * 3600));
      break;
    case RAPPORT_RULE_CREATED_WITHIN:
      g_string_append_printf (sql, "c.created_at >= ?%d", add_number (query, now - (gint64) rule->days * 86400));
      break;
    case RAPPORT_RULE_CONTACTED_BEFORE:
      g_string_append_printf (sql, "c.last_contact_at < ?%d", add_number (query, day_start (rule->text)));
      break;
    case RAPPORT_RULE_CONTACTED_AFTER:
      g_string_append_printf (sql, "c.last_contact_at >= ?%d",
                              add_number (query, day_start (rule->text) + 24 * 3600));
      break;
    case RAPPORT_RULE_CONTACTED_WITHIN:
      g_string_append_printf (sql, "c.last_contact_at >= ?%d",
                              add_number (query, now - (gint64) rule->days * 86400));
      break;
    case RAPPORT_RULE_NOT_CONTACTED_WITHIN:
      g_string_append_printf (sql, "(c.last_contact_at IS NULL OR c.last_contact_at < ?%d)",
                              add_number (query, now - (gint64) rule->days * 86400));
      break;
    case RAPPORT_RULE_ORDERS_AT_LEAST:
      g_string_append_printf (sql,
                              "(?%d <= 0 OR c.id IN (SELECT o.client_id FROM orders o WHERE " COUNTED_ORDERS
                              " GROUP BY o.client_id HAVING count(*) >= ?%d))",
                              add_number (query, rule->number), add_number (query, rule->number));
      break;
    case RAPPORT_RULE_ORDERS_AT_MOST:
      g_string_append_printf (sql,
                              "c.id NOT IN (SELECT o.client_id FROM orders o WHERE " COUNTED_ORDERS
                              " GROUP BY o.client_id HAVING count(*) > ?%d)",
                              add_number (query, rule->number));
      break;
    case RAPPORT_RULE_SPENT_AT_LEAST:
      {
        int amount = add_number (query, rule->number);
        int since = add_text_take (query, rule->days > 0 ? days_ago (query, rule->days) : g_strdup ("0000-00-00"));

        g_string_append_printf (sql,
                                "(?%d <= 0 OR c.id IN (SELECT o.client_id FROM orders o WHERE " COUNTED_ORDERS
                                " AND o.ordered_on >= ?%d GROUP BY o.client_id HAVING sum(o.total) >= ?%d))",
                                amount, since, amount);
      }
      break;
    case RAPPORT_RULE_LAST_ORDER_BEFORE:
      g_string_append_printf (sql,
                              "c.id IN (SELECT o.client_id FROM orders o WHERE " COUNTED_ORDERS
                              " GROUP BY o.client_id HAVING max(o.ordered_on) < ?%d)",
                              add_text (query, rule->text));
      break;
    case RAPPORT_RULE_LAST_ORDER_AFTER:
      g_string_append_printf (sql,
                              "c.id IN (SELECT o.client_id FROM orders o WHERE " COUNTED_ORDERS
                              " AND o.ordered_on >= ?%d)",
                              add_text_take (query, day_after (rule->text)));
      break;
    case RAPPORT_RULE_BOUGHT_ITEM:
      g_string_append_printf (sql,
                              "c.id IN (SELECT o.client_id FROM order_lines l JOIN orders o ON o.id = l.order_id"
                              " WHERE l.catalog_item_id = ?%d AND " COUNTED_ORDERS ")",
                              add_number (query, rule->number));
      break;
    case RAPPORT_RULE_BOUGHT_KIND:
      g_string_append_printf (sql,
                              "c.id IN (SELECT o.client_id FROM order_lines l JOIN orders o ON o.id = l.order_id"
                              " WHERE l.kind = ?%d AND " COUNTED_ORDERS ")",
                              add_text (query, rule->text));
      break;
    case RAPPORT_RULE_BIRTHDAY_WITHIN:
      g_string_append_printf (sql,
                              "substr(c.birthday, 6) IN (SELECT value FROM json_each(?%d))",
                              add_text_take (query, birthday_days (query, rule->days)));
      break;
    case RAPPORT_RULE_HAS_EMAIL:
      g_string_append (sql, "c.id IN (SELECT e.client_id FROM client_emails e)");
      break;
    case RAPPORT_RULE_HAS_PHONE:
      g_string_append (sql, "c.id IN (SELECT p.client_id FROM client_phones p)");
      break;
    case RAPPORT_RULE_WARRANTY_ENDING_WITHIN:
      /* A warranty still running that ends today or within the days:
       * the moment to offer an extended one. */
      {
        int today = add_text_take (query, days_ahead (query, 0));
        int until = add_text_take (query, days_ahead (query, rule->days));

        g_string_append_printf (sql,
                                "c.id IN (SELECT w.client_id FROM warranties w"
                                " WHERE w.ends_on BETWEEN ?%d AND ?%d)",
                                today, until);
      }
      break;
    case RAPPORT_RULE_RFM_SEGMENT:
      g_string_append_printf (sql, "c.id IN (SELECT client_id FROM client_scores WHERE segment = ?%d)",
                              add_text (query, rule->text));
      break;
    case RAPPORT_RULE_SLIPPING_AWAY:
      {
        int today = add_text_take (query, days_ahead (query, 0));
        g_autofree char *condition = g_strdup_printf (RAPPORT_ANALYTICS_SLIPPING_AWAY ("?%d"), today);

        g_string_append_printf (sql, "c.id IN (SELECT s.client_id FROM client_scores s"
                                " LEFT JOIN client_sales cs ON cs.client_id = s.client_id WHERE %s)",
                                condition);
      }
      break;
    case RAPPORT_RULE_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * _rapport_segment_query_new:
 * @segment: a validated segment
 * @channel: how the audience is reached
 * @now: the database clock's time
 *
 * The rules of @segment combined with AND (all) or OR (any).
 */
RapportSegmentQuery *
_rapport_segment_query_new (const RapportSegment *segment,
                            RapportChannel        channel,
                            gint64                now)
{
  RapportSegmentQuery *query = g_new0 (RapportSegmentQuery, 1);
  gboolean by_email = channel == RAPPORT_CHANNEL_EMAIL;
  const char *table = by_email ? "client_emails" : "client_phones";
  const char *column = by_email ? "address" : "number";

  query->head = g_string_new (NULL);
  query->values = g_array_new (FALSE, FALSE, sizeof (Value));
  g_array_set_clear_func (query->values, clear_value);
  query->channel = channel;
  query->now = g_date_time_new_from_unix_local (now);

  g_string_append (query->head,
                   "WITH matched (id, archived) AS MATERIALIZED"
                   " (SELECT c.id, c.archived_at IS NOT NULL FROM clients c WHERE ");
  if (segment->rules->len == 0)
    g_string_append (query->head, "1");
  for (guint i = 0; i < segment->rules->len; i++)
    {
      if (i > 0)
        g_string_append (query->head, segment->match_any ? " OR " : " AND ");
      g_string_append_c (query->head, '(');
      append_rule (query, query->head, g_ptr_array_index (segment->rules, i));
      g_string_append_c (query->head, ')');
    }
  g_string_append_printf (query->head,
                          "), addressed (id, archived, opted, pid) AS MATERIALIZED"
                          " (SELECT m.id, m.archived,"
                          " EXISTS (SELECT 1 FROM opt_outs oo WHERE oo.client_id = m.id AND oo.channel = ?100),"
                          " (SELECT p.id FROM %s p WHERE p.client_id = m.id ORDER BY p.position, p.id LIMIT 1)"
                          " FROM matched m),"
                          " recipients (client_id, address) AS"
                          " (SELECT min(a.id), p.%s"
                          " FROM addressed a JOIN %s p ON p.id = a.pid"
                          " WHERE NOT a.archived AND NOT a.opted"
                          " GROUP BY coalesce(nullif(p.match_key, ''), p.%s)) ",
                          table, column, table, column);
  return query;
}

void
_rapport_segment_query_free (RapportSegmentQuery *query)
{
  if (query == NULL)
    return;
  g_string_free (query->head, TRUE);
  g_array_unref (query->values);
  g_date_time_unref (query->now);
  g_free (query);
}

RapportStmt *
_rapport_segment_query_prepare (RapportSegmentQuery  *query,
                                RapportSqlite        *db,
                                const char           *sql_tail,
                                GError              **error)
{
  g_autofree char *sql = g_strconcat (query->head->str, sql_tail, NULL);
  RapportStmt *stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 100, rapport_channel_to_string (query->channel));
  for (guint i = 0; i < query->values->len; i++)
    {
      Value *value = &g_array_index (query->values, Value, i);

      if (value->is_text)
        _rapport_stmt_bind_text (stmt, FIRST_RULE_PARAMETER + (int) i, value->text);
      else
        _rapport_stmt_bind_int (stmt, FIRST_RULE_PARAMETER + (int) i, value->number);
    }
  return stmt;
}

/* ---- Audience ---- */

typedef struct
{
  RapportSegment  *segment;
  RapportChannel   channel;
  gint64           now;
  guint            limit;
  RapportAudience  audience;
} AudienceData;

static void
audience_data_free (AudienceData *data)
{
  rapport_segment_free (data->segment);
  g_free (data);
}

static gpointer
count_on_reader (RapportSqlite  *reader,
                 gpointer        user_data,
                 GError        **error)
{
  AudienceData *data = user_data;
  g_autoptr(RapportSegmentQuery) query = _rapport_segment_query_new (data->segment, data->channel, data->now);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_segment_query_prepare (query, reader,
                                         "SELECT count(*), total(archived), total(NOT archived AND opted),"
                                         " total(NOT archived AND NOT opted AND pid IS NULL),"
                                         " (SELECT count(*) FROM recipients) FROM addressed",
                                         error);
  if (stmt == NULL || !_rapport_sqlite_step (reader, stmt, &has_row, error))
    return NULL;
  g_assert (has_row);

  data->audience.matched = (guint) _rapport_stmt_column_int (stmt, 0);
  data->audience.archived = (guint) _rapport_stmt_column_int (stmt, 1);
  data->audience.opted_out = (guint) _rapport_stmt_column_int (stmt, 2);
  data->audience.no_address = (guint) _rapport_stmt_column_int (stmt, 3);
  data->audience.recipients = (guint) _rapport_stmt_column_int (stmt, 4);
  data->audience.duplicates = data->audience.matched - data->audience.archived - data->audience.opted_out
                              - data->audience.no_address - data->audience.recipients;
  return GINT_TO_POINTER (TRUE);
}

static AudienceData *
audience_data_new (RapportSegmentRepository *self,
                   const RapportSegment     *segment,
                   RapportChannel            channel)
{
  AudienceData *data = g_new0 (AudienceData, 1);

  data->segment = rapport_segment_copy (segment);
  data->channel = channel;
  data->now = rapport_database_now (self->database);
  return data;
}

/**
 * rapport_segment_repository_count:
 * @self: the segments
 * @segment: a segment, saved or not
 * @channel: how it is to be reached
 * @cancellable: (nullable): interrupts the query
 * @audience: (out caller-allocates): the counts
 * @error: return location for an error
 *
 * Counts who @segment reaches on @channel, recomputed from the data, and
 * what each exclusion removed. Runs on the reader connection: safe from a
 * worker thread.
 */
gboolean
rapport_segment_repository_count (RapportSegmentRepository  *self,
                                  const RapportSegment      *segment,
                                  RapportChannel             channel,
                                  GCancellable              *cancellable,
                                  RapportAudience           *audience,
                                  GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportSegment) checked = NULL;
  AudienceData *data;
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (segment != NULL && audience != NULL, FALSE);

  checked = rapport_segment_copy (segment);
  if (*checked->name == '\0')
    {
      g_free (checked->name);
      checked->name = g_strdup ("-");
    }
  if (!rapport_segment_validate (checked, error))
    return FALSE;

  data = audience_data_new (self, checked, channel);
  ok = _rapport_database_read (self->database, count_on_reader, data, cancellable, &local_error) != NULL;
  if (ok)
    *audience = data->audience;
  audience_data_free (data);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RapportSegmentRepository *self = source_object;
  AudienceData *data = task_data;
  g_autoptr(GError) error = NULL;
  RapportAudience *audience = g_new0 (RapportAudience, 1);

  if (rapport_segment_repository_count (self, data->segment, data->channel, cancellable, audience, &error))
    g_task_return_pointer (task, audience, g_free);
  else
    {
      g_free (audience);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

/**
 * rapport_segment_repository_count_async:
 *
 * rapport_segment_repository_count() on a worker thread, so that a rule
 * being typed never waits for the count.
 */
void
rapport_segment_repository_count_async (RapportSegmentRepository *self,
                                        const RapportSegment     *segment,
                                        RapportChannel            channel,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_segment_repository_count_async);
  g_task_set_task_data (task, audience_data_new (self, segment, channel), (GDestroyNotify) audience_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, count_thread);
}

gboolean
rapport_segment_repository_count_finish (RapportSegmentRepository  *self,
                                         GAsyncResult              *result,
                                         RapportAudience           *audience,
                                         GError                   **error)
{
  g_autofree RapportAudience *counted = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  counted = g_task_propagate_pointer (G_TASK (result), error);
  if (counted == NULL)
    return FALSE;
  *audience = *counted;
  return TRUE;
}

static gpointer
list_on_reader (RapportSqlite  *reader,
                gpointer        user_data,
                GError        **error)
{
  AudienceData *data = user_data;
  g_autoptr(RapportSegmentQuery) query = _rapport_segment_query_new (data->segment, data->channel, data->now);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_segment_query_prepare (query, reader,
                                         "SELECT r.client_id, rc.display_name, r.address"
                                         " FROM recipients r JOIN clients rc ON rc.id = r.client_id"
                                         " ORDER BY r.client_id LIMIT ?1",
                                         error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, data->limit > 0 ? (gint64) data->limit : -1);

  while ((ok = _rapport_sqlite_step (reader, stmt, &has_row, error)) && has_row)
    {
      RapportRecipient *recipient = g_new0 (RapportRecipient, 1);

      recipient->client_id = _rapport_stmt_column_int (stmt, 0);
      recipient->name = _rapport_stmt_dup_text (stmt, 1);
      recipient->address = _rapport_stmt_dup_text (stmt, 2);
      recipient->reason = g_strdup ("");
      g_ptr_array_add (recipients, recipient);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&recipients);
}

/**
 * rapport_segment_repository_list_audience:
 * @self: the segments
 * @segment: a segment
 * @channel: how it is to be reached
 * @limit: at most this many, 0 for all
 * @cancellable: (nullable): interrupts the query
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportRecipient): who the
 *   segment reaches after the exclusions, by client id (only client_id,
 *   name and address are set)
 */
GPtrArray *
rapport_segment_repository_list_audience (RapportSegmentRepository  *self,
                                          const RapportSegment      *segment,
                                          RapportChannel             channel,
                                          guint                      limit,
                                          GCancellable              *cancellable,
                                          GError                   **error)
{
  g_autoptr(RapportSegment) checked = NULL;
  AudienceData *data;
  GPtrArray *recipients;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), NULL);

  checked = rapport_segment_copy (segment);
  if (*checked->name == '\0')
    {
      g_free (checked->name);
      checked->name = g_strdup ("-");
    }
  if (!rapport_segment_validate (checked, error))
    return NULL;

  data = audience_data_new (self, checked, channel);
  data->limit = limit;
  recipients = _rapport_database_read (self->database, list_on_reader, data, cancellable, error);
  audience_data_free (data);
  return recipients;
}

/* ---- Saved segments ---- */

static gboolean
load_rules (RapportSqlite   *db,
            RapportSegment  *segment,
            GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT kind, text_value, number, days FROM segment_rules"
                                  " WHERE segment_id = ?1 ORDER BY position",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, segment->id);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportSegmentRuleKind kind;
      gint64 days = _rapport_stmt_column_int (stmt, 3);

      if (!rapport_segment_rule_kind_from_string (_rapport_stmt_column_text (stmt, 0), &kind))
        {
          g_autofree char *shown = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 0), -1);
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The segment “%s” has a rule “%s” that this version of Rapport does not know; "
                         "edit the segment to remove it."),
                       segment->name, shown);
          return FALSE;
        }
      rapport_segment_add_rule (segment,
                                rapport_segment_rule_new (kind, _rapport_stmt_column_text (stmt, 1),
                                                          _rapport_stmt_column_int (stmt, 2),
                                                          (int) CLAMP (days, G_MININT, G_MAXINT)));
    }
  return ok;
}

static RapportSegment *
segment_from_row (RapportStmt *stmt)
{
  g_autofree char *name = g_utf8_make_valid (_rapport_stmt_column_text (stmt, 1), -1);
  RapportSegment *segment = rapport_segment_new (name);

  segment->id = _rapport_stmt_column_int (stmt, 0);
  segment->match_any = _rapport_stmt_column_int (stmt, 2) != 0;
  return segment;
}

/**
 * rapport_segment_repository_list:
 *
 * Returns: (transfer full) (element-type RapportSegment): the saved
 *   segments with their rules, by name
 */
GPtrArray *
rapport_segment_repository_list (RapportSegmentRepository  *self,
                                 GError                   **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_segment_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "SELECT id, name, match_any FROM segments ORDER BY name COLLATE NOCASE, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (segments, segment_from_row (stmt));
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < segments->len; i++)
    if (!load_rules (db, g_ptr_array_index (segments, i), error))
      return NULL;
  return g_steal_pointer (&segments);
}

/**
 * rapport_segment_repository_get:
 *
 * Returns: (transfer full): the segment with its rules, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportSegment *
rapport_segment_repository_get (RapportSegmentRepository  *self,
                                gint64                     id,
                                GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  gboolean has_row;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "SELECT id, name, match_any FROM segments WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("The segment no longer exists."));
      return NULL;
    }
  segment = segment_from_row (stmt);
  g_clear_pointer (&stmt, _rapport_stmt_release);
  if (!load_rules (db, segment, error))
    return NULL;
  return g_steal_pointer (&segment);
}

/**
 * rapport_segment_repository_find:
 * @id_or_name: a segment's id or its name (any case)
 *
 * Returns: (transfer full): the segment, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND naming what was looked for
 */
RapportSegment *
rapport_segment_repository_find (RapportSegmentRepository  *self,
                                 const char                *id_or_name,
                                 GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  gint64 id;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT id FROM segments WHERE name = trim(?1) OR CAST(id AS TEXT) = trim(?1)"
                                  " ORDER BY name = trim(?1) DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, id_or_name);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_autofree char *shown = g_utf8_make_valid (id_or_name, -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("There is no segment “%s”; `rapport-cli segments` lists them."), shown);
      return NULL;
    }
  id = _rapport_stmt_column_int (stmt, 0);
  g_clear_pointer (&stmt, _rapport_stmt_release);
  return rapport_segment_repository_get (self, id, error);
}

static gboolean
save_in_transaction (RapportSegmentRepository  *self,
                     RapportSqlite             *db,
                     RapportSegment            *segment,
                     GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 now = rapport_database_now (self->database);

  stmt = _rapport_sqlite_prepare (db,
                                  segment->id == 0
                                  ? "INSERT INTO segments (name, match_any, created_at, updated_at)"
                                    " VALUES (?1, ?2, ?3, ?3)"
                                  : "UPDATE segments SET name = ?1, match_any = ?2, updated_at = ?3 WHERE id = ?4",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, segment->name);
  _rapport_stmt_bind_int (stmt, 2, segment->match_any);
  _rapport_stmt_bind_int (stmt, 3, now);
  if (segment->id != 0)
    _rapport_stmt_bind_int (stmt, 4, segment->id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (segment->id == 0)
    segment->id = _rapport_sqlite_last_insert_id (db);
  else if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("The segment “%s” no longer exists."), segment->name);
      return FALSE;
    }
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db, "DELETE FROM segment_rules WHERE segment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, segment->id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < segment->rules->len; i++)
    {
      RapportSegmentRule *rule = g_ptr_array_index (segment->rules, i);

      stmt = _rapport_sqlite_prepare (db,
                                      "INSERT INTO segment_rules (segment_id, position, kind, text_value, number, days)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, segment->id);
      _rapport_stmt_bind_int (stmt, 2, i);
      _rapport_stmt_bind_text (stmt, 3, rapport_segment_rule_kind_to_string (rule->kind));
      _rapport_stmt_bind_text (stmt, 4, rule->text);
      _rapport_stmt_bind_int (stmt, 5, rule->number);
      _rapport_stmt_bind_int (stmt, 6, rule->days);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, _rapport_stmt_release);
    }
  return TRUE;
}

/**
 * rapport_segment_repository_save:
 * @self: the segments
 * @segment: a new segment (id 0) or a changed one; its rules replace the
 *   saved ones
 * @error: return location for an error
 */
gboolean
rapport_segment_repository_save (RapportSegmentRepository  *self,
                                 RapportSegment            *segment,
                                 GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db;
  gint64 old_id;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (segment != NULL, FALSE);

  if (!rapport_segment_validate (segment, error))
    return FALSE;

  db = _rapport_database_get_connection (self->database);
  old_id = segment->id;
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!save_in_transaction (self, db, segment, &local_error))
    {
      _rapport_database_rollback (self->database);
      segment->id = old_id;
      if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                       _("There is already a segment named “%s”; choose another name."), segment->name);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_SEGMENT, segment->id);
  if (!_rapport_database_commit (self->database, error))
    {
      segment->id = old_id;
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_segment_repository_delete:
 *
 * Deletes a saved segment; campaigns sent to it keep their recipients.
 */
gboolean
rapport_segment_repository_delete (RapportSegmentRepository  *self,
                                   gint64                     id,
                                   GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_SEGMENT_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "DELETE FROM segments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  _rapport_database_note_change (self->database, RAPPORT_KIND_SEGMENT, id);
  return TRUE;
}
