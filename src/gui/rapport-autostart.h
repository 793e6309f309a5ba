/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The preference the entry follows. */
#define RAPPORT_AUTOSTART_SETTING "remind-in-background"

typedef void (*RapportAutostartErrorFunc) (const GError *error,
                                           gpointer      data);

char     *rapport_autostart_dup_path (void);
void      rapport_autostart_follow   (GSettings                 *settings,
                                      RapportAutostartErrorFunc  on_error,
                                      gpointer                   data);
gboolean  rapport_autostart_apply    (gboolean   enabled,
                                      GError   **error);

G_END_DECLS
