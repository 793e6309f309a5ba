/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-analytics-section.h"

G_BEGIN_DECLS

gboolean _rapport_analytics_print (GtkWindow                *parent,
                                   const char               *period_text,
                                   RapportAnalyticsSection **sections,
                                   guint                     n_sections,
                                   GtkTextDirection          direction,
                                   const char               *pdf_path,
                                   GError                  **error);

G_END_DECLS
