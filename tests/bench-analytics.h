/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-reminders.h"
#include "rapport-database.h"

typedef gboolean (*BenchAnalyticsWanted) (const char *what);

void bench_analytics (RapportDatabase      *database,
                      BenchAnalyticsWanted  wanted,
                      BenchReport           report);
