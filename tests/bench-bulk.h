/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Processor time of the calling thread so far, in seconds. */
double bench_thread_cpu_s (void);

/* Removes a database file and the files SQLite and Rapport keep beside it. */
void bench_remove_database (const char *path);

void bench_bulk (const char  *path,
                 gboolean   (*wanted) (const char *what));
