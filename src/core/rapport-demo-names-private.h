/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names are written “Native|latin”: the latin part makes e-mail addresses.
 * Family names are in their masculine form; feminine_endings turns them
 * (“ов|ova” → “ова|ova”). Phone patterns put a random digit for each “#”. */
typedef struct
{
  const char         *code;
  const char * const *given_female;
  const char * const *given_male;
  const char * const *family;
  const char * const *feminine_endings;   /* pairs: masculine, feminine */
  const char * const *streets;
  const char * const *localities;
  const char * const *regions;
  const char         *country;
  const char         *street_format;      /* %1$s street, %2$u number */
  const char * const *phone_patterns;
  const char * const *mail_domains;
  const char * const *company_patterns;   /* %s family name */
  guint               weight;             /* share of the clients */
} DemoLocale;

extern const DemoLocale _rapport_demo_locales[];
extern const guint      _rapport_demo_n_locales;

extern const char * const _rapport_demo_tags[];
extern const char * const _rapport_demo_notes[];

G_END_DECLS
