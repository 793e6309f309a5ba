/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-business-repository.h"
#include "rapport-carrier-repository.h"
#include "rapport-campaign-repository.h"
#include "rapport-catalog-repository.h"
#include "rapport-client-repository.h"
#include "rapport-database.h"
#include "rapport-delivery-repository.h"
#include "rapport-interaction-repository.h"
#include "rapport-order-repository.h"
#include "rapport-payment-repository.h"
#include "rapport-reminders.h"
#include "rapport-segment-repository.h"
#include "rapport-staff-repository.h"
#include "rapport-task-repository.h"
#include "rapport-warranty-repository.h"

G_BEGIN_DECLS

/* rapport-analytics.h, which not every page needs. */
typedef struct _RapportAnalytics RapportAnalytics;

#define RAPPORT_TYPE_CONTEXT (rapport_context_get_type ())

G_DECLARE_FINAL_TYPE (RapportContext, rapport_context, RAPPORT, CONTEXT, GObject)

RapportContext               *rapport_context_new              (RapportDatabase *database,
                                                                GSettings       *settings);
RapportDatabase              *rapport_context_get_database     (RapportContext  *self);
RapportClientRepository      *rapport_context_get_clients      (RapportContext  *self);
RapportInteractionRepository *rapport_context_get_interactions (RapportContext  *self);
RapportStaffRepository       *rapport_context_get_staff        (RapportContext  *self);
RapportOrderRepository       *rapport_context_get_orders       (RapportContext  *self);
RapportPaymentRepository     *rapport_context_get_payments     (RapportContext  *self);
RapportCatalogRepository     *rapport_context_get_catalog      (RapportContext  *self);
RapportBusinessRepository    *rapport_context_get_business     (RapportContext  *self);
RapportDeliveryRepository    *rapport_context_get_deliveries   (RapportContext  *self);
RapportCarrierRepository     *rapport_context_get_carriers     (RapportContext  *self);
RapportWarrantyRepository    *rapport_context_get_warranties   (RapportContext  *self);
RapportTaskRepository        *rapport_context_get_tasks        (RapportContext  *self);
RapportReminders             *rapport_context_get_reminders    (RapportContext  *self);
RapportSegmentRepository     *rapport_context_get_segments     (RapportContext  *self);
RapportCampaignRepository    *rapport_context_get_campaigns    (RapportContext  *self);
RapportAnalytics             *rapport_context_get_analytics    (RapportContext  *self);
GSettings                    *rapport_context_get_settings     (RapportContext  *self);
GDateTime                    *rapport_context_dup_now          (RapportContext  *self);
char                         *rapport_context_dup_phone_region (RapportContext  *self);
void                          rapport_context_apply_phone_region_async  (RapportContext      *self,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
gboolean                      rapport_context_apply_phone_region_finish (RapportContext      *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);

G_END_DECLS
