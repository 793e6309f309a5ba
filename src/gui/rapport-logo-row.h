/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_LOGO_ROW (rapport_logo_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportLogoRow, rapport_logo_row, RAPPORT, LOGO_ROW, AdwActionRow)

void     rapport_logo_row_set_logo  (RapportLogoRow *self,
                                     GBytes         *logo);
GBytes  *rapport_logo_row_get_logo  (RapportLogoRow *self);
void     rapport_logo_row_load_file (RapportLogoRow *self,
                                     GFile          *file);
gboolean rapport_logo_row_get_busy  (RapportLogoRow *self);

G_END_DECLS
