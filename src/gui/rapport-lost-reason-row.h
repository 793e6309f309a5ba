/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-order-repository.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_LOST_REASON_ROW (rapport_lost_reason_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportLostReasonRow, rapport_lost_reason_row, RAPPORT, LOST_REASON_ROW, AdwEntryRow)

GtkWidget               *rapport_lost_reason_row_new        (RapportOrderRepository  *repository,
                                                             const RapportLostReason *reason);
const RapportLostReason *rapport_lost_reason_row_get_reason (RapportLostReasonRow    *self);
void                     rapport_lost_reason_row_set_reason (RapportLostReasonRow    *self,
                                                             const RapportLostReason *reason);

G_END_DECLS
