/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERY_PREFERENCES (rapport_delivery_preferences_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryPreferences, rapport_delivery_preferences, RAPPORT, DELIVERY_PREFERENCES,
                      AdwPreferencesPage)

RapportDeliveryPreferences *rapport_delivery_preferences_new          (RapportContext             *context);
void                        rapport_delivery_preferences_save_carrier (RapportDeliveryPreferences *self,
                                                                       guint                       index);

G_END_DECLS
