/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client-repository.h"

G_BEGIN_DECLS

/* Why two clients may be one. */
typedef enum
{
  RAPPORT_DUPLICATE_SAME_PHONE = 1 << 0,
  RAPPORT_DUPLICATE_SAME_EMAIL = 1 << 1,
  RAPPORT_DUPLICATE_SAME_NAME  = 1 << 2,  /* case, accents and script variants aside */
  RAPPORT_DUPLICATE_NAME_ORDER = 1 << 3,  /* the same words in another order */
  RAPPORT_DUPLICATE_NAME_TYPO  = 1 << 4,  /* one letter added, missing, changed or swapped */
} RapportDuplicateReasons;

typedef struct
{
  gint64                  a;      /* the lower id */
  gint64                  b;
  RapportDuplicateReasons reasons;
  guint                   score;  /* 0–100: how sure */
} RapportDuplicatePair;

/* What undoes a merge just made (it is in the merge history too). */
typedef struct _RapportMergeUndo RapportMergeUndo;

/* A merge of the history, newest first. */
typedef struct
{
  gint64  id;
  gint64  merged_at;
  gint64  keep_id;
  char   *keep_name;   /* the kept client, as the merge left it */
  char   *other_name;  /* the client merged into it */
  gint64  undone_at;   /* 0 when not undone */
} RapportMergeEntry;

GArray   *rapport_client_repository_find_duplicates    (RapportClientRepository  *self,
                                                        GCancellable             *cancellable,
                                                        GError                  **error);
void      rapport_client_repository_find_duplicates_async (RapportClientRepository *self,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
GArray   *rapport_client_repository_find_duplicates_finish (RapportClientRepository *self,
                                                        GAsyncResult             *result,
                                                        GError                  **error);
gboolean  rapport_client_repository_find_similar_name  (RapportClientRepository  *self,
                                                        const char               *name,
                                                        gint64                    except_id,
                                                        gint64                   *id,
                                                        char                    **display_name,
                                                        RapportDuplicateReasons  *reasons,
                                                        GError                  **error);
gboolean  rapport_client_repository_set_not_duplicate  (RapportClientRepository  *self,
                                                        gint64                    a,
                                                        gint64                    b,
                                                        GError                  **error);
gboolean  rapport_client_repository_merge              (RapportClientRepository  *self,
                                                        gint64                    keep_id,
                                                        gint64                    other_id,
                                                        RapportClient            *merged,
                                                        RapportMergeUndo        **undo,
                                                        GError                  **error);
gboolean  rapport_client_repository_undo_merge         (RapportClientRepository  *self,
                                                        RapportMergeUndo         *undo,
                                                        GError                  **error);
void      rapport_client_repository_merge_async        (RapportClientRepository  *self,
                                                        gint64                    keep_id,
                                                        gint64                    other_id,
                                                        RapportClient            *merged,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
gboolean  rapport_client_repository_merge_finish       (RapportClientRepository  *self,
                                                        GAsyncResult             *result,
                                                        RapportMergeUndo        **undo,
                                                        GError                  **error);
void      rapport_client_repository_undo_merge_async   (RapportClientRepository  *self,
                                                        RapportMergeUndo         *undo,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
void      rapport_client_repository_set_not_duplicate_async (RapportClientRepository *self,
                                                        gint64                    a,
                                                        gint64                    b,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
void      rapport_merge_undo_free                      (RapportMergeUndo         *undo);
gint64    rapport_merge_undo_get_id                    (RapportMergeUndo         *undo);
gboolean  rapport_client_repository_undo_merge_by_id   (RapportClientRepository  *self,
                                                        gint64                    merge_id,
                                                        GError                  **error);
void      rapport_client_repository_undo_merge_by_id_async (RapportClientRepository *self,
                                                        gint64                    merge_id,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
GPtrArray *rapport_client_repository_list_merges       (RapportClientRepository  *self,
                                                        GError                  **error);
void      rapport_merge_entry_free                     (RapportMergeEntry        *entry);

char     *rapport_duplicate_reasons_to_string          (RapportDuplicateReasons   reasons);
guint     rapport_duplicate_score                      (RapportDuplicateReasons   reasons);
gboolean  rapport_names_differ_by_typo                 (const char               *a,
                                                        const char               *b);
char     *rapport_name_word_key                        (const char               *folded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportMergeUndo, rapport_merge_undo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportMergeEntry, rapport_merge_entry_free)

G_END_DECLS
