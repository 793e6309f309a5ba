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

/* The open part of an encrypted backup (rapport-backup-header.c). */
#define RAPPORT_BACKUP_HEADER_GROUP "Rapport Backup"
#define RAPPORT_BACKUP_HEADER_HASH_SIZE 32

void                 _rapport_backup_set_io_error       (GError                   **error,
                                                         const char                *path,
                                                         int                        saved_errno);
void                 _rapport_backup_set_tampered       (GError                   **error,
                                                         const char                *path);
gboolean             _rapport_backup_write_all          (int                        fd,
                                                         const void                *data,
                                                         gsize                      length,
                                                         const char                *path,
                                                         GError                   **error);
/* Reads up to @length bytes; fewer only at the end of the file. */
gssize               _rapport_backup_read_full          (int                        fd,
                                                         void                      *data,
                                                         gsize                      length);
/* A header telling @facts, to which the seal adds its own keys. */
GKeyFile            *_rapport_backup_header_new         (const RapportBackupFacts  *facts);
/* Writes the magic, the length and @keys; @hash gets the header's SHA-256. */
gboolean             _rapport_backup_header_write       (int                        fd,
                                                         GKeyFile                  *keys,
                                                         const char                *path,
                                                         guint8                    *hash,
                                                         GError                   **error);
/* Reads them back, leaving @fd at the first chunk. */
GKeyFile            *_rapport_backup_header_read        (int                        fd,
                                                         const char                *path,
                                                         guint8                    *hash,
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

/* Shared by the backups folder (rapport-backups.c), exports
 * (rapport-backups-export.c) and restores (rapport-backups-restore.c). */

/* A temporary file's name ends so: list and rotation pass it by, and one
 * left by a run that ended without tidying is removed a day later. */
#define RAPPORT_BACKUPS_PARTIAL ".partial"

/* What a backup made, exported or restored in a worker thread needs. */
typedef struct
{
  char                *path;
  char                *output;
  char                *passphrase;
  gint64               now;
  RapportBackupPolicy  policy;
  RapportBackup       *kept;
  gboolean             replace;
  char                *prepared;
} RapportBackupsJob;

RapportBackupsJob   *_rapport_backups_job_new             (RapportDatabase           *database);
void                 _rapport_backups_job_free            (RapportBackupsJob         *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportBackupsJob, _rapport_backups_job_free)
/* Runs @thread in a worker thread with @job (taken) as the task's data,
 * @database as its source and @source_tag as its tag. */
void                 _rapport_backups_job_run             (RapportDatabase           *database,
                                                           RapportBackupsJob         *job,
                                                           gpointer                   source_tag,
                                                           GTaskThreadFunc            thread,
                                                           GCancellable              *cancellable,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);

/* A connection of the worker's own to @database's file, that reports the
 * damage it meets to @database. */
RapportSqlite       *_rapport_backups_open_source         (RapportDatabase           *database,
                                                           GError                   **error);
/* The backups folder of @database_path, created private when missing. */
char                *_rapport_backups_ensure_folder       (const char                *database_path,
                                                           GError                   **error);
/* The database file's name without its extension. */
char                *_rapport_backups_dup_stem            (const char                *database_path);
void                 _rapport_backups_set_io_error        (GError                   **error,
                                                           const char                *message_format,
                                                           const char                *path,
                                                           int                        saved_errno);
/* An empty file, 0600 from the start, which must not exist yet. */
gboolean             _rapport_backups_create_private_file (const char                *path,
                                                           GError                   **error);
gboolean             _rapport_backups_sync_path           (const char                *path,
                                                           gboolean                   directory,
                                                           GError                   **error);
/* Gives a finished file its name: whole, or not at all. */
gboolean             _rapport_backups_commit_file         (const char                *partial,
                                                           const char                *final,
                                                           GError                   **error);
/* Copies @source into the new file @target and checks the copy. */
gboolean             _rapport_backups_copy_database       (RapportSqlite             *source,
                                                           const char                *target,
                                                           RapportBackupFacts        *facts,
                                                           GError                   **error);
/* A database file and the files SQLite keeps beside it. */
void                 _rapport_backups_remove_database_file (const char               *path);

G_END_DECLS
