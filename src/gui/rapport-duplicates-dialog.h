/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"
#include "rapport-window.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DUPLICATES_DIALOG (rapport_duplicates_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportDuplicatesDialog, rapport_duplicates_dialog, RAPPORT, DUPLICATES_DIALOG, AdwWindow)

GtkWidget *rapport_duplicates_dialog_new (RapportContext *context,
                                          GtkWindow      *main_window);

G_END_DECLS
