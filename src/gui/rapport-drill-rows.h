/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-context.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_DRILL_CLIENTS,
  RAPPORT_DRILL_ORDERS,
} RapportDrillKind;

#define RAPPORT_TYPE_DRILL_ROWS (rapport_drill_rows_get_type ())

G_DECLARE_FINAL_TYPE (RapportDrillRows, rapport_drill_rows, RAPPORT, DRILL_ROWS, GObject)

RapportDrillRows *rapport_drill_rows_new      (RapportContext   *context,
                                               RapportDrillKind  kind,
                                               GArray           *ids);
RapportDrillKind  rapport_drill_rows_get_kind (RapportDrillRows *self);
gint64            rapport_drill_rows_get_id   (RapportDrillRows *self,
                                               guint             position);
GArray           *rapport_drill_rows_get_ids  (RapportDrillRows *self);

G_END_DECLS
