/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rapport-client.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_SLOT (rapport_client_slot_get_type ())
G_DECLARE_FINAL_TYPE (RapportClientSlot, rapport_client_slot, RAPPORT, CLIENT_SLOT, GObject)

RapportClient *rapport_client_slot_get_client (RapportClientSlot *self);

G_END_DECLS
