/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-interaction.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION_ROW (rapport_interaction_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionRow, rapport_interaction_row, RAPPORT, INTERACTION_ROW, GtkListBoxRow)

GtkWidget          *rapport_interaction_row_new             (RapportInteraction    *interaction,
                                                             GDateTime             *now);
RapportInteraction *rapport_interaction_row_get_interaction (RapportInteractionRow *self);

G_END_DECLS
