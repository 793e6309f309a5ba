/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The two facts about a country that matching phone numbers needs: its
 * calling code (ITU-T E.164) and the trunk prefix its people dial before a
 * national number (“8” in Russia, “0” in most of Europe and Iran, “1” in
 * North America, none in Italy, whose numbers keep their “0”). Where no
 * trunk prefix is in use any more but people still write a “0” out of
 * habit (Poland, Denmark), “0” is taken as one: no national number there
 * starts with it. */

#include "config.h"

#include <string.h>

#include "rapport-phone-region.h"

static const RapportPhoneRegion regions[] = {
  { "AE", "971", "0" }, { "AF", "93", "0" },   { "AL", "355", "0" }, { "AM", "374", "0" },
  { "AR", "54", "0" },  { "AT", "43", "0" },   { "AU", "61", "0" },  { "AZ", "994", "0" },
  { "BA", "387", "0" }, { "BD", "880", "0" },  { "BE", "32", "0" },  { "BG", "359", "0" },
  { "BH", "973", "" },  { "BR", "55", "0" },   { "BY", "375", "80" }, { "CA", "1", "1" },
  { "CH", "41", "0" },  { "CL", "56", "" },    { "CN", "86", "0" },  { "CO", "57", "" },
  { "CY", "357", "" },  { "CZ", "420", "0" },  { "DE", "49", "0" },  { "DK", "45", "0" },
  { "DZ", "213", "0" }, { "EE", "372", "0" },  { "EG", "20", "0" },  { "ES", "34", "0" },
  { "FI", "358", "0" }, { "FR", "33", "0" },   { "GB", "44", "0" },  { "GE", "995", "0" },
  { "GR", "30", "" },   { "HR", "385", "0" },  { "HU", "36", "06" }, { "ID", "62", "0" },
  { "IE", "353", "0" }, { "IL", "972", "0" },  { "IN", "91", "0" },  { "IQ", "964", "0" },
  { "IR", "98", "0" },  { "IS", "354", "0" },  { "IT", "39", "" },   { "JO", "962", "0" },
  { "JP", "81", "0" },  { "KE", "254", "0" },  { "KG", "996", "0" }, { "KR", "82", "0" },
  { "KW", "965", "" },  { "KZ", "7", "8" },    { "LB", "961", "0" }, { "LT", "370", "8" },
  { "LU", "352", "" },  { "LV", "371", "0" },  { "MA", "212", "0" }, { "MD", "373", "0" },
  { "ME", "382", "0" }, { "MK", "389", "0" },  { "MN", "976", "0" }, { "MT", "356", "" },
  { "MX", "52", "" },   { "MY", "60", "0" },   { "NG", "234", "0" }, { "NL", "31", "0" },
  { "NO", "47", "0" },  { "NZ", "64", "0" },   { "OM", "968", "" },  { "PH", "63", "0" },
  { "PK", "92", "0" },  { "PL", "48", "0" },   { "PT", "351", "" },  { "QA", "974", "" },
  { "RO", "40", "0" },  { "RS", "381", "0" },  { "RU", "7", "8" },   { "SA", "966", "0" },
  { "SE", "46", "0" },  { "SG", "65", "" },    { "SI", "386", "0" }, { "SK", "421", "0" },
  { "TH", "66", "0" },  { "TJ", "992", "8" },  { "TM", "993", "8" }, { "TN", "216", "" },
  { "TR", "90", "0" },  { "TW", "886", "0" },  { "UA", "380", "0" }, { "US", "1", "1" },
  { "UZ", "998", "8" }, { "VN", "84", "0" },   { "ZA", "27", "0" },
};

/**
 * rapport_phone_region_lookup:
 * @region: (nullable): an ISO 3166 country code, such as “RU”
 *
 * Returns: (nullable): what is known of @region's numbers, or %NULL
 */
const RapportPhoneRegion *
rapport_phone_region_lookup (const char *region)
{
  if (region == NULL || *region == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_ascii_strcasecmp (regions[i].region, region) == 0)
      return &regions[i];
  return NULL;
}

/**
 * rapport_phone_region_get_all:
 * @n_regions: (out): how many
 *
 * Returns: (array length=n_regions): every country whose numbers are
 *   known, by code
 */
const RapportPhoneRegion *
rapport_phone_region_get_all (guint *n_regions)
{
  *n_regions = G_N_ELEMENTS (regions);
  return regions;
}

/**
 * rapport_phone_region_from_locale:
 * @locale: (nullable): a locale name such as “ru_RU.UTF-8” or “fa_IR”
 *
 * Returns: (transfer full): the country of @locale when its numbers are
 *   known, else an empty string
 */
char *
rapport_phone_region_from_locale (const char *locale)
{
  const char *underscore;
  g_autofree char *country = NULL;
  gsize len;

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL)
    return g_strdup ("");

  len = strcspn (underscore + 1, ".@");
  country = g_strndup (underscore + 1, len);
  if (rapport_phone_region_lookup (country) == NULL)
    return g_strdup ("");
  return g_ascii_strup (country, -1);
}
