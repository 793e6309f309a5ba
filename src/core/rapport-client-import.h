/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client-repository.h"
#include "rapport-contact-file.h"
#include "rapport-demo.h"

G_BEGIN_DECLS

/* What an import does with a card that matches a client. */
typedef enum
{
  RAPPORT_ON_DUPLICATE_SKIP,
  RAPPORT_ON_DUPLICATE_MERGE,
  RAPPORT_ON_DUPLICATE_ADD,
} RapportOnDuplicate;

typedef enum
{
  RAPPORT_MATCH_NONE,
  RAPPORT_MATCH_SAME_PHONE,
  RAPPORT_MATCH_SAME_EMAIL,
  RAPPORT_MATCH_SAME_NAME,
} RapportMatchReason;

/* One card or row of the file, and what the import will do with it. */
typedef struct
{
  RapportContactRecord *record;
  gint64                match_id;      /* an existing client it matches, or 0 */
  guint                 match_in_file; /* 1 + the index of an earlier record it matches, or 0 */
  char                 *match_name;
  RapportMatchReason    reason;
  RapportOnDuplicate    action;
} RapportImportItem;

typedef struct
{
  char                 *file_name;    /* shown to people: the file's base name */
  RapportContactFormat  format;
  char                 *charset;      /* what 8-bit text was read as; NULL for UTF-8 */
  gboolean              charset_sure;
  RapportCsvTable      *table;        /* CSV only: the columns and their mapping */
  GPtrArray            *items;        /* RapportImportItem */
  guint                 n_new;
  guint                 n_matches;
  guint                 n_refused;
} RapportImportPlan;

typedef struct
{
  gint64  id;
  char   *file_name;
  gint64  imported_at;
  guint   n_added;
  guint   n_merged;
  gint64  undone_at;
} RapportImportBatch;

void               rapport_import_plan_free          (RapportImportPlan        *plan);
RapportImportPlan *rapport_import_plan_read          (const char               *file_name,
                                                      GBytes                   *bytes,
                                                      const char               *charset,
                                                      GError                  **error);
gboolean           rapport_import_plan_remap         (RapportImportPlan        *plan);
gboolean           rapport_import_plan_match         (RapportImportPlan        *plan,
                                                      RapportClientRepository  *clients,
                                                      RapportOnDuplicate        default_action,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
void               rapport_import_plan_set_default   (RapportImportPlan        *plan,
                                                      RapportOnDuplicate        action);
const char        *rapport_match_reason_to_string    (RapportMatchReason        reason);

void               rapport_import_batch_free         (RapportImportBatch       *batch);

gint64             rapport_client_repository_import  (RapportClientRepository  *self,
                                                      RapportImportPlan        *plan,
                                                      RapportProgressFunc       progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
void               rapport_client_repository_import_async  (RapportClientRepository *self,
                                                      RapportImportPlan        *plan,
                                                      RapportProgressFunc       progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
gint64             rapport_client_repository_import_finish (RapportClientRepository *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);
gboolean           rapport_client_repository_undo_import (RapportClientRepository *self,
                                                      gint64                    batch_id,
                                                      GError                  **error);
void               rapport_client_repository_undo_import_async (RapportClientRepository *self,
                                                      gint64                    batch_id,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
GPtrArray         *rapport_client_repository_list_imports (RapportClientRepository *self,
                                                      GError                  **error);
gboolean           rapport_client_repository_find_by_name (RapportClientRepository *self,
                                                      const char               *name,
                                                      gint64                    except_id,
                                                      gint64                   *id,
                                                      char                    **display_name,
                                                      GError                  **error);
gboolean           rapport_client_repository_match_keys (RapportClientRepository *self,
                                                      RapportMatchReason        reason,
                                                      GPtrArray                *keys,
                                                      gint64                   *ids,
                                                      char                    **names,
                                                      GError                  **error);
char              *rapport_client_repository_dup_column_map (RapportClientRepository *self,
                                                      const char               *signature,
                                                      GError                  **error);
gboolean           rapport_client_repository_remember_column_map (RapportClientRepository *self,
                                                      const char               *signature,
                                                      const char               *mapping,
                                                      GError                  **error);
GBytes            *rapport_client_repository_dup_picture (RapportClientRepository *self,
                                                      gint64                    id,
                                                      char                    **mime_type,
                                                      GError                  **error);
GStrv              rapport_client_repository_dup_card_lines (RapportClientRepository *self,
                                                      gint64                    id,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportPlan, rapport_import_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportBatch, rapport_import_batch_free)

G_END_DECLS
