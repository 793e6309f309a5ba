/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What repositories use of the database: its connections, transactions and
 * change notices. Nothing above the repositories includes this. */

#include "rapport-database.h"
#include "rapport-migrations-private.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* The application id in the database header: “Rapp”. */
#define RAPPORT_APPLICATION_ID 0x52617070

RapportSqlite *_rapport_database_get_connection (RapportDatabase  *self);
guint64        _rapport_database_get_generation (RapportDatabase  *self);
gboolean       _rapport_database_has_untold_writes (RapportDatabase *self);

/* A transaction, or a savepoint inside one. Whoever begins owns it and ends
 * it exactly once: commit (which, when it fails, has already rolled its
 * level back) or rollback. */
gboolean       _rapport_database_begin          (RapportDatabase  *self,
                                                 GError          **error);
gboolean       _rapport_database_commit         (RapportDatabase  *self,
                                                 GError          **error);
void           _rapport_database_rollback       (RapportDatabase  *self);

/* Records that a row of @kind changed; watchers hear of it after the
 * outermost commit (at once outside a transaction). */
void           _rapport_database_note_change    (RapportDatabase  *self,
                                                 const char       *kind,
                                                 gint64            id);

/* Runs @func on the reader connection, from any thread, one caller at a
 * time; @cancellable interrupts a running statement. */
typedef gpointer (*RapportReadFunc) (RapportSqlite  *reader,
                                     gpointer        data,
                                     GError        **error);

gpointer       _rapport_database_read           (RapportDatabase  *self,
                                                 RapportReadFunc   func,
                                                 gpointer          data,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

/* Runs @func as _rapport_database_read() does, with a database whose
 * connection is the reader: repositories made on it read there. It keeps
 * nothing between calls but their prepared statements, notes no change,
 * and its clock is the system's: a read that needs the time is given it,
 * as the agenda is. */
typedef gpointer (*RapportReadThroughFunc) (RapportDatabase  *reader,
                                            gpointer          data,
                                            GError          **error);

gpointer       _rapport_database_read_through   (RapportDatabase        *self,
                                                 RapportReadThroughFunc  func,
                                                 gpointer                data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* The damage every connection to this file reports to. */
RapportSqliteDamage *_rapport_database_get_damage (RapportDatabase *self);
gboolean       _rapport_database_reopen         (RapportDatabase  *self,
                                                 GError          **error);
void           _rapport_database_restored       (RapportDatabase  *self);

/* Writes that must not hold the calling (main) thread: see the comment
 * above _rapport_database_write_async() in rapport-database.c. */
typedef gboolean (*RapportWriteFunc) (RapportDatabase  *worker,
                                      gpointer          data,
                                      GError          **error);

void           _rapport_database_write_async    (RapportDatabase     *self,
                                                 gpointer             source_object,
                                                 RapportWriteFunc     func,
                                                 gpointer             data,
                                                 GDestroyNotify       data_free,
                                                 gpointer             source_tag,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       _rapport_database_write_finish   (gpointer             source_object,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gpointer       _rapport_database_write_get_data (GAsyncResult        *result);

/* For tests of upgrades: opens with another list of steps. */
RapportDatabase *_rapport_database_open_with_steps (const char                  *path,
                                                    RapportDatabaseFlags         flags,
                                                    const RapportMigrationStep  *steps,
                                                    guint                        n_steps,
                                                    GError                     **error);

G_END_DECLS
