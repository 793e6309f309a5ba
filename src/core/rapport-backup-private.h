/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-backup.h"
#include "rapport-backups.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* What is known of a backup without opening it as a database. Counts are
 * -1 when unknown. */
typedef struct
{
  gint64               created_at;
  RapportBackupReason  reason;
  guint                schema_version;
  gint64               n_clients;
  gint64               n_interactions;
  gint64               n_orders;
} RapportBackupFacts;

const char          *_rapport_backup_reason_to_string   (RapportBackupReason        reason);
RapportBackupReason  _rapport_backup_reason_from_string (const char                *text);
RapportBackup       *_rapport_backup_new                (const char                *path,
                                                         const RapportBackupFacts  *facts,
                                                         gboolean                   encrypted);
gboolean             _rapport_backup_count              (RapportSqlite             *db,
                                                         RapportBackupFacts        *facts,
                                                         GError                   **error);

gboolean             _rapport_backup_is_sealed          (const char                *path);
gboolean             _rapport_backup_read_sealed_facts  (const char                *path,
                                                         RapportBackupFacts        *facts,
                                                         GError                   **error);
gboolean             _rapport_backup_encrypt            (const char                *plain,
                                                         const char                *sealed,
                                                         const char                *passphrase,
                                                         const RapportBackupFacts  *facts,
                                                         GError                   **error);
gboolean             _rapport_backup_decrypt            (const char                *sealed,
                                                         const char                *plain,
                                                         const char                *passphrase,
                                                         GError                   **error);

/* Reads the time and the reason from a backup's file name, when it is
 * one Rapport gave. */
gboolean             _rapport_backups_parse_name        (const char                *path,
                                                         RapportBackupFacts        *facts);

/* A checked copy of @source (the connection of @database_path) in the
 * backups folder, for @reason, then the folder's rotation. */
RapportBackup       *_rapport_backup_make_from          (RapportSqlite             *source,
                                                         const char                *database_path,
                                                         gint64                     now,
                                                         RapportBackupReason        reason,
                                                         const RapportBackupPolicy *policy,
                                                         GError                   **error);

G_END_DECLS
