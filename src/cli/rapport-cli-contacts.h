/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_import (const char *database_path,
                            const char *file,
                            gboolean    dry_run,
                            const char *on_duplicate,
                            const char *charset);
int rapport_cli_run_export (const char *database_path,
                            const char *format,
                            const char *output,
                            const char *search);

int rapport_cli_run_duplicates (const char *database_path,
                                guint       limit);
int rapport_cli_run_merge      (const char *database_path,
                                const char *keep,
                                const char *other);

G_END_DECLS
