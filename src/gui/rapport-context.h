/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTEXT (rapport_context_get_type ())

G_DECLARE_FINAL_TYPE (RapportContext, rapport_context, RAPPORT, CONTEXT, GObject)

RapportContext *rapport_context_new          (RapportStore   *store,
                                              GSettings      *settings);
RapportStore   *rapport_context_get_store    (RapportContext *self);
GSettings      *rapport_context_get_settings (RapportContext *self);

G_END_DECLS
