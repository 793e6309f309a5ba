/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-interaction.h"

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

G_END_DECLS
