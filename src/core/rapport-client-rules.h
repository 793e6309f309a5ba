/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"

G_BEGIN_DECLS

/**
 * RapportClientMatch:
 * @RAPPORT_CLIENT_MATCH_SHOWN: what matched is in what a list row shows:
 *   the names, organization, first phone, first e-mail or tags
 * @RAPPORT_CLIENT_MATCH_PHONE: another phone number
 * @RAPPORT_CLIENT_MATCH_EMAIL: another e-mail address
 * @RAPPORT_CLIENT_MATCH_ADDRESS: an address
 * @RAPPORT_CLIENT_MATCH_NOTES: the notes
 *
 * Where a search found a client.
 */
typedef enum
{
  RAPPORT_CLIENT_MATCH_SHOWN,
  RAPPORT_CLIENT_MATCH_PHONE,
  RAPPORT_CLIENT_MATCH_EMAIL,
  RAPPORT_CLIENT_MATCH_ADDRESS,
  RAPPORT_CLIENT_MATCH_NOTES,
} RapportClientMatch;

/* Marks the start of a name's word in the search text. */
#define RAPPORT_WORD_START_MARK "\x1e"

gboolean   rapport_client_tidy              (RapportClient  *client,
                                             GError        **error);
char      *rapport_client_dup_sort_key      (RapportClient  *client);
char      *rapport_client_dup_search_text   (RapportClient  *client);
GPtrArray *rapport_client_dup_name_words    (RapportClient  *client);
RapportClientMatch rapport_client_find_hidden_match (RapportClient  *client,
                                                     const char     *text,
                                                     const char     *region,
                                                     char          **matched);

G_END_DECLS
