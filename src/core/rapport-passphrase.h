/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *rapport_passphrase_lookup        (GCancellable         *cancellable,
                                            GError              **error);
gboolean  rapport_passphrase_store         (const char           *passphrase,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean  rapport_passphrase_clear         (GCancellable         *cancellable,
                                            GError              **error);
void      rapport_passphrase_free          (char                 *passphrase);
void      rapport_passphrase_disconnect    (void);

void      rapport_passphrase_lookup_async  (GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *rapport_passphrase_lookup_finish (GAsyncResult         *result,
                                            GError              **error);
void      rapport_passphrase_store_async   (const char           *passphrase,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  rapport_passphrase_store_finish  (GAsyncResult         *result,
                                            GError              **error);
void      rapport_passphrase_clear_async   (GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  rapport_passphrase_clear_finish  (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
