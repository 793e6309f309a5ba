/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SHIP_DIALOG (rapport_ship_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportShipDialog, rapport_ship_dialog, RAPPORT, SHIP_DIALOG, AdwWindow)

/* Signal: “planned” (gint64 delivery_id) once the delivery was saved, just
 * before the dialog closes. */
RapportShipDialog *rapport_ship_dialog_new (RapportContext *context,
                                            RapportOrder   *order);

G_END_DECLS
