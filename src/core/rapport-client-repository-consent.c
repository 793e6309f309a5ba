/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* A client's consent to service messages (the ready message when a
 * warranty ends): given on a day, kept with that moment, taken back. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-client-repository-private.h"
#include "rapport-error.h"

/**
 * rapport_client_repository_get_service_consent:
 * @self: the clients
 * @client_id: a client
 * @since: (out): when the client agreed to service messages, UTC seconds;
 *   0 when the client did not
 * @error: return location for an error
 */
gboolean
rapport_client_repository_get_service_consent (RapportClientRepository  *self,
                                               gint64                    client_id,
                                               gint64                   *since,
                                               GError                  **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (since != NULL, FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "SELECT service_messages_since FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *since = has_row ? MAX (_rapport_stmt_column_int (stmt, 0), 0) : 0;
  return TRUE;
}

/**
 * rapport_client_repository_set_service_consent:
 * @self: the clients
 * @client_id: a client
 * @agrees: whether the client agrees to service messages
 * @error: return location for an error
 *
 * Records the consent with this moment (a consent already given keeps its
 * first moment), or takes it back.
 */
gboolean
rapport_client_repository_set_service_consent (RapportClientRepository  *self,
                                               gint64                    client_id,
                                               gboolean                  agrees,
                                               GError                  **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE clients SET service_messages_since ="
                                  " CASE WHEN ?2 THEN coalesce (service_messages_since, ?3) END"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  _rapport_stmt_bind_int (stmt, 2, agrees);
  _rapport_stmt_bind_int (stmt, 3, MAX (rapport_database_now (self->database), 1));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The client no longer exists."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, client_id);
  return TRUE;
}

typedef struct
{
  gint64   client_id;
  gboolean agrees;
} ConsentWrite;

static gboolean
set_consent_on_worker (RapportDatabase  *worker,
                       gpointer          data,
                       GError          **error)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);
  ConsentWrite *write = data;

  return rapport_client_repository_set_service_consent (clients, write->client_id, write->agrees, error);
}

/**
 * rapport_client_repository_set_service_consent_async:
 *
 * rapport_client_repository_set_service_consent() on the database's
 * worker thread, for the window.
 */
void
rapport_client_repository_set_service_consent_async (RapportClientRepository *self,
                                                     gint64                   client_id,
                                                     gboolean                 agrees,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data)
{
  ConsentWrite *write;

  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));

  write = g_new0 (ConsentWrite, 1);
  write->client_id = client_id;
  write->agrees = agrees;
  _rapport_database_write_async (self->database, self, set_consent_on_worker, write, g_free,
                                 rapport_client_repository_set_service_consent_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_client_repository_set_service_consent_finish (RapportClientRepository  *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}

typedef struct
{
  RapportClient *client;
  gboolean       agrees;
} SaveWithConsent;

static void
save_with_consent_free (SaveWithConsent *write)
{
  g_clear_object (&write->client);
  g_free (write);
}

/* The client, then the consent by the client's id (a new client has one
 * only now), in one transaction: both or neither. */
static gboolean
save_with_consent_on_worker (RapportDatabase  *worker,
                             gpointer          data,
                             GError          **error)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);
  SaveWithConsent *write = data;
  gint64 id_before = rapport_client_get_id (write->client);

  if (!_rapport_database_begin (worker, error))
    return FALSE;
  if (!rapport_client_repository_save (clients, write->client, error)
      || !rapport_client_repository_set_service_consent (clients, rapport_client_get_id (write->client),
                                                         write->agrees, error))
    {
      _rapport_database_rollback (worker);
      rapport_client_set_id (write->client, id_before);
      return FALSE;
    }
  return _rapport_database_commit (worker, error);
}

/**
 * rapport_client_repository_save_with_consent_async:
 * @self: the clients
 * @client: the client to save; not to be changed until the save ends
 * @agrees: whether the client agrees to service messages; the day of a
 *   consent already given is kept
 * @cancellable: (nullable): stops a save that waits for another program
 * @callback: called when saved, or refused
 * @user_data: for @callback
 *
 * rapport_client_repository_save_async() and the client's consent, in one
 * transaction, as the client editor saves them. Finish with
 * rapport_client_repository_save_finish().
 */
void
rapport_client_repository_save_with_consent_async (RapportClientRepository *self,
                                                   RapportClient           *client,
                                                   gboolean                 agrees,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data)
{
  SaveWithConsent *write;

  g_return_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self));
  g_return_if_fail (RAPPORT_IS_CLIENT (client));

  write = g_new0 (SaveWithConsent, 1);
  write->client = g_object_ref (client);
  write->agrees = agrees;
  _rapport_database_write_async (self->database, self, save_with_consent_on_worker, write,
                                 (GDestroyNotify) save_with_consent_free,
                                 rapport_client_repository_save_with_consent_async,
                                 cancellable, callback, user_data);
}
