/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLOCK (rapport_clock_get_type ())

G_DECLARE_FINAL_TYPE (RapportClock, rapport_clock, RAPPORT, CLOCK, GObject)

RapportClock *rapport_clock_new_system (void);
RapportClock *rapport_clock_new_fixed  (gint64        utc_seconds);
gboolean      rapport_clock_is_fixed   (RapportClock *self);
gint64        rapport_clock_get_now    (RapportClock *self);
void          rapport_clock_set_now    (RapportClock *self,
                                        gint64        utc_seconds);
void          rapport_clock_advance    (RapportClock *self,
                                        gint64        seconds);

G_END_DECLS
