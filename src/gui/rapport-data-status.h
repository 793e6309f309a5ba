/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DATA_STATUS (rapport_data_status_get_type ())

G_DECLARE_FINAL_TYPE (RapportDataStatus, rapport_data_status, RAPPORT, DATA_STATUS, GtkWidget)

RapportDataStatus *rapport_data_status_new          (RapportContext    *context);
gint64             rapport_data_status_get_last_backup (RapportDataStatus *self);

G_END_DECLS
