/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *rapport_smtp_password_lookup (const char    *host,
                                        const char    *user,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  rapport_smtp_password_store  (const char    *host,
                                        const char    *user,
                                        const char    *password,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  rapport_smtp_password_clear  (const char    *host,
                                        const char    *user,
                                        GCancellable  *cancellable,
                                        GError       **error);
void      rapport_smtp_password_free   (char          *password);

G_END_DECLS
