/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_deliveries    (gboolean    late,
                                   const char *text,
                                   guint       limit);
int rapport_cli_run_warranties    (int         expiring_days,
                                   const char *text,
                                   guint       limit);
int rapport_cli_run_delivery_note (const char *id,
                                   const char *output);

G_END_DECLS
