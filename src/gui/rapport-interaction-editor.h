/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION_EDITOR (rapport_interaction_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, RAPPORT, INTERACTION_EDITOR, AdwWindow)

/* Signal: “saved” (RapportInteraction *interaction) after a successful
 * save, just before the dialog closes. */
GtkWidget *rapport_interaction_editor_new (RapportContext *context,
                                           RapportClient  *client);

GtkWidget *rapport_interaction_editor_new_for (RapportContext     *context,
                                               RapportClient      *client,
                                               RapportInteraction *interaction);
gboolean   rapport_interaction_editor_has_changes (RapportInteractionEditor *self);

G_END_DECLS
