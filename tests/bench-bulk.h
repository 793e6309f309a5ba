/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

void bench_bulk (const char  *path,
                 gboolean   (*wanted) (const char *what));
