/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-slot.h"

G_BEGIN_DECLS

RapportClientSlot *_rapport_client_slot_new          (guint              position,
                                                      RapportClient     *client);
guint              _rapport_client_slot_get_position (RapportClientSlot *self);
void               _rapport_client_slot_set_position (RapportClientSlot *self,
                                                      guint              position);
void               _rapport_client_slot_set_client   (RapportClientSlot *self,
                                                      RapportClient     *client);

G_END_DECLS
