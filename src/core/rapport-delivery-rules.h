/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-delivery.h"
#include "rapport-interaction.h"

G_BEGIN_DECLS

gboolean  rapport_delivery_status_is_open      (RapportDeliveryStatus   status);
gboolean  rapport_delivery_status_holds        (RapportDeliveryStatus   status);
gboolean  rapport_delivery_can_become          (RapportDeliveryStatus   from,
                                                RapportDeliveryStatus   to);
gboolean  rapport_delivery_check_status_change (RapportDeliveryStatus   from,
                                                RapportDeliveryStatus   to,
                                                GError                **error);
gboolean  rapport_delivery_is_late             (RapportDeliveryStatus   status,
                                                const char             *planned_on,
                                                const char             *today);
gboolean  rapport_delivery_tidy                (RapportDelivery        *delivery,
                                                gboolean                pickup,
                                                GError                **error);
gboolean  rapport_delivery_check_quantity      (const RapportDeliverable *line,
                                                guint                   number,
                                                gint64                  quantity,
                                                GError                **error);
char     *rapport_quantity_to_string           (gint64                  thousandths);
gboolean  rapport_carrier_tidy                 (RapportCarrier         *carrier,
                                                GError                **error);
char     *rapport_carrier_dup_tracking_uri     (const char             *pattern,
                                                const char             *tracking_number);
char     *rapport_warranty_dup_end             (const char             *starts_on,
                                                guint                   months);
RapportInteraction *rapport_warranty_claim_new (const RapportWarranty *warranty,
                                                const char            *problem,
                                                gint64                 occurred_at);
char     *rapport_day_shift                    (const char             *day,
                                                int                     days);
typedef char *(*RapportDayFormatFunc) (const char *iso_date);

void      rapport_warranty_message_set_day_format (RapportDayFormatFunc format);
void      rapport_warranty_message_compose     (const char             *client_name,
                                                const char             *product,
                                                const char             *serial_number,
                                                const char             *ends_on,
                                                char                  **subject,
                                                char                  **body);
RapportInteraction *rapport_warranty_message_sent_new (gint64           client_id,
                                                const char            *subject,
                                                const char            *body,
                                                gint64                 occurred_at);

G_END_DECLS
