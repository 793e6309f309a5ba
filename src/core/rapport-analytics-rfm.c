/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Every client's RFM scores and usual interval, computed in one pass in
 * the background and stored in client_scores (README, “Analytics”).
 *
 * What it costs on 100,000 clients and a million orders, and why it is
 * shaped so: recency, frequency and money come from each client's row of
 * client_sales; the usual interval needs every day a client came, read
 * once from the covering index of sales by day (a row an order, in day
 * order) and from the visits' index (in client order). Those rows are
 * spread to their clients by a counting sort, not a sort of a million
 * pairs, and a day's text is parsed once, not once a row. Writing is the
 * other half: only the rows whose figures changed are written, so that a
 * refresh where little changed does not rewrite 100,000 rows and their
 * indexes. (Emptying the table and filling it again when most rows
 * changed no longer pays: each row inserted has its due day and value
 * looked up by the triggers of step 0015, an update of the scores alone
 * does not.) */

#include "config.h"

#include <string.h>

#include "rapport-analytics-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

/* A regular client came on this many different days at least. */
#define REGULAR_DAYS 3

typedef struct
{
  gint64   client_id;
  gboolean bought;
  guint32  last_bought;
  gint64   orders;
  gint64   spent;
  int      recency, frequency, monetary;
  guint    days;
  guint32  last_day;
  gint64   interval;
} Scored;

/* A day of a client who is not (or not yet) among those who bought. */
typedef struct
{
  gint64   client_id;
  guint32  julian;
} ClientDay;

/* A row of client_scores as stored; 0 for NULL, -1 for a segment or a day
 * that no longer reads as one. */
typedef struct
{
  gint64   client_id;
  int      recency, frequency, monetary;
  int      segment;
  gint64   visits;
  gint64   interval;
  guint32  last_day;
  gint64   scored_at;
} Stored;

static int
compare_client_days (gconstpointer a,
                     gconstpointer b)
{
  const ClientDay *x = a, *y = b;

  if (x->client_id != y->client_id)
    return x->client_id < y->client_id ? -1 : 1;
  return (x->julian > y->julian) - (x->julian < y->julian);
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* How many of @sorted (@n values of @size) are below @value. */
static guint
count_below (gconstpointer  sorted,
             guint          n,
             gsize          size,
             gconstpointer  value,
             GCompareFunc   compare)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (compare ((const char *) sorted + middle * size, value) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The julian day of @day, `YYYY-MM-DD` as _rapport_analytics_parse_day()
 * reads it, or 0: read by hand, since a few hundred thousand rows are. */
static guint32
julian_of (const char *day)
{
  guint year = 0, month = 0, day_of_month = 0;
  GDate date;

  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? day[i] != '-' : !g_ascii_isdigit (day[i]))
      return 0;
  if (day[10] != '\0')
    return 0;
  for (int i = 0; i < 4; i++)
    year = year * 10 + (guint) (day[i] - '0');
  month = (guint) (day[5] - '0') * 10 + (guint) (day[6] - '0');
  day_of_month = (guint) (day[8] - '0') * 10 + (guint) (day[9] - '0');
  if (year < 1000 || !g_date_valid_dmy ((GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

/* The day of a row of text, parsed again only when it differs from the
 * row before (the orders come in day order). */
typedef struct
{
  char    text[16];
  guint32 julian;
} DayCache;

static guint32
cached_julian_of (DayCache   *cache,
                  const char *day)
{
  if (strncmp (cache->text, day, sizeof cache->text) != 0)
    {
      g_strlcpy (cache->text, day, sizeof cache->text);
      /* A text too long for the cache is never a day. */
      cache->julian = strlen (day) < sizeof cache->text ? julian_of (day) : 0;
    }
  return cache->julian;
}

static char *
day_of_julian (guint32 julian)
{
  GDate date;

  if (julian == 0 || !g_date_valid_julian (julian))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return _rapport_analytics_format_day (&date);
}

/* The local day of @moment (UTC seconds), as a julian day; 0 when out of
 * range. The offset comes from the zone's interval holding the moment: no
 * GDateTime is made for each of a few hundred thousand visits. */
static guint32
local_julian (GTimeZone *zone,
              guint32    epoch,
              gint64     moment)
{
  gint64 local, day;

  /* Some ten thousand years either way of 1970. */
  if (moment < -G_GINT64_CONSTANT (315537897600) || moment > G_GINT64_CONSTANT (315537897600))
    return 0;
  local = moment + g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, moment));
  day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  day += epoch;
  return day > 0 && day <= G_MAXUINT32 && g_date_valid_julian ((guint32) day) ? (guint32) day : 0;
}

/* Where each buyer is in the list sorted by client: straight from the id
 * when the ids are dense enough for an array of them (they are a
 * table's own, so nearly always), else by a binary search. */
typedef struct
{
  GArray  *scored;
  guint32 *by_id;
  gint64   n_ids;
} BuyerIndex;

#define NO_BUYER G_MAXUINT32

static void
buyer_index_init (BuyerIndex *index,
                  GArray     *scored)
{
  gint64 max_id = scored->len > 0 ? g_array_index (scored, Scored, scored->len - 1).client_id : 0;

  index->scored = scored;
  index->by_id = NULL;
  index->n_ids = 0;
  if (max_id < 0 || max_id > 4 * (gint64) scored->len + 4096)
    return;
  index->n_ids = max_id + 1;
  index->by_id = g_new (guint32, index->n_ids);
  memset (index->by_id, 0xff, sizeof (guint32) * index->n_ids);
  for (guint i = 0; i < scored->len; i++)
    {
      gint64 id = g_array_index (scored, Scored, i).client_id;

      if (id >= 0)
        index->by_id[id] = i;
    }
}

static void
buyer_index_clear (BuyerIndex *index)
{
  g_clear_pointer (&index->by_id, g_free);
}

static guint32
buyer_index_find (BuyerIndex *index,
                  gint64      client_id)
{
  guint low = 0, high;

  if (index->by_id != NULL)
    return client_id >= 0 && client_id < index->n_ids ? index->by_id[client_id] : NO_BUYER;
  high = index->scored->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      gint64 at = g_array_index (index->scored, Scored, middle).client_id;

      if (at == client_id)
        return middle;
      if (at < client_id)
        low = middle + 1;
      else
        high = middle;
    }
  return NO_BUYER;
}

/* Each client who bought, by client: their row of client_sales. */
static gboolean
read_buyers (RapportSqlite  *db,
             GArray         *scored,
             GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT client_id, last_day, orders, spent FROM client_sales"
                                  " ORDER BY client_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Scored client = { .client_id = _rapport_stmt_column_int (stmt, 0), .bought = TRUE };

      client.last_bought = julian_of (_rapport_stmt_column_text (stmt, 1));
      client.orders = _rapport_stmt_column_int (stmt, 2);
      client.spent = _rapport_stmt_column_int (stmt, 3);
      g_array_append_val (scored, client);
    }
  return ok;
}

/* Quintiles by rank: equal values get equal scores. */
static void
score_buyers (GArray *scored)
{
  guint n = scored->len;
  g_autoptr(GArray) recencies = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_autoptr(GArray) frequencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_autoptr(GArray) amounts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      Scored *client = &g_array_index (scored, Scored, i);

      g_array_append_val (recencies, client->last_bought);
      g_array_append_val (frequencies, client->orders);
      g_array_append_val (amounts, client->spent);
    }
  g_array_sort (recencies, compare_guint32);
  g_array_sort (frequencies, compare_gint64);
  g_array_sort (amounts, compare_gint64);
  for (guint i = 0; i < n; i++)
    {
      Scored *client = &g_array_index (scored, Scored, i);

      client->recency = rapport_rfm_quintile (count_below (recencies->data, n, sizeof (guint32),
                                                           &client->last_bought, compare_guint32), n);
      client->frequency = rapport_rfm_quintile (count_below (frequencies->data, n, sizeof (gint64),
                                                             &client->orders, compare_gint64), n);
      client->monetary = rapport_rfm_quintile (count_below (amounts->data, n, sizeof (gint64),
                                                            &client->spent, compare_gint64), n);
    }
}

/* The days of the counted orders, spread to the buyers by a counting sort:
 * @starts (n + 1 entries) says where each buyer's days begin in @days.
 * An order of a client missing from client_sales (a summary out of step)
 * goes to @others, so that no day is lost. */
static gboolean
read_order_days (RapportSqlite  *db,
                 GArray         *scored,
                 GArray         *starts,
                 GArray         *days,
                 GArray         *others,
                 GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  DayCache cache = { "", 0 };
  BuyerIndex index;
  gboolean has_row, ok;
  guint32 *at;

  /* The covering index, not the index by status and a million rows. */
  stmt = _rapport_sqlite_prepare (db, "SELECT client_id, ordered_on FROM orders INDEXED BY orders_sales_by_day"
                                  " WHERE status IN " RAPPORT_ANALYTICS_COUNTED, error);
  if (stmt == NULL)
    return FALSE;
  buyer_index_init (&index, scored);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 client_id = _rapport_stmt_column_int (stmt, 0);
      guint32 pair[2] = { 0, cached_julian_of (&cache, _rapport_stmt_column_text (stmt, 1)) };

      if (pair[1] == 0)
        continue;
      pair[0] = buyer_index_find (&index, client_id);
      if (pair[0] == NO_BUYER)
        {
          ClientDay other = { client_id, pair[1] };
          g_array_append_val (others, other);
          continue;
        }
      g_array_append_val (pairs, pair);
    }
  buyer_index_clear (&index);
  if (!ok)
    return FALSE;

  g_array_set_size (starts, scored->len + 1);
  memset (starts->data, 0, sizeof (guint) * starts->len);
  for (guint i = 0; i < pairs->len; i++)
    g_array_index (starts, guint, ((guint32 *) pairs->data)[2 * i] + 1)++;
  for (guint i = 1; i < starts->len; i++)
    g_array_index (starts, guint, i) += g_array_index (starts, guint, i - 1);
  g_array_set_size (days, pairs->len);
  at = g_new (guint32, scored->len + 1);
  memcpy (at, starts->data, sizeof (guint) * starts->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint32 *pair = (guint32 *) pairs->data + 2 * i;
      g_array_index (days, guint32, at[pair[0]]++) = pair[1];
    }
  g_free (at);
  return TRUE;
}

/* A visit belongs to the day it was on the local clock. */
static gboolean
read_visit_days (RapportSqlite  *db,
                 GArray         *others,
                 GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  gboolean has_row, ok;
  guint32 epoch;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1970);
  epoch = g_date_get_julian (&date);
  stmt = _rapport_sqlite_prepare (db, "SELECT client_id, occurred_at FROM interactions"
                                  " WHERE kind = 'visit' ORDER BY client_id, occurred_at", error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      ClientDay day = { _rapport_stmt_column_int (stmt, 0),
                        local_julian (zone, epoch, _rapport_stmt_column_int (stmt, 1)) };

      if (day.julian > 0)
        g_array_append_val (others, day);
    }
  return ok;
}

/* The distinct days of @client from @n_days days, in any order: how many,
 * the last, and the median gap when a regular. */
static void
count_days (Scored  *client,
            guint32 *client_days,
            guint    n_days,
            GArray  *gaps)
{
  guint32 previous = 0;

  qsort (client_days, n_days, sizeof (guint32), compare_guint32);
  g_array_set_size (gaps, 0);
  client->days = 0;
  for (guint i = 0; i < n_days; i++)
    {
      if (client_days[i] == previous)
        continue;
      if (previous != 0)
        {
          gint64 gap = client_days[i] - previous;
          g_array_append_val (gaps, gap);
        }
      previous = client_days[i];
      client->days++;
    }
  client->last_day = previous;
  client->interval = client->days >= REGULAR_DAYS ? _rapport_analytics_median (gaps) : 0;
}

/* Reads what the scores come from and computes them: RFM quintiles over
 * the clients who bought, usual intervals over every client's days. The
 * result is sorted by client. */
static GArray *
compute_scores (RapportSqlite  *db,
                GError        **error)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, TRUE, sizeof (Scored));
  g_autoptr(GArray) starts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (ClientDay));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) result = NULL;
  guint next_other = 0;

  if (!read_buyers (db, scored, error))
    return NULL;
  score_buyers (scored);
  if (!read_order_days (db, scored, starts, days, others, error))
    return NULL;
  if (!read_visit_days (db, others, error))
    return NULL;
  /* Visits come by client already; the rare orders of clients missing
   * from the sales summary are mixed in here. */
  g_array_sort (others, compare_client_days);

  /* Buyers and the others, merged by client. */
  result = g_array_sized_new (FALSE, TRUE, sizeof (Scored), scored->len);
  for (guint i = 0; i < scored->len || next_other < others->len;)
    {
      gint64 other_id = next_other < others->len ? g_array_index (others, ClientDay, next_other).client_id : G_MAXINT64;
      Scored client = { 0 };

      if (i < scored->len && g_array_index (scored, Scored, i).client_id <= other_id)
        {
          guint from = g_array_index (starts, guint, i), to = g_array_index (starts, guint, i + 1);

          client = g_array_index (scored, Scored, i++);
          g_array_set_size (scratch, 0);
          g_array_append_vals (scratch, &g_array_index (days, guint32, from), to - from);
        }
      else
        {
          client.client_id = other_id;
          g_array_set_size (scratch, 0);
        }
      for (; next_other < others->len && g_array_index (others, ClientDay, next_other).client_id == client.client_id;
           next_other++)
        g_array_append_val (scratch, g_array_index (others, ClientDay, next_other).julian);
      count_days (&client, (guint32 *) scratch->data, scratch->len, gaps);
      if (client.bought || client.interval > 0)
        g_array_append_val (result, client);
    }
  return g_steal_pointer (&result);
}

/* ---- Storing them ---- */

static int
segment_index (const char *text)
{
  RapportRfmSegment segment;

  return rapport_rfm_segment_from_string (text, &segment) ? (int) segment : -1;
}

/* The stored rows, by client. */
static GArray *
read_stored (RapportSqlite  *db,
             GError        **error)
{
  g_autoptr(GArray) stored = g_array_new (FALSE, TRUE, sizeof (Stored));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT client_id, recency, frequency, monetary, segment, visits,"
                                  " usual_interval, last_day, scored_at FROM client_scores ORDER BY client_id", error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Stored row = { .client_id = _rapport_stmt_column_int (stmt, 0) };
      const char *last_day = _rapport_stmt_column_text (stmt, 7);
      guint32 julian = julian_of (last_day);

      row.recency = (int) CLAMP (_rapport_stmt_column_int (stmt, 1), -1, 6);
      row.frequency = (int) CLAMP (_rapport_stmt_column_int (stmt, 2), -1, 6);
      row.monetary = (int) CLAMP (_rapport_stmt_column_int (stmt, 3), -1, 6);
      row.segment = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? RAPPORT_RFM_N_SEGMENTS
                    : segment_index (_rapport_stmt_column_text (stmt, 4));
      row.visits = _rapport_stmt_column_int (stmt, 5);
      row.interval = _rapport_stmt_column_int (stmt, 6);
      row.scored_at = _rapport_stmt_column_int (stmt, 8);
      /* Stored as written: "" for no day, else the day itself. */
      row.last_day = *last_day == '\0' ? 0 : julian > 0 ? julian : G_MAXUINT32;
      g_array_append_val (stored, row);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&stored);
}

/* The row @client would be stored as. */
static Stored
row_of (const Scored *client)
{
  Stored row = { .client_id = client->client_id, .segment = RAPPORT_RFM_N_SEGMENTS };
  guint32 last_day = MAX (client->last_day, client->last_bought);

  if (client->bought)
    {
      row.recency = client->recency;
      row.frequency = client->frequency;
      row.monetary = client->monetary;
      row.segment = (int) rapport_rfm_segment_for_scores (client->recency, client->frequency, client->monetary);
    }
  row.visits = client->days;
  row.interval = MAX (client->interval, 0);
  row.last_day = g_date_valid_julian (last_day) ? last_day : 0;
  return row;
}

static gboolean
same_row (const Stored *a,
          const Stored *b)
{
  return a->recency == b->recency && a->frequency == b->frequency && a->monetary == b->monetary
         && a->segment == b->segment && a->visits == b->visits && a->interval == b->interval
         && a->last_day == b->last_day;
}

/* Binds @row to @stmt and runs it: ?1 the client, then its columns in
 * the table's order, ?9 @written_at, when its figures last changed. */
static gboolean
write_row (RapportSqlite  *db,
           RapportStmt    *stmt,
           const Stored   *row,
           gint64          written_at,
           GError        **error)
{
  g_autofree char *last_day = day_of_julian (row->last_day);

  if (row->segment < RAPPORT_RFM_N_SEGMENTS)
    {
      _rapport_stmt_bind_int (stmt, 2, row->recency);
      _rapport_stmt_bind_int (stmt, 3, row->frequency);
      _rapport_stmt_bind_int (stmt, 4, row->monetary);
      _rapport_stmt_bind_text (stmt, 5, rapport_rfm_segment_to_string (row->segment));
    }
  else
    for (int column = 2; column <= 5; column++)
      sqlite3_bind_null (stmt, column);
  _rapport_stmt_bind_int (stmt, 1, row->client_id);
  _rapport_stmt_bind_int (stmt, 6, row->visits);
  _rapport_stmt_bind_id_or_null (stmt, 7, row->interval);
  _rapport_stmt_bind_text (stmt, 8, last_day);
  _rapport_stmt_bind_int (stmt, 9, written_at);
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
delete_row (RapportSqlite  *db,
            RapportStmt    *delete,
            gint64          client_id,
            GError        **error)
{
  _rapport_stmt_bind_int (delete, 1, client_id);
  return _rapport_sqlite_run (db, delete, error);
}

/* A row to write, or to remove, found by comparing the computed rows
 * with the stored ones. */
typedef enum
{
  CHANGE_UPDATE,
  CHANGE_INSERT,
  CHANGE_DELETE,
} ChangeKind;

typedef struct
{
  Stored     row;
  ChangeKind kind;
} Change;

/* The rows of @scored that differ from the stored ones (both sorted by
 * client) and the stored rows of clients no longer scored, as changes. A
 * row's scored_at says when it last changed (when the scores were
 * computed is the database's fact rfm_scored_at). Only rows that changed
 * are written: a refresh where little changed does not rewrite 100,000
 * rows and their indexes. */
static GArray *
diff_rows (GArray *scored,
           GArray *stored)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint i = 0, j = 0;

  while (i < scored->len || j < stored->len)
    {
      const Stored *old = j < stored->len ? &g_array_index (stored, Stored, j) : NULL;
      Change change;

      if (i >= scored->len || (old != NULL && old->client_id < g_array_index (scored, Scored, i).client_id))
        {
          change = (Change) { *old, CHANGE_DELETE };
          g_array_append_val (changes, change);
          j++;
          continue;
        }
      change = (Change) { row_of (&g_array_index (scored, Scored, i++)), CHANGE_INSERT };
      if (old != NULL && old->client_id == change.row.client_id)
        {
          j++;
          if (same_row (old, &change.row))
            continue;
          change.kind = CHANGE_UPDATE;
        }
      g_array_append_val (changes, change);
    }
  return g_steal_pointer (&changes);
}

/* Writes changes @from to @to of @changes, inside the caller's
 * transaction. A client deleted since the scores were computed is not
 * written back. */
static gboolean
apply_changes (RapportSqlite  *db,
               GArray         *changes,
               guint           from,
               guint           to,
               gint64          now,
               GError        **error)
{
  g_autoptr(RapportStmt) insert = NULL;
  g_autoptr(RapportStmt) update = NULL;
  g_autoptr(RapportStmt) delete = NULL;

  insert = _rapport_sqlite_prepare (db, "INSERT INTO client_scores (client_id, recency, frequency, monetary,"
                                    " segment, visits, usual_interval, last_day, scored_at)"
                                    " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9"
                                    " WHERE EXISTS (SELECT 1 FROM clients WHERE id = ?1)", error);
  if (insert == NULL)
    return FALSE;
  update = _rapport_sqlite_prepare (db, "UPDATE client_scores SET recency = ?2, frequency = ?3, monetary = ?4,"
                                    " segment = ?5, visits = ?6, usual_interval = ?7, last_day = ?8,"
                                    " scored_at = ?9 WHERE client_id = ?1", error);
  if (update == NULL)
    return FALSE;
  delete = _rapport_sqlite_prepare (db, "DELETE FROM client_scores WHERE client_id = ?1", error);
  if (delete == NULL)
    return FALSE;
  for (guint i = from; i < to; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      gboolean ok;

      switch (change->kind)
        {
        case CHANGE_DELETE:
          ok = delete_row (db, delete, change->row.client_id, error);
          break;
        case CHANGE_INSERT:
          ok = write_row (db, insert, &change->row, now, error);
          break;
        case CHANGE_UPDATE:
        default:
          ok = write_row (db, update, &change->row, now, error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
note_scored_at (RapportSqlite  *db,
                gint64          now,
                GError        **error)
{
  g_autoptr(RapportStmt) fact = _rapport_sqlite_prepare (db, "INSERT OR REPLACE INTO database_facts (name, value)"
                                                         " VALUES ('rfm_scored_at', ?1)", error);

  if (fact == NULL)
    return FALSE;
  _rapport_stmt_bind_int (fact, 1, now);
  return _rapport_sqlite_run (db, fact, error);
}

/* The changes computed on @db: the reader's for a window, the writer's
 * for the command line. */
static GArray *
compute_changes (RapportSqlite  *db,
                 GError        **error)
{
  g_autoptr(GArray) scored = compute_scores (db, error);
  g_autoptr(GArray) stored = NULL;
  GArray *changes;

  if (scored == NULL || (stored = read_stored (db, error)) == NULL)
    return NULL;
  changes = diff_rows (scored, stored);
  g_debug ("RFM: %u clients scored, %u rows to write", scored->len, changes->len);
  return changes;
}

/* Writes @changes from @from, @n_rows of them at most, in one transaction
 * of its own; the last ones note when the scores were computed. */
static gboolean
store_changes (RapportDatabase  *database,
               GArray           *changes,
               guint             from,
               guint             n_rows,
               gint64            now,
               GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(GError) local_error = NULL;
  guint to = from + MIN (n_rows, changes->len - from);

  if (!_rapport_database_begin (database, error))
    return FALSE;
  if (!apply_changes (db, changes, from, to, now, &local_error)
      || (to == changes->len && !note_scored_at (db, now, &local_error)))
    {
      _rapport_database_rollback (database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (to == changes->len)
    _rapport_database_note_change (database, RAPPORT_KIND_ANALYTICS, 0);
  return _rapport_database_commit (database, error);
}

static gboolean
refresh_rfm_on (RapportDatabase  *database,
                gpointer          data,
                GError          **error)
{
  g_autoptr(GArray) changes = compute_changes (_rapport_database_get_connection (database), error);

  return changes != NULL
         && store_changes (database, changes, 0, changes->len, rapport_database_now (database), error);
}

/**
 * rapport_analytics_refresh_rfm:
 * @self: the analytics
 * @error: return location for an error
 *
 * Recomputes every client's scores and usual interval, on the calling
 * thread (the command line, tests); windows use the _async form.
 *
 * Returns: whether they were stored
 */
gboolean
rapport_analytics_refresh_rfm (RapportAnalytics  *self,
                               GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);

  return refresh_rfm_on (_rapport_analytics_get_database (self), NULL, error);
}

/* ---- In the background, off the saves' path ----
 *
 * A window's refresh computes on the reader connection, on a thread of its
 * own, and compares with what is stored there; only then are the rows that
 * differ written, CHUNK_ROWS at a time, each chunk a write of its own: a
 * save asked meanwhile waits for one short chunk at most, not for the
 * whole refresh (half a second on 100,000 clients). Between two chunks the
 * stored scores are part old, part new, as they are between two refreshes
 * anyway; the moment of the computation is noted with the last chunk. */

#define CHUNK_ROWS 2000

typedef struct
{
  GArray *changes;   /* of Change */
  guint   next;      /* the first change not written yet */
  gint64  now;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_pointer (&refresh->changes, g_array_unref);
  g_free (refresh);
}

static gpointer
collect_changes_on_reader (RapportSqlite  *db,
                           gpointer        data,
                           GError        **error)
{
  Refresh *refresh = data;

  refresh->changes = compute_changes (db, error);
  return refresh->changes;
}

static void
collect_changes_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  if (_rapport_database_read (_rapport_analytics_get_database (source_object), collect_changes_on_reader,
                              task_data, cancellable, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The next chunk of changes, on the write worker. */
static gboolean
write_chunk_on (RapportDatabase  *database,
                gpointer          data,
                GError          **error)
{
  Refresh *refresh = data;

  if (!store_changes (database, refresh->changes, refresh->next, CHUNK_ROWS, refresh->now, error))
    return FALSE;
  refresh->next = MIN (refresh->next + CHUNK_ROWS, refresh->changes->len);
  return TRUE;
}

static void write_next_chunk (GTask *task);

static void
on_chunk_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_rapport_database_write_finish (source, result, &error))
    g_task_return_error (task, error);
  else if (refresh->next < refresh->changes->len)
    write_next_chunk (g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_next_chunk (GTask *task)
{
  RapportAnalytics *self = g_task_get_source_object (task);

  _rapport_database_write_async (_rapport_analytics_get_database (self), self, write_chunk_on,
                                 g_task_get_task_data (task), NULL, write_next_chunk,
                                 g_task_get_cancellable (task), on_chunk_written, task);
}

static void
on_changes_collected (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    write_next_chunk (g_steal_pointer (&task));
}

/**
 * rapport_analytics_refresh_rfm_async:
 *
 * rapport_analytics_refresh_rfm() in the background: computed on the
 * reader connection, then written in short writes that let a save
 * through between them.
 */
void
rapport_analytics_refresh_rfm_async (RapportAnalytics    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) collect = NULL;
  Refresh *refresh;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));

  refresh = g_new0 (Refresh, 1);
  refresh->now = rapport_database_now (_rapport_analytics_get_database (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_refresh_rfm_async);
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);
  collect = g_task_new (self, cancellable, on_changes_collected, g_object_ref (task));
  g_task_set_task_data (collect, refresh, NULL);
  g_task_run_in_thread (collect, collect_changes_thread);
}

gboolean
rapport_analytics_refresh_rfm_finish (RapportAnalytics  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_analytics_get_rfm_scored_at:
 *
 * Returns: when the scores were last computed, UTC seconds, or 0
 */
gint64
rapport_analytics_get_rfm_scored_at (RapportAnalytics  *self,
                                     GError           **error)
{
  RapportSqlite *db;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), 0);

  db = _rapport_database_get_connection (_rapport_analytics_get_database (self));
  stmt = _rapport_sqlite_prepare (db, "SELECT value FROM database_facts WHERE name = 'rfm_scored_at'", error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error) || !has_row)
    return 0;
  return _rapport_stmt_column_int (stmt, 0);
}

/**
 * rapport_analytics_get_client_score:
 * @self: the analytics
 * @client_id: a client
 * @score: (out caller-allocates): the client's scores
 * @error: return location for an error
 *
 * Returns: whether the client has scores; %FALSE without @error when the
 *   client has bought nothing (or not since the scores were computed)
 */
gboolean
rapport_analytics_get_client_score (RapportAnalytics  *self,
                                    gint64             client_id,
                                    RapportRfmScore   *score,
                                    GError           **error)
{
  RapportSqlite *db;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  /* A row is written only when its scores change: they were computed
   * (and found the same) when all were. */
  db = _rapport_database_get_connection (_rapport_analytics_get_database (self));
  stmt = _rapport_sqlite_prepare (db, "SELECT recency, frequency, monetary, segment,"
                                  " max(scored_at, coalesce((SELECT value FROM database_facts"
                                  " WHERE name = 'rfm_scored_at'), 0)) FROM client_scores"
                                  " WHERE client_id = ?1 AND segment IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error) || !has_row)
    return FALSE;
  if (!rapport_rfm_segment_from_string (_rapport_stmt_column_text (stmt, 3), &score->segment))
    return FALSE;
  score->client_id = client_id;
  score->recency = (int) CLAMP (_rapport_stmt_column_int (stmt, 0), 1, 5);
  score->frequency = (int) CLAMP (_rapport_stmt_column_int (stmt, 1), 1, 5);
  score->monetary = (int) CLAMP (_rapport_stmt_column_int (stmt, 2), 1, 5);
  score->scored_at = _rapport_stmt_column_int (stmt, 4);
  return TRUE;
}
