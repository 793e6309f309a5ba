/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Many new clients at once (rapport_client_repository_add_many()): the
 * clients' rows are staged in temporary tables of the writer's connection,
 * then moved into each table by one INSERT … SELECT, in the order of the
 * table's busiest index.
 *
 * Why: written one client at a time, each of a client's ten statements
 * opened a statement journal (SQLite copies every page a statement changes
 * into it first, so that the statement alone can be undone) and touched
 * seven indexes at random; `perf` put most of the time there, not in the
 * B-trees. One statement a table copies each page it changes once, walks
 * each index in key order, and lets FTS5 take the search text in one go.
 * The temporary tables live in memory (temp_store = MEMORY), have no index
 * and no constraint, so staging a row costs next to nothing. */

#include "config.h"

#include <string.h>

#include "rapport-client-positions-private.h"
#include "rapport-client-repository-private.h"
#include "rapport-client-rules.h"
#include "rapport-phone-region.h"
#include "rapport-text.h"

/* What the staging tables hold: the columns of the real tables, and the
 * client's search text beside its row. */
static const char bulk_tables[] =
  "CREATE TEMP TABLE IF NOT EXISTS bulk_clients ("
  " id INTEGER PRIMARY KEY, kind, given_name, family_name, display_name, organization, notes,"
  " birthday, owner_id, sort_key, created_at, updated_at, archived_at, body);"
  "CREATE TEMP TABLE IF NOT EXISTS bulk_phones (client_id, position, label, number, match_key);"
  "CREATE TEMP TABLE IF NOT EXISTS bulk_emails (client_id, position, label, address, match_key);"
  "CREATE TEMP TABLE IF NOT EXISTS bulk_addresses ("
  " client_id, position, label, street, locality, region, postal_code, country);"
  "CREATE TEMP TABLE IF NOT EXISTS bulk_tags (client_id, position, name);"
  "CREATE TEMP TABLE IF NOT EXISTS bulk_words (word, client_id);";

static const char * const empty_statements[] = {
  "DELETE FROM temp.bulk_clients",
  "DELETE FROM temp.bulk_phones",
  "DELETE FROM temp.bulk_emails",
  "DELETE FROM temp.bulk_addresses",
  "DELETE FROM temp.bulk_tags",
  "DELETE FROM temp.bulk_words",
};

/* The clients' rows first, appended by id, without their positions in
 * the name order: those are taken next (place_staged()). */
static const char * const insert_statements[] = {
  "INSERT INTO clients (id, kind, given_name, family_name, display_name, organization, notes,"
  " birthday, owner_id, sort_key, created_at, updated_at, archived_at)"
  " SELECT id, kind, given_name, family_name, display_name, organization, notes,"
  " birthday, owner_id, sort_key, created_at, updated_at, archived_at"
  " FROM temp.bulk_clients ORDER BY id",
};

/* Then the rest from the staging tables into the file, each in the order
 * of its busiest index: phones (with their clients' positions, step 29)
 * and e-mails by match key, words by word, search rows by position. New
 * tags first, then the clients' links to them; the search index last.
 * The tags and words are what the one-at-a-time path writes with OR
 * IGNORE, so a client naming a tag twice is no error here either. A
 * search row at a free position is no client's: replaced. */
static const char * const move_statements[] = {
  "INSERT INTO client_phones (client_id, position, label, number, match_key, search_pos)"
  " SELECT p.client_id, p.position, p.label, p.number, p.match_key, c.search_pos"
  " FROM temp.bulk_phones AS p JOIN clients AS c ON c.id = p.client_id"
  " ORDER BY p.match_key, p.client_id, p.position",
  "INSERT INTO client_emails (client_id, position, label, address, match_key)"
  " SELECT client_id, position, label, address, match_key FROM temp.bulk_emails"
  " ORDER BY match_key, client_id, position",
  "INSERT INTO client_addresses (client_id, position, label, street, locality, region, postal_code, country)"
  " SELECT client_id, position, label, street, locality, region, postal_code, country"
  " FROM temp.bulk_addresses ORDER BY client_id, position",
  "INSERT INTO tags (name) SELECT name FROM temp.bulk_tags WHERE true"
  " ORDER BY client_id, position ON CONFLICT (name) DO NOTHING",
  "INSERT OR IGNORE INTO client_tags (client_id, tag_id, position)"
  " SELECT b.client_id, t.id, b.position FROM temp.bulk_tags b JOIN tags t ON t.name = b.name"
  " ORDER BY b.client_id, b.position",
  "INSERT OR IGNORE INTO client_words (word, client_id)"
  " SELECT word, client_id FROM temp.bulk_words ORDER BY word, client_id",
  "INSERT OR REPLACE INTO client_search (rowid, body)"
  " SELECT c.search_pos, b.body FROM temp.bulk_clients AS b JOIN clients AS c ON c.id = b.id"
  " ORDER BY c.search_pos",
};

typedef struct
{
  RapportSqlite *db;
  RapportStmt   *client;
  RapportStmt   *phone;
  RapportStmt   *email;
  RapportStmt   *address;
  RapportStmt   *tag;
  RapportStmt   *word;
  const char    *region;
} Stage;

static void
stage_clear (Stage *stage)
{
  g_clear_pointer (&stage->client, _rapport_stmt_release);
  g_clear_pointer (&stage->phone, _rapport_stmt_release);
  g_clear_pointer (&stage->email, _rapport_stmt_release);
  g_clear_pointer (&stage->address, _rapport_stmt_release);
  g_clear_pointer (&stage->tag, _rapport_stmt_release);
  g_clear_pointer (&stage->word, _rapport_stmt_release);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stage, stage_clear)

static gboolean
stage_prepare (Stage         *stage,
               GError       **error)
{
  RapportSqlite *db = stage->db;

  return (stage->client = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_clients VALUES"
                                                       " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                                       " ?11, ?12, ?13, ?14)", error)) != NULL
         && (stage->phone = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_phones VALUES"
                                                         " (?1, ?2, ?3, ?4, ?5)", error)) != NULL
         && (stage->email = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_emails VALUES"
                                                         " (?1, ?2, ?3, ?4, ?5)", error)) != NULL
         && (stage->address = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_addresses VALUES"
                                                           " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error)) != NULL
         && (stage->tag = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_tags VALUES (?1, ?2, ?3)",
                                                   error)) != NULL
         && (stage->word = _rapport_sqlite_prepare (db, "INSERT INTO temp.bulk_words VALUES (?1, ?2)",
                                                    error)) != NULL;
}

static gboolean
stage_points (Stage      *stage,
              RapportStmt *stmt,
              gint64      id,
              GPtrArray  *points,
              gboolean    phones,
              GError    **error)
{
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);
      g_autofree char *key = phones ? rapport_phone_match_key (point->value, stage->region)
                                    : rapport_email_match_key (point->value);

      _rapport_stmt_bind_int (stmt, 1, id);
      _rapport_stmt_bind_int (stmt, 2, i);
      _rapport_stmt_bind_text (stmt, 3, point->label);
      _rapport_stmt_bind_text (stmt, 4, point->value);
      _rapport_stmt_bind_text (stmt, 5, key ? key : "");
      if (!_rapport_sqlite_run (stage->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
stage_addresses (Stage      *stage,
                 gint64      id,
                 GPtrArray  *addresses,
                 GError    **error)
{
  for (guint i = 0; i < addresses->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (addresses, i);

      _rapport_stmt_bind_int (stage->address, 1, id);
      _rapport_stmt_bind_int (stage->address, 2, i);
      _rapport_stmt_bind_text (stage->address, 3, address->label);
      _rapport_stmt_bind_text (stage->address, 4, address->street);
      _rapport_stmt_bind_text (stage->address, 5, address->locality);
      _rapport_stmt_bind_text (stage->address, 6, address->region);
      _rapport_stmt_bind_text (stage->address, 7, address->postal_code);
      _rapport_stmt_bind_text (stage->address, 8, address->country);
      if (!_rapport_sqlite_run (stage->db, stage->address, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
stage_tags_and_words (Stage          *stage,
                      RapportClient  *client,
                      GError        **error)
{
  const char * const *tags = rapport_client_get_tags (client);
  g_autoptr(GPtrArray) words = rapport_client_dup_name_words (client);
  gint64 id = rapport_client_get_id (client);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      _rapport_stmt_bind_int (stage->tag, 1, id);
      _rapport_stmt_bind_int (stage->tag, 2, i);
      _rapport_stmt_bind_text (stage->tag, 3, tags[i]);
      if (!_rapport_sqlite_run (stage->db, stage->tag, error))
        return FALSE;
    }
  for (guint i = 0; i < words->len; i++)
    {
      _rapport_stmt_bind_text (stage->word, 1, g_ptr_array_index (words, i));
      _rapport_stmt_bind_int (stage->word, 2, id);
      if (!_rapport_sqlite_run (stage->db, stage->word, error))
        return FALSE;
    }
  return TRUE;
}

/* One client, already tidied, with the id it will have. */
static gboolean
stage_client (Stage          *stage,
              RapportClient  *client,
              gint64          now,
              GError        **error)
{
  RapportStmt *stmt = stage->client;
  g_autofree char *sort_key = rapport_client_dup_sort_key (client);
  g_autofree char *body = rapport_client_dup_search_text (client);
  gint64 id = rapport_client_get_id (client);
  gint64 created = rapport_client_get_created_at (client);
  gint64 updated = rapport_client_get_updated_at (client);

  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY
                                    ? "company" : "person");
  _rapport_stmt_bind_text (stmt, 3, rapport_client_get_given_name (client));
  _rapport_stmt_bind_text (stmt, 4, rapport_client_get_family_name (client));
  _rapport_stmt_bind_text (stmt, 5, rapport_client_get_display_name (client));
  _rapport_stmt_bind_text (stmt, 6, rapport_client_get_organization (client));
  _rapport_stmt_bind_text (stmt, 7, rapport_client_get_notes (client));
  _rapport_stmt_bind_text_or_null (stmt, 8, rapport_client_get_birthday (client));
  _rapport_stmt_bind_id_or_null (stmt, 9, rapport_client_get_owner_id (client));
  _rapport_stmt_bind_text (stmt, 10, sort_key);
  _rapport_stmt_bind_int (stmt, 11, created ? created : now);
  _rapport_stmt_bind_int (stmt, 12, updated ? updated : now);
  _rapport_stmt_bind_id_or_null (stmt, 13, rapport_client_get_archived_at (client));
  _rapport_stmt_bind_text (stmt, 14, body);

  return _rapport_sqlite_run (stage->db, stmt, error)
         && stage_points (stage, stage->phone, id, rapport_client_get_phones (client), TRUE, error)
         && stage_points (stage, stage->email, id, rapport_client_get_emails (client), FALSE, error)
         && stage_addresses (stage, id, rapport_client_get_addresses (client), error)
         && stage_tags_and_words (stage, client, error);
}

typedef struct
{
  gint64  id;
  char   *sort_key;
} Staged;

static void
staged_clear (gpointer data)
{
  g_free (((Staged *) data)->sort_key);
}

static gboolean
read_staged (RapportSqlite  *db,
             GArray         *staged,
             GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT id, sort_key FROM temp.bulk_clients ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Staged client = { _rapport_stmt_column_int (stmt, 0), _rapport_stmt_dup_text (stmt, 1) };

      g_array_append_val (staged, client);
    }
  return ok;
}

/* The first client with a position after @client in the name order, if
 * any: the staged clients are written without one until placed. */
static gboolean
read_next_placed (RapportStmt    *stmt,
                  RapportSqlite  *db,
                  const Staged   *client,
                  Staged         *next,
                  gboolean       *has_next,
                  GError        **error)
{
  _rapport_stmt_bind_text (stmt, 1, client->sort_key);
  _rapport_stmt_bind_int (stmt, 2, client->id);
  if (!_rapport_sqlite_step (db, stmt, has_next, error))
    return FALSE;
  if (*has_next)
    {
      next->id = _rapport_stmt_column_int (stmt, 0);
      next->sort_key = _rapport_stmt_dup_text (stmt, 1);
    }
  _rapport_stmt_release (stmt);
  return TRUE;
}

static gboolean
comes_before (const Staged *a,
              const Staged *b)
{
  int by_key = strcmp (a->sort_key, b->sort_key);

  return by_key < 0 || (by_key == 0 && a->id < b->id);
}

/* Gives the @n staged clients from @run on the @positions taken for them. */
static gboolean
set_positions (RapportSqlite  *db,
               const Staged   *run,
               guint           n,
               const gint64   *positions,
               GError        **error)
{
  g_autoptr(RapportStmt) set = NULL;

  set = _rapport_sqlite_prepare (db, "UPDATE clients SET search_pos = ?2 WHERE id = ?1", error);

  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      _rapport_stmt_bind_int (set, 1, run[i].id);
      _rapport_stmt_bind_int (set, 2, positions[i]);
      if (!_rapport_sqlite_run (db, set, error))
        return FALSE;
    }
  return TRUE;
}

/* Gives each staged client, written without one, its position in the
 * name order (rapport-client-positions.c), in name order: those that
 * fall between the same two placed clients take theirs together. Each
 * run is placed before the next is looked at, so where clients are
 * numbered again to make room, those placed already move with the
 * rest. */
static gboolean
place_staged (RapportSqlite  *db,
              GError        **error)
{
  g_autoptr(GArray) staged = g_array_new (FALSE, FALSE, sizeof (Staged));
  g_autoptr(RapportStmt) next_stmt = NULL;
  g_autofree gint64 *positions = NULL;

  g_array_set_clear_func (staged, staged_clear);
  if (!read_staged (db, staged, error))
    return FALSE;
  positions = g_new (gint64, MAX (staged->len, 1));
  next_stmt = _rapport_sqlite_prepare (db, "SELECT id, sort_key FROM clients"
                                           " WHERE (sort_key, id) > (?1, ?2) AND search_pos IS NOT NULL"
                                           " ORDER BY sort_key, id LIMIT 1", error);
  if (next_stmt == NULL)
    return FALSE;

  for (guint i = 0, end; i < staged->len; i = end)
    {
      const Staged *first = &g_array_index (staged, Staged, i);
      Staged next = { 0 };
      gboolean has_next;

      if (!read_next_placed (next_stmt, db, first, &next, &has_next, error))
        return FALSE;
      for (end = i + 1; end < staged->len; end++)
        if (has_next && !comes_before (&g_array_index (staged, Staged, end), &next))
          break;
      g_free (next.sort_key);
      if (!_rapport_client_positions_take (db, first->sort_key, first->id, end - i, positions, error)
          || !set_positions (db, first, end - i, positions, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_all (RapportSqlite       *db,
         const char * const *statements,
         guint               n_statements,
         GError            **error)
{
  for (guint i = 0; i < n_statements; i++)
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, statements[i], error);

      if (stmt == NULL || !_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The largest client id, and whether @n more fit above it: SQLite gives a
 * new row the largest id plus one, and so does this; a file whose ids
 * reach the top leaves the choice to SQLite, one client at a time. */
gboolean
_rapport_client_repository_bulk_base (RapportClientRepository  *self,
                                      guint                     n,
                                      gint64                   *base,
                                      gboolean                 *room,
                                      GError                  **error)
{
  if (!_rapport_sqlite_get_int (_rapport_database_get_connection (self->database),
                                "SELECT coalesce(max(id), 0) FROM clients", base, error))
    return FALSE;
  *base = MAX (*base, 0);
  *room = *base <= G_MAXINT64 - (gint64) n;
  return TRUE;
}

/* Writes @clients, tidied and checked, as new clients with the ids
 * @base + 1, @base + 2…, in the caller's transaction. On failure the
 * caller rolls back; the ids given are the caller's to take back. */
gboolean
_rapport_client_repository_insert_set (RapportClientRepository  *self,
                                       GPtrArray                *clients,
                                       gint64                    base,
                                       gint64                    now,
                                       GError                  **error)
{
  g_auto(Stage) stage = { _rapport_database_get_connection (self->database), };
  g_autofree char *region = NULL;

  region = _rapport_client_repository_read_phone_region (stage.db, error);
  if (region == NULL)
    return FALSE;
  stage.region = region;

  if (!_rapport_sqlite_exec (stage.db, bulk_tables, error)
      || !run_all (stage.db, empty_statements, G_N_ELEMENTS (empty_statements), error)
      || !stage_prepare (&stage, error))
    return FALSE;

  for (guint i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);

      rapport_client_set_id (client, base + 1 + i);
      if (!stage_client (&stage, client, now, error))
        return FALSE;
    }
  stage_clear (&stage);

  if (!run_all (stage.db, insert_statements, G_N_ELEMENTS (insert_statements), error)
      || !place_staged (stage.db, error)
      || !run_all (stage.db, move_statements, G_N_ELEMENTS (move_statements), error)
      || !run_all (stage.db, empty_statements, G_N_ELEMENTS (empty_statements), error))
    return FALSE;

  for (guint i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);
      gint64 created = rapport_client_get_created_at (client);
      gint64 updated = rapport_client_get_updated_at (client);

      _rapport_client_set_times (client, created ? created : now, updated ? updated : now,
                                 rapport_client_get_archived_at (client), 0);
    }
  return TRUE;
}

static char *
quote_name (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

/* The tables whose rows keep a client from being deleted: every foreign
 * key to clients that neither cascades nor lets go (interactions, tasks,
 * orders…, and whatever a later table brings), as (table, column) pairs. */
static GPtrArray *
list_history_references (RapportSqlite  *db,
                         GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT m.name, f.\"from\""
                                  " FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f"
                                  " WHERE m.type = 'table' AND f.\"table\" = 'clients' COLLATE NOCASE"
                                  " AND f.on_delete NOT IN ('CASCADE', 'SET NULL', 'SET DEFAULT')"
                                  " ORDER BY m.name, f.\"from\"",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      g_ptr_array_add (pairs, quote_name (_rapport_stmt_column_text (stmt, 0)));
      g_ptr_array_add (pairs, quote_name (_rapport_stmt_column_text (stmt, 1)));
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&pairs);
}

/* Sets the clients to remove that history points at aside: archived, and
 * no longer to delete. */
static gboolean
archive_with_history (RapportSqlite  *db,
                      gint64          now,
                      GError        **error)
{
  g_autoptr(GPtrArray) pairs = list_history_references (db, error);

  if (pairs == NULL)
    return FALSE;
  for (guint i = 0; i < pairs->len; i += 2)
    {
      const char *table = g_ptr_array_index (pairs, i);
      const char *column = g_ptr_array_index (pairs, i + 1);
      g_autofree char *held = g_strdup_printf ("EXISTS (SELECT 1 FROM main.%s WHERE %s = r.id)", table, column);
      g_autofree char *archive = g_strdup_printf ("UPDATE clients SET archived_at = coalesce(archived_at, ?1)"
                                                  " WHERE id IN (SELECT r.id FROM temp.bulk_remove r WHERE %s)",
                                                  held);
      g_autofree char *keep = g_strdup_printf ("DELETE FROM temp.bulk_remove AS r WHERE %s", held);
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, archive, error);

      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, now);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, _rapport_stmt_release);
      stmt = _rapport_sqlite_prepare (db, keep, error);
      if (stmt == NULL || !_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes the clients @ids in the caller's transaction, with no change
 * notice of its own (undoing an import of thousands), as
 * rapport_client_repository_remove() removes one, but a statement for
 * all: those that history points at are archived, the
 * others deleted — their search rows first, then the clients, whose
 * phones, e-mails, words… go with them (ON DELETE CASCADE). Ids that are
 * no client's are passed over. */
gboolean
_rapport_client_repository_remove_set (RapportClientRepository  *self,
                                       GArray                   *ids,
                                       GError                  **error)
{
  static const char * const remove_statements[] = {
    "DELETE FROM client_search WHERE rowid IN"
    " (SELECT search_pos FROM clients WHERE id IN (SELECT id FROM temp.bulk_remove))",
    "DELETE FROM clients WHERE id IN (SELECT id FROM temp.bulk_remove)",
    "DELETE FROM temp.bulk_remove",
  };
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  g_autoptr(RapportStmt) stage = NULL;

  if (!_rapport_sqlite_exec (db, "CREATE TEMP TABLE IF NOT EXISTS bulk_remove (id INTEGER PRIMARY KEY);"
                                 "DELETE FROM temp.bulk_remove", error))
    return FALSE;
  stage = _rapport_sqlite_prepare (db, "INSERT OR IGNORE INTO temp.bulk_remove (id) VALUES (?1)", error);
  if (stage == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      _rapport_stmt_bind_int (stage, 1, g_array_index (ids, gint64, i));
      if (!_rapport_sqlite_run (db, stage, error))
        return FALSE;
    }
  g_clear_pointer (&stage, _rapport_stmt_release);

  return archive_with_history (db, rapport_database_now (self->database), error)
         && run_all (db, remove_statements, G_N_ELEMENTS (remove_statements), error);
}
