/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database-private.h"
#include "rapport-warranty-repository.h"

G_BEGIN_DECLS

/* In the delivery's transaction: the warranties of the goods a delivery
 * brought on @starts_on, and taking them away when it comes back. */
gboolean _rapport_warranty_repository_add_for_delivery    (RapportDatabase  *database,
                                                           gint64            delivery_id,
                                                           const char       *starts_on,
                                                           GError          **error);
gboolean _rapport_warranty_repository_remove_for_delivery (RapportDatabase  *database,
                                                           gint64            delivery_id,
                                                           GError          **error);

G_END_DECLS
