/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint     rapport_money_fraction_digits (const char  *currency);
char    **rapport_money_dup_currencies  (void);
char     *rapport_money_dup_currency_name (const char *currency);
char     *rapport_money_format          (gint64       amount,
                                         const char  *currency);
char     *rapport_money_format_number   (gint64       amount,
                                         const char  *currency);
char     *rapport_money_format_plain    (gint64       amount,
                                         const char  *currency);
gboolean  rapport_money_parse           (const char  *text,
                                         const char  *currency,
                                         gint64      *amount,
                                         GError     **error);
char     *rapport_quantity_format       (gint64       thousandths);
gboolean  rapport_quantity_parse        (const char  *text,
                                         gint64      *thousandths,
                                         GError     **error);
char     *rapport_integer_format        (gint64       n);
char     *rapport_rate_format_number    (gint         hundredths);
char     *rapport_rate_format           (gint         hundredths);
gboolean  rapport_rate_parse            (const char  *text,
                                         gint        *hundredths,
                                         GError     **error);

G_END_DECLS
