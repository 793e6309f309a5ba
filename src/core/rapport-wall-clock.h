/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day given without a time of day is due at this hour: a follow-up
 * “on Tuesday” reminds on Tuesday morning, not at midnight. */
#define RAPPORT_DAY_STARTS_AT "09:00"

gboolean  rapport_time_validate        (const char  *time_of_day,
                                        GError     **error);
gboolean  rapport_wall_clock_to_utc    (GTimeZone   *zone,
                                        const char  *iso_date,
                                        const char  *time_of_day,
                                        gint64      *utc_seconds);
gboolean  rapport_wall_clock_parse     (GTimeZone   *zone,
                                        const char  *text,
                                        gint64      *utc_seconds,
                                        GError     **error);
char     *rapport_wall_clock_day       (GTimeZone   *zone,
                                        gint64       utc_seconds,
                                        int          days_later);

G_END_DECLS
