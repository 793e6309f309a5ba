/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CAMPAIGNS_PAGE (rapport_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCampaignsPage, rapport_campaigns_page, RAPPORT, CAMPAIGNS_PAGE, AdwBin)

RapportCampaignsPage *rapport_campaigns_page_new    (RapportContext       *context);
void                  rapport_campaigns_page_reload (RapportCampaignsPage *self);
GtkWindow            *rapport_campaigns_page_open   (RapportCampaignsPage *self,
                                                     gint64                campaign_id);

G_END_DECLS
