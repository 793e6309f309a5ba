/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the lazy lists over ids (clients, orders) share: telling their
 * views which rows a new list of ids changed. */

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes @ids the list's ids and forgets the rows read for the old ones;
 * called before each items-changed. */
typedef void (*RapportIdsInstallFunc) (GListModel *model,
                                       GArray     *ids);

void _rapport_ids_replace (GListModel            *model,
                           GArray                *old,
                           GArray                *ids,
                           gboolean               every_row,
                           RapportIdsInstallFunc  install,
                           guint                 *prefix,
                           guint                 *suffix);

G_END_DECLS
