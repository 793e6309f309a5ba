/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli orders and invoice: the Orders list for scripts, and an
 * order's invoice as a PDF file. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-business-repository.h"
#include "rapport-cli-orders.h"
#include "rapport-client-repository.h"
#include "rapport-error.h"
#include "rapport-invoice.h"
#include "rapport-money-format.h"
#include "rapport-text.h"

#define LOAD_BATCH 500

static gboolean
parse_statuses (const char  *text,
                guint       *statuses,
                GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text ? text : "", ",", -1);

  *statuses = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      RapportOrderStatus status;
      g_strstrip (names[i]);

      if (*names[i] == '\0')
        continue;
      if (!rapport_order_status_from_string (names[i], &status))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("--status: “%s” is not a status; use draft, quoted, confirmed, fulfilled, closed, lost or cancelled."),
                       names[i]);
          return FALSE;
        }
      *statuses |= 1u << status;
    }
  return TRUE;
}

static gboolean
check_day (const char  *option,
           const char  *day,
           GError     **error)
{
  if (day == NULL || rapport_date_validate (day, error))
    return TRUE;
  g_prefix_error (error, "%s: ", option);
  return FALSE;
}

/* One tab-separated line: number, date, client, status, total, paid,
 * balance — amounts as plain decimals, for spreadsheets. */
static void
print_order (RapportOrder *order)
{
  const char *currency = rapport_order_get_currency (order);
  g_autofree char *total = rapport_money_format_plain (rapport_order_get_total (order), currency);
  g_autofree char *paid = rapport_money_format_plain (rapport_order_get_paid (order), currency);
  g_autofree char *balance = rapport_money_format_plain (rapport_order_get_balance (order), currency);

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
           rapport_order_get_number (order), rapport_order_get_ordered_on (order),
           rapport_order_get_client_name (order),
           rapport_order_status_to_string (rapport_order_get_status (order)),
           total, paid, balance, currency);
}

/**
 * rapport_cli_run_orders:
 * @filter: which orders; its statuses come from @statuses
 * @statuses: (nullable): a comma-separated list of statuses
 * @limit: at most this many, or 0
 *
 * Returns: the exit status
 */
int
rapport_cli_run_orders (RapportOrderFilter *filter,
                        const char         *statuses,
                        guint               limit)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportOrderRepository) orders = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  guint n;

  if (!parse_statuses (statuses, &filter->statuses, &error)
      || !check_day ("--from", filter->from, &error)
      || !check_day ("--to", filter->to, &error))
    return rapport_cli_fail (error->message);
  if (filter->text != NULL && !g_utf8_validate (filter->text, -1, NULL))
    return rapport_cli_fail (_("The search text is not valid text."));

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  orders = rapport_order_repository_new (db);
  filter->limit = limit;
  ids = rapport_order_repository_search (orders, filter, &error);
  if (ids == NULL)
    return rapport_cli_fail (error->message);

  n = ids->len;
  for (guint start = 0; start < n; start += LOAD_BATCH)
    {
      g_autoptr(GPtrArray) rows = rapport_order_repository_load (orders, &g_array_index (ids, gint64, start),
                                                                 MIN (LOAD_BATCH, n - start), &error);
      if (rows == NULL)
        return rapport_cli_fail (error->message);
      for (guint i = 0; i < rows->len; i++)
        if (g_ptr_array_index (rows, i) != NULL)
          print_order (g_ptr_array_index (rows, i));
    }

  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

/**
 * rapport_cli_run_invoice:
 * @number: an order's number
 * @output: (nullable): the PDF to write
 *
 * Returns: the exit status
 */
int
rapport_cli_run_invoice (const char *number,
                         const char *output)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportOrderRepository) orders = NULL;
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  gint64 id;

  if (output == NULL)
    return rapport_cli_fail (_("Say where to write the invoice: --output FILE.pdf"));
  if (!g_utf8_validate (number, -1, NULL))
    return rapport_cli_fail (_("The order number is not valid text."));

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  orders = rapport_order_repository_new (db);
  id = rapport_order_repository_find_number (orders, number, &error);
  if (id == 0 && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
    {
      g_printerr ("rapport-cli: %s\n", error->message);
      return EXIT_NOTHING;
    }
  if (id == 0)
    return rapport_cli_fail (error->message);

  invoice = rapport_invoice_load (db, id, &error);
  if (invoice == NULL)
    return rapport_cli_fail (error->message);
  if (!rapport_invoice_write_pdf (invoice, output, &error))
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}
