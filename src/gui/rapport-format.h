/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-calendar.h"
#include "rapport-interaction.h"

G_BEGIN_DECLS

const char *rapport_format_kind_label        (RapportInteractionKind  kind);
const char *rapport_format_kind_icon         (RapportInteractionKind  kind);
const char *rapport_format_direction_label   (RapportDirection        direction);
const char *rapport_format_contact_label     (const char             *label);
char       *rapport_format_relative_day      (gint64                  utc_seconds,
                                              GDateTime              *now);
char       *rapport_format_moment            (gint64                  utc_seconds,
                                              GDateTime              *now);
char       *rapport_format_due               (gint64                  utc_seconds,
                                              gboolean                with_time,
                                              GDateTime              *now);
char       *rapport_format_iso_date          (const char             *iso_date);
char       *rapport_format_local_date        (gint64                  utc_seconds);
char       *rapport_format_usual_visits      (gint64                  usual_interval,
                                              const char             *last_on);
char       *rapport_format_iso_date_as       (const char             *iso_date,
                                              const char             *skeleton);
char       *rapport_format_left_to_right     (const char             *text);
const char *rapport_format_direction_mark    (GtkTextDirection        direction);
char       *rapport_format_lines_in_direction (const char          *text,
                                               GtkTextDirection     direction);
gboolean    rapport_format_uses_other_calendar (void);
const RapportCalendar *rapport_format_calendar (void);
char       *rapport_format_count             (gint64                  n);
char       *rapport_format_percent           (double                  ratio,
                                              gboolean                with_sign);
char       *rapport_format_line              (guint                   line);
char       *rapport_format_country           (const char             *region);
char       *rapport_format_entry_date        (const char             *iso_date);
char       *rapport_format_parse_entry_date  (const char             *text);
char       *rapport_format_date_problem      (const char             *text);

G_END_DECLS
