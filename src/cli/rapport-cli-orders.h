/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-order-repository.h"

G_BEGIN_DECLS

/* Exit statuses: scripts and softphones tell “found” from “not found” from
 * “something is wrong”. */
enum {
  EXIT_FOUND = 0,
  EXIT_NOTHING = 1,
  EXIT_ERROR = 2,
};

int              rapport_cli_fail             (const char         *message);
RapportDatabase *rapport_cli_open_for_looking (int                *status);

int              rapport_cli_run_orders       (RapportOrderFilter *filter,
                                               const char         *statuses,
                                               guint               limit);
int              rapport_cli_run_invoice      (const char         *number,
                                               const char         *output);

G_END_DECLS
