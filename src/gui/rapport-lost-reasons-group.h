/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_LOST_REASONS_GROUP (rapport_lost_reasons_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportLostReasonsGroup, rapport_lost_reasons_group, RAPPORT, LOST_REASONS_GROUP, AdwPreferencesGroup)

GtkWidget *rapport_lost_reasons_group_new (RapportContext *context);

G_END_DECLS
