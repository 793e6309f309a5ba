/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-reminders.h"

G_BEGIN_DECLS

RapportReminders *rapport_cli_open_reminders (RapportDatabaseFlags  flags,
                                              int                  *status);

int               rapport_cli_run_reminders  (void);
int               rapport_cli_run_snooze     (const char           *id,
                                              const char           *until_text);
int               rapport_cli_run_done       (const char           *id);

G_END_DECLS
