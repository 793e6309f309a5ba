/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-delivery.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for carriers. */
#define RAPPORT_KIND_CARRIER "carrier"

#define RAPPORT_TYPE_CARRIER_REPOSITORY (rapport_carrier_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportCarrierRepository, rapport_carrier_repository, RAPPORT, CARRIER_REPOSITORY, GObject)

RapportCarrierRepository *rapport_carrier_repository_new (RapportDatabase *database);

GPtrArray      *rapport_carrier_repository_list         (RapportCarrierRepository  *self,
                                                         gboolean                   include_inactive,
                                                         GError                   **error);
RapportCarrier *rapport_carrier_repository_get          (RapportCarrierRepository  *self,
                                                         gint64                     id,
                                                         GError                   **error);
gint64          rapport_carrier_repository_find         (RapportCarrierRepository  *self,
                                                         const char                *name,
                                                         GError                   **error);
gboolean        rapport_carrier_repository_save         (RapportCarrierRepository  *self,
                                                         RapportCarrier            *carrier,
                                                         GError                   **error);
void            rapport_carrier_repository_save_async   (RapportCarrierRepository  *self,
                                                         const RapportCarrier      *carrier,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
gint64          rapport_carrier_repository_save_finish  (RapportCarrierRepository  *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS
