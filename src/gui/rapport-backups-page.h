/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_BACKUPS_PAGE (rapport_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackupsPage, rapport_backups_page, RAPPORT, BACKUPS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_backups_page_new (RapportContext *context);

G_END_DECLS
