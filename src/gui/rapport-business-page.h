/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_BUSINESS_PAGE (rapport_business_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportBusinessPage, rapport_business_page, RAPPORT, BUSINESS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_business_page_new (RapportContext *context);

G_END_DECLS
