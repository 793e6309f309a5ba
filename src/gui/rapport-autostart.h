/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *rapport_autostart_dup_path (void);
gboolean  rapport_autostart_apply    (gboolean   enabled,
                                      GError   **error);

G_END_DECLS
