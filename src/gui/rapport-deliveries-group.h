/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERIES_GROUP (rapport_deliveries_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveriesGroup, rapport_deliveries_group, RAPPORT, DELIVERIES_GROUP, AdwPreferencesGroup)

void     rapport_deliveries_group_set_context   (RapportDeliveriesGroup  *self,
                                                 RapportContext          *context);
void     rapport_deliveries_group_set_order     (RapportDeliveriesGroup  *self,
                                                 RapportOrder            *order);
gboolean rapport_deliveries_group_set_client_id (RapportDeliveriesGroup  *self,
                                                 gint64                   client_id,
                                                 GError                 **error);
guint    rapport_deliveries_group_get_n_shown   (RapportDeliveriesGroup  *self);

G_END_DECLS
