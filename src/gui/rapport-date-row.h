/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DATE_ROW (rapport_date_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportDateRow, rapport_date_row, RAPPORT, DATE_ROW, AdwEntryRow)

GtkWidget  *rapport_date_row_new       (void);
const char *rapport_date_row_get_date  (RapportDateRow *self);
void        rapport_date_row_set_date  (RapportDateRow *self,
                                        const char     *iso_date);
gboolean    rapport_date_row_get_valid (RapportDateRow *self);

char        *rapport_date_row_dup_problem (RapportDateRow *self);
char        *rapport_date_row_dup_hint    (RapportDateRow *self);

G_END_DECLS
