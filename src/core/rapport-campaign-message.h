/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a campaign's placeholders are filled with for one client; an
 * empty value takes the placeholder's fallback ({first_name|there}). */
typedef struct
{
  char *first_name;
  char *name;
  char *organization;
  char *owner;
  char *last_order_date;
  char *balance;
} RapportMessageFields;

void      rapport_message_fields_clear      (RapportMessageFields  *fields);
gboolean  rapport_campaign_message_check    (const char            *text,
                                             GError               **error);
gboolean  rapport_campaign_message_check_html (const char          *text,
                                               GError             **error);
char     *rapport_campaign_message_fill     (const char            *text,
                                             const RapportMessageFields *fields);
char     *rapport_campaign_message_fill_html (const char                 *text,
                                              const RapportMessageFields *fields);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportMessageFields, rapport_message_fields_clear)

G_END_DECLS
