/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *rapport_text_fold            (const char  *text);
char     *rapport_text_digits          (const char  *text);
gboolean  rapport_text_is_phone_like   (const char  *text);
char     *rapport_phone_match_key      (const char  *phone);
char     *rapport_email_match_key      (const char  *email);
gboolean  rapport_phone_validate       (const char  *phone,
                                        GError     **error);
gboolean  rapport_email_validate       (const char  *email,
                                        GError     **error);
gboolean  rapport_date_validate        (const char  *iso_date,
                                        GError     **error);
char     *rapport_text_initials        (const char  *name);

G_END_DECLS
