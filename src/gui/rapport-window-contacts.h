/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-duplicates.h"
#include "rapport-window.h"

G_BEGIN_DECLS

void _rapport_window_import_contacts (RapportWindow    *window);
void _rapport_window_export_contacts (RapportWindow    *window);
void _rapport_window_show_duplicates (RapportWindow    *window);
void _rapport_window_show_imports    (RapportWindow    *window);
void _rapport_window_undo_import     (RapportWindow    *window,
                                      gint64            batch_id);
void _rapport_window_undo_merge      (RapportWindow    *window,
                                      RapportMergeUndo *undo);
void _rapport_window_undo_past_merge (RapportWindow    *window,
                                      gint64            merge_id);

G_END_DECLS
