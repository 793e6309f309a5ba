/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-reminders.h"
#include "rapport-database.h"

void bench_campaigns (RapportDatabase *database,
                      BenchReport      report);
