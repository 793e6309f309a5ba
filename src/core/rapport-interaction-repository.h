/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-interaction.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for interactions; the id is the
 * client whose history changed. */
#define RAPPORT_KIND_INTERACTION "interaction"

#define RAPPORT_TYPE_INTERACTION_REPOSITORY (rapport_interaction_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionRepository, rapport_interaction_repository, RAPPORT, INTERACTION_REPOSITORY, GObject)

RapportInteractionRepository *rapport_interaction_repository_new   (RapportDatabase              *database);
gboolean   rapport_interaction_repository_add                      (RapportInteractionRepository *self,
                                                                    RapportInteraction           *interaction,
                                                                    GError                      **error);
void       rapport_interaction_repository_add_async                (RapportInteractionRepository *self,
                                                                    RapportInteraction           *interaction,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
gboolean   rapport_interaction_repository_add_finish               (RapportInteractionRepository *self,
                                                                    GAsyncResult                 *result,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_delete                   (RapportInteractionRepository *self,
                                                                    gint64                        id,
                                                                    GError                      **error);
GPtrArray *rapport_interaction_repository_list                     (RapportInteractionRepository *self,
                                                                    gint64                        client_id,
                                                                    RapportInteraction           *older_than,
                                                                    guint                         limit,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_count                    (RapportInteractionRepository *self,
                                                                    gint64                        client_id,
                                                                    guint                        *count,
                                                                    GError                      **error);
void       rapport_interaction_repository_update_async             (RapportInteractionRepository *self,
                                                                    RapportInteraction           *interaction,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
void       rapport_interaction_repository_restore_async            (RapportInteractionRepository *self,
                                                                    RapportInteraction           *snapshot,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
void       rapport_interaction_repository_delete_async             (RapportInteractionRepository *self,
                                                                    gint64                        id,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
void       rapport_interaction_repository_set_follow_up_done_async (RapportInteractionRepository *self,
                                                                    gint64                        id,
                                                                    gboolean                      done,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
gboolean   rapport_interaction_repository_write_finish             (RapportInteractionRepository *self,
                                                                    GAsyncResult                 *result,
                                                                    GError                      **error);
RapportInteraction *rapport_interaction_repository_get             (RapportInteractionRepository *self,
                                                                    gint64                        id,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_update                   (RapportInteractionRepository *self,
                                                                    RapportInteraction           *interaction,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_restore                  (RapportInteractionRepository *self,
                                                                    RapportInteraction           *snapshot,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_set_follow_up_done       (RapportInteractionRepository *self,
                                                                    gint64                        id,
                                                                    gboolean                      done,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_collect_follow_ups       (RapportInteractionRepository *self,
                                                                    const char                   *source,
                                                                    const RapportReminderRange   *range,
                                                                    GPtrArray                    *into,
                                                                    GError                      **error);
gboolean   rapport_interaction_repository_count_follow_ups         (RapportInteractionRepository *self,
                                                                    const char                   *from_day,
                                                                    const char                   *to_day,
                                                                    guint                        *count,
                                                                    GError                      **error);
RapportReminder *rapport_interaction_repository_get_follow_up      (RapportInteractionRepository *self,
                                                                    const char                   *source,
                                                                    gint64                        id,
                                                                    GError                      **error);

G_END_DECLS
