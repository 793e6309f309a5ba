/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TODAY_PAGE (rapport_today_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTodayPage, rapport_today_page, RAPPORT, TODAY_PAGE, AdwBin)

RapportTodayPage *rapport_today_page_new                    (RapportContext   *context);
guint             rapport_today_page_get_n_due              (RapportTodayPage *self);
void              rapport_today_page_reload                 (RapportTodayPage *self);
gboolean          rapport_today_page_get_notifications_available (RapportTodayPage *self);
gboolean          rapport_today_page_get_loading            (RapportTodayPage *self);
void              rapport_today_page_show_message           (RapportTodayPage *self,
                                                             const char       *id);

G_END_DECLS
