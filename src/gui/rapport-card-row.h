/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CARD_ROW (rapport_card_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportCardRow, rapport_card_row, RAPPORT, CARD_ROW, GtkListBoxRow)

GtkWidget  *rapport_card_row_new            (void);
void        rapport_card_row_set_icon_name  (RapportCardRow *self,
                                             const char     *icon_name);
void        rapport_card_row_set_title      (RapportCardRow *self,
                                             const char     *title,
                                             gboolean        wraps);
const char *rapport_card_row_get_title      (RapportCardRow *self);
void        rapport_card_row_set_subtitle   (RapportCardRow *self,
                                             const char     *subtitle);
const char *rapport_card_row_get_subtitle   (RapportCardRow *self);
void        rapport_card_row_set_end_text   (RapportCardRow *self,
                                             const char     *text);
const char *rapport_card_row_get_end_text   (RapportCardRow *self);
void        rapport_card_row_set_button     (RapportCardRow *self,
                                             GtkWidget      *button);

G_END_DECLS
