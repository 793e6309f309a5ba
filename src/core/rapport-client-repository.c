/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Clients, with their phones, e-mails, addresses and tags: their SQL and
 * nothing else. What a valid client is lives in rapport-client-rules.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-client-repository-private.h"
#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-phone-region.h"
#include "rapport-set-str-private.h"
#include "rapport-text.h"

G_DEFINE_FINAL_TYPE (RapportClientRepository, rapport_client_repository, G_TYPE_OBJECT)

#define CLIENT_COLUMNS \
  "c.id, c.kind, c.given_name, c.family_name, c.display_name, c.organization," \
  " c.notes, c.birthday, c.owner_id, c.created_at, c.updated_at, c.archived_at," \
  " c.last_contact_at," \
  " (SELECT number FROM client_phones WHERE client_id = c.id ORDER BY position LIMIT 1)," \
  " (SELECT address FROM client_emails WHERE client_id = c.id ORDER BY position LIMIT 1)"

static void
rapport_client_repository_finalize (GObject *object)
{
  RapportClientRepository *self = (RapportClientRepository *) object;

  g_clear_pointer (&self->search_cache, _rapport_search_cache_free);
  g_clear_pointer (&self->reader_cache, _rapport_search_cache_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_client_repository_parent_class)->finalize (object);
}

static void
rapport_client_repository_class_init (RapportClientRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_client_repository_finalize;
}

static void
rapport_client_repository_init (RapportClientRepository *self)
{
  self->search_cache = _rapport_search_cache_new ();
  self->reader_cache = _rapport_search_cache_new ();
}

/**
 * rapport_client_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the clients of @database
 */
RapportClientRepository *
rapport_client_repository_new (RapportDatabase *database)
{
  RapportClientRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_CLIENT_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

/**
 * rapport_client_repository_get_database:
 * @self: the clients
 *
 * Returns: (transfer none): their database
 */
RapportDatabase *
rapport_client_repository_get_database (RapportClientRepository *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);
  return self->database;
}

static RapportSqlite *
connection (RapportClientRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

static const char *
kind_to_string (RapportClientKind kind)
{
  return kind == RAPPORT_CLIENT_COMPANY ? "company" : "person";
}

static RapportClient *
client_from_row (RapportStmt *stmt)
{
  RapportClient *client = rapport_client_new ();

  rapport_client_set_id (client, _rapport_stmt_column_int (stmt, 0));
  rapport_client_set_kind (client, g_str_equal (_rapport_stmt_column_text (stmt, 1), "company")
                                   ? RAPPORT_CLIENT_COMPANY : RAPPORT_CLIENT_PERSON);
  rapport_client_set_given_name (client, _rapport_stmt_column_text (stmt, 2));
  rapport_client_set_family_name (client, _rapport_stmt_column_text (stmt, 3));
  rapport_client_set_display_name (client, _rapport_stmt_column_text (stmt, 4));
  rapport_client_set_organization (client, _rapport_stmt_column_text (stmt, 5));
  rapport_client_set_notes (client, _rapport_stmt_column_text (stmt, 6));
  rapport_client_set_birthday (client, _rapport_stmt_column_text (stmt, 7));
  rapport_client_set_owner_id (client, _rapport_stmt_column_int (stmt, 8));
  _rapport_client_set_times (client,
                             _rapport_stmt_column_int (stmt, 9),
                             _rapport_stmt_column_int (stmt, 10),
                             _rapport_stmt_column_int (stmt, 11),
                             _rapport_stmt_column_int (stmt, 12));
  _rapport_client_set_summary (client,
                               _rapport_stmt_column_text (stmt, 13),
                               _rapport_stmt_column_text (stmt, 14));
  return client;
}

static void
set_tags_from_builder (RapportClient *client,
                       GStrvBuilder  *builder)
{
  g_auto(GStrv) names = g_strv_builder_end (builder);

  rapport_client_set_tags (client, (const char * const *) names);
}

/* Fills in the tags of @clients (id → client) with one query. */
static gboolean
load_tags (RapportClientRepository  *self,
           GHashTable               *clients,
           const char               *ids_json,
           GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  RapportClient *current = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT ct.client_id, t.name FROM client_tags ct"
                                  " JOIN tags t ON t.id = ct.tag_id"
                                  " WHERE ct.client_id IN (SELECT value FROM json_each(?1))"
                                  " ORDER BY ct.client_id, ct.position",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, ids_json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      RapportClient *client = g_hash_table_lookup (clients, &id);

      if (client != current)
        {
          if (current != NULL)
            set_tags_from_builder (current, builder);
          g_clear_pointer (&builder, g_strv_builder_unref);
          builder = g_strv_builder_new ();
          current = client;
        }
      if (client != NULL)
        g_strv_builder_add (builder, _rapport_stmt_column_text (stmt, 1));
    }
  if (!ok)
    return FALSE;

  if (current != NULL)
    set_tags_from_builder (current, builder);
  return TRUE;
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Fills in every phone and e-mail (@phones) of @clients (id → client) with
 * one query. */
static gboolean
load_all_contact_points (RapportClientRepository  *self,
                         GHashTable               *clients,
                         const char               *ids_json,
                         gboolean                  phones,
                         GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  phones
                                  ? "SELECT client_id, label, number FROM client_phones"
                                    " WHERE client_id IN (SELECT value FROM json_each(?1))"
                                    " ORDER BY client_id, position"
                                  : "SELECT client_id, label, address FROM client_emails"
                                    " WHERE client_id IN (SELECT value FROM json_each(?1))"
                                    " ORDER BY client_id, position",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, ids_json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      RapportClient *client = g_hash_table_lookup (clients, &id);

      if (client != NULL)
        (phones ? rapport_client_add_phone : rapport_client_add_email) (client,
                                                                        _rapport_stmt_column_text (stmt, 1),
                                                                        _rapport_stmt_column_text (stmt, 2));
    }
  return ok;
}

static gboolean
load_all_addresses (RapportClientRepository  *self,
                    GHashTable               *clients,
                    const char               *ids_json,
                    GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT client_id, label, street, locality, region, postal_code, country"
                                  " FROM client_addresses"
                                  " WHERE client_id IN (SELECT value FROM json_each(?1))"
                                  " ORDER BY client_id, position",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, ids_json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      RapportClient *client = g_hash_table_lookup (clients, &id);
      g_autoptr(RapportAddress) address = NULL;

      if (client == NULL)
        continue;
      address = rapport_address_new ();
      _rapport_set_str (&address->label, _rapport_stmt_column_text (stmt, 1));
      _rapport_set_str (&address->street, _rapport_stmt_column_text (stmt, 2));
      _rapport_set_str (&address->locality, _rapport_stmt_column_text (stmt, 3));
      _rapport_set_str (&address->region, _rapport_stmt_column_text (stmt, 4));
      _rapport_set_str (&address->postal_code, _rapport_stmt_column_text (stmt, 5));
      _rapport_set_str (&address->country, _rapport_stmt_column_text (stmt, 6));
      rapport_client_add_address (client, address);
    }
  return ok;
}

static GPtrArray *
load_clients (RapportClientRepository  *self,
              const gint64             *ids,
              guint                     n_ids,
              gboolean                  details,
              GError                  **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  db = connection (self);
  result = g_ptr_array_new_full (n_ids, unref_if_set);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  json = _rapport_sqlite_ids_to_json (ids, n_ids);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " CLIENT_COLUMNS " FROM clients c"
                                  " WHERE c.id IN (SELECT value FROM json_each(?1))",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, json);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportClient *client = client_from_row (stmt);
      gint64 id = rapport_client_get_id (client);

      /* With every phone and e-mail, the summary's first ones give way. */
      if (details)
        _rapport_client_set_summary (client, NULL, NULL);
      g_hash_table_replace (by_id, g_memdup2 (&id, sizeof id), client);
    }
  if (!ok || !load_tags (self, by_id, json, error))
    return NULL;
  if (details
      && (!load_all_contact_points (self, by_id, json, TRUE, error)
          || !load_all_contact_points (self, by_id, json, FALSE, error)
          || !load_all_addresses (self, by_id, json, error)))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      RapportClient *client = g_hash_table_lookup (by_id, &ids[i]);

      g_ptr_array_add (result, client ? g_object_ref (client) : NULL);
    }

  return g_steal_pointer (&result);
}

/**
 * rapport_client_repository_load:
 * @self: the clients
 * @ids: (array length=n_ids): client ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * Loads what a list row shows — names, first phone and e-mail, tags, last
 * contact — for many clients with a handful of indexed queries.
 *
 * Returns: (transfer full) (element-type RapportClient): the clients in the
 *   order of @ids, with %NULL where a client no longer exists
 */
GPtrArray *
rapport_client_repository_load (RapportClientRepository  *self,
                                const gint64             *ids,
                                guint                     n_ids,
                                GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  return load_clients (self, ids, n_ids, FALSE, error);
}

/**
 * rapport_client_repository_load_details:
 * @self: the clients
 * @ids: (array length=n_ids): client ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * As rapport_client_repository_load(), with every phone, e-mail and
 * address too, in three more queries: what a search row needs to say what
 * matched.
 *
 * Returns: (transfer full) (element-type RapportClient): the clients in the
 *   order of @ids, with %NULL where a client no longer exists
 */
GPtrArray *
rapport_client_repository_load_details (RapportClientRepository  *self,
                                        const gint64             *ids,
                                        guint                     n_ids,
                                        GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  return load_clients (self, ids, n_ids, TRUE, error);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                       _("The client no longer exists."));
}

/**
 * rapport_client_repository_get:
 * @self: the clients
 * @id: a client id
 * @error: return location for an error
 *
 * Returns: (transfer full): the client with all its phones, e-mails,
 *   addresses and tags, or %NULL with %RAPPORT_ERROR_NOT_FOUND
 */
RapportClient *
rapport_client_repository_get (RapportClientRepository  *self,
                               gint64                    id,
                               GError                  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  RapportClient *client;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  found = load_clients (self, &id, 1, TRUE, error);
  if (found == NULL)
    return NULL;

  client = g_ptr_array_index (found, 0);
  if (client == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  return g_object_ref (client);
}

static gboolean
check_owner (RapportClientRepository  *self,
             gint64                    owner_id,
             GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean exists = FALSE;

  if (owner_id == 0)
    return TRUE;

  stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, owner_id);
  if (!_rapport_sqlite_step (db, stmt, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Owner: the staff member chosen no longer exists."));
      return FALSE;
    }
  return TRUE;
}

static void
bind_client_fields (RapportStmt   *stmt,
                    RapportClient *client,
                    const char    *sort_key)
{
  _rapport_stmt_bind_text (stmt, 1, kind_to_string (rapport_client_get_kind (client)));
  _rapport_stmt_bind_text (stmt, 2, rapport_client_get_given_name (client));
  _rapport_stmt_bind_text (stmt, 3, rapport_client_get_family_name (client));
  _rapport_stmt_bind_text (stmt, 4, rapport_client_get_display_name (client));
  _rapport_stmt_bind_text (stmt, 5, rapport_client_get_organization (client));
  _rapport_stmt_bind_text (stmt, 6, rapport_client_get_notes (client));
  _rapport_stmt_bind_text_or_null (stmt, 7, rapport_client_get_birthday (client));
  _rapport_stmt_bind_id_or_null (stmt, 8, rapport_client_get_owner_id (client));
  _rapport_stmt_bind_text (stmt, 9, sort_key);
}

static gboolean
insert_client_row (RapportClientRepository  *self,
                   RapportClient            *client,
                   gboolean                  restore,
                   const char               *sort_key,
                   gint64                    now,
                   GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 created = rapport_client_get_created_at (client);
  gint64 updated = rapport_client_get_updated_at (client);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO clients (kind, given_name, family_name, display_name,"
                                  " organization, notes, birthday, owner_id, sort_key, id,"
                                  " created_at, updated_at, archived_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  bind_client_fields (stmt, client, sort_key);
  /* A restored client comes back under its own id, whatever it is. */
  if (restore)
    _rapport_stmt_bind_int (stmt, 10, rapport_client_get_id (client));
  _rapport_stmt_bind_int (stmt, 11, created ? created : now);
  _rapport_stmt_bind_int (stmt, 12, updated ? updated : now);
  _rapport_stmt_bind_id_or_null (stmt, 13, rapport_client_get_archived_at (client));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (!restore)
    rapport_client_set_id (client, _rapport_sqlite_last_insert_id (db));
  _rapport_client_set_times (client, created ? created : now, updated ? updated : now,
                             rapport_client_get_archived_at (client), 0);
  return TRUE;
}

static gboolean
update_client_row (RapportClientRepository  *self,
                   RapportClient            *client,
                   const char               *sort_key,
                   gint64                    now,
                   GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE clients SET kind = ?1, given_name = ?2, family_name = ?3,"
                                  " display_name = ?4, organization = ?5, notes = ?6, birthday = ?7,"
                                  " owner_id = ?8, sort_key = ?9, updated_at = ?11"
                                  " WHERE id = ?10",
                                  error);
  if (stmt == NULL)
    return FALSE;

  bind_client_fields (stmt, client, sort_key);
  _rapport_stmt_bind_int (stmt, 10, rapport_client_get_id (client));
  _rapport_stmt_bind_int (stmt, 11, now);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("The client “%s” no longer exists."),
                   rapport_client_get_display_name (client));
      return FALSE;
    }

  return TRUE;
}

static gboolean
delete_children (RapportClientRepository  *self,
                 gint64                    id,
                 GError                  **error)
{
  static const char * const statements[] = {
    "DELETE FROM client_phones WHERE client_id = ?1",
    "DELETE FROM client_emails WHERE client_id = ?1",
    "DELETE FROM client_addresses WHERE client_id = ?1",
    "DELETE FROM client_tags WHERE client_id = ?1",
  };

  return _rapport_sqlite_run_each_with_id (connection (self), statements,
                                           G_N_ELEMENTS (statements), id, error);
}

char *
_rapport_client_repository_read_phone_region (RapportSqlite  *db,
                                              GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT region FROM phone_settings WHERE id = 1", error);
  if (stmt == NULL || !_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  return g_strdup (has_row ? _rapport_stmt_column_text (stmt, 0) : "");
}

typedef struct
{
  gint64  id;
  char   *key;
} PhoneRow;

static void
phone_row_clear (PhoneRow *row)
{
  g_free (row->key);
}

/* The phones whose key is not what @region makes of their number, with the
 * key it makes. */
static GArray *
list_stale_keys (RapportSqlite  *db,
                 const char     *region,
                 GError        **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PhoneRow));
  g_autoptr(RapportStmt) read = NULL;
  gboolean has_row, ok;

  g_array_set_clear_func (rows, (GDestroyNotify) phone_row_clear);
  read = _rapport_sqlite_prepare (db, "SELECT id, number, match_key FROM client_phones", error);
  if (read == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, read, &has_row, error)) && has_row)
    {
      g_autofree char *key = rapport_phone_match_key (_rapport_stmt_column_text (read, 1), region);
      PhoneRow row = { _rapport_stmt_column_int (read, 0), NULL };

      if (g_strcmp0 (key ? key : "", _rapport_stmt_column_text (read, 2)) == 0)
        continue;
      row.key = key ? g_steal_pointer (&key) : g_strdup ("");
      g_array_append_val (rows, row);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The statement that made the index @name, as the file holds it. */
static char *
dup_index_sql (RapportSqlite  *db,
               const char     *name,
               GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, name);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      _rapport_sqlite_set_error (db, SQLITE_CORRUPT, error);
      return NULL;
    }
  return _rapport_stmt_dup_text (stmt, 0);
}

/* Makes the phones' match keys again for @region, and records @region.
 * Only the keys that change are written (a change of country changes the
 * numbers written without a calling code), with their index made anew
 * after when there are many: one sort instead of a tree update a row. */
gboolean
_rapport_client_repository_rebuild_phone_keys (RapportSqlite  *db,
                                               const char     *region,
                                               GError        **error)
{
  g_autoptr(GArray) rows = list_stale_keys (db, region, error);
  g_autoptr(RapportStmt) write = NULL;
  g_autoptr(RapportStmt) record = NULL;
  g_autofree char *index_sql = NULL;
  gboolean many;

  if (rows == NULL)
    return FALSE;

  many = rows->len > 1000;
  if (many && ((index_sql = dup_index_sql (db, "client_phones_by_match_key", error)) == NULL
               || !_rapport_sqlite_exec (db, "DROP INDEX client_phones_by_match_key", error)))
    return FALSE;
  write = _rapport_sqlite_prepare (db, "UPDATE client_phones SET match_key = ?1 WHERE id = ?2", error);
  if (write == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      PhoneRow *row = &g_array_index (rows, PhoneRow, i);

      _rapport_stmt_bind_text (write, 1, row->key);
      _rapport_stmt_bind_int (write, 2, row->id);
      if (!_rapport_sqlite_run (db, write, error))
        return FALSE;
    }
  /* As the schema's steps made it (with each phone's client since step
   * 19, and its position since step 29). */
  if (many && !_rapport_sqlite_exec (db, index_sql, error))
    return FALSE;

  record = _rapport_sqlite_prepare (db, "UPDATE phone_settings SET region = ?1 WHERE id = 1", error);
  if (record == NULL)
    return FALSE;
  _rapport_stmt_bind_text (record, 1, region);
  return _rapport_sqlite_run (db, record, error);
}

/**
 * rapport_client_repository_dup_phone_region:
 * @self: the clients
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the ISO 3166 code of the country
 *   whose numbers are written without a calling code in this file, or an
 *   empty string when none is known; %NULL on error
 */
char *
rapport_client_repository_dup_phone_region (RapportClientRepository  *self,
                                            GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  return _rapport_client_repository_read_phone_region (connection (self), error);
}

/**
 * rapport_client_repository_set_phone_region:
 * @self: the clients
 * @region: an ISO 3166 country code rapport_phone_region_lookup() knows,
 *   or an empty string for none
 * @error: return location for an error
 *
 * Sets the business's own country, whose numbers people write without a
 * calling code, and makes every phone's match key again for it when it
 * changes (rapport_phone_match_key()).
 */
gboolean
rapport_client_repository_set_phone_region (RapportClientRepository  *self,
                                            const char               *region,
                                            GError                  **error)
{
  g_autofree char *current = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  if (*region != '\0' && rapport_phone_region_lookup (region) == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a country whose phone numbers Rapport knows."), region);
      return FALSE;
    }
  wanted = g_ascii_strup (region, -1);
  current = _rapport_client_repository_read_phone_region (connection (self), error);
  if (current == NULL)
    return FALSE;
  if (g_str_equal (current, wanted))
    return TRUE;

  /* A batch: every phone's key may change, and what the rows held goes
   * back to the system after. */
  if (!rapport_database_begin_batch (self->database, error))
    return FALSE;
  if (!_rapport_client_repository_rebuild_phone_keys (connection (self), wanted, error))
    {
      rapport_database_cancel_batch (self->database);
      return FALSE;
    }
  /* What each client shows is the same; which clients a search finds is not. */
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  return rapport_database_end_batch (self->database, error);
}

static gboolean
insert_contact_points (RapportClientRepository  *self,
                       gint64                    id,
                       GPtrArray                *points,
                       gboolean                  phones,
                       GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *region = NULL;

  if (phones && (region = _rapport_client_repository_read_phone_region (db, error)) == NULL)
    return FALSE;

  stmt = _rapport_sqlite_prepare (db,
                                  phones
                                  ? "INSERT INTO client_phones (client_id, position, label, number, match_key)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5)"
                                  : "INSERT INTO client_emails (client_id, position, label, address, match_key)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);
      g_autofree char *key = phones ? rapport_phone_match_key (point->value, region)
                                    : rapport_email_match_key (point->value);

      _rapport_stmt_bind_int (stmt, 1, id);
      _rapport_stmt_bind_int (stmt, 2, i);
      _rapport_stmt_bind_text (stmt, 3, point->label);
      _rapport_stmt_bind_text (stmt, 4, point->value);
      _rapport_stmt_bind_text (stmt, 5, key ? key : "");
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_addresses (RapportClientRepository  *self,
                  gint64                    id,
                  GPtrArray                *addresses,
                  GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO client_addresses (client_id, position, label, street,"
                                  " locality, region, postal_code, country)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < addresses->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (addresses, i);

      _rapport_stmt_bind_int (stmt, 1, id);
      _rapport_stmt_bind_int (stmt, 2, i);
      _rapport_stmt_bind_text (stmt, 3, address->label);
      _rapport_stmt_bind_text (stmt, 4, address->street);
      _rapport_stmt_bind_text (stmt, 5, address->locality);
      _rapport_stmt_bind_text (stmt, 6, address->region);
      _rapport_stmt_bind_text (stmt, 7, address->postal_code);
      _rapport_stmt_bind_text (stmt, 8, address->country);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_tags (RapportClientRepository  *self,
             gint64                    id,
             const char * const       *tags,
             GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) add_tag = NULL;
  g_autoptr(RapportStmt) link = NULL;

  add_tag = _rapport_sqlite_prepare (db,
                                     "INSERT INTO tags (name) VALUES (?1)"
                                     " ON CONFLICT (name) DO NOTHING",
                                     error);
  if (add_tag == NULL)
    return FALSE;
  link = _rapport_sqlite_prepare (db,
                                  "INSERT OR IGNORE INTO client_tags (client_id, tag_id, position)"
                                  " SELECT ?1, id, ?2 FROM tags WHERE name = ?3",
                                  error);
  if (link == NULL)
    return FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      _rapport_stmt_bind_text (add_tag, 1, tags[i]);
      if (!_rapport_sqlite_run (db, add_tag, error))
        return FALSE;

      _rapport_stmt_bind_int (link, 1, id);
      _rapport_stmt_bind_int (link, 2, i);
      _rapport_stmt_bind_text (link, 3, tags[i]);
      if (!_rapport_sqlite_run (db, link, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_rows (RapportClientRepository  *self,
            RapportClient            *client,
            gboolean                  is_new,
            gboolean                  restore,
            gint64                    now,
            GError                  **error)
{
  g_autofree char *sort_key = rapport_client_dup_sort_key (client);
  gint64 id;

  if (!(is_new ? insert_client_row (self, client, restore, sort_key, now, error)
               : update_client_row (self, client, sort_key, now, error)))
    return FALSE;

  id = rapport_client_get_id (client);
  return (is_new || delete_children (self, id, error))
         && insert_contact_points (self, id, rapport_client_get_phones (client), TRUE, error)
         && insert_contact_points (self, id, rapport_client_get_emails (client), FALSE, error)
         && insert_addresses (self, id, rapport_client_get_addresses (client), error)
         && insert_tags (self, id, rapport_client_get_tags (client), error)
         && _rapport_client_repository_index (self, client, error);
}

/* Writes @client and everything it owns. With @restore, a client that was
 * deleted comes back under its old id and times. */
static gboolean
write_client (RapportClientRepository  *self,
              RapportClient            *client,
              gboolean                  restore,
              GError                  **error)
{
  gint64 now = rapport_database_now (self->database);
  gboolean is_new = rapport_client_get_id (client) == 0 || restore;

  if (!rapport_client_tidy (client, error)
      || !check_owner (self, rapport_client_get_owner_id (client), error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;

  if (!write_rows (self, client, is_new, restore, now, error))
    {
      _rapport_database_rollback (self->database);
      if (is_new && !restore)
        rapport_client_set_id (client, 0);
      return FALSE;
    }

  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, rapport_client_get_id (client));
  if (!_rapport_database_commit (self->database, error))
    {
      if (is_new && !restore)
        rapport_client_set_id (client, 0);
      return FALSE;
    }

  if (!is_new)
    _rapport_client_set_times (client, rapport_client_get_created_at (client), now,
                               rapport_client_get_archived_at (client),
                               rapport_client_get_last_contact_at (client));
  return TRUE;
}

/**
 * rapport_client_repository_save:
 * @self: the clients
 * @client: a new client (id 0) or a changed one
 * @error: return location for an error
 *
 * Checks and saves @client with its phones, e-mails, addresses and tags.
 * What a person entered is tidied in @client itself (rapport_client_tidy());
 * a new client gets its id. A value that cannot be saved fails with
 * %RAPPORT_ERROR_INVALID and a message that names the field; nothing is
 * written then.
 */
gboolean
rapport_client_repository_save (RapportClientRepository  *self,
                                RapportClient            *client,
                                GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), FALSE);

  return write_client (self, client, FALSE, error);
}

/* Undoes the ids given to the first @n of @clients by a write that was
 * rolled back. */
static void
forget_ids (GPtrArray *clients,
            guint      n)
{
  for (guint i = 0; i < n; i++)
    rapport_client_set_id (g_ptr_array_index (clients, i), 0);
}

/* Tidies and checks @clients for add_many(), each owner looked up once.
 * Returns the place of the first refused, or @clients->len. */
static guint
check_many (RapportClientRepository  *self,
            GPtrArray                *clients,
            GError                  **error)
{
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i, k;

  for (i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);
      gint64 owner = rapport_client_get_owner_id (client);

      if (!rapport_client_tidy (client, error))
        return i;
      for (k = 0; k < owners->len && g_array_index (owners, gint64, k) != owner; k++)
        ;
      if (k < owners->len)
        continue;
      if (!check_owner (self, owner, error))
        return i;
      g_array_append_val (owners, owner);
    }
  return i;
}

/* All of @clients in one statement a table (rapport-client-repository-bulk.c);
 * FALSE with no error when the file's ids leave no room for them. */
static gboolean
write_set (RapportClientRepository  *self,
           GPtrArray                *clients,
           gint64                    now,
           GError                  **error)
{
  gint64 base = 0;
  gboolean room = FALSE;

  return _rapport_client_repository_bulk_base (self, clients->len, &base, &room, error)
         && room
         && _rapport_client_repository_insert_set (self, clients, base, now, error);
}

/* @clients one at a time, as a save writes one. Returns the place of the
 * first refused, or @clients->len. */
static guint
write_each (RapportClientRepository  *self,
            GPtrArray                *clients,
            gint64                    now,
            GError                  **error)
{
  guint i;

  for (i = 0; i < clients->len; i++)
    if (!write_rows (self, g_ptr_array_index (clients, i), TRUE, FALSE, now, error))
      break;
  return i;
}

/**
 * rapport_client_repository_add_many:
 * @self: the clients
 * @clients: (element-type RapportClient): new clients, each with id 0
 * @error: return location for an error
 *
 * The bulk path, for imports and sample data: adds @clients with their
 * phones, e-mails, addresses and tags, each checked and tidied as
 * rapport_client_repository_save() does, all in one transaction — a step
 * of the caller's batch when one is open (call
 * rapport_database_yield_batch() between calls, so that a waiting save
 * gets in), its own batch otherwise. Watchers hear of them as many
 * changes. When one fails, none of @clients is written and the message
 * names it, by its place in @clients (from 1) and its name; every id is
 * 0 again. Each added client gets its id, in the order of @clients.
 */
gboolean
rapport_client_repository_add_many (RapportClientRepository  *self,
                                    GPtrArray                *clients,
                                    GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 now;
  guint i;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (clients != NULL, FALSE);

  for (i = 0; i < clients->len; i++)
    {
      RapportClient *client = g_ptr_array_index (clients, i);

      g_return_val_if_fail (RAPPORT_IS_CLIENT (client) && rapport_client_get_id (client) == 0, FALSE);
    }

  i = check_many (self, clients, &local_error);
  now = rapport_database_now (self->database);
  if (local_error == NULL && rapport_database_begin_batch (self->database, &local_error))
    {
      if (!write_set (self, clients, now, &local_error))
        {
          /* Refused as a whole, or no room for the ids: written again one
           * at a time, which names the client at fault. */
          g_debug ("Adding %u clients one at a time: %s", clients->len,
                   local_error ? local_error->message : "no room for their ids");
          g_clear_error (&local_error);
          rapport_database_cancel_batch (self->database);
          forget_ids (clients, clients->len);
          if (rapport_database_begin_batch (self->database, &local_error))
            i = write_each (self, clients, now, &local_error);
        }
      if (local_error != NULL && i < clients->len)
        {
          rapport_database_cancel_batch (self->database);
          forget_ids (clients, clients->len);
        }
      else if (local_error == NULL)
        {
          for (i = 0; i < clients->len; i++)
            _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT,
                                           rapport_client_get_id (g_ptr_array_index (clients, i)));
          if (!rapport_database_end_batch (self->database, &local_error))
            forget_ids (clients, clients->len);
        }
    }

  if (local_error == NULL)
    return TRUE;
  if (i < clients->len)
    {
      RapportClient *client = g_ptr_array_index (clients, i);
      const char *display = rapport_client_get_display_name (client);
      /* A client refused before it was tidied has no display name yet. */
      g_autofree char *name = display != NULL && *display != '\0'
                              ? g_strdup (display)
                              : g_strstrip (g_strjoin (" ", rapport_client_get_given_name (client),
                                                       rapport_client_get_family_name (client),
                                                       rapport_client_get_organization (client), NULL));

      /* TRANSLATORS: the first is a count from 1, the second a client's name,
       * the third what is wrong with it */
      g_set_error (error, local_error->domain, local_error->code, _("Client %u (“%s”): %s"),
                   i + 1, name, local_error->message);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * rapport_client_repository_restore:
 * @self: the clients
 * @snapshot: a client as it was before rapport_client_repository_remove()
 *   deleted it
 * @error: return location for an error
 *
 * Undoes a deletion: the client comes back under the same id.
 */
gboolean
rapport_client_repository_restore (RapportClientRepository  *self,
                                   RapportClient            *snapshot,
                                   GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (snapshot), FALSE);

  return write_client (self, snapshot, TRUE, error);
}

/* Runs @sql on one client, whose id is ?1 and the time ?2 when it has one,
 * and fails with NOT_FOUND when no row changed. */
static gboolean
run_on_client (RapportClientRepository  *self,
               const char               *sql,
               gint64                    id,
               GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (_rapport_sqlite_changes (db) == 0)
    {
      set_not_found (error);
      return FALSE;
    }
  return TRUE;
}

/* Deletes the client when nothing holds on to it; a client that history
 * points at (interactions, orders, payments: every table that refers to
 * clients without cascading) is archived instead. Whatever history a later
 * table brings is kept the same way, without this knowing of it. */
static gboolean
remove_rows (RapportClientRepository  *self,
             gint64                    id,
             gboolean                 *has_history,
             GError                  **error)
{
  g_autoptr(GError) local_error = NULL;

  *has_history = FALSE;
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (_rapport_client_repository_unindex (self, id, &local_error)
      && run_on_client (self, "DELETE FROM clients WHERE id = ?1", id, &local_error))
    return _rapport_database_commit (self->database, error);

  _rapport_database_rollback (self->database);
  if (!g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *has_history = TRUE;
  return run_on_client (self, "UPDATE clients SET archived_at = coalesce(archived_at, ?2)"
                              " WHERE id = ?1", id, error);
}

/**
 * rapport_client_repository_remove:
 * @self: the clients
 * @id: a client id
 * @removal: (out) (optional): whether the client was deleted or archived
 * @error: return location for an error
 *
 * Removes a client from the list. A client with history (interactions,
 * orders, payments) is archived, never deleted: history stays.
 * A client without history is deleted with its contact points; keep a
 * rapport_client_repository_get() copy to undo with
 * rapport_client_repository_restore().
 */
gboolean
rapport_client_repository_remove (RapportClientRepository  *self,
                                  gint64                    id,
                                  RapportRemoval           *removal,
                                  GError                  **error)
{
  gboolean has_history = FALSE;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!remove_rows (self, id, &has_history, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, id);
  if (!_rapport_database_commit (self->database, error))
    return FALSE;

  if (removal != NULL)
    *removal = has_history ? RAPPORT_REMOVAL_ARCHIVED : RAPPORT_REMOVAL_DELETED;
  return TRUE;
}

/**
 * rapport_client_repository_set_archived:
 * @self: the clients
 * @id: a client id
 * @archived: whether the client is archived
 * @error: return location for an error
 */
gboolean
rapport_client_repository_set_archived (RapportClientRepository  *self,
                                        gint64                    id,
                                        gboolean                  archived,
                                        GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  if (!run_on_client (self,
                      archived ? "UPDATE clients SET archived_at = coalesce(archived_at, ?2) WHERE id = ?1"
                               : "UPDATE clients SET archived_at = NULL WHERE id = ?1",
                      id, error))
    return FALSE;

  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, id);
  return TRUE;
}

/**
 * rapport_client_repository_has_any:
 * @self: the clients
 * @has_clients: (out): whether there is any client, archived or not
 * @error: return location for an error
 */
gboolean
rapport_client_repository_has_any (RapportClientRepository  *self,
                                   gboolean                 *has_clients,
                                   GError                  **error)
{
  gint64 value = 0;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  if (!_rapport_sqlite_get_int (connection (self), "SELECT EXISTS (SELECT 1 FROM clients)",
                                &value, error))
    return FALSE;

  *has_clients = value != 0;
  return TRUE;
}

static GPtrArray *
find_by_key (RapportClientRepository  *self,
             const char               *sql,
             const char               *key,
             gint64                    except_id,
             GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) clients = NULL;
  GPtrArray *found;
  gboolean has_row, ok;

  if (key == NULL || *key == '\0')
    return g_ptr_array_new_with_free_func (g_object_unref);

  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, key);
  _rapport_stmt_bind_int (stmt, 2, except_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  clients = rapport_client_repository_load (self, (const gint64 *) ids->data, ids->len, error);
  if (clients == NULL)
    return NULL;

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < clients->len; i++)
    if (g_ptr_array_index (clients, i) != NULL)
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (clients, i)));
  return found;
}

/**
 * rapport_client_repository_find_by_phone:
 * @self: the clients
 * @phone: a phone number, written any way
 * @except_id: a client to leave out (the one being edited), or 0
 * @error: return location for an error
 *
 * Finds the clients, archived ones too, with a phone number that is the
 * same number as @phone: for a business in Russia, `+7 (916) 123-45-67`,
 * `89161234567` and `916 123 4567` are one number
 * (rapport_phone_match_key()).
 *
 * Returns: (transfer full) (element-type RapportClient): the clients, by id
 */
GPtrArray *
rapport_client_repository_find_by_phone (RapportClientRepository  *self,
                                         const char               *phone,
                                         gint64                    except_id,
                                         GError                  **error)
{
  g_autofree char *region = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  region = _rapport_client_repository_read_phone_region (connection (self), error);
  if (region == NULL)
    return NULL;
  key = rapport_phone_match_key (phone, region);

  return find_by_key (self,
                      "SELECT DISTINCT client_id FROM client_phones"
                      " WHERE match_key = ?1 AND client_id <> ?2 ORDER BY client_id",
                      key, except_id, error);
}

/**
 * rapport_client_repository_find_by_email:
 * @self: the clients
 * @email: an e-mail address, in any case
 * @except_id: a client to leave out, or 0
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportClient): the clients with
 *   that address, archived ones too, by id
 */
GPtrArray *
rapport_client_repository_find_by_email (RapportClientRepository  *self,
                                         const char               *email,
                                         gint64                    except_id,
                                         GError                  **error)
{
  g_autofree char *key = rapport_email_match_key (email);

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  return find_by_key (self,
                      "SELECT DISTINCT client_id FROM client_emails"
                      " WHERE match_key = ?1 AND client_id <> ?2 ORDER BY client_id",
                      key, except_id, error);
}

/* The writes of the interface, on the database's worker thread (see
 * _rapport_database_write_async()): the window never waits for them. */

typedef struct
{
  RapportClient  *client;
  gint64          id;
  gboolean        flag;
  RapportRemoval  removal;
} ClientWrite;

static void
client_write_free (ClientWrite *write)
{
  g_clear_object (&write->client);
  g_free (write);
}

static ClientWrite *
client_write_new (RapportClient *client,
                  gint64         id,
                  gboolean       flag)
{
  ClientWrite *write = g_new0 (ClientWrite, 1);

  write->client = client ? g_object_ref (client) : NULL;
  write->id = id;
  write->flag = flag;
  return write;
}

static gboolean
save_on_worker (RapportDatabase  *worker,
                gpointer          data,
                GError          **error)
{
  ClientWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return write->flag ? rapport_client_repository_restore (clients, write->client, error)
                     : rapport_client_repository_save (clients, write->client, error);
}

static void
write_client_async (RapportClientRepository *self,
                    ClientWrite             *write,
                    RapportWriteFunc         func,
                    gpointer                 source_tag,
                    GCancellable            *cancellable,
                    GAsyncReadyCallback      callback,
                    gpointer                 user_data)
{
  _rapport_database_write_async (self->database, self, func, write, (GDestroyNotify) client_write_free,
                                 source_tag, cancellable, callback, user_data);
}

/**
 * rapport_client_repository_save_async:
 * @self: the clients
 * @client: the client to save; not to be changed until the save ends
 * @cancellable: (nullable): stops a save that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_client_repository_save() without holding the calling thread,
 * however long another program keeps the file (#RapportDatabase:waiting
 * tells meanwhile). Watchers hear of the change before @callback runs.
 */
void
rapport_client_repository_save_async (RapportClientRepository *self,
                                      RapportClient           *client,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_CLIENT (client));

  write_client_async (self, client_write_new (client, 0, FALSE), save_on_worker,
                      rapport_client_repository_save_async, cancellable, callback, user_data);
}

/**
 * rapport_client_repository_save_finish:
 * @self: the clients
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the client was saved (then it has its id and times)
 */
gboolean
rapport_client_repository_save_finish (RapportClientRepository  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}

/**
 * rapport_client_repository_restore_async:
 * @self: the clients
 * @snapshot: the client as it was; not to be changed until the write ends
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_client_repository_restore() without holding the calling thread.
 * Finish with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_restore_async (RapportClientRepository *self,
                                         RapportClient           *snapshot,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_CLIENT (snapshot));

  write_client_async (self, client_write_new (snapshot, 0, TRUE), save_on_worker,
                      rapport_client_repository_restore_async, cancellable, callback, user_data);
}

static gboolean
remove_on_worker (RapportDatabase  *worker,
                  gpointer          data,
                  GError          **error)
{
  ClientWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_remove (clients, write->id, &write->removal, error);
}

/**
 * rapport_client_repository_remove_async:
 * @self: the clients
 * @id: the client to remove
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_client_repository_remove() without holding the calling thread.
 */
void
rapport_client_repository_remove_async (RapportClientRepository *self,
                                        gint64                   id,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));

  write_client_async (self, client_write_new (NULL, id, FALSE), remove_on_worker,
                      rapport_client_repository_remove_async, cancellable, callback, user_data);
}

gboolean
rapport_client_repository_remove_finish (RapportClientRepository  *self,
                                         GAsyncResult             *result,
                                         RapportRemoval           *removal,
                                         GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  if (!_rapport_database_write_finish (self, result, error))
    return FALSE;
  if (removal != NULL)
    *removal = ((ClientWrite *) _rapport_database_write_get_data (result))->removal;
  return TRUE;
}

static gboolean
set_archived_on_worker (RapportDatabase  *worker,
                        gpointer          data,
                        GError          **error)
{
  ClientWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_set_archived (clients, write->id, write->flag, error);
}

/**
 * rapport_client_repository_set_archived_async:
 * @self: the clients
 * @id: the client
 * @archived: whether archived
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_client_repository_set_archived() without holding the calling
 * thread. Finish with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_set_archived_async (RapportClientRepository *self,
                                              gint64                   id,
                                              gboolean                 archived,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));

  write_client_async (self, client_write_new (NULL, id, archived), set_archived_on_worker,
                      rapport_client_repository_set_archived_async, cancellable, callback, user_data);
}

static gboolean
set_phone_region_on_worker (RapportDatabase  *worker,
                            gpointer          data,
                            GError          **error)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_set_phone_region (clients, data, error);
}

/**
 * rapport_client_repository_set_phone_region_async:
 * @self: the clients
 * @region: as for rapport_client_repository_set_phone_region()
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * rapport_client_repository_set_phone_region() without holding the calling
 * thread: a change of country makes many phones' keys again. Finish with
 * rapport_client_repository_save_finish().
 */
void
rapport_client_repository_set_phone_region_async (RapportClientRepository *self,
                                                  const char              *region,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));
  g_return_if_fail (region != NULL);

  _rapport_database_write_async (self->database, self, set_phone_region_on_worker, g_strdup (region), g_free,
                                 rapport_client_repository_set_phone_region_async,
                                 cancellable, callback, user_data);
}
