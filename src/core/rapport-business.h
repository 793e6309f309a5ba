/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_BUSINESS (rapport_business_get_type ())

/* The largest logo a business keeps, in bytes: a logo for invoices needs
 * far less, and every invoice carries it. */
#define RAPPORT_BUSINESS_LOGO_MAX_SIZE (1000 * 1000)

/**
 * RapportBusiness:
 * @name: the business's name, as on an invoice
 * @address: its postal address, one or more lines
 * @tax_number: its tax or VAT number; may be empty
 * @contact: a phone, e-mail or web address for invoices; may be empty
 * @logo: (nullable): a PNG image for invoices
 * @currency: the ISO 4217 code of its currency, such as EUR
 * @number_pattern: how its orders are numbered (rapport-order-number.h)
 * @payment_terms_days: days a client has to pay, from the order's date
 * @quote_days: days a quote is valid for, from its date
 * @prices_include_tax: whether its prices include tax (shops, salons) or
 *   come before it (businesses billing businesses)
 *
 * Who is selling, and on what terms.
 */
typedef struct
{
  char     *name;
  char     *address;
  char     *tax_number;
  char     *contact;
  GBytes   *logo;
  char     *currency;
  char     *number_pattern;
  guint     payment_terms_days;
  guint     quote_days;
  gboolean  prices_include_tax;
} RapportBusiness;

GType            rapport_business_get_type (void) G_GNUC_CONST;
RapportBusiness *rapport_business_new      (void);
RapportBusiness *rapport_business_copy     (const RapportBusiness *self);
void             rapport_business_free     (RapportBusiness       *self);
gboolean         rapport_business_tidy     (RapportBusiness       *self,
                                            GError               **error);
char            *rapport_business_dup_default_currency (void);
gboolean         rapport_business_logo_is_png          (GBytes *logo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportBusiness, rapport_business_free)

G_END_DECLS
