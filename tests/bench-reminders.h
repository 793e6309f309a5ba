/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

typedef void (*BenchReport) (const char *what,
                             GArray     *samples,
                             const char *goal);

void bench_reminders (const char  *path,
                      BenchReport  report);
