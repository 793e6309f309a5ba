/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-text.h"

G_BEGIN_DECLS

gboolean  rapport_campaign_export_sms      (RapportDatabase  *database,
                                            gint64            campaign_id,
                                            const char       *path,
                                            guint            *n_rows,
                                            GError          **error);
void      rapport_campaign_export_sms_async  (RapportDatabase     *database,
                                              gint64               campaign_id,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  rapport_campaign_export_sms_finish (GAsyncResult        *result,
                                              guint               *n_rows,
                                              GError             **error);

G_END_DECLS
