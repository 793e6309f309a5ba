/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-reminders.h"
#include "rapport-context.h"

typedef gboolean (*BenchWanted) (const char *what);

/* In bench.c: what a view asks for first, the rows of its first screen. */
void bench_load_first_rows (GListModel *list);

void bench_deliveries (RapportContext *context,
                       BenchWanted     wanted,
                       BenchReport     report);
