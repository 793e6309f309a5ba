/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_WAKE_TIMER (rapport_wake_timer_get_type ())

G_DECLARE_FINAL_TYPE (RapportWakeTimer, rapport_wake_timer, RAPPORT, WAKE_TIMER, GObject)

RapportWakeTimer *rapport_wake_timer_new      (GError          **error);
void              rapport_wake_timer_set      (RapportWakeTimer *self,
                                               gint64            utc_seconds);

G_END_DECLS
