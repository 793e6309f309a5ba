/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_CAMPAIGNS (rapport_client_campaigns_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientCampaigns, rapport_client_campaigns, RAPPORT, CLIENT_CAMPAIGNS, AdwPreferencesGroup)

void     rapport_client_campaigns_set_context   (RapportClientCampaigns *self,
                                                 RapportContext         *context);
gboolean rapport_client_campaigns_set_client_id (RapportClientCampaigns *self,
                                                 gint64                  client_id,
                                                 GError                **error);

G_END_DECLS
