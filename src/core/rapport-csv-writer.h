/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     rapport_csv_append_row (GString            *out,
                                 const char * const *cells,
                                 gsize               n_cells);
gboolean rapport_csv_write_file (const char         *path,
                                 GString            *text,
                                 GError            **error);

G_END_DECLS
