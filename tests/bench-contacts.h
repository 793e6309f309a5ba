/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-reminders.h"
#include "rapport-database.h"

void bench_contacts (RapportDatabase *database,
                     gboolean       (*wanted) (const char *what),
                     BenchReport      report);
