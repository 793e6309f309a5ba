/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-carrier-repository.h"
#include "rapport-sqlite-private.h"

G_BEGIN_DECLS

/* A schema step: the carriers every business starts with, in the language
 * of the person who first opens the file. */
gboolean _rapport_carrier_repository_add_defaults (RapportSqlite  *db,
                                                   GError        **error);

/* The carrier that stands for goods handed over in the shop. */
gboolean _rapport_carrier_repository_find_pickup  (RapportSqlite  *db,
                                                   gint64         *id,
                                                   GError        **error);

G_END_DECLS
