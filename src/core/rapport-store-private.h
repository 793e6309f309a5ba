/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-sqlite-private.h"
#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct _RapportSearchCache RapportSearchCache;

struct _RapportStore
{
  GObject        parent_instance;

  char          *path;
  RapportSqlite *db;
  guint          schema_version;

  /* Counts this store's writes: SQLite's data_version only counts those of
   * other connections. */
  guint64        generation;
  RapportSearchCache *search_cache;

  /* Nested transactions: the outermost is BEGIN IMMEDIATE, inner ones are
   * savepoints. */
  guint          transaction_depth;

  /* A batch holds one transaction over many writes and reports one change
   * at its end. */
  guint          batch_depth;
  gboolean       batch_changed;

  /* Searches run in a worker thread on their own read-only connection. */
  GMutex         reader_lock;
  RapportSqlite *reader;
  RapportSearchCache *reader_cache;
};

enum {
  STORE_SIGNAL_CLIENTS_CHANGED,
  STORE_SIGNAL_INTERACTIONS_CHANGED,
  STORE_SIGNAL_STAFF_CHANGED,
  STORE_N_SIGNALS
};

gint64    _rapport_store_now                (RapportStore  *self);
gboolean  _rapport_store_transaction_begin  (RapportStore  *self,
                                             GError       **error);
gboolean  _rapport_store_transaction_commit (RapportStore  *self,
                                             GError       **error);
void      _rapport_store_transaction_abort  (RapportStore  *self);
void      _rapport_store_emit               (RapportStore  *self,
                                             guint          signal,
                                             gint64         id);

gboolean  _rapport_migrations_apply         (RapportSqlite *db,
                                             guint          from_version,
                                             GError       **error);
guint     _rapport_migrations_latest        (void);

/* The application id in the database header: “Rapp”. */
#define RAPPORT_APPLICATION_ID 0x52617070

G_END_DECLS
