/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-clock.h"

G_BEGIN_DECLS

/**
 * RapportDatabaseFlags:
 * @RAPPORT_DATABASE_DEFAULT: create the file when missing and bring its
 *   schema up to date
 * @RAPPORT_DATABASE_READ_ONLY: only look: never create, upgrade, change or
 *   chmod the file; an empty file or one from an older Rapport is refused
 * @RAPPORT_DATABASE_DAMAGED: open a file known to be damaged to read what
 *   can still be read: as %RAPPORT_DATABASE_READ_ONLY, and a file cut short
 *   is accepted; the database is #RapportDatabase:damaged from the start
 * @RAPPORT_DATABASE_NO_BACKUP: no backup before an upgrade (for copies
 *   that are not the person's data, such as a backup being restored)
 */
typedef enum
{
  RAPPORT_DATABASE_DEFAULT   = 0,
  RAPPORT_DATABASE_READ_ONLY = 1 << 0,
  RAPPORT_DATABASE_DAMAGED   = 1 << 1,
  RAPPORT_DATABASE_NO_BACKUP = 1 << 2,
} RapportDatabaseFlags;

#define RAPPORT_TYPE_DATABASE (rapport_database_get_type ())

G_DECLARE_FINAL_TYPE (RapportDatabase, rapport_database, RAPPORT, DATABASE, GObject)

RapportDatabase *rapport_database_open                      (const char            *path,
                                                             RapportDatabaseFlags   flags,
                                                             GError               **error);
char            *rapport_database_dup_default_path          (void);
const char      *rapport_database_get_path                  (RapportDatabase       *self);
gboolean         rapport_database_get_read_only             (RapportDatabase       *self);
guint            rapport_database_get_schema_version        (RapportDatabase       *self);
guint            rapport_database_get_latest_schema_version (void);

RapportClock    *rapport_database_get_clock                 (RapportDatabase       *self);
void             rapport_database_set_clock                 (RapportDatabase       *self,
                                                             RapportClock          *clock);
gint64           rapport_database_now                       (RapportDatabase       *self);

gboolean         rapport_database_begin_batch               (RapportDatabase       *self,
                                                             GError               **error);
gboolean         rapport_database_end_batch                 (RapportDatabase       *self,
                                                             GError               **error);
gboolean         rapport_database_yield_batch               (RapportDatabase       *self,
                                                             GError               **error);
void             rapport_database_cancel_batch              (RapportDatabase       *self);

gboolean         rapport_database_get_damaged               (RapportDatabase       *self);
gboolean         rapport_database_get_waiting               (RapportDatabase       *self);
void             rapport_database_wait_for_writes_async     (RapportDatabase       *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean         rapport_database_wait_for_writes_finish    (RapportDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
gboolean         rapport_database_check                     (RapportDatabase       *self,
                                                             gboolean               full,
                                                             GError               **error);
void             rapport_database_check_async               (RapportDatabase       *self,
                                                             gboolean               full,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean         rapport_database_check_finish              (RapportDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

gboolean         rapport_database_check_changes             (RapportDatabase       *self);
void             rapport_database_set_watching              (RapportDatabase       *self,
                                                             gboolean               watching);
void             rapport_database_notify_changed            (RapportDatabase       *self);
void             rapport_database_rest                      (RapportDatabase       *self);

/**
 * rapport_database_change_concerns:
 * @changed_kind: (nullable): the kind a #RapportDatabase::changed notice
 *   names; %NULL when any kind may have changed
 * @kind: the kind a watcher shows
 *
 * Returns: whether a watcher of @kind should look again
 */
static inline gboolean
rapport_database_change_concerns (const char *changed_kind,
                                  const char *kind)
{
  return changed_kind == NULL || g_strcmp0 (changed_kind, kind) == 0;
}

G_END_DECLS
