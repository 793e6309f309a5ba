/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_report (const char *what,
                            const char *from,
                            const char *to,
                            const char *by,
                            const char *format);

G_END_DECLS
