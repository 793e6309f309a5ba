/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_MAIL_PAGE (rapport_mail_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportMailPage, rapport_mail_page, RAPPORT, MAIL_PAGE, AdwPreferencesPage)

GtkWidget *rapport_mail_page_new (RapportContext *context);

G_END_DECLS
