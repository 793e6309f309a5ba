/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The one place that speaks SQLite. Everything above the store layer works
 * with records and GError, never with a statement or a result code. */

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _RapportSqlite RapportSqlite;

/* Whether damage was seen, shared by every connection to one file. */
typedef struct _RapportSqliteDamage RapportSqliteDamage;
typedef void (*RapportSqliteDamageFunc) (gpointer data);
typedef void (*RapportSqliteWaitFunc)   (gpointer data);

/* A statement from the connection's cache; releasing it resets it. */
typedef sqlite3_stmt RapportStmt;

typedef enum
{
  RAPPORT_SQLITE_READ_WRITE = 0,
  RAPPORT_SQLITE_READ_ONLY  = 1 << 0,
} RapportSqliteFlags;

RapportSqlite *_rapport_sqlite_open          (const char      *path,
                                              RapportSqliteFlags flags,
                                              GError         **error);
void           _rapport_sqlite_close         (RapportSqlite   *self);
void           _rapport_sqlite_release_memory (RapportSqlite  *self);
sqlite3       *_rapport_sqlite_get_handle    (RapportSqlite   *self);
const char    *_rapport_sqlite_get_path      (RapportSqlite   *self);
void           _rapport_sqlite_set_error     (RapportSqlite   *self,
                                              int              rc,
                                              GError         **error);
gboolean       _rapport_sqlite_exec          (RapportSqlite   *self,
                                              const char      *sql,
                                              GError         **error);
RapportStmt   *_rapport_sqlite_prepare       (RapportSqlite   *self,
                                              const char      *sql,
                                              GError         **error);
gboolean       _rapport_sqlite_step          (RapportSqlite   *self,
                                              RapportStmt     *stmt,
                                              gboolean        *has_row,
                                              GError         **error);
gboolean       _rapport_sqlite_run           (RapportSqlite   *self,
                                              RapportStmt     *stmt,
                                              GError         **error);
gboolean       _rapport_sqlite_begin         (RapportSqlite   *self,
                                              GError         **error);
gboolean       _rapport_sqlite_commit        (RapportSqlite   *self,
                                              GError         **error);
void           _rapport_sqlite_rollback      (RapportSqlite   *self);
gint64         _rapport_sqlite_last_insert_id(RapportSqlite   *self);
guint          _rapport_sqlite_get_n_statements (RapportSqlite *self);
int            _rapport_sqlite_changes       (RapportSqlite   *self);
gboolean       _rapport_sqlite_get_int       (RapportSqlite   *self,
                                              const char      *sql,
                                              gint64          *value,
                                              GError         **error);
void           _rapport_sqlite_interrupt     (RapportSqlite   *self);
gboolean       _rapport_sqlite_has_waiter    (RapportSqlite   *self);
char          *_rapport_sqlite_fts_phrase    (const char      *text);
gboolean       _rapport_sqlite_backup        (RapportSqlite   *source,
                                              RapportSqlite   *dest,
                                              GError         **error);
void           _rapport_sqlite_mark_damaged  (RapportSqlite   *self);
GPtrArray     *_rapport_sqlite_check         (RapportSqlite   *self,
                                              gboolean         full,
                                              GError         **error);
char          *_rapport_sqlite_dup_problem_table (RapportSqlite *self,
                                              const char      *problem);
char          *_rapport_sqlite_ids_to_json   (const gint64    *ids,
                                              guint            n_ids);
gboolean       _rapport_sqlite_run_each_with_id (RapportSqlite      *self,
                                              const char * const *statements,
                                              guint               n_statements,
                                              gint64              id,
                                              GError            **error);

RapportSqliteDamage *_rapport_sqlite_damage_new    (RapportSqliteDamageFunc func,
                                                   gpointer                data);
RapportSqliteDamage *_rapport_sqlite_damage_ref    (RapportSqliteDamage    *damage);
void                 _rapport_sqlite_damage_unref  (RapportSqliteDamage    *damage);
void                 _rapport_sqlite_damage_mark   (RapportSqliteDamage    *damage);
void                 _rapport_sqlite_damage_clear  (RapportSqliteDamage    *damage);
gboolean             _rapport_sqlite_damage_is_set (RapportSqliteDamage    *damage);
void           _rapport_sqlite_set_damage    (RapportSqlite   *self,
                                              RapportSqliteDamage *damage);
void           _rapport_sqlite_set_damaged_error (RapportSqlite *self,
                                              GError         **error);
void           _rapport_sqlite_set_busy      (RapportSqlite   *self,
                                              guint            limit_ms,
                                              GCancellable    *cancellable,
                                              RapportSqliteWaitFunc wait_func,
                                              gpointer         wait_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSqliteDamage, _rapport_sqlite_damage_unref)

void           _rapport_stmt_release         (RapportStmt     *stmt);
void           _rapport_stmt_bind_text       (RapportStmt     *stmt,
                                              int              index,
                                              const char      *text);
void           _rapport_stmt_bind_text_or_null (RapportStmt   *stmt,
                                              int              index,
                                              const char      *text);
void           _rapport_stmt_bind_int        (RapportStmt     *stmt,
                                              int              index,
                                              gint64           value);
void           _rapport_stmt_bind_id_or_null (RapportStmt     *stmt,
                                              int              index,
                                              gint64           id);
const char    *_rapport_stmt_column_text     (RapportStmt     *stmt,
                                              int              column);
char          *_rapport_stmt_dup_text        (RapportStmt     *stmt,
                                              int              column);
gint64         _rapport_stmt_column_int      (RapportStmt     *stmt,
                                              int              column);
gboolean       _rapport_stmt_column_is_null  (RapportStmt     *stmt,
                                              int              column);
GBytes        *_rapport_stmt_dup_blob        (RapportStmt     *stmt,
                                              int              column);
void           _rapport_stmt_bind_blob       (RapportStmt     *stmt,
                                              int              index,
                                              GBytes          *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStmt, _rapport_stmt_release)

G_END_DECLS
