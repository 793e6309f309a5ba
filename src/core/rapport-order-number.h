/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN "{year}-{seq:4}"

gboolean  rapport_order_number_validate   (const char  *pattern,
                                           GError     **error);
char     *rapport_order_number_dup_scope  (const char  *pattern,
                                           const char  *iso_date);
char     *rapport_order_number_format     (const char  *pattern,
                                           const char  *iso_date,
                                           gint64       sequence);

G_END_DECLS
