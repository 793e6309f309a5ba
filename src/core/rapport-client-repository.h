/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for clients. */
#define RAPPORT_KIND_CLIENT "client"

/**
 * RapportClientSort:
 * @RAPPORT_CLIENT_SORT_NAME: by display name
 * @RAPPORT_CLIENT_SORT_LAST_CONTACT: most recently contacted first, never
 *   contacted last
 */
typedef enum
{
  RAPPORT_CLIENT_SORT_NAME,
  RAPPORT_CLIENT_SORT_LAST_CONTACT,
} RapportClientSort;

/**
 * RapportRemoval:
 * @RAPPORT_REMOVAL_DELETED: the client had no history and was deleted
 * @RAPPORT_REMOVAL_ARCHIVED: the client has history and was archived
 */
typedef enum
{
  RAPPORT_REMOVAL_DELETED,
  RAPPORT_REMOVAL_ARCHIVED,
} RapportRemoval;

#define RAPPORT_TYPE_CLIENT_REPOSITORY (rapport_client_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientRepository, rapport_client_repository, RAPPORT, CLIENT_REPOSITORY, GObject)

RapportClientRepository *rapport_client_repository_new           (RapportDatabase          *database);
RapportDatabase *rapport_client_repository_get_database          (RapportClientRepository  *self);

RapportClient   *rapport_client_repository_get                   (RapportClientRepository  *self,
                                                                  gint64                    id,
                                                                  GError                  **error);
GPtrArray       *rapport_client_repository_load                  (RapportClientRepository  *self,
                                                                  const gint64             *ids,
                                                                  guint                     n_ids,
                                                                  GError                  **error);
GPtrArray       *rapport_client_repository_load_details          (RapportClientRepository  *self,
                                                                  const gint64             *ids,
                                                                  guint                     n_ids,
                                                                  GError                  **error);
gboolean         rapport_client_repository_add_many              (RapportClientRepository  *self,
                                                                  GPtrArray                *clients,
                                                                  GError                  **error);
gboolean         rapport_client_repository_save                  (RapportClientRepository  *self,
                                                                  RapportClient            *client,
                                                                  GError                  **error);
gboolean         rapport_client_repository_remove                (RapportClientRepository  *self,
                                                                  gint64                    id,
                                                                  RapportRemoval           *removal,
                                                                  GError                  **error);
gboolean         rapport_client_repository_restore               (RapportClientRepository  *self,
                                                                  RapportClient            *snapshot,
                                                                  GError                  **error);
gboolean         rapport_client_repository_set_archived          (RapportClientRepository  *self,
                                                                  gint64                    id,
                                                                  gboolean                  archived,
                                                                  GError                  **error);
void             rapport_client_repository_save_async            (RapportClientRepository  *self,
                                                                  RapportClient            *client,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
gboolean         rapport_client_repository_save_finish           (RapportClientRepository  *self,
                                                                  GAsyncResult             *result,
                                                                  GError                  **error);
void             rapport_client_repository_restore_async         (RapportClientRepository  *self,
                                                                  RapportClient            *snapshot,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
void             rapport_client_repository_remove_async          (RapportClientRepository  *self,
                                                                  gint64                    id,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
gboolean         rapport_client_repository_remove_finish         (RapportClientRepository  *self,
                                                                  GAsyncResult             *result,
                                                                  RapportRemoval           *removal,
                                                                  GError                  **error);
void             rapport_client_repository_set_archived_async    (RapportClientRepository  *self,
                                                                  gint64                    id,
                                                                  gboolean                  archived,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
gboolean         rapport_client_repository_has_any               (RapportClientRepository  *self,
                                                                  gboolean                 *has_clients,
                                                                  GError                  **error);
char            *rapport_client_repository_dup_phone_region      (RapportClientRepository  *self,
                                                                  GError                  **error);
gboolean         rapport_client_repository_set_phone_region      (RapportClientRepository  *self,
                                                                  const char               *region,
                                                                  GError                  **error);
void             rapport_client_repository_set_phone_region_async (RapportClientRepository *self,
                                                                  const char               *region,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
GPtrArray       *rapport_client_repository_find_by_phone         (RapportClientRepository  *self,
                                                                  const char               *phone,
                                                                  gint64                    except_id,
                                                                  GError                  **error);
GPtrArray       *rapport_client_repository_find_by_email         (RapportClientRepository  *self,
                                                                  const char               *email,
                                                                  gint64                    except_id,
                                                                  GError                  **error);

GArray          *rapport_client_repository_search                (RapportClientRepository  *self,
                                                                  const char               *text,
                                                                  RapportClientSort         sort,
                                                                  gboolean                  include_archived,
                                                                  GError                  **error);
GArray          *rapport_client_repository_search_first          (RapportClientRepository  *self,
                                                                  const char               *text,
                                                                  RapportClientSort         sort,
                                                                  gboolean                  include_archived,
                                                                  guint                     limit,
                                                                  GError                  **error);
void             rapport_client_repository_search_first_async    (RapportClientRepository  *self,
                                                                  const char               *text,
                                                                  RapportClientSort         sort,
                                                                  gboolean                  include_archived,
                                                                  guint                     limit,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
void             rapport_client_repository_search_async          (RapportClientRepository  *self,
                                                                  const char               *text,
                                                                  RapportClientSort         sort,
                                                                  gboolean                  include_archived,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
GArray          *rapport_client_repository_search_finish         (RapportClientRepository  *self,
                                                                  GAsyncResult             *result,
                                                                  GError                  **error);

/* Consent to service messages (rapport-client-repository-consent.c). */
gboolean         rapport_client_repository_get_service_consent   (RapportClientRepository  *self,
                                                                  gint64                    client_id,
                                                                  gint64                   *since,
                                                                  GError                  **error);
gboolean         rapport_client_repository_set_service_consent   (RapportClientRepository  *self,
                                                                  gint64                    client_id,
                                                                  gboolean                  agrees,
                                                                  GError                  **error);
void             rapport_client_repository_set_service_consent_async (RapportClientRepository *self,
                                                                  gint64                    client_id,
                                                                  gboolean                  agrees,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
gboolean         rapport_client_repository_set_service_consent_finish (RapportClientRepository *self,
                                                                  GAsyncResult             *result,
                                                                  GError                  **error);
void             rapport_client_repository_save_with_consent_async (RapportClientRepository *self,
                                                                  RapportClient            *client,
                                                                  gboolean                  agrees,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);

G_END_DECLS
