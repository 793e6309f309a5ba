/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_RESTORE_DIALOG (rapport_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportRestoreDialog, rapport_restore_dialog, RAPPORT, RESTORE_DIALOG, AdwWindow)

GtkWidget *rapport_restore_dialog_new (RapportContext *context,
                                       GtkWindow      *main_window);
char      *rapport_restore_dialog_describe (RapportBackup *backup);

G_END_DECLS
