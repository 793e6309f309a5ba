/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "rapport-business.h"
#include "rapport-error.h"
#include "rapport-order-number.h"
#include "rapport-set-str-private.h"

#define MAX_TERMS_DAYS 3650
#define DEFAULT_QUOTE_DAYS 14

G_DEFINE_BOXED_TYPE (RapportBusiness, rapport_business, rapport_business_copy, rapport_business_free)

/**
 * rapport_business_dup_default_currency:
 *
 * Returns: (transfer full): the currency of the person's locale, or EUR
 *   when the locale names none
 */
char *
rapport_business_dup_default_currency (void)
{
  const char *symbol = localeconv ()->int_curr_symbol;

  if (symbol != NULL && strlen (symbol) >= 3 && g_ascii_isupper (symbol[0])
      && g_ascii_isupper (symbol[1]) && g_ascii_isupper (symbol[2]))
    return g_strndup (symbol, 3);
  return g_strdup ("EUR");
}

/**
 * rapport_business_new:
 *
 * Returns: (transfer full): a business with no name yet, the locale's
 *   currency, numbers such as 2026-0042, payment on the day and quotes
 *   valid for two weeks
 */
RapportBusiness *
rapport_business_new (void)
{
  RapportBusiness *self = g_new0 (RapportBusiness, 1);

  self->name = g_strdup ("");
  self->address = g_strdup ("");
  self->tax_number = g_strdup ("");
  self->contact = g_strdup ("");
  self->currency = rapport_business_dup_default_currency ();
  self->number_pattern = g_strdup (RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN);
  self->quote_days = DEFAULT_QUOTE_DAYS;
  self->prices_include_tax = TRUE;
  return self;
}

RapportBusiness *
rapport_business_copy (const RapportBusiness *self)
{
  RapportBusiness *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->address = g_strdup (self->address);
  copy->tax_number = g_strdup (self->tax_number);
  copy->contact = g_strdup (self->contact);
  copy->logo = self->logo ? g_bytes_ref (self->logo) : NULL;
  copy->currency = g_strdup (self->currency);
  copy->number_pattern = g_strdup (self->number_pattern);
  return copy;
}

void
rapport_business_free (RapportBusiness *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->address);
  g_free (self->tax_number);
  g_free (self->contact);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self->currency);
  g_free (self->number_pattern);
  g_free (self);
}

static void
trim (char **text)
{
  g_autofree char *valid = _rapport_strdup_valid (*text ? *text : "");

  g_free (*text);
  *text = g_strdup (g_strstrip (valid));
}

static gboolean
is_currency_code (const char *code)
{
  return code != NULL && strlen (code) == 3
         && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

/**
 * rapport_business_logo_is_png:
 * @logo: the bytes of a picture
 *
 * Returns: whether @logo starts as PNG files do; whether the rest of it
 *   is a picture is for whoever draws it to find out
 */
gboolean
rapport_business_logo_is_png (GBytes *logo)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (logo != NULL, FALSE);

  data = g_bytes_get_data (logo, &size);
  return size > sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

/**
 * rapport_business_tidy:
 * @self: what a person entered
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the field
 *
 * Returns: whether @self may be saved; its texts are trimmed
 */
gboolean
rapport_business_tidy (RapportBusiness  *self,
                       GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  trim (&self->name);
  trim (&self->address);
  trim (&self->tax_number);
  trim (&self->contact);
  trim (&self->number_pattern);

  if (!is_currency_code (self->currency))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Currency: “%s” is not a currency code such as EUR or RUB."),
                   self->currency ? self->currency : "");
      return FALSE;
    }
  if (!rapport_order_number_validate (self->number_pattern, error))
    {
      g_prefix_error (error, _("Order numbers: "));
      return FALSE;
    }
  if (self->payment_terms_days > MAX_TERMS_DAYS || self->quote_days > MAX_TERMS_DAYS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Payment terms and quotes: at most %d days."), MAX_TERMS_DAYS);
      return FALSE;
    }
  if (self->logo != NULL && !rapport_business_logo_is_png (self->logo))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Logo: the image is not a PNG picture."));
      return FALSE;
    }
  if (self->logo != NULL && g_bytes_get_size (self->logo) > RAPPORT_BUSINESS_LOGO_MAX_SIZE)
    {
      g_autofree char *most = g_format_size (RAPPORT_BUSINESS_LOGO_MAX_SIZE);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Logo: the picture is larger than %s. Remove it, or choose a smaller one."), most);
      return FALSE;
    }
  return TRUE;
}
