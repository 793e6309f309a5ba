/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-backup.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/**
 * RapportBackupPolicy:
 * @keep_daily: how many daily copies to keep, newest first (at least 1)
 * @keep_weekly: beyond those, for how many weeks to keep the newest daily
 *   copy of the week
 *
 * Which automatic backups the rotation keeps. Copies made before an
 * upgrade, a change of many records or a restore are kept apart: the
 * newest ten of them.
 */
typedef struct
{
  guint keep_daily;
  guint keep_weekly;
} RapportBackupPolicy;

#define RAPPORT_BACKUP_POLICY_DEFAULT ((RapportBackupPolicy) { 7, 8 })

char          *rapport_backups_dup_folder      (const char                 *database_path);
gint64         rapport_backups_get_last_time   (const char                 *database_path);
GPtrArray     *rapport_backups_list            (const char                 *database_path,
                                                GError                    **error);
void           rapport_backups_list_async      (const char                 *database_path,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
GPtrArray     *rapport_backups_list_finish     (GAsyncResult               *result,
                                                GError                    **error);

RapportBackup *rapport_backups_make            (RapportDatabase            *database,
                                                RapportBackupReason         reason,
                                                const RapportBackupPolicy  *policy,
                                                GError                    **error);
RapportBackup *rapport_backups_make_daily      (RapportDatabase            *database,
                                                const RapportBackupPolicy  *policy,
                                                GError                    **error);
void           rapport_backups_make_daily_async (RapportDatabase           *database,
                                                const RapportBackupPolicy  *policy,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
RapportBackup *rapport_backups_make_daily_finish (RapportDatabase          *database,
                                                GAsyncResult               *result,
                                                GError                    **error);

gboolean       rapport_backups_export          (RapportDatabase            *database,
                                                const char                 *output,
                                                const char                 *passphrase,
                                                GError                    **error);
void           rapport_backups_export_async    (RapportDatabase            *database,
                                                const char                 *output,
                                                const char                 *passphrase,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
gboolean       rapport_backups_export_finish   (RapportDatabase            *database,
                                                GAsyncResult               *result,
                                                GError                    **error);

gboolean       rapport_backups_restore         (RapportDatabase            *database,
                                                const char                 *backup,
                                                const char                 *passphrase,
                                                RapportBackup             **kept,
                                                GError                    **error);
void           rapport_backups_restore_async   (RapportDatabase            *database,
                                                const char                 *backup,
                                                const char                 *passphrase,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
gboolean       rapport_backups_restore_finish  (RapportDatabase            *database,
                                                GAsyncResult               *result,
                                                RapportBackup             **kept,
                                                GError                    **error);
gboolean       rapport_backups_replace_damaged (const char                 *database_path,
                                                const char                 *backup,
                                                const char                 *passphrase,
                                                GError                    **error);

G_END_DECLS
