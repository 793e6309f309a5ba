/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include "rapport-table-row.h"

/* One row of a figures table: what the reader sees in each column, and
 * what the CSV file gets (plain digits, ISO dates, amounts in units). */
struct _RapportTableRow
{
  GObject   parent_instance;

  GStrv     cells;
  GStrv     csv_cells;
  guint     n_cells;
};

G_DEFINE_FINAL_TYPE (RapportTableRow, rapport_table_row, G_TYPE_OBJECT)

static void
rapport_table_row_finalize (GObject *object)
{
  RapportTableRow *self = (RapportTableRow *) object;

  g_clear_pointer (&self->cells, g_strfreev);
  g_clear_pointer (&self->csv_cells, g_strfreev);

  G_OBJECT_CLASS (rapport_table_row_parent_class)->finalize (object);
}

static void
rapport_table_row_class_init (RapportTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_table_row_finalize;
}

static void
rapport_table_row_init (RapportTableRow *self)
{
}

static GStrv
copy_cells (const char * const *cells,
            guint               n_cells)
{
  GStrv copy = g_new0 (char *, n_cells + 1);

  for (guint i = 0; i < n_cells; i++)
    copy[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  return copy;
}

/**
 * rapport_table_row_new:
 * @cells: (array length=n_cells): the text shown
 * @csv_cells: (array length=n_cells) (nullable): the text exported, or
 *   %NULL to export what is shown
 */
RapportTableRow *
rapport_table_row_new (const char * const *cells,
                       const char * const *csv_cells,
                       guint               n_cells)
{
  RapportTableRow *self = g_object_new (RAPPORT_TYPE_TABLE_ROW, NULL);

  self->n_cells = n_cells;
  self->cells = copy_cells (cells, n_cells);
  self->csv_cells = copy_cells (csv_cells != NULL ? csv_cells : cells, n_cells);
  return self;
}

guint
rapport_table_row_get_n_cells (RapportTableRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_TABLE_ROW (self), 0);
  return self->n_cells;
}

const char *
rapport_table_row_get_cell (RapportTableRow *self,
                            guint            column)
{
  g_return_val_if_fail (RAPPORT_IS_TABLE_ROW (self), NULL);
  return column < self->n_cells ? self->cells[column] : "";
}

const char *
rapport_table_row_get_csv (RapportTableRow *self,
                           guint            column)
{
  g_return_val_if_fail (RAPPORT_IS_TABLE_ROW (self), NULL);
  return column < self->n_cells ? self->csv_cells[column] : "";
}
