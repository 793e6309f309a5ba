/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-backups.h"
#include "rapport-client-import.h"
#include "rapport-client-merge.h"
#include "rapport-client-repository-private.h"
#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-text.h"

/* The storage of imports: the clients a plan adds or merges into, in ONE
 * transaction, so that an import is all or nothing (README, “Import”);
 * the history that undoes it; pictures and card lines; remembered CSV
 * column maps. */

static RapportSqlite *
connection (RapportClientRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

/**
 * rapport_client_repository_find_by_name:
 * @self: the clients
 * @name: a display name
 * @except_id: a client to leave out, or 0
 * @id: (out): the first client, by id, whose name is @name once case,
 *   accents and script variants are set aside; 0 when none
 * @display_name: (out) (optional): its name
 * @error: return location for an error
 */
gboolean
rapport_client_repository_find_by_name (RapportClientRepository  *self,
                                        const char               *name,
                                        gint64                    except_id,
                                        gint64                   *id,
                                        char                    **display_name,
                                        GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *key = rapport_text_fold (name);
  gboolean has_row;

  *id = 0;
  if (*key == '\0')
    return TRUE;
  stmt = _rapport_sqlite_prepare (db, "SELECT id, display_name FROM clients"
                                      " WHERE sort_key = ?1 AND id <> ?2 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, key);
  _rapport_stmt_bind_int (stmt, 2, except_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *id = _rapport_stmt_column_int (stmt, 0);
      if (display_name != NULL)
        *display_name = _rapport_stmt_dup_text (stmt, 1);
    }
  return TRUE;
}

/* A JSON array of strings, for json_each(): how a whole set of keys
 * travels to the database as one bound value. */
static char *
dup_json_array (GPtrArray *keys)
{
  GString *json = g_string_sized_new (keys->len * 16 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      g_string_append (json, i > 0 ? ",\"" : "\"");
      for (const char *p = key; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (json, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/**
 * rapport_client_repository_match_keys:
 * @self: the clients
 * @reason: what @keys are: phone match keys (rapport_phone_match_key()),
 *   e-mail match keys (rapport_email_match_key()) or folded names
 *   (rapport_text_fold())
 * @keys: (element-type utf8): the keys, "" for none
 * @ids: (out caller-allocates) (array length=keys->len): for each key, the
 *   first client by id that has it, archived ones too; 0 when none
 * @names: (out caller-allocates) (array length=keys->len): that client's
 *   name, or NULL
 * @error: return location for an error
 *
 * Matches a whole file's keys in one statement, each key by its index,
 * so that the preview of an import costs one look-up a key and no
 * statement a card.
 */
gboolean
rapport_client_repository_match_keys (RapportClientRepository  *self,
                                      RapportMatchReason        reason,
                                      GPtrArray                *keys,
                                      gint64                   *ids,
                                      char                    **names,
                                      GError                  **error)
{
  static const char * const first_sql[] = {
    [RAPPORT_MATCH_SAME_PHONE] = "SELECT min(client_id) FROM client_phones WHERE match_key = j.value",
    [RAPPORT_MATCH_SAME_EMAIL] = "SELECT min(client_id) FROM client_emails WHERE match_key = j.value",
    [RAPPORT_MATCH_SAME_NAME] = "SELECT min(id) FROM clients WHERE sort_key = j.value",
  };
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (reason > RAPPORT_MATCH_NONE && reason <= RAPPORT_MATCH_SAME_NAME, FALSE);

  for (guint i = 0; i < keys->len; i++)
    {
      ids[i] = 0;
      names[i] = NULL;
    }
  if (keys->len == 0)
    return TRUE;
  sql = g_strdup_printf ("SELECT j.key, c.id, c.display_name FROM json_each(?1) AS j"
                         " CROSS JOIN clients AS c ON c.id = (%s)"
                         " WHERE j.value <> ''", first_sql[reason]);
  json = dup_json_array (keys);
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, json);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 index = _rapport_stmt_column_int (stmt, 0);

      if (index < 0 || index >= keys->len || ids[index] != 0)
        continue;
      ids[index] = _rapport_stmt_column_int (stmt, 1);
      names[index] = _rapport_stmt_dup_text (stmt, 2);
    }
  return ok;
}

static gboolean
insert_extras (RapportClientRepository  *self,
               gint64                    id,
               RapportContactRecord     *record,
               GError                  **error)
{
  RapportSqlite *db = connection (self);

  if (record->picture != NULL)
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (
        db, "INSERT OR REPLACE INTO client_pictures (client_id, mime_type, data) VALUES (?1, ?2, ?3)", error);

      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, id);
      _rapport_stmt_bind_text (stmt, 2, record->picture_type);
      _rapport_stmt_bind_blob (stmt, 3, record->picture);
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
    }
  if (record->kept != NULL && record->kept->len > 0)
    {
      g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (
        db, "INSERT INTO client_card_lines (client_id, position, line)"
            " VALUES (?1, (SELECT count(*) FROM client_card_lines WHERE client_id = ?1), ?2)", error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < record->kept->len; i++)
        {
          _rapport_stmt_bind_int (stmt, 1, id);
          _rapport_stmt_bind_text (stmt, 2, g_ptr_array_index (record->kept, i));
          if (!_rapport_sqlite_run (db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
note_batch_client (RapportClientRepository  *self,
                   gint64                    batch_id,
                   gint64                    client_id,
                   GBytes                   *before,
                   GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (
    db, "INSERT OR IGNORE INTO import_batch_clients (batch_id, client_id, before) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  _rapport_stmt_bind_int (stmt, 2, client_id);
  if (before != NULL)
    _rapport_stmt_bind_blob (stmt, 3, before);
  return _rapport_sqlite_run (db, stmt, error);
}

/* The clients an import added, in one statement. */
static gboolean
note_batch_clients (RapportClientRepository  *self,
                    gint64                    batch_id,
                    GPtrArray                *clients,
                    GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), clients->len);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;

  for (guint i = 0; i < clients->len; i++)
    {
      gint64 id = rapport_client_get_id (g_ptr_array_index (clients, i));

      g_array_append_val (ids, id);
    }
  json = _rapport_sqlite_ids_to_json ((const gint64 *) ids->data, ids->len);
  stmt = _rapport_sqlite_prepare (db, "INSERT OR IGNORE INTO import_batch_clients (batch_id, client_id)"
                                      " SELECT ?1, value FROM json_each(?2) ORDER BY 2", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  _rapport_stmt_bind_text (stmt, 2, json);
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
merge_into (RapportClientRepository  *self,
            gint64                    batch_id,
            gint64                    target,
            RapportContactRecord     *record,
            gboolean                 *merged,
            GError                  **error)
{
  g_autoptr(GPtrArray) found = rapport_client_repository_load_details (self, &target, 1, error);
  g_autoptr(RapportClient) combined = NULL;
  g_autoptr(GBytes) before = NULL;
  RapportClient *existing;

  *merged = FALSE;
  if (found == NULL)
    return FALSE;
  existing = g_ptr_array_index (found, 0);
  if (existing == NULL)
    return TRUE;  /* gone since the preview: added instead by the caller */

  before = rapport_client_dup_snapshot (existing);
  combined = rapport_client_merge_values (existing, record->client);
  *merged = TRUE;
  return note_batch_client (self, batch_id, target, before, error)
         && rapport_client_repository_save (self, combined, error)
         && insert_extras (self, target, record, error);
}

/* The records an import adds, and the items they are of, this many a
 * call of add_many(). Each call's search rows go into the index in name
 * order, from the start of the order again, so FTS5 writes a segment of
 * its own for each call and merges them after: 100,000 cards into the
 * 100,000-client file took 24.1 s at 2,000 a call, 18.3 s at 8,192 and
 * 18.1 s at 16,384. The import holds the write lock for its length
 * whatever the size; a call is where it looks whether it was cancelled. */
#define ADD_CHUNK 8192

static gboolean
add_records (RapportClientRepository  *self,
             gint64                    batch_id,
             GPtrArray                *items,
             GPtrArray                *clients,
             GError                  **error)
{
  if (clients->len == 0)
    return TRUE;
  if (!rapport_client_repository_add_many (self, clients, error)
      || !note_batch_clients (self, batch_id, clients, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      RapportContactRecord *record = ((RapportImportItem *) g_ptr_array_index (items, i))->record;

      if (!insert_extras (self, rapport_client_get_id (record->client), record, error))
        return FALSE;
    }
  g_ptr_array_set_size (items, 0);
  g_ptr_array_set_size (clients, 0);
  return TRUE;
}

/* Queues @item's record to be added; a record the rules refuse is named by
 * its line here, before anything is written in bulk. */
static gboolean
queue_add (RapportImportItem  *item,
           GPtrArray          *items,
           GPtrArray          *clients,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportClient *client = item->record->client;

  rapport_client_set_id (client, 0);
  if (!rapport_client_tidy (client, &local_error))
    {
      g_prefix_error (&local_error, _("line %u: "), item->record->line);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_ptr_array_add (items, item);
  g_ptr_array_add (clients, client);
  return TRUE;
}

static gint64
merge_target (RapportImportPlan *plan,
              RapportImportItem *item)
{
  RapportImportItem *first;
  gint64 target;

  if (item->match_in_file == 0)
    return item->match_id;
  first = g_ptr_array_index (plan->items, item->match_in_file - 1);
  target = first->record->client ? rapport_client_get_id (first->record->client) : 0;
  return target != 0 ? target : first->match_id;
}

/* The new clients first, in bulk (rapport_client_repository_add_many(), a
 * step of the import's one transaction each chunk); then the merges, which
 * may name a client added by an earlier card of the same file. */
static gboolean
import_items (RapportClientRepository  *self,
              RapportImportPlan        *plan,
              gint64                    batch_id,
              guint                    *n_added,
              guint                    *n_merged,
              RapportProgressFunc       progress,
              gpointer                  progress_data,
              GCancellable             *cancellable,
              GError                  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) clients = g_ptr_array_new ();
  g_autoptr(GPtrArray) merges = g_ptr_array_new ();
  guint total = MAX (plan->items->len, 1);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        continue;
      if (item->reason != RAPPORT_MATCH_NONE && item->action == RAPPORT_ON_DUPLICATE_SKIP)
        continue;
      if (item->reason != RAPPORT_MATCH_NONE && item->action == RAPPORT_ON_DUPLICATE_MERGE)
        {
          g_ptr_array_add (merges, item);
          continue;
        }
      if (!queue_add (item, items, clients, error))
        return FALSE;
      if (clients->len == ADD_CHUNK)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          *n_added += clients->len;
          if (!add_records (self, batch_id, items, clients, error))
            return FALSE;
          if (progress != NULL)
            progress ((double) i / total, progress_data);
        }
    }
  *n_added += clients->len;
  if (!add_records (self, batch_id, items, clients, error))
    return FALSE;

  for (guint m = 0; m < merges->len; m++)
    {
      RapportImportItem *item = g_ptr_array_index (merges, m);
      gint64 target = merge_target (plan, item);
      gboolean merged = FALSE;

      if (m % 500 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (target != 0 && !merge_into (self, batch_id, target, item->record, &merged, error))
        return FALSE;
      if (merged)
        (*n_merged)++;
      else if (!queue_add (item, items, clients, error))  /* gone since the preview */
        return FALSE;
    }
  *n_added += clients->len;
  if (!add_records (self, batch_id, items, clients, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/**
 * rapport_client_repository_import:
 * @self: the clients
 * @plan: a matched plan, each match with its action
 * @progress: (nullable): told how far the import is, from 0 to 1
 * @progress_data: for @progress
 * @cancellable: (nullable): cancels the whole import
 * @error: return location for an error
 *
 * Makes a backup, then writes @plan in one transaction: every client is
 * added (or merged into its match) or none is. Cancelling or a failure
 * writes nothing. The import is recorded to be undone as a whole with
 * rapport_client_repository_undo_import().
 *
 * Returns: the import's id, or 0 on failure
 */
gint64
rapport_client_repository_import (RapportClientRepository  *self,
                                  RapportImportPlan        *plan,
                                  RapportProgressFunc       progress,
                                  gpointer                  progress_data,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_added = 0, n_merged = 0;
  gint64 batch_id;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), 0);

  backup = rapport_backups_make (self->database, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &local_error);
  if (backup == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Nothing was imported, because the backup before it failed: "));
      return 0;
    }

  /* A batch: one transaction, with the larger page cache of long writes
   * (rapport_database_begin_batch()), so that the pages an import changes
   * are not written out and read back before it commits. */
  if (!rapport_database_begin_batch (self->database, error))
    return 0;
  stmt = _rapport_sqlite_prepare (db, "INSERT INTO import_batches (file_name, format, imported_at)"
                                      " VALUES (?1, ?2, ?3)", &local_error);
  if (stmt != NULL)
    {
      _rapport_stmt_bind_text (stmt, 1, plan->file_name);
      _rapport_stmt_bind_text (stmt, 2, plan->format == RAPPORT_CONTACT_FORMAT_VCARD ? "vcard" : "csv");
      _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
    }
  if (stmt == NULL || !_rapport_sqlite_run (db, stmt, &local_error))
    goto failed;
  batch_id = _rapport_sqlite_last_insert_id (db);
  g_clear_pointer (&stmt, _rapport_stmt_release);

  if (!import_items (self, plan, batch_id, &n_added, &n_merged, progress, progress_data, cancellable,
                     &local_error))
    goto failed;
  if (plan->table != NULL && plan->table->mapped_by_person)
    {
      g_autofree char *signature = rapport_csv_table_dup_signature (plan->table);
      g_autofree char *mapping = rapport_csv_table_dup_mapping (plan->table);

      if (!rapport_client_repository_remember_column_map (self, signature, mapping, &local_error))
        goto failed;
    }

  stmt = _rapport_sqlite_prepare (db, "UPDATE import_batches SET n_added = ?2, n_merged = ?3 WHERE id = ?1",
                                  &local_error);
  if (stmt == NULL)
    goto failed;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  _rapport_stmt_bind_int (stmt, 2, n_added);
  _rapport_stmt_bind_int (stmt, 3, n_merged);
  if (!_rapport_sqlite_run (db, stmt, &local_error))
    goto failed;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  if (!rapport_database_end_batch (self->database, error))
    return 0;
  return batch_id;

failed:
  g_clear_pointer (&stmt, _rapport_stmt_release);
  rapport_database_cancel_batch (self->database);
  /* the ids the rolled-back clients had are no one's */
  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client != NULL)
        rapport_client_set_id (item->record->client, 0);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

typedef struct
{
  RapportImportPlan   *plan;
  gint64               batch_id;
  GCancellable        *cancellable;
  RapportProgressFunc  progress;
  gpointer             progress_data;
} ImportWrite;

static void
import_write_free (ImportWrite *write)
{
  g_clear_object (&write->cancellable);
  g_free (write);
}

static gboolean
import_on_worker (RapportDatabase  *worker,
                  gpointer          data,
                  GError          **error)
{
  ImportWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  write->batch_id = rapport_client_repository_import (clients, write->plan, write->progress, write->progress_data,
                                                      write->cancellable, error);
  return write->batch_id != 0;
}

/**
 * rapport_client_repository_import_async:
 * @plan: (transfer none): a matched plan, kept alive and unchanged by the
 *   caller until the import finishes
 * @progress: (nullable): told how far the import is, from 0 to 1, on the
 *   worker thread
 * @progress_data: for @progress
 * @cancellable: (nullable): cancels the whole import, which then writes
 *   nothing
 *
 * rapport_client_repository_import() off the calling thread. Other
 * writes wait for it (their editors say “Waiting…”).
 */
void
rapport_client_repository_import_async (RapportClientRepository *self,
                                        RapportImportPlan       *plan,
                                        RapportProgressFunc      progress,
                                        gpointer                 progress_data,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  ImportWrite *write = g_new0 (ImportWrite, 1);

  write->plan = plan;
  write->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  write->progress = progress;
  write->progress_data = progress_data;
  _rapport_database_write_async (self->database, self, import_on_worker, write, (GDestroyNotify) import_write_free,
                                 rapport_client_repository_import_async, cancellable, callback, user_data);
}

gint64
rapport_client_repository_import_finish (RapportClientRepository  *self,
                                         GAsyncResult             *result,
                                         GError                  **error)
{
  ImportWrite *write = _rapport_database_write_get_data (result);

  if (!_rapport_database_write_finish (self, result, error))
    return 0;
  return write->batch_id;
}

static gboolean
undo_import_on_worker (RapportDatabase  *worker,
                       gpointer          data,
                       GError          **error)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_undo_import (clients, *(gint64 *) data, error);
}

/**
 * rapport_client_repository_undo_import_async:
 *
 * rapport_client_repository_undo_import() off the calling thread; finish
 * with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_undo_import_async (RapportClientRepository *self,
                                             gint64                   batch_id,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data)
{
  _rapport_database_write_async (self->database, self, undo_import_on_worker, g_memdup2 (&batch_id, sizeof batch_id),
                                 g_free, rapport_client_repository_undo_import_async, cancellable, callback,
                                 user_data);
}

typedef struct
{
  gint64  client_id;
  GBytes *before;
} BatchClient;

static void
batch_client_clear (gpointer data)
{
  g_clear_pointer (&((BatchClient *) data)->before, g_bytes_unref);
}

/* Puts a client an import merged into back as it was. */
static gboolean
undo_merge (RapportClientRepository  *self,
            BatchClient              *entry,
            GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportClient) before = rapport_client_new_from_snapshot (entry->before);

  if (before == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                           _("The import's record of a client it changed is damaged; nothing was undone."));
      return FALSE;
    }
  if (rapport_client_repository_save (self, before, &local_error)
      || g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
undo_rows (RapportClientRepository  *self,
           gint64                    batch_id,
           GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (BatchClient));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row, ok;
  gint64 undone = 0;

  g_array_set_clear_func (entries, batch_client_clear);
  stmt = _rapport_sqlite_prepare (db, "SELECT coalesce(undone_at, 0) FROM import_batches WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || (undone = _rapport_stmt_column_int (stmt, 0)) != 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           has_row ? _("This import was already undone.") : _("This import no longer exists."));
      return FALSE;
    }
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db, "SELECT client_id, before FROM import_batch_clients WHERE batch_id = ?1"
                                      " ORDER BY client_id DESC", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      BatchClient entry = { _rapport_stmt_column_int (stmt, 0), _rapport_stmt_dup_blob (stmt, 1) };

      g_array_append_val (entries, entry);
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  /* The clients it added: removed all at once (archived when they have
   * history since); then the clients it merged into, as they were. */
  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, BatchClient, i).before == NULL)
      g_array_append_val (added, g_array_index (entries, BatchClient, i).client_id);
  if (!_rapport_client_repository_remove_set (self, added, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, BatchClient, i).before != NULL
        && !undo_merge (self, &g_array_index (entries, BatchClient, i), error))
      return FALSE;

  stmt = _rapport_sqlite_prepare (db, "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, batch_id);
  _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_client_repository_undo_import:
 * @self: the clients
 * @batch_id: what rapport_client_repository_import() returned
 * @error: return location for an error
 *
 * Undoes an import as a whole, after a backup: the clients it added are
 * removed (archived, when they have history since), the clients it merged
 * into are as they were before it.
 */
gboolean
rapport_client_repository_undo_import (RapportClientRepository  *self,
                                       gint64                    batch_id,
                                       GError                  **error)
{
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  backup = rapport_backups_make (self->database, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &local_error);
  if (backup == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The import was not undone, because the backup before it failed: "));
      return FALSE;
    }
  if (!rapport_database_begin_batch (self->database, error))
    return FALSE;
  if (!undo_rows (self, batch_id, error))
    {
      rapport_database_cancel_batch (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  return rapport_database_end_batch (self->database, error);
}

/**
 * rapport_client_repository_list_imports:
 *
 * Returns: (transfer full) (element-type RapportImportBatch): the imports,
 *   newest first
 */
GPtrArray *
rapport_client_repository_list_imports (RapportClientRepository  *self,
                                        GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_import_batch_free);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT id, file_name, imported_at, n_added, n_merged,"
                                      " coalesce(undone_at, 0) FROM import_batches ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportImportBatch *batch = g_new0 (RapportImportBatch, 1);

      batch->id = _rapport_stmt_column_int (stmt, 0);
      batch->file_name = _rapport_stmt_dup_text (stmt, 1);
      batch->imported_at = _rapport_stmt_column_int (stmt, 2);
      batch->n_added = (guint) CLAMP (_rapport_stmt_column_int (stmt, 3), 0, G_MAXUINT);
      batch->n_merged = (guint) CLAMP (_rapport_stmt_column_int (stmt, 4), 0, G_MAXUINT);
      batch->undone_at = _rapport_stmt_column_int (stmt, 5);
      g_ptr_array_add (batches, batch);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&batches);
}

char *
rapport_client_repository_dup_column_map (RapportClientRepository  *self,
                                          const char               *signature,
                                          GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT mapping FROM import_column_maps"
                                                             " WHERE signature = ?1", error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, signature);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  return g_strdup (has_row ? _rapport_stmt_column_text (stmt, 0) : "");
}

gboolean
rapport_client_repository_remember_column_map (RapportClientRepository  *self,
                                               const char               *signature,
                                               const char               *mapping,
                                               GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (
    db, "INSERT OR REPLACE INTO import_column_maps (signature, mapping, used_at) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, signature);
  _rapport_stmt_bind_text (stmt, 2, mapping);
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

GBytes *
rapport_client_repository_dup_picture (RapportClientRepository  *self,
                                       gint64                    id,
                                       char                    **mime_type,
                                       GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT mime_type, data FROM client_pictures"
                                                             " WHERE client_id = ?1", error);
  gboolean has_row;

  *mime_type = NULL;
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error) || !has_row)
    return NULL;
  *mime_type = _rapport_stmt_dup_text (stmt, 0);
  return _rapport_stmt_dup_blob (stmt, 1);
}

GStrv
rapport_client_repository_dup_card_lines (RapportClientRepository  *self,
                                          gint64                    id,
                                          GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT line FROM client_card_lines"
                                                             " WHERE client_id = ?1 ORDER BY position, id", error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (lines, _rapport_stmt_dup_text (stmt, 0));
  if (!ok)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_steal (lines, NULL);
}
