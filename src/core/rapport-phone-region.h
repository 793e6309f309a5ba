/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RapportPhoneRegion:
 * @region: the ISO 3166 country code, such as “RU”
 * @calling_code: the digits after “+”, such as “7”
 * @trunk_prefix: what is dialled before a national number, such as “8”,
 *   or an empty string
 */
typedef struct
{
  const char *region;
  const char *calling_code;
  const char *trunk_prefix;
} RapportPhoneRegion;

const RapportPhoneRegion *rapport_phone_region_lookup      (const char *region);
const RapportPhoneRegion *rapport_phone_region_get_all     (guint      *n_regions);
char                     *rapport_phone_region_from_locale (const char *locale);

G_END_DECLS
