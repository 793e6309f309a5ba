/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-staff-repository.h"

G_BEGIN_DECLS

void      rapport_widget_set_invalid     (GtkWidget               *widget,
                                          gboolean                 invalid);
void      rapport_widget_set_text_ltr    (GtkWidget               *editable);
char     *rapport_widget_dup_directed    (GtkWidget               *widget,
                                          const char              *text);
AdwToast *rapport_widget_add_toast       (GtkWidget               *widget,
                                          const char              *text);
AdwToast *rapport_widget_add_undo_toast  (GtkWidget               *widget,
                                          const char              *text);
void      rapport_widget_add_error_toast (GtkWidget               *widget,
                                          const GError            *error);
gboolean  rapport_parse_time_of_day      (const char              *text,
                                          int                     *hour,
                                          int                     *minute);
gboolean  rapport_staff_row_fill         (AdwComboRow             *row,
                                          GArray                  *ids,
                                          RapportStaffRepository  *repository,
                                          gint64                   chosen,
                                          gboolean                 keep_departed,
                                          GError                 **error);
gint64    rapport_staff_row_get_id       (AdwComboRow             *row,
                                          GArray                  *ids);
void      rapport_list_box_remove_rows   (GtkListBox              *list);
void      rapport_widget_set_titles      (GtkLabel                *title,
                                          GtkLabel                *subtitle,
                                          const char              *title_text,
                                          const char              *subtitle_text);
void      rapport_snapshot_layout        (GtkSnapshot             *snapshot,
                                          PangoLayout             *layout,
                                          gboolean                 rtl,
                                          int                      x,
                                          int                      y,
                                          int                      width,
                                          const GdkRGBA           *color);

G_END_DECLS
