/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_seed    (void);
int rapport_cli_run_check   (void);
int rapport_cli_run_backup  (void);
int rapport_cli_run_backups (void);
int rapport_cli_run_restore (const char *backup);

G_END_DECLS
