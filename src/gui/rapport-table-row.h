/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_TABLE_ROW (rapport_table_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportTableRow, rapport_table_row, RAPPORT, TABLE_ROW, GObject)

RapportTableRow *rapport_table_row_new         (const char * const *cells,
                                                const char * const *csv_cells,
                                                guint               n_cells);
guint            rapport_table_row_get_n_cells (RapportTableRow    *self);
const char      *rapport_table_row_get_cell    (RapportTableRow    *self,
                                                guint               column);
const char      *rapport_table_row_get_csv     (RapportTableRow    *self,
                                                guint               column);

G_END_DECLS
