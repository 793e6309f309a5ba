/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RapportPhoneForm:
 * @RAPPORT_PHONE_INTERNATIONAL: with its calling code (“+7 916…”,
 *   “00 44 20…”)
 * @RAPPORT_PHONE_TRUNK: national, with the trunk prefix of the business's
 *   country (“8 916…”, “020…”)
 * @RAPPORT_PHONE_NATIONAL: national, without a trunk prefix (“916…”)
 * @RAPPORT_PHONE_UNKNOWN_COUNTRY: without a calling code, and no country
 *   of the business is known
 */
typedef enum
{
  RAPPORT_PHONE_INTERNATIONAL,
  RAPPORT_PHONE_TRUNK,
  RAPPORT_PHONE_NATIONAL,
  RAPPORT_PHONE_UNKNOWN_COUNTRY,
} RapportPhoneForm;

char     *rapport_text_fold            (const char  *text);
char     *rapport_text_digits          (const char  *text);
gboolean  rapport_text_is_phone_like   (const char  *text);
gboolean  rapport_text_is_short_phone  (const char  *text);
char     *rapport_phone_match_key      (const char  *phone,
                                        const char  *region);
char     *rapport_phone_query_key      (const char       *text,
                                        const char       *region,
                                        RapportPhoneForm *form);
gboolean  rapport_phone_query_is_whole (const char  *text,
                                        const char  *region);
char     *rapport_email_match_key      (const char  *email);
char     *rapport_phone_international  (const char  *phone,
                                        const char  *region);
gboolean  rapport_phone_validate       (const char  *phone,
                                        GError     **error);
gboolean  rapport_email_validate       (const char  *email,
                                        GError     **error);
gboolean  rapport_date_validate        (const char  *iso_date,
                                        GError     **error);
char     *rapport_text_initials        (const char  *name);

G_END_DECLS
