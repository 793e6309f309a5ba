/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_EDITOR (rapport_order_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderEditor, rapport_order_editor, RAPPORT, ORDER_EDITOR, AdwWindow)

RapportOrderEditor *rapport_order_editor_new        (RapportContext     *context,
                                                     gint64              client_id);
RapportOrderEditor *rapport_order_editor_new_open   (RapportContext     *context,
                                                     gint64              order_id);
RapportOrderEditor *rapport_order_editor_new_repeat (RapportContext     *context,
                                                     gint64              order_id);
gint64              rapport_order_editor_get_order_id (RapportOrderEditor *self);
gboolean            rapport_order_editor_save       (RapportOrderEditor *self);
gboolean            rapport_order_editor_write_invoice (RapportOrderEditor *self,
                                                        GFile              *file,
                                                        GError            **error);

G_END_DECLS
