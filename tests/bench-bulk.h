/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Processor time of the calling thread so far, in seconds. */
double bench_thread_cpu_s (void);

void bench_bulk (const char  *path,
                 gboolean   (*wanted) (const char *what));
