/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-money.h"
#include "rapport-order.h"

G_BEGIN_DECLS

/**
 * RapportTaxSum:
 * @tax_rate: in hundredths of a percent
 * @net: the lines' net amounts at this rate
 * @tax: their tax
 *
 * One row of an order's tax summary.
 */
typedef struct
{
  gint   tax_rate;
  gint64 net;
  gint64 tax;
} RapportTaxSum;

/**
 * RapportOrderTotals:
 * @net: before tax
 * @tax: all tax
 * @gross: the grand total
 * @by_rate: (element-type RapportTaxSum): the tax summary, by rate
 *   ascending
 */
typedef struct
{
  gint64  net;
  gint64  tax;
  gint64  gross;
  GArray *by_rate;
} RapportOrderTotals;

gboolean             rapport_order_tidy                  (RapportOrder        *order,
                                                          GError             **error);
gboolean             rapport_order_line_tidy             (RapportOrderLine    *line,
                                                          guint                number,
                                                          gboolean             prices_include_tax,
                                                          GError             **error);
gboolean             rapport_order_compute_totals        (RapportOrder        *order,
                                                          RapportOrderTotals  *totals,
                                                          GError             **error);
void                 rapport_order_totals_clear          (RapportOrderTotals  *totals);
gboolean             rapport_order_can_become            (RapportOrderStatus   from,
                                                          RapportOrderStatus   to);
gboolean             rapport_order_check_status_change   (RapportOrder        *order,
                                                          RapportOrderStatus   to,
                                                          GError             **error);
gboolean             rapport_order_status_allows_editing (RapportOrderStatus   status);
gboolean             rapport_order_check_payment         (RapportOrder        *order,
                                                          gint64               amount,
                                                          GError             **error);
gboolean             rapport_order_counts_as_sale        (RapportOrderStatus   status);
RapportPaymentStatus rapport_payment_status_of           (gint64               total,
                                                          gint64               paid);
char                *rapport_order_dup_payment_due_on    (RapportOrder        *order);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportOrderTotals, rapport_order_totals_clear)

G_END_DECLS
