/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-document.h"

G_BEGIN_DECLS

gboolean rapport_print_document (GtkWindow            *parent,
                                 const char           *job_name,
                                 RapportPaginateFunc   paginate,
                                 RapportDrawPageFunc   draw,
                                 gpointer              document,
                                 const char           *export_pdf,
                                 GError              **error);

G_END_DECLS
