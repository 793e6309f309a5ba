/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"
#include "rapport-store.h"

G_BEGIN_DECLS

char          *rapport_test_dup_path          (const char   *name);
RapportStore  *rapport_test_open_store        (const char   *name);
char          *rapport_test_dup_file_checksum (const char   *path);
RapportClient *rapport_test_add_client        (RapportStore *store,
                                               const char   *given,
                                               const char   *family,
                                               const char   *phone,
                                               const char   *email);
GArray        *rapport_test_search            (RapportStore *store,
                                               const char   *text);
gboolean       rapport_test_ids_contain       (GArray       *ids,
                                               gint64        id);
void           rapport_test_run_sql           (const char   *path,
                                               const char   *sql);

G_END_DECLS
