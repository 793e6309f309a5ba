/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * RapportBackupReason:
 * @RAPPORT_BACKUP_DAILY: the copy of the day, made when Rapport or the
 *   reminder service runs
 * @RAPPORT_BACKUP_BEFORE_UPGRADE: made before the file was brought up to
 *   a newer Rapport's data version
 * @RAPPORT_BACKUP_BEFORE_CHANGE: made before a change of many records at
 *   once (an import, a merge)
 * @RAPPORT_BACKUP_BEFORE_RESTORE: the data as it was before another
 *   backup was restored over it (what Undo restores)
 * @RAPPORT_BACKUP_MANUAL: made on request, to a place the person chose
 *
 * Why a backup was made.
 */
typedef enum
{
  RAPPORT_BACKUP_DAILY,
  RAPPORT_BACKUP_BEFORE_UPGRADE,
  RAPPORT_BACKUP_BEFORE_CHANGE,
  RAPPORT_BACKUP_BEFORE_RESTORE,
  RAPPORT_BACKUP_MANUAL,
} RapportBackupReason;

#define RAPPORT_TYPE_BACKUP (rapport_backup_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackup, rapport_backup, RAPPORT, BACKUP, GObject)

RapportBackup       *rapport_backup_describe            (const char     *path,
                                                         GError        **error);
const char          *rapport_backup_get_path            (RapportBackup  *self);
RapportBackupReason  rapport_backup_get_reason          (RapportBackup  *self);
gint64               rapport_backup_get_created_at      (RapportBackup  *self);
guint64              rapport_backup_get_size            (RapportBackup  *self);
gboolean             rapport_backup_get_encrypted       (RapportBackup  *self);
guint                rapport_backup_get_schema_version  (RapportBackup  *self);
gint64               rapport_backup_get_n_clients       (RapportBackup  *self);
gint64               rapport_backup_get_n_interactions  (RapportBackup  *self);
gint64               rapport_backup_get_n_orders        (RapportBackup  *self);

G_END_DECLS
