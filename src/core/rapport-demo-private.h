/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-demo.h"

G_BEGIN_DECLS

gboolean _rapport_demo_seed_orders (RapportDatabase      *database,
                                    GRand                *rand,
                                    gint64                now,
                                    GArray               *client_ids,
                                    GArray               *staff_ids,
                                    guint                 n_orders,
                                    RapportProgressFunc   progress,
                                    gpointer              progress_data,
                                    GCancellable         *cancellable,
                                    GError              **error);

gboolean _rapport_demo_seed_campaigns (RapportDatabase  *database,
                                       GError          **error);

G_END_DECLS
