/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"
#include "rapport-delivery-list.h"

G_BEGIN_DECLS

/**
 * RapportDeliveriesView:
 * @RAPPORT_DELIVERIES_VIEW_TODAY: deliveries planned for today
 * @RAPPORT_DELIVERIES_VIEW_WEEK: for this week
 * @RAPPORT_DELIVERIES_VIEW_LATE: late ones
 * @RAPPORT_DELIVERIES_VIEW_ALL: all, the latest planned first
 * @RAPPORT_DELIVERIES_VIEW_WARRANTIES: warranties ending within the
 *   notice days
 *
 * What the page lists, in its drop-down's order.
 */
typedef enum
{
  RAPPORT_DELIVERIES_VIEW_TODAY,
  RAPPORT_DELIVERIES_VIEW_WEEK,
  RAPPORT_DELIVERIES_VIEW_LATE,
  RAPPORT_DELIVERIES_VIEW_ALL,
  RAPPORT_DELIVERIES_VIEW_WARRANTIES,
} RapportDeliveriesView;

#define RAPPORT_TYPE_DELIVERIES_PAGE (rapport_deliveries_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveriesPage, rapport_deliveries_page, RAPPORT, DELIVERIES_PAGE, AdwBin)

/* Signals: “show-sidebar” when its back button is pressed; “show-client”
 * (gint64 client_id) when a warranty is opened. */
RapportDeliveriesPage *rapport_deliveries_page_new      (RapportContext        *context);
void                   rapport_deliveries_page_set_view (RapportDeliveriesPage *self,
                                                         RapportDeliveriesView  view);
RapportDeliveryList   *rapport_deliveries_page_get_list (RapportDeliveriesPage *self);

G_END_DECLS
