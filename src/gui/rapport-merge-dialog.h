/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MERGE_DIALOG (rapport_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportMergeDialog, rapport_merge_dialog, RAPPORT, MERGE_DIALOG, AdwWindow)

GtkWidget *rapport_merge_dialog_new (RapportContext *context,
                                     gint64          a,
                                     gint64          b,
                                     GtkWindow      *main_window);

G_END_DECLS
