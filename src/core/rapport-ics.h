/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-reminders.h"

G_BEGIN_DECLS

char     *rapport_ics_dup_reminders (RapportReminders  *reminders,
                                     gint64             now,
                                     guint             *n_exported,
                                     GError           **error);
gboolean  rapport_ics_export        (RapportReminders  *reminders,
                                     gint64             now,
                                     const char        *path,
                                     guint             *n_exported,
                                     GError           **error);

G_END_DECLS
