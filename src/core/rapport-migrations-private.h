/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* A step of the schema: SQL from a resource file, a C function (to rebuild
 * what SQL cannot, such as search text when the folding rules change), or
 * both, SQL first. Each step runs in one transaction with the version it
 * brings the file to. */
typedef gboolean (*RapportMigrationFunc) (RapportSqlite  *db,
                                          GError        **error);

typedef struct
{
  const char           *sql_file;  /* under core/sql/ in the resources, or NULL */
  RapportMigrationFunc  run;       /* or NULL */
} RapportMigrationStep;

const RapportMigrationStep *_rapport_migrations_get_steps (guint                       *n_steps);
gboolean                    _rapport_migrations_apply     (RapportSqlite               *db,
                                                           const RapportMigrationStep  *steps,
                                                           guint                        n_steps,
                                                           guint                        from_version,
                                                           GError                     **error);

G_END_DECLS
