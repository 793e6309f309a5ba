/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"
#include "rapport-drill-rows.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DRILL_DOWN (rapport_drill_down_get_type ())

G_DECLARE_FINAL_TYPE (RapportDrillDown, rapport_drill_down, RAPPORT, DRILL_DOWN, AdwWindow)

RapportDrillDown *rapport_drill_down_new          (RapportContext   *context,
                                                   GtkWindow        *parent,
                                                   const char       *title,
                                                   const char       *subtitle,
                                                   RapportDrillKind  kind,
                                                   GArray           *ids);
GListModel       *rapport_drill_down_get_rows     (RapportDrillDown *self);
void              rapport_drill_down_offer_campaign (RapportDrillDown *self,
                                                   gboolean          offer);
void              rapport_drill_down_add_toast    (RapportDrillDown *self,
                                                   AdwToast         *toast);

G_END_DECLS
