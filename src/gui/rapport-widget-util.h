/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rapport_widget_set_invalid (GtkWidget *widget,
                                 gboolean   invalid);

void rapport_widget_set_titles  (GtkLabel   *title,
                                 GtkLabel   *subtitle,
                                 const char *title_text,
                                 const char *subtitle_text);

G_END_DECLS
