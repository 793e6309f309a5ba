/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-staff-repository.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_STAFF_ROW (rapport_staff_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, RAPPORT, STAFF_ROW, AdwExpanderRow)

GtkWidget    *rapport_staff_row_new       (RapportStaffRepository *repository,
                                           RapportStaff    *staff);
RapportStaff *rapport_staff_row_get_staff (RapportStaffRow *self);
void          rapport_staff_row_set_staff (RapportStaffRow *self,
                                           RapportStaff    *staff);

G_END_DECLS
