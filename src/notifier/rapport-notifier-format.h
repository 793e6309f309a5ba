/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rapport_notifier_format_money   (gint64      amount,
                                       const char *currency);
char *rapport_notifier_format_integer (gint64      n);

G_END_DECLS
