/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-reminders.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_NOTIFIER (rapport_notifier_get_type ())

G_DECLARE_FINAL_TYPE (RapportNotifier, rapport_notifier, RAPPORT, NOTIFIER, GObject)

RapportNotifier *rapport_notifier_new   (RapportReminders *reminders,
                                         GSettings        *settings,
                                         GError          **error);
void             rapport_notifier_start (RapportNotifier  *self);
void             rapport_notifier_check (RapportNotifier  *self);

G_END_DECLS
