/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-order-repository.h"

G_BEGIN_DECLS

typedef void (*RapportLostAnswer)   (gint64               reason_id,
                                     const char          *note,
                                     gpointer             user_data);
typedef void (*RapportCancelAnswer) (RapportCancellation  money,
                                     gpointer             user_data);

GtkWindow *rapport_order_ask_lost_reason (GtkWindow           *parent,
                                          RapportOrder        *order,
                                          GPtrArray           *reasons,
                                          RapportLostAnswer    answer,
                                          gpointer             user_data);
GtkWindow *rapport_order_ask_cancel      (GtkWindow           *parent,
                                          RapportOrder        *order,
                                          RapportCancelAnswer  answer,
                                          gpointer             user_data);

G_END_DECLS
