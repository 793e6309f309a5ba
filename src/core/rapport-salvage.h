/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rapport_database_salvage (const char  *damaged,
                                   const char  *output,
                                   char       **report,
                                   GError     **error);

G_END_DECLS
