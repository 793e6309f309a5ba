/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client-repository.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_EXPORT_VCARD_40,
  RAPPORT_EXPORT_VCARD_30,
  RAPPORT_EXPORT_CSV_GOOGLE,
} RapportExportFormat;

gboolean rapport_contacts_export (RapportClientRepository  *clients,
                                  const gint64             *ids,
                                  guint                     n_ids,
                                  RapportExportFormat       format,
                                  GOutputStream            *stream,
                                  GCancellable             *cancellable,
                                  GError                  **error);

G_END_DECLS
