/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void rapport_gui_init       (void);
void rapport_gui_load_style (void);

G_END_DECLS
