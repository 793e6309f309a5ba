/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* A phone number's first rows in name order, without reading the whole
 * order: the clients the index finds, met in that order, merged with
 * those the number's match keys name, from the positions their phones
 * hold. The index's first rows alone are a text's first rows in name
 * order. The query is built, and the first rows of the other orders
 * found, in rapport-client-repository-search.c. */

#include "config.h"

#include "rapport-client-search-private.h"

/* A client and its position in the name order. */
typedef struct
{
  gint64 position;
  gint64 id;
} Place;

/* The positions and ids a statement yields, at most @limit; @unplaced is
 * set for a row without a position, which is left out. */
static GArray *
read_places (RapportSqlite  *db,
             RapportStmt    *stmt,
             guint           limit,
             gboolean       *unplaced,
             GError        **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  gboolean has_row = FALSE, ok = TRUE;

  while (places->len < limit && (ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Place place = { _rapport_stmt_column_int (stmt, 0), _rapport_stmt_column_int (stmt, 1) };

      if (_rapport_stmt_column_is_null (stmt, 0))
        *unplaced = TRUE;
      else
        g_array_append_val (places, place);
    }
  if (places->len < limit && !ok)
    return NULL;
  return g_steal_pointer (&places);
}

/* The first @limit clients in name order that the index query finds, with
 * their positions: it meets them in that order, so this stops at the last
 * of them however many match. */
static GArray *
places_in_index (RapportSqlite      *db,
                 RapportSearchQuery *query,
                 gboolean            include_archived,
                 guint               limit,
                 GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean unplaced = FALSE;

  if (query->match == NULL)
    return g_array_new (FALSE, FALSE, sizeof (Place));
  stmt = _rapport_sqlite_prepare (db, include_archived
                                      ? "SELECT c.search_pos, c.id FROM client_search JOIN clients AS c"
                                        " ON c.search_pos = client_search.rowid"
                                        " WHERE client_search MATCH ?1 ORDER BY client_search.rowid LIMIT ?2"
                                      : "SELECT c.search_pos, c.id FROM client_search JOIN clients AS c"
                                        " ON c.search_pos = client_search.rowid"
                                        " WHERE client_search MATCH ?1 AND c.archived_at IS NULL"
                                        " ORDER BY client_search.rowid LIMIT ?2",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->match);
  _rapport_stmt_bind_int (stmt, 2, limit);
  return read_places (db, stmt, limit, &unplaced, error);
}

/* The ids of @places, in their order. */
static GArray *
ids_of (GArray *places)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), places->len);

  for (guint i = 0; i < places->len; i++)
    g_array_append_val (ids, g_array_index (places, Place, i).id);
  return ids;
}

/* The same, their ids alone. */
GArray *
_rapport_search_first_in_index (RapportSqlite      *db,
                                RapportSearchQuery *query,
                                gboolean            include_archived,
                                guint               limit,
                                GError            **error)
{
  g_autoptr(GArray) places = places_in_index (db, query, include_archived, limit, error);

  return places ? ids_of (places) : NULL;
}

/* Places kept as a heap, the least position on top: the first rows need
 * the least few of what may be 70,000 places (“0912” at a million
 * clients), and building the heap costs a tenth of sorting them all. */
static void
sift_down (Place *heap,
           guint  n,
           guint  i)
{
  for (;;)
    {
      guint least = i, left = 2 * i + 1, right = 2 * i + 2;
      Place moved;

      if (left < n && heap[left].position < heap[least].position)
        least = left;
      if (right < n && heap[right].position < heap[least].position)
        least = right;
      if (least == i)
        return;
      moved = heap[i];
      heap[i] = heap[least];
      heap[least] = moved;
      i = least;
    }
}

static void
make_heap (GArray *places)
{
  for (guint i = places->len / 2; i-- > 0; )
    sift_down ((Place *) places->data, places->len, i);
}

static Place
pop_least (GArray *heap)
{
  Place *data = (Place *) heap->data;
  Place least = data[0];

  data[0] = data[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  sift_down (data, heap->len, 0);
  return least;
}

/* The clients whose phone keys lie in the query's range, with the
 * positions their phones hold (step 29), as a heap: read from the keys'
 * index alone. @unplaced is set when one has none. */
static GArray *
query_key_places (RapportSqlite      *db,
                  RapportSearchQuery *query,
                  gboolean           *unplaced,
                  GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  GArray *places;

  stmt = _rapport_sqlite_prepare (db, "SELECT search_pos, client_id FROM client_phones"
                                      " WHERE match_key >= ?1 AND match_key < ?2", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, query->key_low);
  _rapport_stmt_bind_text (stmt, 2, query->key_high);
  places = read_places (db, stmt, G_MAXUINT, unplaced, error);
  if (places != NULL)
    make_heap (places);
  return places;
}

/* Whether the client a phone key names is at the position its phone
 * holds (@listed: and listed), or %FALSE with @stale set when it is not:
 * a file whose triggers another program removed. */
static gboolean
key_place_holds (RapportSqlite  *db,
                 RapportStmt    *stmt,
                 const Place    *place,
                 gboolean       *listed,
                 gboolean       *stale,
                 GError        **error)
{
  gboolean has_row;

  _rapport_stmt_bind_int (stmt, 1, place->id);
  _rapport_stmt_bind_int (stmt, 2, place->position);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *stale = !has_row;
  *listed = has_row && _rapport_stmt_column_int (stmt, 0) != 0;
  _rapport_stmt_release (stmt);
  return has_row;
}

/* The first @limit of a phone number's clients in name order, without a
 * held order: the index's first ones merged with the keys' places, each
 * key's client looked up in turn until enough are listed. %NULL with
 * @stale set, and no error, when a place is not its client's: then only
 * looking each client up can tell the order. */
static GArray *
merge_phone_places (RapportSqlite  *db,
                    GArray         *found,     /* Place: the index's, listed */
                    GArray         *keys,      /* Place: the keys', any, a heap */
                    gboolean        include_archived,
                    guint           limit,
                    gboolean       *stale,
                    GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_last = FALSE;
  gint64 last = 0;
  guint i = 0;

  stmt = _rapport_sqlite_prepare (db, "SELECT archived_at IS NULL FROM clients WHERE id = ?1 AND search_pos = ?2",
                                  error);
  if (stmt == NULL)
    return NULL;
  while (ids->len < limit && (i < found->len || keys->len > 0))
    {
      gboolean from_keys = i == found->len
                           || (keys->len > 0 && g_array_index (keys, Place, 0).position
                                                < g_array_index (found, Place, i).position);
      Place place = from_keys ? pop_least (keys) : g_array_index (found, Place, i++);
      gboolean listed = TRUE;

      /* One client found twice: by its digits and its key, or two phones. */
      if (has_last && place.position == last)
        continue;
      if (from_keys && !key_place_holds (db, stmt, &place, &listed, stale, error))
        return NULL;
      has_last = TRUE;
      last = place.position;
      if (listed || include_archived)
        g_array_append_val (ids, place.id);
    }
  return g_steal_pointer (&ids);
}

/* A phone number's first rows in name order: the index's, in its order,
 * and the keys' clients, from their phones' positions, or ranked by a held
 * order, or (a file whose phones' positions cannot be trusted) by
 * SQLite. */
GArray *
_rapport_search_first_of_phone (RapportSqlite      *db,
                                RapportSearchOrder *order,
                                RapportSearchQuery *query,
                                gboolean            include_archived,
                                guint               limit,
                                GError            **error)
{
  g_auto(RapportSearchFound) found = { g_array_new (FALSE, FALSE, sizeof (gint64)), NULL };
  g_autoptr(GArray) places = places_in_index (db, query, include_archived, limit, error);

  if (places == NULL)
    return NULL;
  if (order == NULL)
    {
      g_autoptr(GArray) keys = NULL;
      g_autoptr(GArray) first = NULL;
      gboolean stale = FALSE;

      keys = query_key_places (db, query, &stale, error);
      if (keys == NULL)
        return NULL;
      first = stale ? NULL : merge_phone_places (db, places, keys, include_archived, limit, &stale, error);
      if (first != NULL || !stale)
        return g_steal_pointer (&first);
    }

  found.ids = ids_of (places);
  {
    g_autoptr(GArray) keys = _rapport_search_query_key_ids (db, query, error);

    if (keys == NULL)
      return NULL;
    g_array_append_vals (found.ids, keys->data, keys->len);
  }
  if (order != NULL)
    return _rapport_search_arrange (order, &found, limit);
  return _rapport_search_first_of_found (db, &found, RAPPORT_CLIENT_SORT_NAME, include_archived, limit, error);
}
