/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli deliveries, warranties and delivery-note: the late
 * deliveries and the warranties about to end for scripts, and a
 * delivery's note as a PDF file. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-deliveries.h"
#include "rapport-cli-common.h"
#include "rapport-delivery-note.h"
#include "rapport-delivery-repository.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-money-format.h"
#include "rapport-warranty-repository.h"

#define LOAD_BATCH 500

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Tabs and line ends inside a field would break the columns. */
static char *
field (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

/* One tab-separated line: id, planned day, status, order, client,
 * carrier, tracking number, and “late” when it is. */
static void
print_delivery (RapportDelivery *delivery,
                const char      *today)
{
  g_autofree char *client = field (delivery->client_name);
  g_autofree char *carrier = field (delivery->carrier_name);
  g_autofree char *tracking = field (delivery->tracking_number);

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
           delivery->id, delivery->planned_on, rapport_delivery_status_to_string (delivery->status),
           delivery->order_number, client, carrier, tracking,
           rapport_delivery_is_late (delivery->status, delivery->planned_on, today) ? "late" : "");
}

/**
 * rapport_cli_run_deliveries:
 * @late: only those whose day passed and that are still on their way
 * @text: (nullable): an order or tracking number's start, or a client
 * @limit: at most this many, or 0
 *
 * Returns: the exit status: found, nothing, or an error
 */
int
rapport_cli_run_deliveries (gboolean    late,
                            const char *text,
                            guint       limit)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportDeliveryRepository) deliveries = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RapportDeliveryFilter) filter = { 0 };
  int status = EXIT_ERROR;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return rapport_cli_fail (_("The text to look for is not valid text."));

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  deliveries = rapport_delivery_repository_new (db);
  filter.when = late ? RAPPORT_DELIVERIES_LATE : RAPPORT_DELIVERIES_ALL;
  filter.today = dup_today ();
  filter.text = g_strdup (text);
  filter.limit = limit;
  ids = rapport_delivery_repository_search (deliveries, &filter, &error);
  if (ids == NULL)
    return rapport_cli_fail (error->message);

  for (guint start = 0; start < ids->len; start += LOAD_BATCH)
    {
      guint n = MIN (LOAD_BATCH, ids->len - start);
      g_autoptr(GPtrArray) rows = rapport_delivery_repository_load (deliveries,
                                                                    &g_array_index (ids, gint64, start), n,
                                                                    &error);

      if (rows == NULL)
        return rapport_cli_fail (error->message);
      for (guint i = 0; i < rows->len; i++)
        print_delivery (g_ptr_array_index (rows, i), filter.today);
    }
  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

/* One tab-separated line: last day, product, serial number, quantity,
 * client, order. */
static void
print_warranty (RapportWarranty *warranty)
{
  g_autofree char *product = field (warranty->product);
  g_autofree char *serial = field (warranty->serial_number);
  g_autofree char *client = field (warranty->client_name);
  g_autofree char *quantity = rapport_quantity_to_string (warranty->quantity);

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", warranty->ends_on, product, serial, quantity, client,
           warranty->order_number);
}

/**
 * rapport_cli_run_warranties:
 * @expiring_days: only those ending from today to this many days on, or
 *   below zero for all
 * @text: (nullable): a serial number's start, a client or a product
 * @limit: at most this many, or 0
 *
 * Returns: the exit status: found, nothing, or an error
 */
int
rapport_cli_run_warranties (int         expiring_days,
                            const char *text,
                            guint       limit)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportWarrantyRepository) warranties = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  g_autofree char *last = NULL;
  RapportWarrantyFilter filter = { 0 };
  int status = EXIT_ERROR;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return rapport_cli_fail (_("The text to look for is not valid text."));
  if (expiring_days > 36500)
    return rapport_cli_fail (_("--expiring: say a number of days up to 36500."));
  if (expiring_days >= 0)
    {
      last = rapport_day_shift (today, expiring_days);
      if (last == NULL)
        return rapport_cli_fail (_("--expiring: that many days from today is past the calendar’s end."));
      filter.from_day = today;
      filter.to_day = last;
    }

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  warranties = rapport_warranty_repository_new (db);
  filter.text = text;
  filter.limit = limit;
  ids = rapport_warranty_repository_search (warranties, &filter, &error);
  if (ids == NULL)
    return rapport_cli_fail (error->message);

  for (guint start = 0; start < ids->len; start += LOAD_BATCH)
    {
      guint n = MIN (LOAD_BATCH, ids->len - start);
      g_autoptr(GPtrArray) rows = rapport_warranty_repository_load (warranties,
                                                                    &g_array_index (ids, gint64, start), n,
                                                                    &error);

      if (rows == NULL)
        return rapport_cli_fail (error->message);
      for (guint i = 0; i < rows->len; i++)
        print_warranty (g_ptr_array_index (rows, i));
    }
  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

/**
 * rapport_cli_run_delivery_note:
 * @id: a delivery's id, as typed
 * @output: (nullable): the PDF to write
 *
 * Returns: the exit status
 */
int
rapport_cli_run_delivery_note (const char *id,
                               const char *output)
{
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportDeliveryNote) note = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_ERROR;
  gint64 number = 0;

  if (output == NULL)
    return rapport_cli_fail (_("Say where to write the delivery note: --output FILE.pdf"));
  if (!g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &number, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (id, -1);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a delivery number: say a whole number, as "
                                                    "`deliveries` lists them."), shown);
      return rapport_cli_fail (message);
    }

  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  note = rapport_delivery_note_load (db, number, &error);
  if (note == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
    {
      g_printerr ("rapport-cli: %s\n", error->message);
      return EXIT_NOTHING;
    }
  if (note == NULL)
    return rapport_cli_fail (error->message);
  if (!rapport_delivery_note_write_pdf (note, output, &error))
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}
