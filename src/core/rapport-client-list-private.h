/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client-list.h"

G_BEGIN_DECLS

guint _rapport_client_list_get_n_reloads (RapportClientList *self);

G_END_DECLS
