/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"
#include "rapport-client-repository.h"
#include "rapport-database.h"
#include "rapport-interaction-repository.h"
#include "rapport-staff-repository.h"

G_BEGIN_DECLS

/* A database with its repositories, as the tests use them together. */
typedef struct
{
  RapportDatabase              *db;
  RapportClientRepository      *clients;
  RapportInteractionRepository *interactions;
  RapportStaffRepository       *staff;
} RapportTestStore;

RapportTestStore *rapport_test_store_new         (RapportDatabase  *db);
RapportTestStore *rapport_test_store_open_path   (const char       *path,
                                                  GError          **error);
void              rapport_test_store_free        (RapportTestStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTestStore, rapport_test_store_free)

char             *rapport_test_dup_path          (const char       *name);
void              rapport_test_prepare_empty     (const char       *path);
RapportTestStore *rapport_test_open_store        (const char       *name);
char             *rapport_test_dup_file_checksum (const char       *path);
RapportClient    *rapport_test_add_client        (RapportTestStore *store,
                                                  const char       *given,
                                                  const char       *family,
                                                  const char       *phone,
                                                  const char       *email);
GArray           *rapport_test_search            (RapportTestStore *store,
                                                  const char       *text);
gboolean          rapport_test_ids_contain       (GArray           *ids,
                                                  gint64            id);
gulong            rapport_test_count_changes     (RapportDatabase  *db,
                                                  const char       *kind,
                                                  guint            *counter);
char             *rapport_test_query_text        (const char       *path,
                                                  const char       *sql);
gint64            rapport_test_query_int         (const char       *path,
                                                  const char       *sql);
void              rapport_test_run_sql           (const char       *path,
                                                  const char       *sql);
void              rapport_test_wait_for_writes   (RapportDatabase  *db);
void              rapport_test_store_result      (GObject          *source,
                                                  GAsyncResult     *result,
                                                  gpointer          user_data);

char             *rapport_test_pdf_text          (const char       *path);
gboolean          rapport_test_is_leak_pass      (void);
gboolean          rapport_test_skip_bulk         (void);
guint             rapport_test_scaled            (guint n);

G_END_DECLS
