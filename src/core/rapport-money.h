/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is a count of minor units of the business's currency (cents,
 * kopecks, grosze; rials have none), never a float. Quantities are counted
 * in thousandths (1.5 hours is 1500), rates (tax, discount) in hundredths
 * of a percent (20 % is 2000). */
#define RAPPORT_QUANTITY_ONE 1000
#define RAPPORT_RATE_WHOLE   10000

/* The largest quantity, price and amount a line may have: far beyond any
 * sale, and small enough that no sum of a real order can overflow. */
#define RAPPORT_QUANTITY_MAX G_GINT64_CONSTANT (1000000000000)      /* a billion units */
#define RAPPORT_AMOUNT_MAX   G_GINT64_CONSTANT (1000000000000000)   /* 10^15 minor units */

/**
 * RapportLineAmounts:
 * @net: before tax
 * @tax: the tax
 * @gross: with tax; always @net + @tax
 *
 * What one order line comes to, in minor units.
 */
typedef struct
{
  gint64 net;
  gint64 tax;
  gint64 gross;
} RapportLineAmounts;

gboolean rapport_money_line            (gint64               quantity,
                                        gint64               unit_price,
                                        gint                 discount,
                                        gint                 tax_rate,
                                        gboolean             prices_include_tax,
                                        RapportLineAmounts  *amounts,
                                        GError             **error);
gboolean rapport_money_add             (gint64               a,
                                        gint64               b,
                                        gint64              *sum,
                                        GError             **error);
gint64   rapport_money_round_half_away (gint64               numerator,
                                        gint64               denominator);

G_END_DECLS
