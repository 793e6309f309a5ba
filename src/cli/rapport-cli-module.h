/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_in_module (const char * const *arguments);

G_END_DECLS
