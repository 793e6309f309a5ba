/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"

G_BEGIN_DECLS

gboolean   rapport_client_tidy              (RapportClient  *client,
                                             GError        **error);
char      *rapport_client_dup_sort_key      (RapportClient  *client);
char      *rapport_client_dup_search_text   (RapportClient  *client);
GPtrArray *rapport_client_dup_name_words    (RapportClient  *client);

G_END_DECLS
