/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERY_WINDOW (rapport_delivery_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryWindow, rapport_delivery_window, RAPPORT, DELIVERY_WINDOW, AdwWindow)

RapportDeliveryWindow *rapport_delivery_window_new       (RapportContext        *context,
                                                          gint64                 delivery_id);
void                   rapport_delivery_window_set_status (RapportDeliveryWindow *self,
                                                           RapportDeliveryStatus  status);

G_END_DECLS
