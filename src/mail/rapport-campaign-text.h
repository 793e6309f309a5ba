/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-campaign-message.h"
#include "rapport-campaign-repository.h"

G_BEGIN_DECLS

gboolean rapport_campaign_text_fill (RapportCampaignRepository  *campaigns,
                                     const RapportCampaign      *campaign,
                                     gint64                      client_id,
                                     char                      **subject,
                                     char                      **body,
                                     char                      **html,
                                     GError                    **error);

G_END_DECLS
