/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_lookup (const char *phone);
int rapport_cli_run_search (const char *text);

G_END_DECLS
