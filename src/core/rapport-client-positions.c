/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Each client's place in the name order (display name folded, then id),
 * as a number: clients.search_pos, which is also the client's row id in
 * the search index. So the index meets matches in name order, and a
 * search that wants the first screenful stops there, however many
 * clients match.
 *
 * Numbers leave room between neighbours, so that a new or renamed client
 * takes a free number between the two it falls between, and nobody else
 * moves. Where there is no room left, the clients around are numbered
 * again, a window widened until it has room: their search rows move with
 * them, in the same transaction. */

#include "config.h"

#include "rapport-client-positions-private.h"

/* Positions lie between these two, both excluded. */
#define POSITION_LOW  G_GINT64_CONSTANT (0)
#define POSITION_HIGH (G_GINT64_CONSTANT (1) << 62)
/* Between clients numbered afresh (a schema step, a window numbered
 * again). The index stores each match's distance from the one before as a
 * varint, so room costs bytes: numbered 2^40 apart, the index of a
 * million clients took twice the space it took by id; 2^10 apart, about
 * a fifth more, and ten clients can still come between two before any
 * other moves. */
#define SPACING (G_GINT64_CONSTANT (1) << 10)
/* After the last client or before the first, and in an empty file: the
 * room all later clients are added into. A file filled from empty ends up
 * as dense as its growth made it (a million clients after the first two
 * thousand: about 2^11 apart), where numbers SPACING apart from the start
 * would run out of room long before. */
#define END_SPACING (G_GINT64_CONSTANT (1) << 20)
/* A window numbered again leaves at least this much between neighbours,
 * else it widens. */
#define MIN_SPACING 16
/* The first window numbered again reaches this many clients each side;
 * each next one eight times as many, up to LAST_WINDOW; past that, every
 * client is numbered again, SPACING apart. Only a file grown many times
 * over since it was last numbered comes to that. */
#define FIRST_WINDOW 64
#define LAST_WINDOW 4096

typedef struct
{
  gint64   low;       /* the position before, or POSITION_LOW */
  gint64   high;      /* the position after, or POSITION_HIGH */
  gboolean has_low;
  gboolean has_high;
  gboolean same_name; /* the client before has the new ones' name */
} Gap;

typedef struct
{
  gint64   id;
  gint64   position;
  gboolean same_name; /* read_side(): its name is the one looked around */
} Placed;

/* Free numbers strictly between @low and @high. Unsigned arithmetic is
 * exact for any two with @high > @low, where signed could overflow. */
static guint64
room_between (gint64 low,
              gint64 high)
{
  return high > low ? (guint64) high - (guint64) low - 1 : 0;
}

/* The clients nearest (@sort_key, @id) on one side, nearest first, at
 * most @limit: their ids and positions. */
static GArray *
read_side (RapportSqlite  *db,
           const char     *sort_key,
           gint64          id,
           gboolean        after,
           guint           limit,
           GError        **error)
{
  static const char * const sides[2] = {
    "SELECT id, search_pos, sort_key = ?1 FROM clients WHERE (sort_key, id) < (?1, ?2)"
    " AND search_pos IS NOT NULL ORDER BY sort_key DESC, id DESC LIMIT ?3",
    "SELECT id, search_pos, sort_key = ?1 FROM clients WHERE (sort_key, id) > (?1, ?2)"
    " AND search_pos IS NOT NULL ORDER BY sort_key, id LIMIT ?3",
  };
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sides[after ? 1 : 0], error);
  g_autoptr(GArray) side = g_array_new (FALSE, FALSE, sizeof (Placed));
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, sort_key);
  _rapport_stmt_bind_int (stmt, 2, id);
  _rapport_stmt_bind_int (stmt, 3, limit);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Placed placed = {
        _rapport_stmt_column_int (stmt, 0), _rapport_stmt_column_int (stmt, 1), _rapport_stmt_column_int (stmt, 2),
      };

      g_array_append_val (side, placed);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&side);
}

/* Whether the nearest client of @before (read_side(), nearest first) has
 * the name looked around: new clients there follow one of their name. */
static gboolean
follows_same_name (GArray *before)
{
  return before->len > 0 && g_array_index (before, Placed, 0).same_name;
}

static gboolean
find_gap (RapportSqlite  *db,
          const char     *sort_key,
          gint64          id,
          Gap            *gap,
          GError        **error)
{
  g_autoptr(GArray) before = read_side (db, sort_key, id, FALSE, 1, error);
  g_autoptr(GArray) after = before ? read_side (db, sort_key, id, TRUE, 1, error) : NULL;

  if (after == NULL)
    return FALSE;
  gap->has_low = before->len > 0;
  gap->has_high = after->len > 0;
  gap->low = gap->has_low ? g_array_index (before, Placed, 0).position : POSITION_LOW;
  gap->high = gap->has_high ? g_array_index (after, Placed, 0).position : POSITION_HIGH;
  gap->same_name = follows_same_name (before);
  return TRUE;
}

/* How many clients hold a position strictly between @low and @high. */
static gboolean
count_between (RapportSqlite  *db,
               gint64          low,
               gint64          high,
               gint64         *count,
               GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT count(*) FROM clients WHERE search_pos > ?1 AND search_pos < ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, low);
  _rapport_stmt_bind_int (stmt, 2, high);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *count = has_row ? _rapport_stmt_column_int (stmt, 0) : 0;
  return TRUE;
}

/* A new client with the name of the one before it (a higher id) is most
 * often followed by another of that name: so a few such take the first
 * 64th of the gap, leaving the rest for the next. Others take the middle,
 * where new ones falling either side both find room. */
#define PACK 64

/* @n positions from @low on, in the @room after it: packed at its start
 * (a PACK-th of it each) while they are few and follow their @same_name,
 * else spread over it. */
static void
pack (gint64    low,
      guint64   room,
      guint     n,
      gboolean  same_name,
      gint64   *positions)
{
  guint64 step = room / MAX (n + 1, same_name ? PACK : 1);

  /* A gap too small for that is spread over: it has room for them. */
  if (step == 0)
    step = room / (n + 1);
  for (guint i = 0; i < n; i++)
    positions[i] = (gint64) ((guint64) low + step * (i + 1));
}

/* @n positions in the gap, which has room for them: packed after the
 * client before, or END_SPACING apart at either end. */
static void
fill_gap (const Gap *gap,
          guint      n,
          gint64    *positions)
{
  guint64 room = (guint64) gap->high - (guint64) gap->low;
  guint64 step = MIN (room / (n + 1), (guint64) END_SPACING);

  if (gap->has_low && gap->has_high)
    pack (gap->low, room, n, gap->same_name, positions);
  else
    for (guint i = 0; i < n; i++)
      positions[i] = !gap->has_low && gap->has_high
                     ? (gint64) ((guint64) gap->high - step * (n - i))
                     : (gint64) ((guint64) gap->low + step * (i + 1));
}

/* A client's phones hold its position too (step 29), so that the phone
 * keys' index gives a number's clients in name order. Kept here rather
 * than by a trigger on the clients' positions: a trigger that writes
 * makes SQLite keep a statement journal for every placing of a client,
 * which doubled the time of a bulk insert, whose new clients have no
 * phones yet when they are placed (their phones are written after, with
 * their positions). */
static gboolean
give_phones (RapportSqlite  *db,
             gint64          id,
             gint64          position,
             GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db, "UPDATE client_phones SET search_pos = ?2"
                                      " WHERE client_id = ?1 AND search_pos IS NOT ?2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, position);
  return _rapport_sqlite_run (db, stmt, error);
}

/* Moves @moved clients' positions, search rows and phones' copies to
 * their new positions. Bodies are read first and the old rows deleted, so that no
 * new position meets an old one still held. */
static gboolean
move_clients (RapportSqlite  *db,
              GArray         *moved,   /* Placed: id, new position */
              GError        **error)
{
  g_autoptr(RapportStmt) read = NULL, unindex = NULL, unplace = NULL, place = NULL, index = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row;

  read = _rapport_sqlite_prepare (db, "SELECT s.body FROM client_search AS s, clients AS c"
                                      " WHERE c.id = ?1 AND s.rowid = c.search_pos", error);
  unindex = read ? _rapport_sqlite_prepare (db, "DELETE FROM client_search WHERE rowid ="
                                                " (SELECT search_pos FROM clients WHERE id = ?1)", error) : NULL;
  unplace = unindex ? _rapport_sqlite_prepare (db, "UPDATE clients SET search_pos = NULL WHERE id = ?1", error) : NULL;
  if (unplace == NULL)
    return FALSE;
  for (guint i = 0; i < moved->len; i++)
    {
      gint64 id = g_array_index (moved, Placed, i).id;

      _rapport_stmt_bind_int (read, 1, id);
      if (!_rapport_sqlite_step (db, read, &has_row, error))
        return FALSE;
      g_ptr_array_add (bodies, has_row ? _rapport_stmt_dup_text (read, 0) : NULL);
      _rapport_stmt_release (read);
      _rapport_stmt_bind_int (unindex, 1, id);
      _rapport_stmt_bind_int (unplace, 1, id);
      if (!_rapport_sqlite_run (db, unindex, error) || !_rapport_sqlite_run (db, unplace, error))
        return FALSE;
    }

  place = _rapport_sqlite_prepare (db, "UPDATE clients SET search_pos = ?2 WHERE id = ?1", error);
  /* A search row at a free position is no client's: replaced. */
  index = place ? _rapport_sqlite_prepare (db, "INSERT OR REPLACE INTO client_search (rowid, body)"
                                               " VALUES (?1, ?2)", error) : NULL;
  if (index == NULL)
    return FALSE;
  for (guint i = 0; i < moved->len; i++)
    {
      const Placed *placed = &g_array_index (moved, Placed, i);
      const char *body = g_ptr_array_index (bodies, i);

      _rapport_stmt_bind_int (place, 1, placed->id);
      _rapport_stmt_bind_int (place, 2, placed->position);
      if (!_rapport_sqlite_run (db, place, error)
          || !give_phones (db, placed->id, placed->position, error))
        return FALSE;
      if (body == NULL)
        continue;
      _rapport_stmt_bind_int (index, 1, placed->position);
      _rapport_stmt_bind_text (index, 2, body);
      if (!_rapport_sqlite_run (db, index, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether a window of @before and @after, each of which reached @limit or
 * the end, with @n new clients between them, can be numbered between its
 * bounds: room enough, and no client outside it numbered inside them (a
 * file whose positions do not follow its names). */
static gboolean
window_fits (RapportSqlite  *db,
             GArray         *before,
             GArray         *after,
             guint           limit,
             guint           n,
             Gap            *bounds,
             gboolean       *fits,
             GError        **error)
{
  guint64 members = (guint64) MIN (before->len, limit) + MIN (after->len, limit) + n;
  gint64 inside = 0, listed = 0;

  bounds->has_low = before->len > limit;
  bounds->has_high = after->len > limit;
  bounds->low = bounds->has_low ? g_array_index (before, Placed, limit).position : POSITION_LOW;
  bounds->high = bounds->has_high ? g_array_index (after, Placed, limit).position : POSITION_HIGH;
  *fits = FALSE;
  if (room_between (bounds->low, bounds->high) / (members + 1) < (guint64) MIN_SPACING
      && (bounds->has_low || bounds->has_high))
    return TRUE;
  if (!count_between (db, bounds->low, bounds->high, &inside, error))
    return FALSE;
  for (guint i = 0; i < MIN (before->len, limit); i++)
    listed += g_array_index (before, Placed, i).position > bounds->low
              && g_array_index (before, Placed, i).position < bounds->high;
  for (guint i = 0; i < MIN (after->len, limit); i++)
    listed += g_array_index (after, Placed, i).position > bounds->low
              && g_array_index (after, Placed, i).position < bounds->high;
  *fits = inside == listed || !(bounds->has_low || bounds->has_high);
  return TRUE;
}

/* Numbers again the clients around (@sort_key, @id), a window wide
 * enough to leave MIN_SPACING between each, with @n new ones at that
 * point, whose positions it returns. */
static gboolean
renumber (RapportSqlite  *db,
          const char     *sort_key,
          gint64          id,
          guint           n,
          gint64         *positions,
          GError        **error)
{
  for (guint limit = FIRST_WINDOW; ; limit = limit < LAST_WINDOW ? limit * 8 : G_MAXUINT - 1)
    {
      g_autoptr(GArray) before = read_side (db, sort_key, id, FALSE, limit + 1, error);
      g_autoptr(GArray) after = before ? read_side (db, sort_key, id, TRUE, limit + 1, error) : NULL;
      g_autoptr(GArray) moved = NULL;
      gboolean fits;
      Gap bounds;
      guint64 room, hole, step, at = 0;
      guint n_before, n_after;

      if (after == NULL || !window_fits (db, before, after, limit, n, &bounds, &fits, error))
        return FALSE;
      if (!fits)
        continue;

      room = (guint64) bounds.high - (guint64) bounds.low;
      n_before = MIN (before->len, limit);
      n_after = MIN (after->len, limit);
      /* The window's own clients take half its room and the new ones the
       * other half, in the middle: where there was no room is where more
       * are likely to come. A window that reaches the first or the last
       * client has all the room on that side: it keeps END_SPACING. */
      hole = bounds.has_low && bounds.has_high ? room / 2 : MIN (room / 2, (guint64) END_SPACING);
      step = MIN ((room - hole) / ((guint64) n_before + n_after + 1), (guint64) SPACING);
      moved = g_array_new (FALSE, FALSE, sizeof (Placed));
      for (guint i = n_before; i-- > 0; )
        {
          Placed placed = { g_array_index (before, Placed, i).id, (gint64) ((guint64) bounds.low + step * ++at) };

          if (placed.position != g_array_index (before, Placed, i).position)
            g_array_append_val (moved, placed);
        }
      pack ((gint64) ((guint64) bounds.low + step * at), hole, n, follows_same_name (before), positions);
      at += hole / step;
      for (guint i = 0; i < n_after; i++)
        {
          Placed placed = { g_array_index (after, Placed, i).id, (gint64) ((guint64) bounds.low + step * ++at) };

          if (placed.position != g_array_index (after, Placed, i).position)
            g_array_append_val (moved, placed);
        }
      g_debug ("numbered %u clients again for %u new", moved->len, n);
      return move_clients (db, moved, error);
    }
}

/**
 * _rapport_client_positions_take:
 * @db: the writer's connection, in a transaction
 * @sort_key: where the new clients fall in the name order…
 * @id: …before the id of the first of them
 * @n: how many new clients fall there, next to each other
 * @positions: (out caller-allocates) (array length=n): theirs, in order
 * @error: return location for an error
 *
 * Free positions for @n clients without one that fall between the same
 * two clients with one, numbering the clients around again when there
 * is no room.
 */
gboolean
_rapport_client_positions_take (RapportSqlite  *db,
                                const char     *sort_key,
                                gint64          id,
                                guint           n,
                                gint64         *positions,
                                GError        **error)
{
  gint64 inside = 0;
  Gap gap;

  g_return_val_if_fail (n > 0, FALSE);

  if (!find_gap (db, sort_key, id, &gap, error))
    return FALSE;
  if (room_between (gap.low, gap.high) >= n)
    {
      if (!count_between (db, gap.low, gap.high, &inside, error))
        return FALSE;
      if (inside == 0)
        {
          fill_gap (&gap, n, positions);
          return TRUE;
        }
    }
  return renumber (db, sort_key, id, n, positions, error);
}

/**
 * _rapport_client_positions_place:
 * @db: the writer's connection, in a transaction
 * @id: a client whose row was just written
 * @position: (out): its position
 * @error: return location for an error
 *
 * Gives the client a position that follows its name, keeping the one it
 * has when that still does. Its search row, if it had one, must have
 * been deleted first: this moves only the others'.
 */
gboolean
_rapport_client_positions_place (RapportSqlite  *db,
                                 gint64          id,
                                 gint64         *position,
                                 GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *sort_key = NULL;
  gboolean has_row, placed;
  gint64 current;
  Gap gap;

  stmt = _rapport_sqlite_prepare (db, "SELECT sort_key, search_pos, search_pos IS NOT NULL FROM clients"
                                      " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  g_return_val_if_fail (has_row, FALSE);
  sort_key = _rapport_stmt_dup_text (stmt, 0);
  current = _rapport_stmt_column_int (stmt, 1);
  placed = _rapport_stmt_column_int (stmt, 2);
  g_clear_pointer (&stmt, _rapport_stmt_release);

  if (!find_gap (db, sort_key, id, &gap, error))
    return FALSE;
  if (placed && current > gap.low && current < gap.high)
    {
      *position = current;
      return give_phones (db, id, current, error);
    }

  stmt = _rapport_sqlite_prepare (db, "UPDATE clients SET search_pos = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  /* Its old position is free for the others while they are numbered. */
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_id_or_null (stmt, 2, 0);
  if (!_rapport_sqlite_run (db, stmt, error)
      || !_rapport_client_positions_take (db, sort_key, id, 1, position, error))
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, *position);
  return _rapport_sqlite_run (db, stmt, error) && give_phones (db, id, *position, error);
}
