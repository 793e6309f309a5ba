/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
char       *rapport_format_left_to_right     (const char             *text);

G_END_DECLS
