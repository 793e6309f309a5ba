/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-address.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ADDRESS_ROW (rapport_address_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportAddressRow, rapport_address_row, RAPPORT, ADDRESS_ROW, AdwExpanderRow)

/* Signals: “remove” when the person asks to remove the address; “changed”
 * when any part of it changes; “entry-activated” when Enter is pressed in
 * one of its parts. */
GtkWidget      *rapport_address_row_new         (const RapportAddress *address);
RapportAddress *rapport_address_row_dup_address (RapportAddressRow    *self);

G_END_DECLS
