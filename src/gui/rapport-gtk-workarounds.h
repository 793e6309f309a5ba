/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rapport_gtk_workarounds_install (void);
void rapport_gtk_workarounds_apply   (GtkWidget *widget);
void rapport_gtk_set_new_tooltip     (GtkWidget  *widget,
                                      const char *text);

G_END_DECLS
