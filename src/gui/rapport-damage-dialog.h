/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DAMAGE_DIALOG (rapport_damage_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportDamageDialog, rapport_damage_dialog, RAPPORT, DAMAGE_DIALOG, AdwWindow)

GtkWidget *rapport_damage_dialog_new         (RapportContext      *context,
                                              const char          *path);
void       rapport_damage_dialog_set_message (RapportDamageDialog *self,
                                              const char          *message);

G_END_DECLS
