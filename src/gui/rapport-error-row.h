/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_ERROR_ROW (rapport_error_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportErrorRow, rapport_error_row, RAPPORT, ERROR_ROW, AdwPreferencesRow)

void        rapport_error_row_set_message (RapportErrorRow *self,
                                           const char      *message);
const char *rapport_error_row_get_message (RapportErrorRow *self);

G_END_DECLS
