/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-analytics-page.h"
#include "rapport-client-duplicates.h"
#include "rapport-clients-page.h"
#include "rapport-context.h"
#include "rapport-campaigns-page.h"
#include "rapport-orders-page.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow  *rapport_window_new           (GtkApplication *application,
                                              RapportContext *context);
RapportContext *rapport_window_get_context   (RapportWindow  *self);
void            rapport_window_show_client   (RapportWindow  *self,
                                              gint64          id);
void            rapport_window_lookup_phone  (RapportWindow  *self,
                                              const char     *phone);
void            rapport_window_add_toast     (RapportWindow  *self,
                                              AdwToast       *toast);
void            rapport_window_show_orders   (RapportWindow  *self);
void            rapport_window_show_order    (RapportWindow  *self,
                                              gint64          id);
RapportOrdersPage *rapport_window_get_orders_page (RapportWindow *self);

void            rapport_window_show_today  (RapportWindow *self);
void            rapport_window_show_client_message (RapportWindow *self,
                                                    const char    *reminder_id);
RapportClientsPage *rapport_window_get_clients_page (RapportWindow *self);
void            rapport_window_set_merge_undo (RapportWindow    *self,
                                               RapportMergeUndo *undo);

RapportCampaignsPage *rapport_window_show_campaigns (RapportWindow *self);
RapportAnalyticsPage *rapport_window_show_analytics (RapportWindow *self);

G_END_DECLS
