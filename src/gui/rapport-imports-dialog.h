/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORTS_DIALOG (rapport_imports_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportsDialog, rapport_imports_dialog, RAPPORT, IMPORTS_DIALOG, AdwWindow)

GtkWidget *rapport_imports_dialog_new (RapportContext *context,
                                       GtkWindow      *main_window);

G_END_DECLS
