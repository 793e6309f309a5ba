/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

void            rapport_gui_test_init          (int          *argc,
                                                char       ***argv);
RapportContext *rapport_gui_test_context_new   (const char   *db_name);
void            rapport_gui_test_iterate       (void);
void            rapport_gui_test_wait          (guint         milliseconds);
gboolean        rapport_gui_test_wait_for      (gboolean    (*condition) (gpointer),
                                                gpointer      data,
                                                guint         timeout_ms);
GtkWidget      *rapport_gui_test_find          (GtkWidget    *root,
                                                GType         type,
                                                const char   *text);
GtkWindow      *rapport_gui_test_find_window   (GType         type);
void            rapport_gui_test_type          (GtkWidget    *editable,
                                                const char   *text);
void            rapport_gui_test_click         (GtkWidget    *button);
gint64          rapport_gui_test_longest_turn_during (guint milliseconds);
gboolean        rapport_gui_test_save_waits    (GtkWidget    *save_status);
guint           rapport_gui_test_string_index  (GListModel   *strings,
                                                const char   *text);
GtkShortcut    *rapport_gui_test_find_shortcut (GtkWidget       *widget,
                                                guint            keyval,
                                                GdkModifierType  modifiers);
gboolean        rapport_gui_test_apply_phone_region (RapportContext *context);
GtkWidget      *rapport_gui_test_child         (GtkWidget    *widget,
                                                GType         type,
                                                const char   *id);

G_END_DECLS
