/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Finding clients: the search indexes (kept in step by the one function
 * below), the queries over them, and the name orders that arrange what
 * they find. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rapport-client-positions-private.h"
#include "rapport-client-repository-private.h"
#include "rapport-client-search-private.h"
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

gboolean
_rapport_client_repository_unindex (RapportClientRepository  *self,
                                    gint64                    id,
                                    GError                  **error)
{
  static const char * const statements[] = {
    "DELETE FROM client_search WHERE rowid = (SELECT search_pos FROM clients WHERE id = ?1)",
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

/* Keeps the search indexes in step with a client just written: its
 * position in the name order (rapport-client-positions.c), its search
 * row there, its name words. It runs in the writer's transaction, so the
 * indexes never disagree with the data. */
gboolean
_rapport_client_repository_index (RapportClientRepository  *self,
                                  RapportClient            *client,
                                  GError                  **error)
{
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *text = rapport_client_dup_search_text (client);
  gint64 id = rapport_client_get_id (client);
  gint64 position;

  if (!_rapport_client_repository_unindex (self, id, error)
      || !_rapport_client_positions_place (db, id, &position, error))
    return FALSE;

  /* A search row already at that position is no client's (a file another
   * program wrote): it gives way. */
  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT OR REPLACE INTO client_search (rowid, body) VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, position);
  _rapport_stmt_bind_text (stmt, 2, text);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  return index_words (db, client, error);
}

static void
query_clear (RapportSearchQuery *query)
{
  g_clear_pointer (&query->match, g_free);
  g_clear_pointer (&query->key_low, g_free);
  g_clear_pointer (&query->key_high, g_free);
  g_clear_pointer (&query->filter_words, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportSearchQuery, query_clear)

static GArray *
read_column (RapportSqlite  *db,
             RapportStmt    *stmt,
             guint           limit,
             GError        **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row = FALSE, ok = TRUE;

  while (values->len < limit && (ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 value = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (values, value);
    }
  if (values->len < limit && !ok)
    return NULL;
  return g_steal_pointer (&values);
}

/* The positions the index query finds, in order, at most @limit. */
static GArray *
query_positions (RapportSqlite      *db,
                 RapportSearchQuery *query,
                 guint               limit,
                 GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  if (query->match == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = _rapport_sqlite_prepare (db, "SELECT rowid FROM client_search WHERE client_search MATCH ?1"
                                      " ORDER BY rowid LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->match);
  _rapport_stmt_bind_int (stmt, 2, limit);
  return read_column (db, stmt, limit, error);
}

/* The clients whose phone keys lie in the query's range. */
GArray *
_rapport_search_query_key_ids (RapportSqlite      *db,
                               RapportSearchQuery *query,
                               GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  if (query->key_low == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = _rapport_sqlite_prepare (db, "SELECT client_id FROM client_phones"
                                      " WHERE match_key >= ?1 AND match_key < ?2", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->key_low);
  _rapport_stmt_bind_text (stmt, 2, query->key_high);
  return read_column (db, stmt, G_MAXUINT, error);
}

/* A phone number is found from its first digits however it was typed: the
 * match keys (calling code first, see rapport_phone_match_key()) that
 * start as the typed number's key does, so 8916396 finds +7 (916) 396-93-49
 * in Russia. A fragment is also looked for anywhere in the numbers'
 * digits, unless it is written as a whole number (with “+”, or a trunk
 * prefix and all its digits): +7 916 does not find +44 7916…. */
static void
build_phone_query (RapportSearchQuery *query,
                   const char         *text,
                   const char         *folded,
                   const char         *region)
{
  g_autofree char *digits = rapport_text_digits (text);
  RapportPhoneForm form;

  query->key_low = rapport_phone_query_key (text, region, &form);
  g_assert (query->key_low != NULL);
  /* Keys are ASCII digits, and “:” sorts right after “9”. */
  query->key_high = g_strconcat (query->key_low, ":", NULL);

  if (!rapport_phone_query_is_whole (text, region))
    {
      g_autofree char *as_digits = _rapport_sqlite_fts_phrase (digits);
      g_autofree char *as_typed = _rapport_sqlite_fts_phrase (folded);

      /* The digits anywhere in a number, or the text as typed anywhere
       * else: a postcode such as 80-001. */
      query->match = g_str_equal (digits, folded) ? g_steal_pointer (&as_digits)
                                                  : g_strconcat (as_digits, " OR ", as_typed, NULL);
    }
}

/* The words of the index query, up to MAX_MATCH_WORDS, as one bound
 * value: FTS5 wants every phrase. The others are filter words. */
static void
build_text_query (RapportSearchQuery *query,
                  GPtrArray          *words)
{
  GString *match = g_string_new (NULL);
  guint n_matched = 0;

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
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, phrase);
      n_matched++;
    }
  query->match = g_string_free (match, FALSE);
}

/* Every word is the start of one of the client's name words: the marks
 * rapport_client_dup_search_text() writes around a word's first one or
 * two letters, each one trigram. */
static void
build_prefix_query (RapportSearchQuery *query,
                    GPtrArray          *words)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *mark = NULL;
      g_autofree char *phrase = NULL;

      if (i == MAX_PREFIX_WORDS)
        {
          g_ptr_array_add (query->filter_words, g_strdup (word));
          continue;
        }
      mark = g_strconcat (RAPPORT_WORD_START_MARK, word,
                          g_utf8_strlen (word, -1) == 1 ? RAPPORT_WORD_START_MARK : "", NULL);
      phrase = _rapport_sqlite_fts_phrase (mark);
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, phrase);
    }
  query->match = g_string_free (match, FALSE);
}

static gboolean
has_long_word (GPtrArray *words)
{
  for (guint i = 0; i < words->len; i++)
    if (g_utf8_strlen (g_ptr_array_index (words, i), -1) >= TRIGRAM)
      return TRUE;
  return FALSE;
}

/* The distinct words of the folded text, in the order typed. A word's
 * start mark is no part of a word: only the search text's marks hold it. */
static GPtrArray *
split_words (const char *folded)
{
  g_autofree char *unmarked = g_strdelimit (g_strdup (folded), RAPPORT_WORD_START_MARK, ' ');
  g_auto(GStrv) parts = g_strsplit (unmarked, " ", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0'
        && !g_ptr_array_find_with_equal_func (words, parts[i], g_str_equal, NULL))
      g_ptr_array_add (words, g_strdup (parts[i]));
  return words;
}

/* Returns FALSE when there is nothing to look for yet: the start of a phone
 * number too short to tell (rapport_text_is_short_phone()), or only marks. */
static gboolean
build_query (RapportSearchQuery *query,
             const char         *text,
             const char         *folded,
             const char         *region)
{
  g_autoptr(GPtrArray) words = split_words (folded);

  query->filter_words = g_ptr_array_new_with_free_func (g_free);
  if (rapport_text_is_short_phone (text) || words->len == 0)
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

/* Keeps the @positions whose text contains every one of @words. */
static GArray *
filter_matches (RapportSqlite  *db,
                GArray         *positions,
                GPtrArray      *words,
                GError        **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT rowid, body FROM client_search"
                                  " WHERE rowid IN (SELECT value FROM json_each(?1)) ORDER BY rowid",
                                  error);
  if (stmt == NULL)
    return NULL;
  json = _rapport_sqlite_ids_to_json ((const gint64 *) positions->data, positions->len);
  _rapport_stmt_bind_text (stmt, 1, json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    if (contains_all (_rapport_stmt_column_text (stmt, 1), words))
      {
        gint64 position = _rapport_stmt_column_int (stmt, 0);
        g_array_append_val (kept, position);
      }
  if (!ok)
    return NULL;

  return g_steal_pointer (&kept);
}

void
_rapport_search_found_clear (RapportSearchFound *found)
{
  g_clear_pointer (&found->positions, g_array_unref);
  g_clear_pointer (&found->ids, g_array_unref);
}

/* Everything the query finds, at most @limit from the index. The words
 * left to filter with are looked for when the index found at most
 * FILTER_MAX; past that they wait for more letters. */
static gboolean
find_all (RapportSqlite      *db,
          RapportSearchQuery *query,
          guint               limit,
          RapportSearchFound *found,
          GError            **error)
{
  found->positions = query_positions (db, query, limit, error);
  if (found->positions == NULL)
    return FALSE;
  if (query->filter_words->len > 0 && found->positions->len <= FILTER_MAX)
    {
      g_autoptr(GArray) all = g_steal_pointer (&found->positions);

      found->positions = filter_matches (db, all, query->filter_words, error);
      if (found->positions == NULL)
        return FALSE;
    }
  found->ids = _rapport_search_query_key_ids (db, query, error);
  return found->ids != NULL;
}

/* The listed clients in one order, read from the index that serves it:
 * their ids, and each one's rank by id and by position. Searching then
 * only finds which clients match: ordering thousands of matches by rank
 * costs less than joining them back to the clients table and sorting. */
typedef struct
{
  gint64 key;     /* an id, or a position */
  gint32 rank;
} KeyRank;

struct _RapportSearchOrder
{
  gboolean  valid;
  gint64    data_version;
  guint64   generation;
  GArray   *ids;        /* gint64, in order */
  gint64    min_id;
  gint64    max_id;
  GArray   *dense;      /* gint32 rank by id - min_id; -1 when not listed */
  GArray   *by_id;      /* KeyRank sorted by id, when ids are sparse */
  GArray   *by_position;/* KeyRank sorted by position; clients without one left out */
};

struct _RapportSearchCache
{
  RapportSearchOrder orders[2][2];   /* [sort][include_archived] */
};

RapportSearchCache *
_rapport_search_cache_new (void)
{
  return g_new0 (RapportSearchCache, 1);
}

static void
clear_order (RapportSearchOrder *order)
{
  g_clear_pointer (&order->ids, g_array_unref);
  g_clear_pointer (&order->dense, g_array_unref);
  g_clear_pointer (&order->by_id, g_array_unref);
  g_clear_pointer (&order->by_position, g_array_unref);
  order->valid = FALSE;
}

void
_rapport_search_cache_free (RapportSearchCache *cache)
{
  if (cache == NULL)
    return;

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      clear_order (&cache->orders[i][j]);
  g_free (cache);
}

/* Each order reads ids and positions from one index alone. Positions
 * follow names, so they stand for the name in each order; clients
 * without one (a file written by another program) come first. */
static const char * const order_queries[2][2] = {
  [RAPPORT_CLIENT_SORT_NAME] = {
    "SELECT id, search_pos, search_pos IS NOT NULL FROM clients WHERE archived_at IS NULL ORDER BY search_pos",
    "SELECT id, search_pos, search_pos IS NOT NULL FROM clients ORDER BY search_pos",
  },
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] = {
    "SELECT id, search_pos, search_pos IS NOT NULL FROM clients WHERE archived_at IS NULL"
    " ORDER BY last_contact_at DESC, search_pos",
    "SELECT id, search_pos, search_pos IS NOT NULL FROM clients ORDER BY last_contact_at DESC, search_pos",
  },
};

static int
compare_key_rank (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = ((const KeyRank *) a)->key;
  gint64 y = ((const KeyRank *) b)->key;

  return x < y ? -1 : x > y;
}

static gboolean
is_sorted (GArray *entries)
{
  for (guint i = 1; i < entries->len; i++)
    if (g_array_index (entries, KeyRank, i - 1).key > g_array_index (entries, KeyRank, i).key)
      return FALSE;
  return TRUE;
}

/* How far @id lies past the smallest listed id. Unsigned arithmetic is
 * exact here for any two ids with id >= min_id, where signed subtraction
 * could overflow. */
static guint64
offset_of (RapportSearchOrder *order,
           gint64              id)
{
  return (guint64) id - (guint64) order->min_id;
}

/* Ranks by id: an array indexed by id when the ids are dense enough for
 * it, else a sorted one. Never sized or indexed by an id unchecked. */
static void
index_ranks (RapportSearchOrder *order)
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

  order->by_id = g_array_sized_new (FALSE, FALSE, sizeof (KeyRank), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      KeyRank entry = { g_array_index (ids, gint64, i), (gint32) i };
      g_array_append_val (order->by_id, entry);
    }
  g_array_sort (order->by_id, compare_key_rank);
}

static gint32
find_rank (GArray *entries,
           gint64  key)
{
  KeyRank wanted = { key, 0 };
  KeyRank *found;

  if (entries == NULL || entries->len == 0)
    return -1;
  found = bsearch (&wanted, entries->data, entries->len, sizeof (KeyRank), compare_key_rank);
  return found ? found->rank : -1;
}

/* find_rank() for keys that come in ascending order, as the index gives
 * positions: from where the last one was found, in steps that double,
 * then by halves. Reading 100,000 matches of a million clients touches a
 * few pages of the array each, not the whole of it each. */
static gint32
find_rank_after (GArray *entries,
                 gint64  key,
                 guint  *from)
{
  const KeyRank *all = (const KeyRank *) entries->data;
  guint low = *from, high, step = 1;

  if (low >= entries->len || all[low].key > key)
    return find_rank (entries, key);
  while (low + step < entries->len && all[low + step].key < key)
    {
      low += step;
      step *= 2;
    }
  high = MIN (low + step + 1, entries->len);
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (all[middle].key < key)
        low = middle + 1;
      else
        high = middle;
    }
  *from = low;
  return low < entries->len && all[low].key == key ? all[low].rank : -1;
}

static gint32
rank_of (RapportSearchOrder *order,
         gint64              id)
{
  if (order->dense != NULL)
    {
      if (id < order->min_id || offset_of (order, id) >= order->dense->len)
        return -1;
      return g_array_index (order->dense, gint32, offset_of (order, id));
    }
  return find_rank (order->by_id, id);
}

static gboolean
load_order (RapportSqlite      *db,
            RapportSearchOrder *order,
            const char         *sql,
            GError            **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) by_position = g_array_new (FALSE, FALSE, sizeof (KeyRank));
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row && ids->len < G_MAXINT32)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      KeyRank entry = { _rapport_stmt_column_int (stmt, 1), (gint32) ids->len };

      g_array_append_val (ids, id);
      if (_rapport_stmt_column_int (stmt, 2))
        g_array_append_val (by_position, entry);
    }
  if (!ok)
    return FALSE;

  clear_order (order);
  if (!is_sorted (by_position))
    g_array_sort (by_position, compare_key_rank);
  order->ids = g_steal_pointer (&ids);
  order->by_position = g_steal_pointer (&by_position);
  index_ranks (order);
  return TRUE;
}

/* The order as read before, if nothing was written since: not another
 * connection's commit (SQLite's data_version) nor this database's write
 * (its generation). */
static RapportSearchOrder *
current_order (RapportSqlite       *db,
               RapportSearchCache  *cache,
               guint64              generation,
               RapportClientSort    sort,
               gboolean             include_archived)
{
  RapportSearchOrder *order = &cache->orders[sort][include_archived ? 1 : 0];
  gint64 data_version = 0;

  if (!_rapport_sqlite_get_int (db, "PRAGMA data_version", &data_version, NULL))
    return NULL;
  if (order->valid && order->data_version == data_version && order->generation == generation)
    return order;
  return NULL;
}

/* The order is read again when something was written since. */
static RapportSearchOrder *
ensure_order (RapportSqlite       *db,
              RapportSearchCache  *cache,
              guint64              generation,
              RapportClientSort    sort,
              gboolean             include_archived,
              GError             **error)
{
  RapportSearchOrder *order = &cache->orders[sort][include_archived ? 1 : 0];
  gint64 data_version = 0;

  if (current_order (db, cache, generation, sort, include_archived) != NULL)
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

/* Puts what was found in the order's order, at most @limit, leaving out
 * unlisted clients and repeats. */
GArray *
_rapport_search_arrange (RapportSearchOrder *order,
                         RapportSearchFound *found,
                         guint               limit)
{
  g_autofree guint8 *hit = g_malloc0 (MAX (order->ids->len, 1));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint from = 0;

  for (guint i = 0; i < found->positions->len && order->by_position->len > 0; i++)
    {
      gint32 rank = find_rank_after (order->by_position, g_array_index (found->positions, gint64, i), &from);

      if (rank >= 0)
        hit[rank] = 1;
    }
  for (guint i = 0; i < found->ids->len; i++)
    {
      gint32 rank = rank_of (order, g_array_index (found->ids, gint64, i));

      if (rank >= 0)
        hit[rank] = 1;
    }

  for (guint rank = 0; rank < order->ids->len && ids->len < limit; rank++)
    if (hit[rank])
      g_array_append_val (ids, g_array_index (order->ids, gint64, rank));

  return ids;
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
  g_auto(RapportSearchQuery) query = { 0 };
  g_auto(RapportSearchFound) found = { 0 };
  g_autofree char *region = NULL;
  RapportSearchOrder *order;

  if (*folded == '\0')
    {
      order = ensure_order (db, cache, generation, sort, include_archived, error);
      return order ? g_array_copy (order->ids) : NULL;
    }

  region = _rapport_client_repository_read_phone_region (db, error);
  if (region == NULL)
    return NULL;
  if (!build_query (&query, text, folded, region))
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!find_all (db, &query, G_MAXUINT, &found, error))
    return NULL;

  /* Nothing found needs no order: a command that finds nothing in a large
   * file is quick. */
  if (found.positions->len == 0 && found.ids->len == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  order = ensure_order (db, cache, generation, sort, include_archived, error);
  return order ? _rapport_search_arrange (order, &found, G_MAXUINT) : NULL;
}

/* The first rows of a search, at a cost that does not follow the number
 * of clients listed: what a window shows first, and what the command line
 * prints with a limit. No order is read for them: in name order, the
 * index gives them in that order (rapport-client-repository-phones.c);
 * by last contact, every match is collected and the first found by a
 * held order, or by SQLite. */

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
    "SELECT id FROM clients WHERE (id IN (SELECT value FROM json_each(?1))"
    " OR search_pos IN (SELECT value FROM json_each(?3))) AND archived_at IS NULL"
    " ORDER BY search_pos LIMIT ?2",
    "SELECT id FROM clients WHERE (id IN (SELECT value FROM json_each(?1))"
    " OR search_pos IN (SELECT value FROM json_each(?3)))"
    " ORDER BY search_pos LIMIT ?2",
  },
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] = {
    "SELECT id FROM clients WHERE (id IN (SELECT value FROM json_each(?1))"
    " OR search_pos IN (SELECT value FROM json_each(?3))) AND archived_at IS NULL"
    " ORDER BY last_contact_at DESC, search_pos LIMIT ?2",
    "SELECT id FROM clients WHERE (id IN (SELECT value FROM json_each(?1))"
    " OR search_pos IN (SELECT value FROM json_each(?3)))"
    " ORDER BY last_contact_at DESC, search_pos LIMIT ?2",
  },
};

/* The first @limit of what was found, in the order, each looked up and
 * sorted by SQLite. */
static GArray *
sort_found (RapportSqlite      *db,
            RapportSearchFound *found,
            RapportClientSort   sort,
            gboolean            include_archived,
            guint               limit,
            GError            **error)
{
  g_autofree char *id_json = _rapport_sqlite_ids_to_json ((const gint64 *) found->ids->data, found->ids->len);
  g_autofree char *position_json = _rapport_sqlite_ids_to_json ((const gint64 *) found->positions->data,
                                                                found->positions->len);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db, first_sorted_queries[sort][include_archived ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, id_json);
  _rapport_stmt_bind_int (stmt, 2, limit);
  _rapport_stmt_bind_text (stmt, 3, position_json);
  return read_column (db, stmt, limit, error);
}

/* The first @limit of what was found, met walking the order's index, or
 * %NULL with @over set when @budget steps did not meet them all. */
static GArray *
walk_found (RapportSqlite      *db,
            RapportSearchFound *found,
            RapportClientSort   sort,
            gboolean            include_archived,
            guint               limit,
            guint64             budget,
            gboolean           *over,
            GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_auto(IdSet) ids = { 0 };
  g_auto(IdSet) positions = { 0 };
  g_autoptr(GArray) first = NULL;
  gboolean has_row = FALSE, ok = TRUE;
  guint64 steps = 0;

  *over = FALSE;
  stmt = _rapport_sqlite_prepare (db, order_queries[sort][include_archived ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  id_set_init (&ids, found->ids);
  id_set_init (&positions, found->positions);
  first = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (first->len < limit && (ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);

      if (id_set_contains (&ids, id)
          || (_rapport_stmt_column_int (stmt, 2) && id_set_contains (&positions, _rapport_stmt_column_int (stmt, 1))))
        g_array_append_val (first, id);
      else if (++steps > budget)
        {
          *over = TRUE;
          return NULL;
        }
    }
  if (first->len < limit && !ok)
    return NULL;
  return g_steal_pointer (&first);
}

/* The first @limit of what was found, in the order, without a held
 * order. A few matches are sorted by SQLite, each looked up; many are
 * met soon walking the order's index, about limit × listed ÷ matches
 * steps where they are spread evenly. The cheaper of the two is taken;
 * matches that cluster far down the order (a country's numbers, whose
 * clients' names are of one script) make the walk give up once it has
 * cost what the sort would have, and sort. */
GArray *
_rapport_search_first_of_found (RapportSqlite      *db,
                                RapportSearchFound *found,
                                RapportClientSort   sort,
                                gboolean            include_archived,
                                guint               limit,
                                GError            **error)
{
  guint n_found = found->positions->len + found->ids->len;
  /* A lookup and a sort cost about as much as four steps of the walk. */
  guint64 sort_cost = (guint64) n_found * 4;
  g_autoptr(GArray) first = NULL;
  gint64 listed = 0;
  gboolean over = FALSE;

  if (n_found == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!_rapport_sqlite_get_int (db, "SELECT count(*) FROM clients", &listed, error))
    return NULL;

  if ((double) n_found * sort_cost >= (double) limit * MAX (listed, 1))
    {
      first = walk_found (db, found, sort, include_archived, limit, sort_cost, &over, error);
      if (!over)
        return g_steal_pointer (&first);
    }
  return sort_found (db, found, sort, include_archived, limit, error);
}

/* Whether the words left to filter with count: the whole search looks
 * for them when the index finds at most FILTER_MAX, and so must the
 * first rows, to be its first rows. */
static gboolean
filters_count (RapportSqlite      *db,
               RapportSearchQuery *query,
               gboolean           *count,
               GError            **error)
{
  g_autoptr(GArray) some = NULL;

  *count = FALSE;
  if (query->filter_words->len == 0)
    return TRUE;
  some = query_positions (db, query, FILTER_MAX + 1, error);
  if (some == NULL)
    return FALSE;
  *count = some->len <= FILTER_MAX;
  return TRUE;
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
  g_autofree char *folded = rapport_text_fold (text);
  g_auto(RapportSearchQuery) query = { 0 };
  g_auto(RapportSearchFound) found = { 0 };
  g_autofree char *region = NULL;
  RapportSearchOrder *order;
  gboolean filtered;

  if (*folded == '\0')
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, order_queries[sort][include_archived ? 1 : 0], error);

      return stmt ? read_column (db, stmt, limit, error) : NULL;
    }

  region = _rapport_client_repository_read_phone_region (db, error);
  if (region == NULL)
    return NULL;
  if (!build_query (&query, text, folded, region))
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!filters_count (db, &query, &filtered, error))
    return NULL;

  /* An order this connection holds, still true, ranks quicker than
   * SQLite can; it is never read just for the first rows. */
  order = current_order (db, cache, generation, sort, include_archived);
  if (sort == RAPPORT_CLIENT_SORT_NAME && !filtered)
    return query.key_low != NULL ? _rapport_search_first_of_phone (db, order, &query, include_archived, limit, error)
                                 : _rapport_search_first_in_index (db, &query, include_archived, limit, error);

  if (!find_all (db, &query, G_MAXUINT, &found, error))
    return NULL;
  if (order != NULL)
    return _rapport_search_arrange (order, &found, limit);
  return _rapport_search_first_of_found (db, &found, sort, include_archived, limit, error);
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
  if (words->len == 0)
    return FALSE;
  if (rapport_text_is_phone_like (text))
    {
      *sure = FALSE;
      return FALSE;
    }

  if (has_long_word (words))
    {
      /* Every word goes to the trigram index, which finds the clients
       * whose text contains it. Short words and words past the index
       * query's are filtered with. */
      for (guint i = 0; i < words->len; i++)
        if (i == MAX_MATCH_WORDS || g_utf8_strlen (g_ptr_array_index (words, i), -1) < TRIGRAM)
          {
            *sure = FALSE;
            return FALSE;
          }
      stmt = _rapport_sqlite_prepare (db, "SELECT s.body FROM client_search AS s, clients AS c"
                                          " WHERE c.id = ?1 AND s.rowid = c.search_pos", error);
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
 * ORDER BY compares them (positions, those without one first, by id):
 * 1, 0, or -1 when either is gone. */
#define BY_POSITION(c) "(" c ".search_pos IS NOT NULL, coalesce (" c ".search_pos, 0), " c ".id)"
static const char * const before_queries[2] = {
  [RAPPORT_CLIENT_SORT_NAME] =
    "SELECT " BY_POSITION ("a") " < " BY_POSITION ("b")
    " FROM clients AS a, clients AS b WHERE a.id = ?1 AND b.id = ?2",
  [RAPPORT_CLIENT_SORT_LAST_CONTACT] =
    "SELECT CASE WHEN a.last_contact_at IS b.last_contact_at THEN " BY_POSITION ("a") " < " BY_POSITION ("b")
    "            WHEN b.last_contact_at IS NULL THEN 1"
    "            WHEN a.last_contact_at IS NULL THEN 0"
    "            ELSE a.last_contact_at > b.last_contact_at END"
    " FROM clients AS a, clients AS b WHERE a.id = ?1 AND b.id = ?2",
};
#undef BY_POSITION

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
 * the same order, without reading the whole order of the clients. In
 * name order its cost follows @limit, not the number of matches nor of
 * clients (the index meets matches in that order); by last contact it
 * follows the number of matches. So a window's first screen and a
 * command with a limit are quick in a large file.
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
