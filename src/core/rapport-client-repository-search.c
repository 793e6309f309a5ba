/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Finding clients: the search indexes (kept in step by the one function
 * below), the queries over them, and the name orders that arrange what
 * they find. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rapport-client-repository-private.h"
#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-text.h"

/* FTS5's trigram tokenizer matches nothing shorter than three characters. */
#define TRIGRAM 3

/* The shape of a query is bounded, whatever is typed or pasted: at most
 * this many words go into the index query (one- and two-letter words into
 * the name-prefix query), and the others are looked for in the text of
 * what those found. So a search never fails for its length, and the
 * statement cache holds a handful of shapes. */
#define MAX_MATCH_WORDS 16
#define MAX_PREFIX_WORDS 4

/* Words left to look for in the found clients' text are looked for when
 * the index found at most this many; past that (a one-letter word beside
 * “gmail.com”), they wait for more letters. About a millisecond a
 * thousand. */
#define FILTER_MAX 5000

/* The name orders hold an array indexed by id when ids are dense, as
 * SQLite gives them; with odd ids (negative, or far apart), a sorted
 * array searched by halves. */
#define DENSE_SLACK 4096

/* The first rows of a text search collect at most this many matches; a
 * search that finds more walks the order instead, reading clients' text
 * until it has its rows: at least one in FIRST_MATCH_MAX ÷ clients
 * matches, so the walk is short. */
#define FIRST_MATCH_MAX 8192
/* …unless the matches lie far down the order: past this many clients'
 * texts read, they are all collected after all. About a millisecond a
 * thousand. */
#define FIRST_WALK_MAX 4096
/* A search walks only past FIRST_MATCH_MAX matches, where the words left
 * to filter with are not looked for (FILTER_MAX): a walk need not either. */
G_STATIC_ASSERT (FIRST_MATCH_MAX >= FILTER_MAX);

gboolean
_rapport_client_repository_unindex (RapportClientRepository  *self,
                                    gint64                    id,
                                    GError                  **error)
{
  static const char * const statements[] = {
    "DELETE FROM client_search WHERE rowid = ?1",
    "DELETE FROM client_words WHERE client_id = ?1",
  };

  return _rapport_sqlite_run_each_with_id (_rapport_database_get_connection (self->database),
                                           statements, G_N_ELEMENTS (statements), id, error);
}

static gboolean
index_words (RapportSqlite  *db,
             RapportClient  *client,
             GError        **error)
{
  g_autoptr(GPtrArray) words = rapport_client_dup_name_words (client);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT OR IGNORE INTO client_words (word, client_id)"
                                  " VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < words->len; i++)
    {
      _rapport_stmt_bind_text (stmt, 1, g_ptr_array_index (words, i));
      _rapport_stmt_bind_int (stmt, 2, rapport_client_get_id (client));
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Keeps the search indexes in step with a client just written. It runs in
 * the writer's transaction, so the indexes never disagree with the data. */
gboolean
_rapport_client_repository_index (RapportClientRepository  *self,
                                  RapportClient            *client,
                                  GError                  **error)
{
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *text = rapport_client_dup_search_text (client);
  gint64 id = rapport_client_get_id (client);

  if (!_rapport_client_repository_unindex (self, id, error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO client_search (rowid, body) VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, text);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  return index_words (db, client, error);
}

/* A search is built from fixed SQL pieces and bound values: whatever a
 * person types is data, never SQL, and inside an FTS5 phrase it is quoted,
 * so “AND”, “*”, “-” or a lone quote mean themselves. The query yields the
 * matching ids in no order; the order comes from the cached list below. */
typedef struct
{
  GString   *sql;
  GPtrArray *values;
  GPtrArray *filter_words;   /* looked for in the text of what the query finds */
  GPtrArray *words;          /* with a text query: the words it matches */
} Query;

static void
query_clear (Query *query)
{
  if (query->sql != NULL)
    g_string_free (query->sql, TRUE);
  g_clear_pointer (&query->values, g_ptr_array_unref);
  g_clear_pointer (&query->filter_words, g_ptr_array_unref);
  g_clear_pointer (&query->words, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static void
query_init (Query *query)
{
  query->sql = g_string_new (NULL);
  query->values = g_ptr_array_new_with_free_func (g_free);
  query->filter_words = g_ptr_array_new_with_free_func (g_free);
}

/* Appends @sql, whose one “?” becomes the numbered parameter for @value. */
static void
query_bind (Query      *query,
            const char *sql,
            char       *value)
{
  const char *mark = strchr (sql, '?');

  g_assert (mark != NULL);
  g_ptr_array_add (query->values, value);
  g_string_append_len (query->sql, sql, mark - sql);
  g_string_append_printf (query->sql, "?%u", query->values->len);
  g_string_append (query->sql, mark + 1);
}

static GArray *
query_ids (RapportSqlite  *db,
           Query          *query,
           GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, query->sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < query->values->len; i++)
    _rapport_stmt_bind_text (stmt, i + 1, g_ptr_array_index (query->values, i));

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;

  return g_steal_pointer (&ids);
}

/* A phone number is found from its first digits however it was typed: the
 * match keys (calling code first, see rapport_phone_match_key()) that
 * start as the typed number's key does, so 8916396 finds +7 (916) 396-93-49
 * in Russia. A fragment is also looked for anywhere in the numbers'
 * digits, unless it is written as a whole number (with “+”, or a trunk
 * prefix and all its digits): +7 916 does not find +44 7916…. */
static void
build_phone_query (Query      *query,
                   const char *text,
                   const char *folded,
                   const char *region)
{
  g_autofree char *digits = rapport_text_digits (text);
  g_autofree char *key = NULL;
  RapportPhoneForm form;

  key = rapport_phone_query_key (text, region, &form);
  g_assert (key != NULL);

  if (!rapport_phone_query_is_whole (text, region))
    {
      g_autofree char *as_digits = _rapport_sqlite_fts_phrase (digits);
      g_autofree char *as_typed = _rapport_sqlite_fts_phrase (folded);

      /* The digits anywhere in a number, or the text as typed anywhere
       * else: a postcode such as 80-001. */
      query_bind (query, "SELECT rowid FROM client_search WHERE client_search MATCH ?",
                  g_str_equal (digits, folded) ? g_steal_pointer (&as_digits)
                                               : g_strconcat (as_digits, " OR ", as_typed, NULL));
      g_string_append (query->sql, " UNION ALL ");
    }
  /* Keys are ASCII digits, and “:” sorts right after “9”. */
  query_bind (query, "SELECT client_id FROM client_phones WHERE match_key >= ?", g_strdup (key));
  query_bind (query, " AND match_key < ?", g_strconcat (key, ":", NULL));
}

/* The words of the index query, up to MAX_MATCH_WORDS, as one bound
 * value: FTS5 wants every phrase. The others are filter words. */
static void
build_text_query (Query     *query,
                  GPtrArray *words)
{
  GString *match = g_string_new (NULL);
  guint n_matched = 0;

  query->words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *phrase = NULL;

      if (g_utf8_strlen (word, -1) < TRIGRAM || n_matched == MAX_MATCH_WORDS)
        {
          g_ptr_array_add (query->filter_words, g_strdup (word));
          continue;
        }
      phrase = _rapport_sqlite_fts_phrase (word);
      g_ptr_array_add (query->words, g_strdup (word));
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, phrase);
      n_matched++;
    }

  query_bind (query, "SELECT rowid FROM client_search WHERE client_search MATCH ?",
              g_string_free (match, FALSE));
}

/* Every word is the start of one of the client's name words. */
static void
build_prefix_query (Query     *query,
                    GPtrArray *words)
{
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i == MAX_PREFIX_WORDS)
        {
          g_ptr_array_add (query->filter_words, g_strdup (word));
          continue;
        }
      if (i > 0)
        g_string_append (query->sql, " INTERSECT ");
      query_bind (query, "SELECT client_id FROM client_words WHERE word >= ?", g_strdup (word));
      /* U+10FFFF sorts after every character a word can continue with. */
      query_bind (query, " AND word < ?", g_strconcat (word, "\xf4\x8f\xbf\xbf", NULL));
    }
}

static gboolean
has_long_word (GPtrArray *words)
{
  for (guint i = 0; i < words->len; i++)
    if (g_utf8_strlen (g_ptr_array_index (words, i), -1) >= TRIGRAM)
      return TRUE;
  return FALSE;
}

/* The distinct words of the folded text, in the order typed. */
static GPtrArray *
split_words (const char *folded)
{
  g_auto(GStrv) parts = g_strsplit (folded, " ", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0'
        && !g_ptr_array_find_with_equal_func (words, parts[i], g_str_equal, NULL))
      g_ptr_array_add (words, g_strdup (parts[i]));
  return words;
}

/* Returns FALSE when there is nothing to look for yet: the start of a phone
 * number too short to tell (rapport_text_is_short_phone()). */
static gboolean
build_query (Query      *query,
             const char *text,
             const char *folded,
             const char *region)
{
  g_autoptr(GPtrArray) words = split_words (folded);

  if (rapport_text_is_short_phone (text))
    return FALSE;
  if (rapport_text_is_phone_like (text))
    build_phone_query (query, text, folded, region);
  else if (has_long_word (words))
    build_text_query (query, words);
  else
    build_prefix_query (query, words);
  return TRUE;
}

static gboolean
contains_all (const char *text,
              GPtrArray  *words)
{
  for (guint i = 0; i < words->len; i++)
    if (strstr (text, g_ptr_array_index (words, i)) == NULL)
      return FALSE;
  return TRUE;
}

/* Keeps the @matches whose text contains every one of @words. */
static GArray *
filter_matches (RapportSqlite  *db,
                GArray         *matches,
                GPtrArray      *words,
                GError        **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT rowid, body FROM client_search"
                                  " WHERE rowid IN (SELECT value FROM json_each(?1))",
                                  error);
  if (stmt == NULL)
    return NULL;
  json = _rapport_sqlite_ids_to_json ((const gint64 *) matches->data, matches->len);
  _rapport_stmt_bind_text (stmt, 1, json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    if (contains_all (_rapport_stmt_column_text (stmt, 1), words))
      {
        gint64 id = _rapport_stmt_column_int (stmt, 0);
        g_array_append_val (kept, id);
      }
  if (!ok)
    return NULL;

  return g_steal_pointer (&kept);
}

/* The listed clients in one order, read from the index that serves it, and
 * each id's rank in it. Searching then only finds which ids match:
 * ordering thousands of matches by rank costs less than joining them back
 * to the clients table and sorting. */
typedef struct
{
  gboolean  valid;
  gint64    data_version;
  guint64   generation;
  GArray   *ids;        /* gint64, in order */
  gint64    min_id;
  gint64    max_id;
  GArray   *dense;      /* gint32 rank by id - min_id; -1 when not listed */
  GArray   *by_id;      /* IdRank sorted by id, when ids are sparse */
} SearchOrder;

typedef struct
{
  gint64 id;
  gint32 rank;
} IdRank;

/* The last whole result of a text search on this connection. A search
 * whose words each contain one of its words finds a part of it: its first
 * rows are met walking it, in its order, a few steps for most keystrokes
 * (“gmail.co” then “gmail.com”), where the index would find every match
 * again. */
typedef struct
{
  gboolean           valid;
  gint64             data_version;
  guint64            generation;
  RapportClientSort  sort;
  gboolean           include_archived;
  GPtrArray         *words;      /* what a client's text contained… */
  GArray            *ids;        /* …to be among these, in order */
} LastResult;

struct _RapportSearchCache
{
  SearchOrder orders[2][2];   /* [sort][include_archived] */
  LastResult  last;
};

RapportSearchCache *
_rapport_search_cache_new (void)
{
  return g_new0 (RapportSearchCache, 1);
}

static void
clear_order (SearchOrder *order)
{
  g_clear_pointer (&order->ids, g_array_unref);
  g_clear_pointer (&order->dense, g_array_unref);
  g_clear_pointer (&order->by_id, g_array_unref);
  order->valid = FALSE;
}

static void
clear_last (LastResult *last)
{
  g_clear_pointer (&last->words, g_ptr_array_unref);
  g_clear_pointer (&last->ids, g_array_unref);
  last->valid = FALSE;
}

void
_rapport_search_cache_free (RapportSearchCache *cache)
{
  if (cache == NULL)
    return;

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      clear_order (&cache->orders[i][j]);
  clear_last (&cache->last);
  g_free (cache);
}

static const char * const order_queries[2][2] = {
  [RAPPORT_CLIENT_SORT_NAME] = {
    "SELECT id FROM clients WHERE archived_at IS NULL ORDER BY sort_key, id",
    "SELECT id FROM clients ORDER BY sort_key, id",
  },
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] = {
    "SELECT id FROM clients WHERE archived_at IS NULL"
    " ORDER BY last_contact_at DESC, sort_key, id",
    "SELECT id FROM clients ORDER BY last_contact_at DESC, sort_key, id",
  },
};

static int
compare_id_rank (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const IdRank *) a)->id;
  gint64 y = ((const IdRank *) b)->id;

  return x < y ? -1 : x > y;
}

/* How far @id lies past the smallest listed id. Unsigned arithmetic is
 * exact here for any two ids with id >= min_id, where signed subtraction
 * could overflow. */
static guint64
offset_of (SearchOrder *order,
           gint64       id)
{
  return (guint64) id - (guint64) order->min_id;
}

/* Ranks by id: an array indexed by id when the ids are dense enough for
 * it, else a sorted one. Never sized or indexed by an id unchecked. */
static void
index_ranks (SearchOrder *order)
{
  GArray *ids = order->ids;
  gint64 min_id = G_MAXINT64, max_id = G_MININT64;

  for (guint i = 0; i < ids->len; i++)
    {
      min_id = MIN (min_id, g_array_index (ids, gint64, i));
      max_id = MAX (max_id, g_array_index (ids, gint64, i));
    }

  if (ids->len == 0)
    return;

  order->min_id = min_id;
  order->max_id = max_id;
  if ((guint64) max_id - (guint64) min_id < (guint64) ids->len * 4 + DENSE_SLACK)
    {
      guint span = (guint) ((guint64) max_id - (guint64) min_id + 1);

      order->dense = g_array_sized_new (FALSE, FALSE, sizeof (gint32), span);
      g_array_set_size (order->dense, span);
      memset (order->dense->data, 0xff, span * sizeof (gint32));
      for (guint i = 0; i < ids->len; i++)
        g_array_index (order->dense, gint32, offset_of (order, g_array_index (ids, gint64, i))) = (gint32) i;
      return;
    }

  order->by_id = g_array_sized_new (FALSE, FALSE, sizeof (IdRank), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      IdRank entry = { g_array_index (ids, gint64, i), (gint32) i };
      g_array_append_val (order->by_id, entry);
    }
  g_array_sort (order->by_id, compare_id_rank);
}

static gint32
rank_of (SearchOrder *order,
         gint64       id)
{
  IdRank key = { id, 0 };
  IdRank *found;

  if (order->dense != NULL)
    {
      if (id < order->min_id || offset_of (order, id) >= order->dense->len)
        return -1;
      return g_array_index (order->dense, gint32, offset_of (order, id));
    }
  if (order->by_id == NULL)
    return -1;

  found = bsearch (&key, order->by_id->data, order->by_id->len, sizeof (IdRank), compare_id_rank);
  return found ? found->rank : -1;
}

static gboolean
load_order (RapportSqlite  *db,
            SearchOrder    *order,
            const char     *sql,
            GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return FALSE;

  clear_order (order);
  order->ids = g_steal_pointer (&ids);
  index_ranks (order);
  return TRUE;
}

/* The order as read before, if nothing was written since: not another
 * connection's commit (SQLite's data_version) nor this database's write
 * (its generation). */
static SearchOrder *
current_order (RapportSqlite       *db,
               RapportSearchCache  *cache,
               guint64              generation,
               RapportClientSort    sort,
               gboolean             include_archived,
               gint64              *data_version)
{
  SearchOrder *order = &cache->orders[sort][include_archived ? 1 : 0];

  if (!_rapport_sqlite_get_int (db, "PRAGMA data_version", data_version, NULL))
    return NULL;
  if (order->valid && order->data_version == *data_version && order->generation == generation)
    return order;
  return NULL;
}

/* The order is read again when something was written since. */
static SearchOrder *
ensure_order (RapportSqlite       *db,
              RapportSearchCache  *cache,
              guint64              generation,
              RapportClientSort    sort,
              gboolean             include_archived,
              GError             **error)
{
  SearchOrder *order = &cache->orders[sort][include_archived ? 1 : 0];
  gint64 data_version = 0;

  if (current_order (db, cache, generation, sort, include_archived, &data_version) != NULL)
    return order;
  if (!_rapport_sqlite_get_int (db, "PRAGMA data_version", &data_version, error))
    return NULL;

  if (!load_order (db, order, order_queries[sort][include_archived ? 1 : 0], error))
    return NULL;

  order->valid = TRUE;
  order->data_version = data_version;
  order->generation = generation;
  return order;
}

/* Puts @matches in the order's order, leaving out unlisted and repeated ids. */
static GArray *
arrange (SearchOrder *order,
         GArray      *matches,
         guint        limit)
{
  g_autofree guint8 *hit = g_malloc0 (MAX (order->ids->len, 1));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (matches->len, limit));

  for (guint i = 0; i < matches->len; i++)
    {
      gint32 rank = rank_of (order, g_array_index (matches, gint64, i));

      if (rank >= 0)
        hit[rank] = 1;
    }

  for (guint rank = 0; rank < order->ids->len && ids->len < limit; rank++)
    if (hit[rank])
      g_array_append_val (ids, g_array_index (order->ids, gint64, rank));

  return ids;
}

/* Keeps @ids, the whole result of a text search whose clients' text
 * contains every one of @words and @filter_words, while @order is current. */
static void
remember_last (LastResult        *last,
               SearchOrder       *order,
               RapportClientSort  sort,
               gboolean           include_archived,
               GPtrArray         *words,
               GPtrArray         *filter_words,
               GArray            *ids)
{
  clear_last (last);
  last->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (last->words, g_strdup (g_ptr_array_index (words, i)));
  for (guint i = 0; filter_words != NULL && i < filter_words->len; i++)
    g_ptr_array_add (last->words, g_strdup (g_ptr_array_index (filter_words, i)));
  /* A copy: the list that gets @ids moves its clients in it. */
  last->ids = g_array_copy (ids);
  last->sort = sort;
  last->include_archived = include_archived;
  last->data_version = order->data_version;
  last->generation = order->generation;
  last->valid = TRUE;
}

/* Whether the last result holds every client whose text contains each of
 * @words: each of its words is in one of them, and nothing was written
 * since. */
static gboolean
narrows_last (LastResult        *last,
              gint64             data_version,
              guint64            generation,
              RapportClientSort  sort,
              gboolean           include_archived,
              GPtrArray         *words)
{
  if (!last->valid || last->data_version != data_version || last->generation != generation
      || last->sort != sort || last->include_archived != include_archived)
    return FALSE;

  for (guint i = 0; i < last->words->len; i++)
    {
      gboolean within = FALSE;

      for (guint j = 0; j < words->len && !within; j++)
        within = strstr (g_ptr_array_index (words, j), g_ptr_array_index (last->words, i)) != NULL;
      if (!within)
        return FALSE;
    }
  return TRUE;
}

static GArray *
search_ids (RapportSqlite       *db,
            RapportSearchCache  *cache,
            guint64              generation,
            const char          *text,
            RapportClientSort    sort,
            gboolean             include_archived,
            GError             **error)
{
  g_autofree char *folded = rapport_text_fold (text);
  g_auto(Query) query = { 0 };
  g_autoptr(GArray) matches = NULL;
  g_autofree char *region = NULL;
  gboolean filtered = FALSE;
  SearchOrder *order;
  GArray *ids;

  if (*folded == '\0')
    {
      order = ensure_order (db, cache, generation, sort, include_archived, error);
      return order ? g_array_copy (order->ids) : NULL;
    }

  region = _rapport_client_repository_read_phone_region (db, error);
  if (region == NULL)
    return NULL;
  query_init (&query);
  if (!build_query (&query, text, folded, region))
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  matches = query_ids (db, &query, error);
  if (matches == NULL)
    return NULL;

  if (query.filter_words->len > 0 && matches->len <= FILTER_MAX)
    {
      g_autoptr(GArray) all = g_steal_pointer (&matches);

      matches = filter_matches (db, all, query.filter_words, error);
      if (matches == NULL)
        return NULL;
      filtered = TRUE;
    }

  /* Nothing found needs no order: a command that finds nothing in a large
   * file is quick. */
  if (matches->len == 0)
    return g_steal_pointer (&matches);
  order = ensure_order (db, cache, generation, sort, include_archived, error);
  if (order == NULL)
    return NULL;
  ids = arrange (order, matches, G_MAXUINT);
  if (query.words != NULL)
    remember_last (&cache->last, order, sort, include_archived, query.words,
                   filtered ? query.filter_words : NULL, ids);
  return ids;
}

/* The first rows of a search, at a cost that does not follow the number
 * of clients listed: what a window shows first, and what the command line
 * prints with a limit. No name order is read. */

/* Ids of matches, to ask whether one is among them: a bitmap over the span
 * of the ids when they are dense, else a sorted array searched by halves.
 * Never sized or indexed by an id unchecked. */
typedef struct
{
  gint64  min_id;
  GArray *bits;     /* guint64 words, when dense */
  GArray *sorted;   /* gint64, when sparse */
} IdSet;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
id_set_init (IdSet  *set,
             GArray *ids)
{
  gint64 min_id = G_MAXINT64, max_id = G_MININT64;

  memset (set, 0, sizeof *set);
  for (guint i = 0; i < ids->len; i++)
    {
      min_id = MIN (min_id, g_array_index (ids, gint64, i));
      max_id = MAX (max_id, g_array_index (ids, gint64, i));
    }
  if (ids->len == 0)
    return;

  set->min_id = min_id;
  if ((guint64) max_id - (guint64) min_id < (guint64) ids->len * 64 + DENSE_SLACK)
    {
      guint64 span = (guint64) max_id - (guint64) min_id + 1;

      set->bits = g_array_sized_new (FALSE, TRUE, sizeof (guint64), (guint) (span / 64 + 1));
      g_array_set_size (set->bits, (guint) (span / 64 + 1));
      for (guint i = 0; i < ids->len; i++)
        {
          guint64 offset = (guint64) g_array_index (ids, gint64, i) - (guint64) min_id;

          g_array_index (set->bits, guint64, offset / 64) |= G_GUINT64_CONSTANT (1) << (offset % 64);
        }
      return;
    }

  set->sorted = g_array_copy (ids);
  g_array_sort (set->sorted, compare_ids);
}

static gboolean
id_set_contains (IdSet  *set,
                 gint64  id)
{
  if (set->bits != NULL)
    {
      guint64 offset = (guint64) id - (guint64) set->min_id;

      if (id < set->min_id || offset / 64 >= set->bits->len)
        return FALSE;
      return (g_array_index (set->bits, guint64, offset / 64) >> (offset % 64)) & 1;
    }
  return set->sorted != NULL
         && bsearch (&id, set->sorted->data, set->sorted->len, sizeof (gint64), compare_ids) != NULL;
}

static void
id_set_clear (IdSet *set)
{
  g_clear_pointer (&set->bits, g_array_unref);
  g_clear_pointer (&set->sorted, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IdSet, id_set_clear)

static const char * const first_sorted_queries[2][2] = {
  [RAPPORT_CLIENT_SORT_NAME] = {
    "SELECT id FROM clients WHERE id IN (SELECT value FROM json_each(?1)) AND archived_at IS NULL"
    " ORDER BY sort_key, id LIMIT ?2",
    "SELECT id FROM clients WHERE id IN (SELECT value FROM json_each(?1))"
    " ORDER BY sort_key, id LIMIT ?2",
  },
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] = {
    "SELECT id FROM clients WHERE id IN (SELECT value FROM json_each(?1)) AND archived_at IS NULL"
    " ORDER BY last_contact_at DESC, sort_key, id LIMIT ?2",
    "SELECT id FROM clients WHERE id IN (SELECT value FROM json_each(?1))"
    " ORDER BY last_contact_at DESC, sort_key, id LIMIT ?2",
  },
};

/* Reads ids from @stmt, bound already, up to @limit of those in @wanted
 * (all when @wanted is NULL). */
static GArray *
collect_ids (RapportSqlite  *db,
             RapportStmt    *stmt,
             IdSet          *wanted,
             guint           limit,
             GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row = FALSE, ok = TRUE;

  while (ids->len < limit && (ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);

      if (wanted == NULL || id_set_contains (wanted, id))
        g_array_append_val (ids, id);
    }
  if (ids->len < limit && !ok)
    return NULL;
  return g_steal_pointer (&ids);
}

/* The first @limit of @matches in the order. A few matches are sorted by
 * SQLite through the order's index, each looked up; many are met soon
 * walking the order itself, about limit × listed ÷ matches steps. The
 * cheaper of the two is taken. */
static GArray *
first_of_matches (RapportSqlite      *db,
                  GArray             *matches,
                  RapportClientSort   sort,
                  gboolean            include_archived,
                  guint               limit,
                  GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_auto(IdSet) wanted = { 0 };
  gint64 listed = 0;

  if (matches->len == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!_rapport_sqlite_get_int (db, "SELECT coalesce(max(id), 0) FROM clients", &listed, error))
    return NULL;

  /* A lookup and a sort cost about as much as four steps of the walk. */
  if ((double) matches->len * matches->len * 4 < (double) limit * MAX (listed, 1))
    {
      g_autofree char *json = _rapport_sqlite_ids_to_json ((const gint64 *) matches->data, matches->len);

      stmt = _rapport_sqlite_prepare (db, first_sorted_queries[sort][include_archived ? 1 : 0], error);
      if (stmt == NULL)
        return NULL;
      _rapport_stmt_bind_text (stmt, 1, json);
      _rapport_stmt_bind_int (stmt, 2, limit);
      return collect_ids (db, stmt, NULL, limit, error);
    }

  stmt = _rapport_sqlite_prepare (db, order_queries[sort][include_archived ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  id_set_init (&wanted, matches);
  return collect_ids (db, stmt, &wanted, limit, error);
}

/* A walk along an order, keeping the clients whose text contains every
 * one of @words, as the trigram match of those words finds them. The
 * words left to filter with are not looked for: with this many matches,
 * the whole search does not look for them either (FILTER_MAX). The index
 * gave every match up to @known_max (@known): those are not read. */
typedef struct
{
  RapportStmt *text;
  GPtrArray   *words;
  IdSet       *known;
  gint64       known_max;
  guint        reads;
  GArray      *ids;
} Walk;

static gboolean
walk_init (Walk           *walk,
           RapportSqlite  *db,
           GPtrArray      *words,
           IdSet          *known,
           gint64          known_max,
           GError        **error)
{
  memset (walk, 0, sizeof *walk);
  walk->text = _rapport_sqlite_prepare (db, "SELECT body FROM client_search WHERE rowid = ?1", error);
  walk->words = words;
  walk->known = known;
  walk->known_max = known_max;
  walk->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return walk->text != NULL;
}

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->text, _rapport_stmt_release);
  g_clear_pointer (&walk->ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

/* Takes @id when it matches. FALSE on an error, or with @walked_too_far
 * once FIRST_WALK_MAX texts were read: the matches lie far down the order
 * (all in one script, say), and collecting them all costs less than
 * walking on. */
static gboolean
walk_step (Walk           *walk,
           RapportSqlite  *db,
           gint64          id,
           gboolean       *walked_too_far,
           GError        **error)
{
  gboolean found;

  if (walk->known != NULL && id <= walk->known_max)
    found = id_set_contains (walk->known, id);
  else
    {
      if (++walk->reads > FIRST_WALK_MAX)
        {
          *walked_too_far = TRUE;
          return FALSE;
        }
      _rapport_stmt_bind_int (walk->text, 1, id);
      if (!_rapport_sqlite_step (db, walk->text, &found, error))
        return FALSE;
      found = found && contains_all (_rapport_stmt_column_text (walk->text, 0), walk->words);
      _rapport_stmt_release (walk->text);
    }
  if (found)
    g_array_append_val (walk->ids, id);
  return TRUE;
}

/* The first @limit of @candidates, in their order, that match. */
static GArray *
walk_ids (RapportSqlite  *db,
          GArray         *candidates,
          GPtrArray      *words,
          IdSet          *known,
          gint64          known_max,
          guint           limit,
          gboolean       *walked_too_far,
          GError        **error)
{
  g_auto(Walk) walk;

  if (!walk_init (&walk, db, words, known, known_max, error))
    return NULL;
  for (guint i = 0; i < candidates->len && walk.ids->len < limit; i++)
    if (!walk_step (&walk, db, g_array_index (candidates, gint64, i), walked_too_far, error))
      return NULL;
  return g_steal_pointer (&walk.ids);
}

/* Whether @early of the first FIRST_WALK_MAX clients of an order being
 * in @sample say that the first @limit matches lie among them: @sample
 * holds every match up to @sample_max, a share of all matches about the
 * share of the ids' span (@min_id to @max_id) it covers (ids say nothing
 * of names). “office” is found in firms' e-mail addresses, whose names
 * come late: collecting its matches costs less than walking to them. */
static gboolean
enough_early (guint  early,
              gint64 sample_max,
              gint64 min_id,
              gint64 max_id,
              guint  limit)
{
  double span = (double) ((guint64) max_id - (guint64) min_id) + 1;
  double share = ((double) ((guint64) sample_max - (guint64) min_id) + 1) / span;

  if (sample_max < min_id)
    return FALSE;
  return early >= limit * MIN (share, 1.0);
}

/* Whether the first @limit matches likely lie within FIRST_WALK_MAX steps
 * of @order, from the ranks of @sample. */
static gboolean
starts_early (SearchOrder *order,
              GArray      *sample,
              gint64       sample_max,
              guint        limit)
{
  guint early = 0;

  if (order->ids->len == 0)
    return FALSE;
  for (guint i = 0; i < sample->len; i++)
    {
      gint32 rank = rank_of (order, g_array_index (sample, gint64, i));

      if (rank >= 0 && rank < FIRST_WALK_MAX)
        early++;
    }
  return enough_early (early, sample_max, order->min_id, order->max_id, limit);
}

/* The same as starts_early() from the order's first FIRST_WALK_MAX
 * clients, @head, read by SQLite from its index alone: where the
 * matches lie far down, a connection that holds no order (a command)
 * learns it without reading thousands of clients' texts on the way. */
static gboolean
head_starts_early (RapportSqlite  *db,
                   GArray         *head,
                   IdSet          *sample,
                   gint64          sample_max,
                   guint           limit)
{
  gint64 min_id = 0, max_id = 0;
  guint early = 0;

  if (head->len < FIRST_WALK_MAX)
    return TRUE;
  if (!_rapport_sqlite_get_int (db, "SELECT coalesce(min(id), 0) FROM clients", &min_id, NULL)
      || !_rapport_sqlite_get_int (db, "SELECT coalesce(max(id), 0) FROM clients", &max_id, NULL))
    return TRUE;
  for (guint i = 0; i < head->len; i++)
    {
      gint64 id = g_array_index (head, gint64, i);

      if (id <= sample_max && id_set_contains (sample, id))
        early++;
    }
  return enough_early (early, sample_max, min_id, max_id, limit);
}

/* The same as walk_ids() along the order as SQLite reads it, when this
 * connection holds no current order: unless its first clients say the
 * matches lie far down (@walked_too_far, with nothing read). */
static GArray *
walk_order (RapportSqlite      *db,
            GPtrArray          *words,
            IdSet              *known,
            gint64              known_max,
            RapportClientSort   sort,
            gboolean            include_archived,
            guint               limit,
            gboolean           *walked_too_far,
            GError            **error)
{
  g_autoptr(RapportStmt) order = NULL;
  g_autoptr(GArray) head = NULL;
  g_auto(Walk) walk;
  gboolean has_row = TRUE, ok = TRUE;

  if (!walk_init (&walk, db, words, known, known_max, error))
    return NULL;
  order = _rapport_sqlite_prepare (db, order_queries[sort][include_archived ? 1 : 0], error);
  if (order == NULL)
    return NULL;
  head = collect_ids (db, order, NULL, FIRST_WALK_MAX, error);
  if (head == NULL)
    return NULL;
  if (!head_starts_early (db, head, known, known_max, limit))
    {
      *walked_too_far = TRUE;
      return NULL;
    }

  for (guint i = 0; i < head->len && walk.ids->len < limit; i++)
    if (!walk_step (&walk, db, g_array_index (head, gint64, i), walked_too_far, error))
      return NULL;
  while (walk.ids->len < limit && head->len == FIRST_WALK_MAX
         && (ok = _rapport_sqlite_step (db, order, &has_row, error)) && has_row)
    if (!walk_step (&walk, db, _rapport_stmt_column_int (order, 0), walked_too_far, error))
      return NULL;
  if (walk.ids->len < limit && !ok)
    return NULL;
  return g_steal_pointer (&walk.ids);
}

/* The first @limit clients in the order whose text contains every one of
 * @words, when the index finds more than FIRST_MATCH_MAX of them: @sample
 * holds the first of those, by id. Their cost follows where the first
 * rows lie, not how many match: the last result is walked when this
 * search narrows it (most keystrokes), else the order, when the sample
 * says the rows lie near its start. NULL with @walked_too_far when
 * collecting every match costs less. */
static GArray *
first_of_many (RapportSqlite       *db,
               RapportSearchCache  *cache,
               SearchOrder         *order,
               gint64               data_version,
               guint64              generation,
               RapportClientSort    sort,
               gboolean             include_archived,
               GPtrArray           *words,
               GArray              *sample,
               guint                limit,
               gboolean            *walked_too_far,
               GError             **error)
{
  gint64 sample_max = g_array_index (sample, gint64, sample->len - 1);
  g_auto(IdSet) known = { 0 };

  id_set_init (&known, sample);
  if (narrows_last (&cache->last, data_version, generation, sort, include_archived, words))
    {
      GArray *first = walk_ids (db, cache->last.ids, words, &known, sample_max, limit,
                                walked_too_far, error);

      if (first != NULL || !*walked_too_far)
        return first;
      *walked_too_far = FALSE;
    }
  if (order == NULL)
    return walk_order (db, words, &known, sample_max, sort, include_archived, limit,
                       walked_too_far, error);
  if (!starts_early (order, sample, sample_max, limit))
    {
      *walked_too_far = TRUE;
      return NULL;
    }
  return walk_ids (db, order->ids, words, &known, sample_max, limit, walked_too_far, error);
}

static GArray *
search_first_ids (RapportSqlite       *db,
                  RapportSearchCache  *cache,
                  guint64              generation,
                  const char          *text,
                  RapportClientSort    sort,
                  gboolean             include_archived,
                  guint                limit,
                  GError             **error)
{
  gint64 data_version = -1;
  SearchOrder *order;
  g_autofree char *folded = rapport_text_fold (text);
  g_auto(Query) query = { 0 };
  g_autoptr(GArray) matches = NULL;
  g_autofree char *region = NULL;

  if (*folded == '\0')
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, order_queries[sort][include_archived ? 1 : 0], error);

      return stmt ? collect_ids (db, stmt, NULL, limit, error) : NULL;
    }

  region = _rapport_client_repository_read_phone_region (db, error);
  if (region == NULL)
    return NULL;
  query_init (&query);
  if (!build_query (&query, text, folded, region))
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Words found in many clients (“gmail.com”: a fifth of them) are not
   * all collected: the first of them, by id, say where to look. */
  if (query.words != NULL)
    g_string_append_printf (query.sql, " ORDER BY rowid LIMIT %u", FIRST_MATCH_MAX + 1);
  matches = query_ids (db, &query, error);
  if (matches == NULL)
    return NULL;
  order = current_order (db, cache, generation, sort, include_archived, &data_version);
  if (query.words != NULL && matches->len > FIRST_MATCH_MAX)
    {
      gboolean walked_too_far = FALSE;
      GArray *first = first_of_many (db, cache, order, data_version, generation, sort,
                                     include_archived, query.words, matches, limit,
                                     &walked_too_far, error);

      if (first != NULL || !walked_too_far)
        return first;
      g_string_truncate (query.sql, strstr (query.sql->str, " ORDER BY rowid LIMIT ") - query.sql->str);
      g_clear_pointer (&matches, g_array_unref);
      matches = query_ids (db, &query, error);
      if (matches == NULL)
        return NULL;
    }

  if (query.filter_words->len > 0 && matches->len <= FILTER_MAX)
    {
      g_autoptr(GArray) all = g_steal_pointer (&matches);

      matches = filter_matches (db, all, query.filter_words, error);
      if (matches == NULL)
        return NULL;
    }

  /* An order this connection holds, still true, ranks them quicker than
   * SQLite can; it is never read just for the first rows. */
  if (order != NULL)
    return arrange (order, matches, limit);
  return first_of_matches (db, matches, sort, include_archived, limit, error);
}

/* Changing one client moves at most one row of a list: the list is
 * patched with a few indexed reads rather than searched again, which
 * reads the whole name order at a million clients. */

/* Whether @id, which exists and is listed in the filter's sense, is among
 * what a search for @text finds, or FALSE with @sure unset when only the
 * whole search can tell (phone numbers, words left to filter with, whose
 * use depends on how many the index finds). */
static gboolean
client_matches (RapportSqlite  *db,
                const char     *text,
                gint64          id,
                gboolean       *sure,
                GError        **error)
{
  g_autofree char *folded = rapport_text_fold (text);
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  *sure = TRUE;
  if (*folded == '\0')
    return TRUE;
  if (rapport_text_is_short_phone (text))
    return FALSE;
  words = split_words (folded);
  if (rapport_text_is_phone_like (text))
    {
      *sure = FALSE;
      return FALSE;
    }

  if (has_long_word (words))
    {
      /* Every word goes to the trigram index, which finds the clients
       * whose text contains it: the same test as walk_step().
       * Short words and words past the index query's are filtered with. */
      for (guint i = 0; i < words->len; i++)
        if (i == MAX_MATCH_WORDS || g_utf8_strlen (g_ptr_array_index (words, i), -1) < TRIGRAM)
          {
            *sure = FALSE;
            return FALSE;
          }
      stmt = _rapport_sqlite_prepare (db, "SELECT body FROM client_search WHERE rowid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, id);
      if (!_rapport_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      return has_row && contains_all (_rapport_stmt_column_text (stmt, 0), words);
    }
  if (words->len > MAX_PREFIX_WORDS)
    {
      *sure = FALSE;
      return FALSE;
    }

  /* Every word starts one of the client's name words. */
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT 1 FROM client_words"
                                  " WHERE client_id = ?1 AND word >= ?2 AND word < ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *end = g_strconcat (word, "\xf4\x8f\xbf\xbf", NULL);

      _rapport_stmt_bind_int (stmt, 1, id);
      _rapport_stmt_bind_text (stmt, 2, word);
      _rapport_stmt_bind_text (stmt, 3, end);
      if (!_rapport_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      _rapport_stmt_release (stmt);
      if (!has_row)
        return FALSE;
    }
  return TRUE;
}

/* Whether client @a comes before client @b in the order, as the order's
 * ORDER BY compares them: 1, 0, or -1 when either is gone. */
static const char * const before_queries[2] = {
  [RAPPORT_CLIENT_SORT_NAME] =
    "SELECT (a.sort_key, a.id) < (b.sort_key, b.id)"
    " FROM clients AS a, clients AS b WHERE a.id = ?1 AND b.id = ?2",
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] =
    "SELECT CASE WHEN a.last_contact_at IS b.last_contact_at THEN (a.sort_key, a.id) < (b.sort_key, b.id)"
    "            WHEN b.last_contact_at IS NULL THEN 1"
    "            WHEN a.last_contact_at IS NULL THEN 0"
    "            ELSE a.last_contact_at > b.last_contact_at END"
    " FROM clients AS a, clients AS b WHERE a.id = ?1 AND b.id = ?2",
};

static int
comes_before (RapportSqlite  *db,
              RapportStmt    *stmt,
              gint64          a,
              gint64          b,
              GError        **error)
{
  gboolean has_row;
  int before = -1;

  _rapport_stmt_bind_int (stmt, 1, a);
  _rapport_stmt_bind_int (stmt, 2, b);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return -2;
  if (has_row)
    before = _rapport_stmt_column_int (stmt, 0) != 0;
  _rapport_stmt_release (stmt);
  return before;
}

/**
 * _rapport_client_repository_place:
 * @self: the clients
 * @text: the search @ids are the result of
 * @sort: their order
 * @include_archived: whether archived clients are among them
 * @id: a client that changed
 * @ids: (element-type gint64): the list, as it was before the change
 * @skip: where @id is in @ids, or %G_MAXUINT
 * @position: (out): where @id belongs in @ids without the entry at @skip
 * @error: return location for an error
 *
 * Finds, in about 2 × log2 (@ids->len) indexed reads, whether the client
 * belongs to the list now and where: the list's neighbours are compared
 * with it by halves. Only the order's own rows are read, never the whole
 * order. %RAPPORT_CLIENT_PLACE_UNKNOWN when the list does not agree with
 * the file (a neighbour is gone) or the search is one only a new search
 * can answer.
 */
RapportClientPlace
_rapport_client_repository_place (RapportClientRepository  *self,
                                  const char               *text,
                                  RapportClientSort         sort,
                                  gboolean                  include_archived,
                                  gint64                    id,
                                  GArray                   *ids,
                                  guint                     skip,
                                  guint                    *position,
                                  GError                  **error)
{
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_row, sure, matches;
  gint64 archived;
  guint low = 0, high;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), RAPPORT_CLIENT_PLACE_UNKNOWN);
  g_return_val_if_fail ((guint) sort < G_N_ELEMENTS (before_queries), RAPPORT_CLIENT_PLACE_UNKNOWN);

  stmt = _rapport_sqlite_prepare (db, "SELECT archived_at IS NOT NULL FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return RAPPORT_CLIENT_PLACE_UNKNOWN;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return RAPPORT_CLIENT_PLACE_UNKNOWN;
  if (!has_row)
    return RAPPORT_CLIENT_PLACE_UNLISTED;
  archived = _rapport_stmt_column_int (stmt, 0);
  g_clear_pointer (&stmt, _rapport_stmt_release);
  if (archived && !include_archived)
    return RAPPORT_CLIENT_PLACE_UNLISTED;

  matches = client_matches (db, text ? text : "", id, &sure, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return RAPPORT_CLIENT_PLACE_UNKNOWN;
    }
  if (!sure)
    return RAPPORT_CLIENT_PLACE_UNKNOWN;
  if (!matches)
    return RAPPORT_CLIENT_PLACE_UNLISTED;

  stmt = _rapport_sqlite_prepare (db, before_queries[sort], error);
  if (stmt == NULL)
    return RAPPORT_CLIENT_PLACE_UNKNOWN;

  /* How many of the others come before it. */
  high = ids->len - (skip < ids->len ? 1 : 0);
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint at = skip < ids->len && middle >= skip ? middle + 1 : middle;
      int before = comes_before (db, stmt, g_array_index (ids, gint64, at), id, error);

      if (before < 0)
        return RAPPORT_CLIENT_PLACE_UNKNOWN;
      if (before)
        low = middle + 1;
      else
        high = middle;
    }

  *position = low;
  return RAPPORT_CLIENT_PLACE_LISTED;
}

/**
 * rapport_client_repository_search_first:
 * @self: the clients
 * @text: (nullable): what a person typed; empty for every client
 * @sort: the order
 * @include_archived: whether archived clients count
 * @limit: how many to return at most, above zero
 * @error: return location for an error
 *
 * The first @limit clients rapport_client_repository_search() finds, in
 * the same order, without reading the whole order of the clients: its
 * cost follows @limit and the number of matches, not the number of
 * clients, so that a window's first screen and a command with a limit
 * are quick in a large file.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
rapport_client_repository_search_first (RapportClientRepository  *self,
                                        const char               *text,
                                        RapportClientSort         sort,
                                        gboolean                  include_archived,
                                        guint                     limit,
                                        GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  return search_first_ids (_rapport_database_get_connection (self->database), self->search_cache,
                           _rapport_database_get_generation (self->database),
                           text ? text : "", sort, include_archived, limit, error);
}

/**
 * rapport_client_repository_search:
 * @self: the clients
 * @text: (nullable): what a person typed; empty for every client
 * @sort: the order
 * @include_archived: whether archived clients count
 * @error: return location for an error
 *
 * Finds clients whose names, organization, phones, e-mails, addresses or
 * notes contain @text, ignoring case and accents. One or two characters
 * match the start of a name's words instead. Phone numbers are found from
 * their first digits however they are written, and from any part of them;
 * a “+” or one or two digits find nothing yet
 * (rapport_text_is_short_phone()). Any text, of any length, is searched
 * literally and never fails to parse.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
rapport_client_repository_search (RapportClientRepository  *self,
                                  const char               *text,
                                  RapportClientSort         sort,
                                  gboolean                  include_archived,
                                  GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  return search_ids (_rapport_database_get_connection (self->database), self->search_cache,
                     _rapport_database_get_generation (self->database),
                     text, sort, include_archived, error);
}

typedef struct
{
  RapportClientRepository *self;
  char                    *text;
  RapportClientSort        sort;
  gboolean                 include_archived;
  guint                    limit;             /* 0 for every match */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_object_unref (data->self);
  g_free (data->text);
  g_free (data);
}

/* Runs on the reader connection under the database's reader lock, which
 * also guards reader_cache. The reader sees every commit through
 * data_version, so its generation is always 0. */
static gpointer
search_on_reader (RapportSqlite  *reader,
                  gpointer        user_data,
                  GError        **error)
{
  SearchData *data = user_data;

  if (data->limit > 0)
    return search_first_ids (reader, data->self->reader_cache, 0,
                             data->text, data->sort, data->include_archived, data->limit, error);
  return search_ids (reader, data->self->reader_cache, 0,
                     data->text, data->sort, data->include_archived, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportClientRepository *self = source_object;
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

static void
start_search (RapportClientRepository *self,
              const char              *text,
              RapportClientSort        sort,
              gboolean                 include_archived,
              guint                    limit,
              GCancellable            *cancellable,
              GAsyncReadyCallback      callback,
              gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->text = g_strdup (text ? text : "");
  data->sort = sort;
  data->include_archived = include_archived;
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_client_repository_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * rapport_client_repository_search_async:
 * @self: the clients
 * @text: (nullable): what a person typed
 * @sort: the order
 * @include_archived: whether archived clients count
 * @cancellable: (nullable): cancels the search, also mid-query
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Does rapport_client_repository_search() in a worker thread, on a
 * connection of its own, so that a slow search never blocks the caller.
 */
void
rapport_client_repository_search_async (RapportClientRepository  *self,
                                        const char               *text,
                                        RapportClientSort         sort,
                                        gboolean                  include_archived,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));

  start_search (self, text, sort, include_archived, 0, cancellable, callback, user_data);
}

/**
 * rapport_client_repository_search_first_async:
 * @self: the clients
 * @text: (nullable): what a person typed
 * @sort: the order
 * @include_archived: whether archived clients count
 * @limit: how many at most, above zero
 * @cancellable: (nullable): cancels the search, also mid-query
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Does rapport_client_repository_search_first() in a worker thread, on a
 * connection of its own; rapport_client_repository_search_finish() gives
 * the ids.
 */
void
rapport_client_repository_search_first_async (RapportClientRepository  *self,
                                              const char               *text,
                                              RapportClientSort         sort,
                                              gboolean                  include_archived,
                                              guint                     limit,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));
  g_return_if_fail (limit > 0);

  start_search (self, text, sort, include_archived, limit, cancellable, callback, user_data);
}

/**
 * rapport_client_repository_search_finish:
 * @self: the clients
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
rapport_client_repository_search_finish (RapportClientRepository  *self,
                                         GAsyncResult             *result,
                                         GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
