/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void rapport_widget_set_invalid (GtkWidget *widget,
                                 gboolean   invalid);
void rapport_widget_set_text_ltr (GtkWidget *editable);
char *rapport_widget_dup_directed (GtkWidget  *widget,
                                   const char *text);
AdwToast *rapport_widget_add_toast (GtkWidget  *widget,
                                    const char *text);
AdwToast *rapport_widget_add_undo_toast (GtkWidget  *widget,
                                         const char *text);
void      rapport_widget_add_error_toast (GtkWidget    *widget,
                                          const GError *error);

G_END_DECLS
