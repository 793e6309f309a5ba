/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <string.h>

#include "rapport-error.h"
#include "rapport-store-search-private.h"
#include "rapport-text.h"

/* FTS5's trigram tokenizer matches nothing shorter than three characters. */
#define TRIGRAM 3

/* A phone-like query with this many digits is also looked up as a number
 * written another way (89161234567 finds +7 916 123-45-67). */
#define PHONE_LOOKUP_MIN_DIGITS 7

/* A one- or two-character word next to longer ones (“anna k”) is looked for
 * in the text of each client the longer words found, which takes about a
 * millisecond per thousand; past this many, it waits for a third character
 * and the trigram index. */
#define SHORT_WORD_FILTER_MAX 5000

static void
append_folded (GString    *body,
               const char *text)
{
  g_autofree char *folded = rapport_text_fold (text);

  if (*folded == '\0')
    return;
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, folded);
}

/* One line for each field, so that a search never matches across two. */
static char *
build_search_body (RapportClient *client)
{
  GString *body = g_string_new (NULL);
  GPtrArray *phones = rapport_client_get_phones (client);
  GPtrArray *emails = rapport_client_get_emails (client);
  GPtrArray *addresses = rapport_client_get_addresses (client);

  append_folded (body, rapport_client_get_display_name (client));
  append_folded (body, rapport_client_get_given_name (client));
  append_folded (body, rapport_client_get_family_name (client));
  append_folded (body, rapport_client_get_organization (client));

  for (guint i = 0; i < phones->len; i++)
    {
      RapportContactPoint *phone = g_ptr_array_index (phones, i);
      g_autofree char *digits = rapport_text_digits (phone->value);

      append_folded (body, phone->value);
      append_folded (body, digits);
    }
  for (guint i = 0; i < emails->len; i++)
    append_folded (body, ((RapportContactPoint *) g_ptr_array_index (emails, i))->value);
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = rapport_address_format (g_ptr_array_index (addresses, i));

      append_folded (body, text);
    }
  append_folded (body, rapport_client_get_notes (client));

  return g_string_free (body, FALSE);
}

static void
add_words (GHashTable *words,
           const char *text)
{
  g_autofree char *folded = rapport_text_fold (text);
  const char *start = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        g_hash_table_add (words, g_strndup (start, p - start));
      start = NULL;
      if (c == 0)
        break;
    }
}

static gboolean
index_words (RapportStore   *self,
             RapportClient  *client,
             GError        **error)
{
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer word;

  add_words (words, rapport_client_get_display_name (client));
  add_words (words, rapport_client_get_given_name (client));
  add_words (words, rapport_client_get_family_name (client));
  add_words (words, rapport_client_get_organization (client));

  stmt = _rapport_sqlite_prepare (self->db,
                                  "INSERT OR IGNORE INTO client_words (word, client_id)"
                                  " VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    {
      _rapport_stmt_bind_text (stmt, 1, word);
      _rapport_stmt_bind_int (stmt, 2, rapport_client_get_id (client));
      if (!_rapport_sqlite_run (self->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_rapport_store_unindex_client (RapportStore  *self,
                               gint64         id,
                               GError       **error)
{
  static const char * const statements[] = {
    "DELETE FROM client_search WHERE rowid = ?1",
    "DELETE FROM client_words WHERE client_id = ?1",
  };

  return _rapport_sqlite_run_each_with_id (self->db, statements, G_N_ELEMENTS (statements), id, error);
}

/* Keeps the search indexes in step with a client just written. It runs in
 * the writer's transaction, so the indexes never disagree with the data. */
gboolean
_rapport_store_index_client (RapportStore   *self,
                             RapportClient  *client,
                             GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *body = build_search_body (client);
  gint64 id = rapport_client_get_id (client);

  if (!_rapport_store_unindex_client (self, id, error))
    return FALSE;

  stmt = _rapport_sqlite_prepare (self->db,
                                  "INSERT INTO client_search (rowid, body) VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, body);
  if (!_rapport_sqlite_run (self->db, stmt, error))
    return FALSE;

  return index_words (self, client, error);
}

/* A search is built from fixed SQL pieces and bound values: whatever a
 * person types is data, never SQL, and inside an FTS5 phrase it is quoted,
 * so “AND”, “*”, “-” or a lone quote mean themselves. The query yields the
 * matching ids in no order; the order comes from the cached list below. */
typedef struct
{
  GString   *sql;
  GPtrArray *values;
} Query;

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

static char *
fts_phrase (const char *text)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');

  return g_string_free (phrase, FALSE);
}

static GArray *
query_ids (RapportSqlite  *db,
           Query          *query,
           GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, query->sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < query->values->len; i++)
    _rapport_stmt_bind_text (stmt, i + 1, g_ptr_array_index (query->values, i));

  while (_rapport_sqlite_step (db, stmt, &has_row, error) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&ids);
}

static void
build_phone_query (Query      *query,
                   const char *text)
{
  g_autofree char *digits = rapport_text_digits (text);

  query_bind (query, "SELECT rowid FROM client_search WHERE client_search MATCH ?",
              fts_phrase (digits));
  if (strlen (digits) >= PHONE_LOOKUP_MIN_DIGITS)
    query_bind (query, " UNION ALL SELECT client_id FROM client_phones WHERE match_key = ?",
                rapport_phone_match_key (digits));
}

static void
build_text_query (Query      *query,
                  char      **words,
                  GPtrArray  *short_words)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *phrase = NULL;

      if (g_utf8_strlen (words[i], -1) < TRIGRAM)
        {
          g_ptr_array_add (short_words, g_strdup (words[i]));
          continue;
        }
      phrase = fts_phrase (words[i]);
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append (match, phrase);
    }

  query_bind (query, "SELECT rowid FROM client_search WHERE client_search MATCH ?",
              g_string_free (match, FALSE));
}

/* Keeps the @matches whose text contains every one of @short_words. */
static GArray *
filter_short_words (RapportSqlite  *db,
                    GArray         *matches,
                    GPtrArray      *short_words,
                    GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  Query query = { sql, values };

  query_bind (&query, "SELECT rowid FROM client_search WHERE rowid IN (SELECT value FROM json_each(?))",
              _rapport_sqlite_ids_to_json ((const gint64 *) matches->data, matches->len));
  for (guint i = 0; i < short_words->len; i++)
    query_bind (&query, " AND instr(body, ?) > 0", g_strdup (g_ptr_array_index (short_words, i)));

  return query_ids (db, &query, error);
}

/* Every word is the start of one of the client's name words. */
static void
build_prefix_query (Query  *query,
                    char  **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (query->sql, " INTERSECT ");
      query_bind (query, "SELECT client_id FROM client_words WHERE word >= ?", g_strdup (words[i]));
      /* U+10FFFF sorts after every character a word can continue with. */
      query_bind (query, " AND word < ?", g_strconcat (words[i], "\xf4\x8f\xbf\xbf", NULL));
    }
}

static gboolean
has_long_word (char **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= TRIGRAM)
      return TRUE;
  return FALSE;
}

static void
build_query (Query      *query,
             const char *text,
             const char *folded,
             GPtrArray  *short_words)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  if (rapport_text_is_phone_like (text))
    build_phone_query (query, text);
  else if (has_long_word (words))
    build_text_query (query, words, short_words);
  else
    build_prefix_query (query, words);
}

/* The listed clients in one order, read from the index that serves it, and
 * each id's rank in it. Searching then only finds which ids match: ordering
 * thousands of matches by rank costs less than joining them back to the
 * clients table and sorting. */
typedef struct
{
  gboolean  valid;
  gint64    data_version;
  guint64   generation;
  GArray   *ids;     /* gint64, in order */
  GArray   *ranks;   /* gint32 by id; -1 when not listed */
} SearchOrder;

struct _RapportSearchCache
{
  SearchOrder orders[2][2];   /* [sort][include_archived] */
};

RapportSearchCache *
_rapport_search_cache_new (void)
{
  return g_new0 (RapportSearchCache, 1);
}

void
_rapport_search_cache_free (RapportSearchCache *cache)
{
  if (cache == NULL)
    return;

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        g_clear_pointer (&cache->orders[i][j].ids, g_array_unref);
        g_clear_pointer (&cache->orders[i][j].ranks, g_array_unref);
      }
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

static gboolean
load_order (RapportSqlite      *db,
            SearchOrder        *order,
            const char         *sql,
            GError            **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (gint32));
  gint64 max_id = 0;
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (_rapport_sqlite_step (db, stmt, &has_row, error) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);

      g_array_append_val (ids, id);
      max_id = MAX (max_id, id);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  g_array_set_size (ranks, (guint) max_id + 1);
  memset (ranks->data, 0xff, ranks->len * sizeof (gint32));
  for (guint i = 0; i < ids->len; i++)
    g_array_index (ranks, gint32, g_array_index (ids, gint64, i)) = (gint32) i;

  g_clear_pointer (&order->ids, g_array_unref);
  g_clear_pointer (&order->ranks, g_array_unref);
  order->ids = g_steal_pointer (&ids);
  order->ranks = g_steal_pointer (&ranks);
  return TRUE;
}

/* The order is read again when another connection committed (SQLite's
 * data_version) or this store wrote (its generation) since. */
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

  if (!_rapport_sqlite_get_int (db, "PRAGMA data_version", &data_version, error))
    return NULL;

  if (order->valid && order->data_version == data_version && order->generation == generation)
    return order;

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
         GArray      *matches)
{
  g_autofree guint8 *hit = g_malloc0 (MAX (order->ids->len, 1));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), matches->len);

  for (guint i = 0; i < matches->len; i++)
    {
      gint64 id = g_array_index (matches, gint64, i);
      gint32 rank = id >= 0 && id < order->ranks->len ? g_array_index (order->ranks, gint32, id) : -1;

      if (rank >= 0)
        hit[rank] = 1;
    }

  for (guint rank = 0; rank < order->ids->len; rank++)
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
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new_with_free_func (g_free);
  Query query = { sql, values };
  g_autoptr(GArray) matches = NULL;
  SearchOrder *order;

  order = ensure_order (db, cache, generation, sort, include_archived, error);
  if (order == NULL)
    return NULL;
  if (*folded == '\0')
    return g_array_copy (order->ids);

  build_query (&query, text, folded, short_words);
  matches = query_ids (db, &query, error);
  if (matches == NULL)
    return NULL;

  if (short_words->len > 0 && matches->len <= SHORT_WORD_FILTER_MAX)
    {
      g_autoptr(GArray) all = g_steal_pointer (&matches);

      matches = filter_short_words (db, all, short_words, error);
      if (matches == NULL)
        return NULL;
    }

  return arrange (order, matches);
}

/**
 * rapport_store_search_client_ids:
 * @self: a store
 * @text: (nullable): what a person typed; empty for every client
 * @sort: the order
 * @include_archived: whether archived clients count
 * @error: return location for an error
 *
 * Finds clients whose names, organization, phones, e-mails, addresses or
 * notes contain @text, ignoring case and accents. One or two characters
 * match the start of a name's words instead. Phone numbers match however
 * they are written. Any text is searched literally and never fails to
 * parse.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
rapport_store_search_client_ids (RapportStore       *self,
                                 const char         *text,
                                 RapportClientSort   sort,
                                 gboolean            include_archived,
                                 GError            **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return search_ids (self->db, self->search_cache, self->generation,
                     text, sort, include_archived, error);
}

typedef struct
{
  char              *text;
  RapportClientSort  sort;
  gboolean           include_archived;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
on_cancellable_cancelled (GCancellable *cancellable,
                          RapportStore *self)
{
  /* Only called while the worker holds reader_lock and runs a query. */
  if (self->reader != NULL)
    _rapport_sqlite_interrupt (self->reader);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportStore *self = source_object;
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GArray *ids = NULL;
  gulong handler = 0;

  g_mutex_lock (&self->reader_lock);

  if (self->reader == NULL)
    {
      self->reader = _rapport_sqlite_open (self->path, RAPPORT_SQLITE_READ_ONLY, &error);
      self->reader_cache = _rapport_search_cache_new ();
    }

  if (self->reader != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancellable_cancelled),
                                         self, NULL);
      /* The reader sees this store's commits through data_version. */
      ids = search_ids (self->reader, self->reader_cache, 0,
                        data->text, data->sort, data->include_archived, &error);
      if (handler != 0)
        g_cancellable_disconnect (cancellable, handler);
    }

  g_mutex_unlock (&self->reader_lock);

  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&ids, g_array_unref);
  else if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/**
 * rapport_store_search_client_ids_async:
 * @self: a store
 * @text: (nullable): what a person typed
 * @sort: the order
 * @include_archived: whether archived clients count
 * @cancellable: (nullable): cancels the search, also mid-query
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Does rapport_store_search_client_ids() in a worker thread, on a
 * connection of its own, so that a slow search never blocks the caller.
 */
void
rapport_store_search_client_ids_async (RapportStore        *self,
                                       const char          *text,
                                       RapportClientSort    sort,
                                       gboolean             include_archived,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (RAPPORT_IS_STORE (self));

  data = g_new0 (SearchData, 1);
  data->text = g_strdup (text ? text : "");
  data->sort = sort;
  data->include_archived = include_archived;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_search_client_ids_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * rapport_store_search_client_ids_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
rapport_store_search_client_ids_finish (RapportStore  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
