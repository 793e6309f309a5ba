/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Writes to a database until it is killed, saying on standard output what
 * it committed (the kill test checks it is all there afterwards):
 *   kill-target seed DB             sample data, in steps: “committed N” clients
 *   kill-target orders DB           orders of the file's first 30 clients, one
 *                                   after another, each with two lines, confirmed
 *                                   and part paid: “order ID”
 *   kill-target save DB             one client after another: “saved ID”
 *   kill-target backup DB           backups: “backup PATH”
 *   kill-target restore DB A B      restores A and B in turn: “restored A|B” */

#include <locale.h>
#include <stdio.h>

#include "rapport-backups.h"
#include "rapport-client-repository.h"
#include "rapport-demo.h"
#include "rapport-order-number.h"
#include "rapport-order-repository.h"
#include "rapport-payment-repository.h"

static void
on_changed (RapportDatabase *db,
            const char      *kind,
            gint64           id,
            gboolean         many,
            RapportClientRepository *clients)
{
  g_autoptr(GArray) ids = rapport_client_repository_search (clients, NULL, RAPPORT_CLIENT_SORT_NAME,
                                                            TRUE, NULL);

  if (ids != NULL)
    {
      printf ("committed %u\n", ids->len);
      fflush (stdout);
    }
}

/* One order written as a person would: saved as a draft with its lines,
 * confirmed by a member of staff, then part paid. */
static gboolean
write_order (RapportOrderRepository    *orders,
             RapportPaymentRepository  *payments,
             guint                      i,
             GError                   **error)
{
  g_autoptr(RapportOrder) order = rapport_order_new (1 + i % 30);
  g_autoptr(RapportOrderLine) cut = rapport_order_line_new ("Cut", 1000, 2500 + i % 7 * 100);
  g_autoptr(RapportOrderLine) colour = rapport_order_line_new ("Colour", 2000, 1800);
  g_autofree char *day = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
  g_autoptr(RapportPayment) payment = NULL;

  rapport_order_set_ordered_on (order, day);
  rapport_order_set_currency (order, "EUR");
  rapport_order_set_staff_id (order, i % 3 == 0 ? 0 : 1);
  rapport_order_add_line (order, cut);
  rapport_order_add_line (order, colour);
  if (!rapport_order_repository_create (orders, order, RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN, error)
      || !rapport_order_repository_set_status (orders, rapport_order_get_id (order), RAPPORT_ORDER_CONFIRMED,
                                               rapport_order_get_staff_id (order), error))
    return FALSE;
  payment = rapport_payment_new (rapport_order_get_id (order), day, 1000, RAPPORT_PAYMENT_CARD);
  if (!rapport_payment_repository_add (payments, payment, error))
    return FALSE;
  printf ("order %" G_GINT64_FORMAT "\n", rapport_order_get_id (order));
  fflush (stdout);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;

  setlocale (LC_ALL, "");
  if (argc < 3)
    return 2;
  db = rapport_database_open (argv[2], RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    {
      fprintf (stderr, "kill-target: %s\n", error->message);
      return 2;
    }
  clients = rapport_client_repository_new (db);
  printf ("ready\n");
  fflush (stdout);

  if (g_str_equal (argv[1], "seed"))
    {
      RapportDemoOptions options = { (guint32) g_random_int (), 20000, 0, 0 };

      g_signal_connect (db, "changed", G_CALLBACK (on_changed), clients);
      rapport_demo_seed (db, &options, NULL, NULL, NULL, &error);
    }
  else if (g_str_equal (argv[1], "orders"))
    {
      g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (db);
      g_autoptr(RapportPaymentRepository) payments = rapport_payment_repository_new (db);

      for (guint i = 0; error == NULL; i++)
        write_order (orders, payments, i, &error);
    }
  else if (g_str_equal (argv[1], "save"))
    for (guint i = 0; error == NULL; i++)
      {
        g_autoptr(RapportClient) client = rapport_client_new ();
        g_autofree char *given = g_strdup_printf ("Saved%u", i);

        rapport_client_set_given_name (client, given);
        rapport_client_set_family_name (client, "Killtest");
        rapport_client_add_phone (client, "mobile", "+44 20 7946 0958");
        if (rapport_client_repository_save (clients, client, &error))
          {
            printf ("saved %" G_GINT64_FORMAT "\n", rapport_client_get_id (client));
            fflush (stdout);
          }
      }
  else if (g_str_equal (argv[1], "backup"))
    while (error == NULL)
      {
        g_autoptr(RapportBackup) backup = rapport_backups_make (db, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);

        if (backup != NULL)
          {
            printf ("backup %s\n", rapport_backup_get_path (backup));
            fflush (stdout);
          }
      }
  else if (g_str_equal (argv[1], "restore") && argc == 5)
    for (guint i = 0; error == NULL; i++)
      if (rapport_backups_restore (db, argv[3 + i % 2], NULL, NULL, &error))
        {
          printf ("restored %s\n", i % 2 ? "B" : "A");
          fflush (stdout);
        }

  if (error != NULL)
    fprintf (stderr, "kill-target: %s\n", error->message);
  return 2;
}
