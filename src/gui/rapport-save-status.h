/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SAVE_STATUS (rapport_save_status_get_type ())

G_DECLARE_FINAL_TYPE (RapportSaveStatus, rapport_save_status, RAPPORT, SAVE_STATUS, GtkWidget)

void rapport_save_status_set_database (RapportSaveStatus *self,
                                       RapportDatabase   *database);
void rapport_save_status_begin        (RapportSaveStatus *self);
void rapport_save_status_end          (RapportSaveStatus *self);

G_END_DECLS
