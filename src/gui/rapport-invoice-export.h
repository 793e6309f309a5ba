/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-context.h"

G_BEGIN_DECLS

typedef void (*RapportInvoiceDone) (const char *message,
                                    gpointer    user_data);

void     rapport_invoice_export_choose_file (GtkWindow          *parent,
                                             RapportContext     *context,
                                             gint64              order_id,
                                             const char         *number,
                                             RapportInvoiceDone  done,
                                             gpointer            user_data);
gboolean rapport_invoice_export_write       (RapportContext     *context,
                                             gint64              order_id,
                                             GFile              *file,
                                             GError            **error);
gboolean rapport_invoice_export_print       (GtkWindow          *parent,
                                             RapportContext     *context,
                                             gint64              order_id,
                                             const char         *export_pdf,
                                             GError            **error);

G_END_DECLS
