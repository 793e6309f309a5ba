/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"

G_BEGIN_DECLS

RapportClient *rapport_client_merge_values    (RapportClient *keep,
                                               RapportClient *other);
GBytes        *rapport_client_dup_snapshot    (RapportClient *client);
RapportClient *rapport_client_new_from_snapshot (GBytes      *snapshot);

G_END_DECLS
