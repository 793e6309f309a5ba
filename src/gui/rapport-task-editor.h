/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TASK_EDITOR (rapport_task_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportTaskEditor, rapport_task_editor, RAPPORT, TASK_EDITOR, AdwWindow)

GtkWidget *rapport_task_editor_new (RapportContext *context,
                                    RapportClient  *client,
                                    RapportTask    *task);

G_END_DECLS
