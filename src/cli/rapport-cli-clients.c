/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli lookup and search: a client by phone number, for softphones
 * and scripts, and the clients whose details contain a text. Built into
 * rapport-cli itself, with the core library alone, so that a look-up
 * starts quickly (see rapport-cli-module.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-clients.h"
#include "rapport-cli-common.h"
#include "rapport-cli-print.h"
#include "rapport-client-repository.h"

#define SEARCH_BATCH 500

static RapportClientRepository *
open_clients_for_looking (int *status)
{
  g_autoptr(RapportDatabase) db = rapport_cli_open_for_looking (status);

  return db ? rapport_client_repository_new (db) : NULL;
}

int
rapport_cli_run_lookup (const char *phone)
{
  g_autoptr(RapportClientRepository) repository = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;

  if (!g_utf8_validate (phone, -1, NULL))
    return rapport_cli_fail (_("The phone number is not valid text."));

  repository = open_clients_for_looking (&status);
  if (repository == NULL)
    return status;

  clients = rapport_client_repository_find_by_phone (repository, phone, 0, &error);
  if (clients == NULL)
    return rapport_cli_fail (error->message);

  for (guint i = 0; i < clients->len; i++)
    {
      g_autoptr(RapportClient) full = NULL;

      full = rapport_client_repository_get (repository,
                                            rapport_client_get_id (g_ptr_array_index (clients, i)),
                                            &error);
      if (full == NULL)
        return rapport_cli_fail (error->message);
      if (i > 0)
        g_print ("\n");
      rapport_cli_print_card (full);
    }

  return clients->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_search (const char *text)
{
  g_autoptr(RapportClientRepository) repository = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  guint n;

  if (!g_utf8_validate (text, -1, NULL))
    return rapport_cli_fail (_("The search text is not valid text."));

  repository = open_clients_for_looking (&status);
  if (repository == NULL)
    return status;

  /* With a limit, only the first clients are ordered: quick in any file. */
  ids = rapport_cli_options.limit > 0 ? rapport_client_repository_search_first (repository, text, RAPPORT_CLIENT_SORT_NAME,
                                                            FALSE, (guint) rapport_cli_options.limit, &error)
                  : rapport_client_repository_search (repository, text, RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
  if (ids == NULL)
    return rapport_cli_fail (error->message);

  n = rapport_cli_options.limit > 0 ? MIN ((guint) rapport_cli_options.limit, ids->len) : ids->len;
  for (guint start = 0; start < n; start += SEARCH_BATCH)
    {
      g_autoptr(GPtrArray) clients = NULL;

      clients = rapport_client_repository_load (repository, &g_array_index (ids, gint64, start),
                                                MIN (SEARCH_BATCH, n - start), &error);
      if (clients == NULL)
        return rapport_cli_fail (error->message);
      for (guint i = 0; i < clients->len; i++)
        if (g_ptr_array_index (clients, i) != NULL)
          rapport_cli_print_row (g_ptr_array_index (clients, i));
    }

  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}
