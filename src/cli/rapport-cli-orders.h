/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-cli-common.h"
#include "rapport-order-repository.h"

G_BEGIN_DECLS

int rapport_cli_run_orders  (RapportOrderFilter *filter,
                             const char         *statuses,
                             guint               limit);
int rapport_cli_run_invoice (const char         *number,
                             const char         *output);

G_END_DECLS
