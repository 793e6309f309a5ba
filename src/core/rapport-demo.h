/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

/**
 * RapportDemoOptions:
 * @seed: the same seed gives the same data
 * @n_clients: how many clients
 * @n_interactions: how many interactions, spread over the clients
 * @now: the moment the data is “today”, as UTC seconds; 0 for now
 * @n_orders: how many orders, with their lines and payments, from a
 *   sample catalog, placed over three years; three lines and 1.2
 *   payments an order on average. The first client is a big account with
 *   one order in a hundred (500 at most), the newest of all its last, with
 *   50 lines.
 *
 * What rapport_demo_seed() makes.
 */
typedef struct
{
  guint32 seed;
  guint   n_clients;
  guint   n_interactions;
  gint64  now;
  guint   n_orders;
} RapportDemoOptions;

typedef void (*RapportProgressFunc) (double   fraction,
                                     gpointer user_data);

gboolean rapport_demo_seed        (RapportDatabase           *database,
                                   const RapportDemoOptions  *options,
                                   RapportProgressFunc        progress,
                                   gpointer                   progress_data,
                                   GCancellable              *cancellable,
                                   GError                   **error);
void     rapport_demo_seed_async  (RapportDatabase           *database,
                                   const RapportDemoOptions  *options,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data);
gboolean rapport_demo_seed_finish (RapportDatabase           *database,
                                   GAsyncResult              *result,
                                   GError                   **error);

G_END_DECLS
