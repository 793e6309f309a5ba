/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client.h"
#include "rapport-interaction.h"
#include "rapport-staff.h"

G_BEGIN_DECLS

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

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())

G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

RapportStore  *rapport_store_open                       (const char         *path,
                                                         GError            **error);
char          *rapport_store_dup_default_path           (void);
const char    *rapport_store_get_path                   (RapportStore       *self);
guint          rapport_store_get_schema_version         (RapportStore       *self);
guint          rapport_store_get_latest_schema_version  (void);
void           rapport_store_notify_changed             (RapportStore       *self);

gboolean       rapport_store_begin_batch                (RapportStore       *self,
                                                         GError            **error);
gboolean       rapport_store_end_batch                  (RapportStore       *self,
                                                         GError            **error);
void           rapport_store_cancel_batch               (RapportStore       *self);

/* Clients */
RapportClient *rapport_store_get_client                 (RapportStore       *self,
                                                         gint64              id,
                                                         GError            **error);
gboolean       rapport_store_save_client                (RapportStore       *self,
                                                         RapportClient      *client,
                                                         GError            **error);
gboolean       rapport_store_remove_client              (RapportStore       *self,
                                                         gint64              id,
                                                         RapportRemoval     *removal,
                                                         GError            **error);
gboolean       rapport_store_restore_client             (RapportStore       *self,
                                                         RapportClient      *snapshot,
                                                         GError            **error);
gboolean       rapport_store_set_client_archived        (RapportStore       *self,
                                                         gint64              id,
                                                         gboolean            archived,
                                                         GError            **error);
gboolean       rapport_store_has_clients                (RapportStore       *self,
                                                         gboolean           *has_clients,
                                                         GError            **error);
GPtrArray     *rapport_store_load_clients               (RapportStore       *self,
                                                         const gint64       *ids,
                                                         guint               n_ids,
                                                         GError            **error);
GPtrArray     *rapport_store_find_clients_by_phone      (RapportStore       *self,
                                                         const char         *phone,
                                                         gint64              except_id,
                                                         GError            **error);
GPtrArray     *rapport_store_find_clients_by_email      (RapportStore       *self,
                                                         const char         *email,
                                                         gint64              except_id,
                                                         GError            **error);

/* Search */
GArray        *rapport_store_search_client_ids          (RapportStore       *self,
                                                         const char         *text,
                                                         RapportClientSort   sort,
                                                         gboolean            include_archived,
                                                         GError            **error);
void           rapport_store_search_client_ids_async    (RapportStore       *self,
                                                         const char         *text,
                                                         RapportClientSort   sort,
                                                         gboolean            include_archived,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
GArray        *rapport_store_search_client_ids_finish   (RapportStore       *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

/* Staff */
GPtrArray     *rapport_store_list_staff                 (RapportStore       *self,
                                                         gboolean            include_inactive,
                                                         GError            **error);
gboolean       rapport_store_save_staff                 (RapportStore       *self,
                                                         RapportStaff       *staff,
                                                         GError            **error);

/* Interactions */
gboolean       rapport_store_add_interaction            (RapportStore       *self,
                                                         RapportInteraction *interaction,
                                                         GError            **error);
gboolean       rapport_store_delete_interaction         (RapportStore       *self,
                                                         gint64              id,
                                                         GError            **error);
GPtrArray     *rapport_store_list_interactions          (RapportStore       *self,
                                                         gint64              client_id,
                                                         RapportInteraction *older_than,
                                                         guint               limit,
                                                         GError            **error);
gboolean       rapport_store_count_interactions         (RapportStore       *self,
                                                         gint64              client_id,
                                                         guint              *count,
                                                         GError            **error);

G_END_DECLS
