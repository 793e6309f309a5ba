/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-staff.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_STAFF_ROW (rapport_staff_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, RAPPORT, STAFF_ROW, AdwExpanderRow)

/* Signal: “changed” (RapportStaff *edited) when the person renamed,
 * changed the role of, or (de)activated the staff member; the row's own
 * staff member stays as it was until the store says otherwise. */
GtkWidget    *rapport_staff_row_new       (RapportStaff    *staff);
RapportStaff *rapport_staff_row_get_staff (RapportStaffRow *self);

G_END_DECLS
