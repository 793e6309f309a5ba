/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CAMPAIGN_EDITOR (rapport_campaign_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportCampaignEditor, rapport_campaign_editor, RAPPORT, CAMPAIGN_EDITOR, AdwWindow)

RapportCampaignEditor *rapport_campaign_editor_new          (RapportContext        *context,
                                                             gint64                 campaign_id);
gint64                 rapport_campaign_editor_get_id       (RapportCampaignEditor *self);
void                   rapport_campaign_editor_add_rule     (RapportCampaignEditor *self,
                                                             const char            *rule);
void                   rapport_campaign_editor_export_sms   (RapportCampaignEditor *self,
                                                             GFile                 *file);

G_END_DECLS
