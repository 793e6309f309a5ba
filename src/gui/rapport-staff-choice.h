/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-staff-repository.h"

G_BEGIN_DECLS

gboolean rapport_staff_choice_fill (AdwComboRow             *row,
                                    GArray                  *ids,
                                    RapportStaffRepository  *staff,
                                    gint64                   chosen,
                                    GError                 **error);
gint64   rapport_staff_choice_get  (AdwComboRow             *row,
                                    GArray                  *ids);

G_END_DECLS
