/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-carrier-repository.h"
#include "rapport-catalog-repository.h"
#include "rapport-delivery-repository.h"
#include "rapport-error.h"
#include "rapport-order-list.h"
#include "rapport-order-reminder-source.h"
#include "rapport-reminders.h"
#include "rapport-order-repository.h"
#include "rapport-order-rules.h"
#include "rapport-payment-repository.h"
#include "rapport-test-utils.h"

#define PATTERN "{year}-{seq:4}"

typedef struct
{
  RapportTestStore         *store;
  RapportOrderRepository   *orders;
  RapportPaymentRepository *payments;
  RapportCatalogRepository *catalog;
  RapportClock             *clock;
  gint64                    anna;
  gint64                    boris;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(RapportClient) boris = NULL;

  f->store = rapport_test_open_store ("orders.db");
  f->clock = rapport_clock_new_fixed (1774958400);   /* 2026-03-31 12:00 UTC */
  rapport_database_set_clock (f->store->db, f->clock);
  f->orders = rapport_order_repository_new (f->store->db);
  f->payments = rapport_payment_repository_new (f->store->db);
  f->catalog = rapport_catalog_repository_new (f->store->db);
  anna = rapport_test_add_client (f->store, "Anna", "Nowak", "+48 601 111 222", NULL);
  boris = rapport_test_add_client (f->store, "Boris", "Ivanov", NULL, "boris@example.ru");
  f->anna = rapport_client_get_id (anna);
  f->boris = rapport_client_get_id (boris);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->orders);
  g_clear_object (&f->payments);
  g_clear_object (&f->catalog);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->store, rapport_test_store_free);
}

static RapportOrder *
new_order (gint64      client_id,
           const char *ordered_on)
{
  RapportOrder *order = rapport_order_new (client_id);

  rapport_order_set_ordered_on (order, ordered_on);
  rapport_order_set_currency (order, "EUR");
  return order;
}

static void
add_line (RapportOrder *order,
          const char   *name,
          gint64        quantity,
          gint64        price,
          gint          tax)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_new (name, quantity, price);

  line->tax_rate = tax;
  rapport_order_add_line (order, line);
}

static RapportOrder *
create (Fixture    *f,
        gint64      client_id,
        const char *ordered_on,
        gint64      price)
{
  g_autoptr(RapportOrder) order = new_order (client_id, ordered_on);
  g_autoptr(GError) error = NULL;

  add_line (order, "Service", 1000, price, 0);
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&order);
}

static void
set_status (Fixture            *f,
            RapportOrder       *order,
            RapportOrderStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order), status, 0, &error));
  g_assert_no_error (error);
}

static void
pay (Fixture      *f,
     RapportOrder *order,
     gint64        amount)
{
  g_autoptr(RapportPayment) payment = rapport_payment_new (rapport_order_get_id (order), "2026-03-31",
                                                           amount, RAPPORT_PAYMENT_CARD);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_payment_repository_add (f->payments, payment, &error));
  g_assert_no_error (error);
}

static RapportOrder *
reload (Fixture      *f,
        RapportOrder *order)
{
  g_autoptr(GError) error = NULL;
  RapportOrder *loaded = rapport_order_repository_get (f->orders, rapport_order_get_id (order), &error);

  g_assert_no_error (error);
  return loaded;
}

/* A new order: a draft, numbered by the pattern, with its lines and the
 * totals the rules give, read back as it was written. */
static void
test_create_and_read (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportOrder) order = new_order (f->anna, "2026-03-31");
  g_autoptr(RapportOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  RapportOrderLine *line;

  add_line (order, "Phone case", 2000, 500, 2000);
  add_line (order, "Screen film", 1500, 333, 800);
  rapport_order_set_notes (order, "  Gift wrap  ");
  rapport_order_set_payment_terms_days (order, 14);
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_order_get_id (order), >, 0);
  g_assert_cmpstr (rapport_order_get_number (order), ==, "2026-0001");
  g_assert_cmpint (rapport_order_get_status (order), ==, RAPPORT_ORDER_DRAFT);
  /* 10.00 + 2.00, and 5.00 (4.995) + 0.40 */
  g_assert_cmpint (rapport_order_get_total (order), ==, 1200 + 540);

  loaded = reload (f, order);
  g_assert_cmpstr (rapport_order_get_number (loaded), ==, "2026-0001");
  g_assert_cmpstr (rapport_order_get_client_name (loaded), ==, "Anna Nowak");
  g_assert_cmpstr (rapport_order_get_notes (loaded), ==, "Gift wrap");
  g_assert_cmpint (rapport_order_get_total (loaded), ==, 1740);
  g_assert_cmpint (rapport_order_get_paid (loaded), ==, 0);
  g_assert_cmpuint (rapport_order_get_lines (loaded)->len, ==, 2);
  line = g_ptr_array_index (rapport_order_get_lines (loaded), 1);
  g_assert_cmpstr (line->name, ==, "Screen film");
  g_assert_cmpint (line->quantity, ==, 1500);
  g_assert_cmpint (line->net, ==, 500);
  g_assert_cmpint (line->tax, ==, 40);
  g_assert_cmpint (rapport_order_get_created_at (loaded), ==, 1774958400);
  g_assert_cmpint (rapport_order_repository_find_number (f->orders, "2026-0001", &error), ==,
                   rapport_order_get_id (order));

  /* Before the business chose a currency, it is its orders': the figures
   * are in it, whatever the reader's locale would pick. */
  {
    g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (f->store->db);
    g_autoptr(RapportBusiness) before = NULL;
    g_autoptr(RapportBusiness) chosen = NULL;
    g_autoptr(RapportBusiness) odd = NULL;
    g_autofree char *locale_currency = rapport_business_dup_default_currency ();

    rapport_test_run_sql (rapport_database_get_path (f->store->db), "UPDATE orders SET currency = 'PLN'");
    before = rapport_business_repository_get (businesses, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (before->currency, ==, "PLN");
    /* What is no currency code in the file is not taken for one. */
    rapport_test_run_sql (rapport_database_get_path (f->store->db), "UPDATE orders SET currency = 'e€1'");
    odd = rapport_business_repository_get (businesses, &error);
    g_assert_cmpstr (odd->currency, ==, locale_currency);
    rapport_test_run_sql (rapport_database_get_path (f->store->db),
                          "INSERT INTO business_settings VALUES ('currency', 'EUR')");
    chosen = rapport_business_repository_get (businesses, &error);
    g_assert_cmpstr (chosen->currency, ==, "EUR");
  }
}

/* Numbers count per year of the order, and are never handed out twice:
 * not after a draft is deleted, not when a number was taken otherwise. */
static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportOrder) first = create (f, f->anna, "2026-01-05", 100);
  g_autoptr(RapportOrder) second = create (f, f->anna, "2026-02-05", 100);
  g_autoptr(RapportOrder) next_year = create (f, f->anna, "2027-01-02", 100);
  g_autoptr(RapportOrder) third = NULL;
  g_autoptr(RapportOrder) fourth = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (rapport_order_get_number (first), ==, "2026-0001");
  g_assert_cmpstr (rapport_order_get_number (second), ==, "2026-0002");
  g_assert_cmpstr (rapport_order_get_number (next_year), ==, "2027-0001");

  g_assert_true (rapport_order_repository_delete_draft (f->orders, rapport_order_get_id (second), &error));
  third = create (f, f->anna, "2026-03-05", 100);
  g_assert_cmpstr (rapport_order_get_number (third), ==, "2026-0003");

  /* A number the counter would give next was already taken. */
  rapport_test_run_sql (rapport_database_get_path (f->store->db),
                        "UPDATE orders SET number = '2026-0004' WHERE number = '2026-0001'");
  fourth = create (f, f->anna, "2026-03-06", 100);
  g_assert_cmpstr (rapport_order_get_number (fourth), ==, "2026-0005");

  {
    g_autoptr(RapportOrder) unnumbered = new_order (f->anna, "2026-03-06");

    g_assert_false (rapport_order_repository_create (f->orders, unnumbered, "{year}", &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }
}

static char *
next_number (Fixture    *f,
             const char *pattern,
             const char *ordered_on)
{
  g_autoptr(GError) error = NULL;
  char *number = rapport_order_repository_dup_next_number (f->orders, pattern, ordered_on, &error);

  g_assert_no_error (error);
  return number;
}

/* The number the next order would get, told without taking it. */
static void
test_next_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = next_number (f, PATTERN, "2026-03-31");
  g_autofree char *again = next_number (f, PATTERN, "2026-03-31");
  g_autofree char *after = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *other_pattern = NULL;
  g_autofree char *odd_counter = NULL;
  g_autoptr(RapportOrder) first = NULL;
  g_autoptr(RapportOrder) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (before, ==, "2026-0001");
  /* Telling took nothing. */
  g_assert_cmpstr (again, ==, "2026-0001");
  first = create (f, f->anna, "2026-03-31", 100);
  g_assert_cmpstr (rapport_order_get_number (first), ==, before);

  after = next_number (f, PATTERN, "2026-03-31");
  g_assert_cmpstr (after, ==, "2026-0002");
  second = create (f, f->anna, "2026-03-31", 100);
  g_assert_cmpstr (rapport_order_get_number (second), ==, after);

  /* A number already taken otherwise is passed over, as creating does. */
  rapport_test_run_sql (rapport_database_get_path (f->store->db),
                        "UPDATE orders SET number = '2026-0003' WHERE number = '2026-0001'");
  skipped = next_number (f, PATTERN, "2026-03-31");
  g_assert_cmpstr (skipped, ==, "2026-0004");

  other_pattern = next_number (f, "INV/{yy}{month}/{seq}", "2026-11-30");
  g_assert_cmpstr (other_pattern, ==, "INV/2611/1");

  /* A counter the file holds below zero starts again at 1. */
  rapport_test_run_sql (rapport_database_get_path (f->store->db),
                        "UPDATE order_number_counters SET last = -7");
  odd_counter = next_number (f, PATTERN, "2026-03-31");
  g_assert_cmpstr (odd_counter, ==, "2026-0001");

  g_assert_null (rapport_order_repository_dup_next_number (f->orders, "{year}", "2026-03-31", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

typedef struct
{
  char    *path;
  guint    n;
  GPtrArray *numbers;
} Creator;

static gpointer
create_many (gpointer data)
{
  Creator *creator = data;
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (creator->path, NULL);
  g_autoptr(RapportOrderRepository) orders = rapport_order_repository_new (store->db);
  g_autoptr(GArray) clients = rapport_test_search (store, NULL);

  for (guint i = 0; i < creator->n; i++)
    {
      g_autoptr(RapportOrder) order = new_order (g_array_index (clients, gint64, 0), "2026-03-31");
      g_autoptr(GError) error = NULL;

      add_line (order, "Racing", 1000, 100, 0);
      if (!rapport_order_repository_create (orders, order, PATTERN, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (creator->numbers, g_strdup (rapport_order_get_number (order)));
    }
  return NULL;
}

/* Two programs creating orders at once never get the same number, and
 * between them the numbers have no gap. */
static void
test_numbers_concurrent (Fixture       *f,
                         gconstpointer  data)
{
  Creator creators[2];
  GThread *threads[2];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < 2; i++)
    {
      creators[i].path = g_strdup (rapport_database_get_path (f->store->db));
      creators[i].n = 60;
      creators[i].numbers = g_ptr_array_new_with_free_func (g_free);
      threads[i] = g_thread_new ("creator", create_many, &creators[i]);
    }
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (creators[i].numbers->len, ==, 60);
      for (guint j = 0; j < creators[i].numbers->len; j++)
        g_assert_true (g_hash_table_add (seen, g_ptr_array_index (creators[i].numbers, j)));
    }
  for (guint n = 1; n <= 120; n++)
    {
      g_autofree char *number = g_strdup_printf ("2026-%04u", n);
      g_assert_true (g_hash_table_contains (seen, number));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_unref (creators[i].numbers);
      g_free (creators[i].path);
    }
}

static void
assert_status_refused (Fixture            *f,
                       RapportOrder       *order,
                       RapportOrderStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportOrder) before = reload (f, order);
  g_autoptr(RapportOrder) after = NULL;

  g_assert_false (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order), status, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, rapport_order_get_number (order)));
  after = reload (f, order);
  g_assert_cmpint (rapport_order_get_status (after), ==, rapport_order_get_status (before));
}

/* Draft → quoted → confirmed → fulfilled → closed, each change kept with
 * its time; what is not allowed is refused and changes nothing. */
static void
test_status_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RapportOrder) order = create (f, f->anna, "2026-03-31", 1000);
  g_autoptr(RapportOrder) empty = new_order (f->anna, "2026-03-31");
  g_autoptr(RapportStaff) uwe = rapport_staff_new ("Uwe", "Sales");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  const RapportOrderStatus path[] = { RAPPORT_ORDER_QUOTED, RAPPORT_ORDER_CONFIRMED,
                                      RAPPORT_ORDER_FULFILLED, RAPPORT_ORDER_CLOSED };

  g_assert_true (rapport_staff_repository_save (f->store->staff, uwe, &error));
  assert_status_refused (f, order, RAPPORT_ORDER_FULFILLED);
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      rapport_clock_advance (f->clock, 3600);
      g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order), path[i],
                                                          rapport_staff_get_id (uwe), &error));
      g_assert_no_error (error);
    }
  assert_status_refused (f, order, RAPPORT_ORDER_DRAFT);

  changes = rapport_order_repository_list_changes (f->orders, rapport_order_get_id (order), &error);
  g_assert_cmpuint (changes->len, ==, 5);
  g_assert_cmpint (((RapportStatusChange *) g_ptr_array_index (changes, 0))->status, ==, RAPPORT_ORDER_DRAFT);
  g_assert_cmpint (((RapportStatusChange *) g_ptr_array_index (changes, 4))->status, ==, RAPPORT_ORDER_CLOSED);
  g_assert_cmpint (((RapportStatusChange *) g_ptr_array_index (changes, 4))->changed_at, ==, 1774958400 + 4 * 3600);
  g_assert_cmpstr (((RapportStatusChange *) g_ptr_array_index (changes, 2))->staff_name, ==, "Uwe");

  /* An order without lines is not quoted or confirmed. */
  g_assert_true (rapport_order_repository_create (f->orders, empty, PATTERN, &error));
  g_assert_false (rapport_order_repository_set_status (f->orders, rapport_order_get_id (empty),
                                                       RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* A closed order, and a fulfilled one, can no longer be edited; nothing
 * already saved changes. */
static void
test_editing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportOrder) order = create (f, f->anna, "2026-03-31", 1000);
  g_autoptr(RapportOrder) edited = reload (f, order);
  g_autoptr(RapportOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;

  add_line (edited, "Extra", 500, 200, 0);
  rapport_order_set_client_id (edited, f->boris);
  g_assert_true (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_no_error (error);
  loaded = reload (f, order);
  g_assert_cmpuint (rapport_order_get_lines (loaded)->len, ==, 2);
  g_assert_cmpint (rapport_order_get_total (loaded), ==, 1100);
  g_assert_cmpint (rapport_order_get_client_id (loaded), ==, f->boris);

  /* Bad lines are refused by line, and nothing changes. */
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (edited), 1))->quantity = -1000;
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Line 2"));
  g_clear_error (&error);
  g_clear_object (&loaded);
  loaded = reload (f, order);
  g_assert_cmpint (rapport_order_get_total (loaded), ==, 1100);

  set_status (f, order, RAPPORT_ORDER_CONFIRMED);
  set_status (f, order, RAPPORT_ORDER_FULFILLED);
  g_clear_object (&edited);
  edited = reload (f, order);
  rapport_order_set_notes (edited, "Too late");
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  set_status (f, order, RAPPORT_ORDER_CLOSED);
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_object (&loaded);
  loaded = reload (f, order);
  g_assert_cmpstr (rapport_order_get_notes (loaded), ==, "");
}

/* Payments make the order unpaid, partly paid, paid or overpaid; a refund
 * is negative; none goes to an unconfirmed or cancelled order. */
static void
test_payments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RapportOrder) order = create (f, f->anna, "2026-03-31", 10000);
  g_autoptr(RapportPayment) early = rapport_payment_new (rapport_order_get_id (order), "2026-03-31", 100,
                                                         RAPPORT_PAYMENT_CASH);
  g_autoptr(RapportPayment) too_much_back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  RapportOrder *loaded;

  g_assert_false (rapport_payment_repository_add (f->payments, early, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  set_status (f, order, RAPPORT_ORDER_CONFIRMED);
  pay (f, order, 4000);
  loaded = reload (f, order);
  g_assert_cmpint (rapport_payment_status_of (rapport_order_get_total (loaded), rapport_order_get_paid (loaded)),
                   ==, RAPPORT_PAYMENT_PARTLY_PAID);
  g_assert_cmpint (rapport_order_get_balance (loaded), ==, 6000);
  g_object_unref (loaded);

  pay (f, order, 7000);
  loaded = reload (f, order);
  g_assert_cmpint (rapport_payment_status_of (rapport_order_get_total (loaded), rapport_order_get_paid (loaded)),
                   ==, RAPPORT_PAYMENT_OVERPAID);
  g_object_unref (loaded);

  pay (f, order, -1000);
  loaded = reload (f, order);
  g_assert_cmpint (rapport_payment_status_of (rapport_order_get_total (loaded), rapport_order_get_paid (loaded)),
                   ==, RAPPORT_PAYMENT_PAID);
  g_object_unref (loaded);

  too_much_back = rapport_payment_new (rapport_order_get_id (order), "2026-03-31", -20000, RAPPORT_PAYMENT_CASH);
  g_assert_false (rapport_payment_repository_add (f->payments, too_much_back, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  list = rapport_payment_repository_list_for_order (f->payments, rapport_order_get_id (order), &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((RapportPayment *) g_ptr_array_index (list, 2))->amount, ==, -1000);

  /* Undo of the last one. */
  g_assert_true (rapport_payment_repository_take_back (f->payments,
                                                       ((RapportPayment *) g_ptr_array_index (list, 2))->id, &error));
  loaded = reload (f, order);
  g_assert_cmpint (rapport_order_get_paid (loaded), ==, 11000);
  g_object_unref (loaded);
}

/* Cancelling an order with payments: the money is refunded (a refund is
 * recorded) or kept as the client's credit. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportOrder) refunded = create (f, f->anna, "2026-03-01", 5000);
  g_autoptr(RapportOrder) credited = create (f, f->anna, "2026-03-02", 3000);
  g_autoptr(RapportOrder) owed = create (f, f->anna, "2026-03-03", 2000);
  g_auto(RapportClientOrdersSummary) summary = { 0 };
  g_autoptr(RapportPayment) late = NULL;
  g_autoptr(GError) error = NULL;
  RapportOrder *loaded;

  set_status (f, refunded, RAPPORT_ORDER_CONFIRMED);
  set_status (f, credited, RAPPORT_ORDER_CONFIRMED);
  set_status (f, owed, RAPPORT_ORDER_CONFIRMED);
  pay (f, refunded, 5000);
  pay (f, credited, 1000);

  g_assert_true (rapport_order_repository_cancel (f->orders, rapport_order_get_id (refunded),
                                                  RAPPORT_CANCEL_REFUND, "Changed her mind", 0, &error));
  g_assert_true (rapport_order_repository_cancel (f->orders, rapport_order_get_id (credited),
                                                  RAPPORT_CANCEL_KEEP_CREDIT, NULL, 0, &error));
  g_assert_no_error (error);

  loaded = reload (f, refunded);
  g_assert_cmpint (rapport_order_get_status (loaded), ==, RAPPORT_ORDER_CANCELLED);
  g_assert_cmpint (rapport_order_get_paid (loaded), ==, 0);
  g_object_unref (loaded);

  /* Owed 20.00 on the third, 10.00 of credit from the second: 10.00. */
  g_assert_true (rapport_order_repository_summarize_client (f->orders, f->anna, &summary, &error));
  g_assert_cmpuint (summary.n_orders, ==, 1);
  g_assert_cmpint (summary.lifetime_value, ==, 2000);
  g_assert_cmpint (summary.balance, ==, 1000);
  g_assert_cmpstr (summary.last_order_on, ==, "2026-03-03");

  late = rapport_payment_new (rapport_order_get_id (credited), "2026-03-31", 100, RAPPORT_PAYMENT_CASH);
  g_assert_false (rapport_payment_repository_add (f->payments, late, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

static void
test_lost (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RapportOrder) quote = create (f, f->boris, "2026-03-31", 5000);
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  RapportLostReason *price;
  RapportOrder *loaded;
  gint64 added;

  reasons = rapport_order_repository_list_lost_reasons (f->orders, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reasons->len, ==, 5);
  price = g_ptr_array_index (reasons, 0);
  g_assert_cmpstr (price->name, ==, "Price");

  g_assert_false (rapport_order_repository_mark_lost (f->orders, rapport_order_get_id (quote), price->id,
                                                      NULL, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  set_status (f, quote, RAPPORT_ORDER_QUOTED);
  g_assert_false (rapport_order_repository_mark_lost (f->orders, rapport_order_get_id (quote), 9999, NULL, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rapport_order_repository_mark_lost (f->orders, rapport_order_get_id (quote), price->id,
                                                     "Cheaper online", 0, &error));
  loaded = reload (f, quote);
  g_assert_cmpint (rapport_order_get_status (loaded), ==, RAPPORT_ORDER_LOST);
  g_assert_cmpstr (rapport_order_get_lost_reason (loaded), ==, "Price");
  g_object_unref (loaded);

  /* The list is the business's own. */
  added = rapport_order_repository_save_lost_reason (f->orders, 0, " Bad timing ", TRUE, &error);
  g_assert_cmpint (added, >, 0);
  g_assert_cmpint (rapport_order_repository_save_lost_reason (f->orders, 0, "price", TRUE, &error), ==, 0);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_order_repository_save_lost_reason (f->orders, price->id, "Price", FALSE, &error),
                   ==, price->id);
  g_clear_pointer (&reasons, g_ptr_array_unref);
  reasons = rapport_order_repository_list_lost_reasons (f->orders, FALSE, &error);
  g_assert_cmpuint (reasons->len, ==, 5);
  g_assert_cmpstr (((RapportLostReason *) g_ptr_array_index (reasons, 4))->name, ==, "Bad timing");
}

static void
test_delete_draft (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportOrder) draft = create (f, f->anna, "2026-03-31", 1500);
  g_autoptr(RapportOrder) confirmed = create (f, f->anna, "2026-03-31", 1500);
  g_autoptr(RapportOrder) snapshot = reload (f, draft);
  g_autoptr(RapportOrder) back = NULL;
  g_autoptr(GError) error = NULL;

  set_status (f, confirmed, RAPPORT_ORDER_CONFIRMED);
  g_assert_false (rapport_order_repository_delete_draft (f->orders, rapport_order_get_id (confirmed), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rapport_order_repository_delete_draft (f->orders, rapport_order_get_id (draft), &error));
  g_assert_null (rapport_order_repository_get (f->orders, rapport_order_get_id (draft), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rapport_order_repository_restore_draft (f->orders, snapshot, &error));
  g_assert_no_error (error);
  back = reload (f, draft);
  g_assert_cmpstr (rapport_order_get_number (back), ==, rapport_order_get_number (draft));
  g_assert_cmpint (rapport_order_get_total (back), ==, 1500);
}

static guint
count (Fixture                  *f,
       const RapportOrderFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rapport_order_repository_search (f->orders, filter, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* The list's filters: status, unpaid only, dates, number or client. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportOrder) a1 = create (f, f->anna, "2026-01-10", 1000);
  g_autoptr(RapportOrder) a2 = create (f, f->anna, "2026-02-10", 1000);
  g_autoptr(RapportOrder) b1 = create (f, f->boris, "2026-03-10", 1000);
  RapportOrderFilter filter = { 0 };
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;

  set_status (f, a2, RAPPORT_ORDER_CONFIRMED);
  set_status (f, b1, RAPPORT_ORDER_CONFIRMED);
  pay (f, b1, 1000);

  all = rapport_order_repository_search (f->orders, &filter, &error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, rapport_order_get_id (b1));
  g_assert_cmpint (g_array_index (all, gint64, 2), ==, rapport_order_get_id (a1));

  filter.statuses = 1 << RAPPORT_ORDER_CONFIRMED;
  g_assert_cmpuint (count (f, &filter), ==, 2);
  filter.unpaid_only = TRUE;
  g_assert_cmpuint (count (f, &filter), ==, 1);
  filter.statuses = 0;
  filter.unpaid_only = FALSE;
  filter.from = g_strdup ("2026-02-01");
  g_assert_cmpuint (count (f, &filter), ==, 2);
  filter.to = g_strdup ("2026-02-28");
  g_assert_cmpuint (count (f, &filter), ==, 1);
  rapport_order_filter_clear (&filter);

  filter.text = g_strdup ("2026-000");
  g_assert_cmpuint (count (f, &filter), ==, 3);
  g_free (filter.text);
  filter.text = g_strdup ("ivanov");
  g_assert_cmpuint (count (f, &filter), ==, 1);
  g_free (filter.text);
  filter.text = g_strdup ("601 111");
  g_assert_cmpuint (count (f, &filter), ==, 2);
  g_free (filter.text);
  filter.text = g_strdup ("\"; DROP TABLE orders; --");
  g_assert_cmpuint (count (f, &filter), ==, 0);
  g_clear_pointer (&filter.text, g_free);
  filter.client_id = f->boris;
  g_assert_cmpuint (count (f, &filter), ==, 1);

  {
    g_autoptr(GPtrArray) rows = rapport_order_repository_load (f->orders, (gint64 *) all->data, all->len, &error);
    g_autoptr(GPtrArray) anna = rapport_order_repository_list_for_client (f->orders, f->anna, 0, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rapport_order_get_client_name (g_ptr_array_index (rows, 0)), ==, "Boris Ivanov");
    g_assert_cmpuint (anna->len, ==, 2);
    g_assert_cmpstr (rapport_order_get_ordered_on (g_ptr_array_index (anna, 0)), ==, "2026-02-10");
  }
}

/* A client with orders is history: archived, never deleted. */
static void
test_client_with_orders (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RapportOrder) order = create (f, f->boris, "2026-03-31", 1000);
  g_autoptr(RapportOrder) kept = NULL;
  g_autoptr(GError) error = NULL;
  RapportRemoval removal;

  g_assert_true (rapport_client_repository_remove (f->store->clients, f->boris, &removal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_ARCHIVED);
  kept = rapport_order_repository_get (f->orders, rapport_order_get_id (order), &error);
  g_assert_nonnull (kept);
}

/* The catalog: items copied into lines; an item an order used is archived,
 * an unused one deleted; codes are unique. */
static void
test_catalog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportCatalogItem) cut = rapport_catalog_item_new ("Haircut, short", RAPPORT_ITEM_SERVICE, 3500);
  g_autoptr(RapportCatalogItem) phone = rapport_catalog_item_new ("Смартфон Model X", RAPPORT_ITEM_PRODUCT, 49900);
  g_autoptr(RapportCatalogItem) clash = rapport_catalog_item_new ("Another", RAPPORT_ITEM_PRODUCT, 1);
  g_autoptr(RapportOrder) order = new_order (f->anna, "2026-03-31");
  g_autoptr(RapportOrderLine) line = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gboolean archived = FALSE;

  rapport_catalog_item_set_code (phone, "PX-1");
  rapport_catalog_item_set_warranty_months (phone, 24);
  rapport_catalog_item_set_tax_rate (phone, 2000);
  g_assert_true (rapport_catalog_repository_save (f->catalog, cut, &error));
  g_assert_true (rapport_catalog_repository_save (f->catalog, phone, &error));
  rapport_catalog_item_set_code (clash, "PX-1");
  g_assert_false (rapport_catalog_repository_save (f->catalog, clash, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  found = rapport_catalog_repository_find (f->catalog, "смартф", FALSE, 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = rapport_catalog_repository_find (f->catalog, "px", FALSE, 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  line = rapport_catalog_item_to_line (phone, 1000);
  rapport_order_add_line (order, line);
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));

  /* A later price does not rewrite the order. */
  rapport_catalog_item_set_unit_price (phone, 59900);
  g_assert_true (rapport_catalog_repository_save (f->catalog, phone, &error));
  {
    g_autoptr(RapportOrder) loaded = reload (f, order);
    RapportOrderLine *kept = g_ptr_array_index (rapport_order_get_lines (loaded), 0);

    g_assert_cmpint (kept->unit_price, ==, 49900);
    g_assert_cmpint (kept->warranty_months, ==, 24);
    g_assert_cmpint (kept->gross, ==, 59880);
  }

  g_assert_true (rapport_catalog_repository_remove (f->catalog, rapport_catalog_item_get_id (phone), &archived, &error));
  g_assert_true (archived);
  g_assert_true (rapport_catalog_repository_remove (f->catalog, rapport_catalog_item_get_id (cut), &archived, &error));
  g_assert_false (archived);
  found = rapport_catalog_repository_find (f->catalog, "", FALSE, 0, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = rapport_catalog_repository_find (f->catalog, "", TRUE, 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
}

/* Orders and payments tell the database's watchers, once each. */
static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  guint notices = 0;
  g_autoptr(RapportOrder) order = NULL;

  rapport_test_count_changes (f->store->db, RAPPORT_KIND_ORDER, &notices);
  order = create (f, f->anna, "2026-03-31", 1000);
  g_assert_cmpuint (notices, ==, 1);
  set_status (f, order, RAPPORT_ORDER_CONFIRMED);
  g_assert_cmpuint (notices, ==, 2);
  pay (f, order, 500);
  g_assert_cmpuint (notices, ==, 3);
}

/* Enough orders that a number start such as “2” is common: more than the
 * list sorts, so it walks the orders by day instead (see
 * rapport-order-repository-list.c). Written behind Rapport's back: only
 * the list's columns matter here. */
#define MANY_ORDERS 24000

static void
add_many_orders (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency,"
    "  prices_include_tax, total, paid, created_at, updated_at)"
    " SELECT printf('%%d-%%05d', 2024 + i %% 3, i),"
    "  CASE WHEN i %% 3 = 0 THEN %" G_GINT64_FORMAT " ELSE %" G_GINT64_FORMAT " END,"
    "  date('2024-01-01', '+' || (i * 37 %% 1000) || ' days'),"
    "  CASE i %% 7 WHEN 0 THEN 'draft' WHEN 1 THEN 'quoted' WHEN 2 THEN 'confirmed'"
    "   WHEN 3 THEN 'fulfilled' WHEN 4 THEN 'closed' WHEN 5 THEN 'lost' ELSE 'cancelled' END,"
    "  '2024-01-01', 'EUR', 1, 1000 + i %% 500,"
    "  CASE i %% 4 WHEN 0 THEN 0 WHEN 1 THEN 1000 + i %% 500 WHEN 2 THEN 500 ELSE 2000 END, 0, 0"
    " FROM n",
    MANY_ORDERS, f->anna, f->boris);

  rapport_test_run_sql (rapport_database_get_path (f->store->db), sql);
}

static gboolean
filter_lets_through (const RapportOrderFilter *filter,
                     RapportOrder             *order,
                     GArray                   *clients_found)
{
  RapportOrderStatus status = rapport_order_get_status (order);
  const char *day = rapport_order_get_ordered_on (order);

  if (filter->statuses != 0 && (filter->statuses & (1u << status)) == 0)
    return FALSE;
  if (filter->unpaid_only
      && !(rapport_order_get_paid (order) < rapport_order_get_total (order) && rapport_order_counts_as_sale (status)))
    return FALSE;
  if ((filter->from != NULL && strcmp (day, filter->from) < 0) || (filter->to != NULL && strcmp (day, filter->to) > 0))
    return FALSE;
  if (filter->client_id != 0 && rapport_order_get_client_id (order) != filter->client_id)
    return FALSE;
  if (filter->text != NULL && !g_str_has_prefix (rapport_order_get_number (order), filter->text)
      && !(clients_found != NULL && rapport_test_ids_contain (clients_found, rapport_order_get_client_id (order))))
    return FALSE;
  return TRUE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  RapportOrder *x = *(RapportOrder **) a, *y = *(RapportOrder **) b;
  int by_day = strcmp (rapport_order_get_ordered_on (y), rapport_order_get_ordered_on (x));

  if (by_day != 0)
    return by_day;
  return rapport_order_get_id (y) < rapport_order_get_id (x) ? -1 : rapport_order_get_id (y) > rapport_order_get_id (x);
}

/* Every filter, alone and combined, finds what the filter says, newest
 * first, whichever index it walks: a status or several, unpaid, days, a
 * number start that is rare or common, a client's name, a client. */
static void
test_search_every_walk (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_list = NULL;
  g_auto(GStrv) id_texts = NULL;
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) orders = NULL;
  /* A bit no status has lists nothing, beside one that does: what it
   * says. */
  const guint statuses[] = { 0, 1u << RAPPORT_ORDER_CLOSED, 1u << RAPPORT_ORDER_DRAFT,
                             (1u << RAPPORT_ORDER_CONFIRMED) | (1u << RAPPORT_ORDER_CLOSED),
                             1u << 20, (1u << 31) | (1u << RAPPORT_ORDER_LOST) };
  /* “2” and “202” start more numbers than the list sorts. */
  const char * const texts[] = { NULL, "2", "202", "2025-0001", "NOWAK" };
  const char * const days[][2] = { { NULL, NULL }, { "2024-06-01", "2025-06-30" } };
  guint checked = 0;

  if (rapport_test_skip_bulk ())
    return;

  add_many_orders (f);
  id_list = rapport_test_query_text (rapport_database_get_path (f->store->db), "SELECT group_concat(id) FROM orders");
  id_texts = g_strsplit (id_list, ",", -1);
  for (guint i = 0; id_texts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (id_texts[i], NULL, 10);
      g_array_append_val (all_ids, id);
    }
  g_assert_cmpuint (all_ids->len, ==, MANY_ORDERS);
  orders = rapport_order_repository_load (f->orders, (gint64 *) all_ids->data, all_ids->len, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (orders, compare_newest_first);

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        for (guint combination = 0; combination < 4; combination++)
          {
            RapportOrderFilter filter = { statuses[s], combination & 1, (char *) days[d][0], (char *) days[d][1],
                                          (char *) texts[t], combination & 2 ? f->boris : 0 };
            g_autoptr(GArray) found = rapport_order_repository_search (f->orders, &filter, &error);
            g_autoptr(GArray) clients_found = texts[t] != NULL && strlen (texts[t]) >= 3
                                              ? rapport_test_search (f->store, texts[t]) : NULL;
            guint expected = 0;

            g_assert_no_error (error);
            for (guint i = 0; i < orders->len; i++)
              {
                RapportOrder *order = g_ptr_array_index (orders, i);

                if (!filter_lets_through (&filter, order, clients_found))
                  continue;
                g_assert_cmpuint (expected, <, found->len);
                g_assert_cmpint (g_array_index (found, gint64, expected), ==, rapport_order_get_id (order));
                expected++;
              }
            g_assert_cmpuint (found->len, ==, expected);
            checked += expected > 0;
          }

  /* Most combinations find something: the test looks at real lists. */
  g_assert_cmpuint (checked, >, G_N_ELEMENTS (statuses) * G_N_ELEMENTS (texts) * G_N_ELEMENTS (days) * 4 / 2);
}

static void
wait_for_list (RapportOrderList *list)
{
  while (rapport_order_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* The ids the list holds now, without loading a row. */
static GArray *
list_ids (RapportOrderList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = rapport_order_list_get_id (list, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

/* The Orders list: newest first, filtered, and following changes; a change
 * to one listed order tells only that row. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RapportOrder) first = create (f, f->anna, "2026-03-01", 1000);
  g_autoptr(RapportOrder) second = create (f, f->boris, "2026-03-20", 2000);
  g_autoptr(RapportOrderList) list = rapport_order_list_new (f->orders);
  g_autoptr(RapportOrder) top = NULL;
  g_autoptr(RapportOrderFilter) filter = rapport_order_filter_copy (NULL);
  guint changes = 0;

  g_assert_true (rapport_order_list_get_loading (list));
  wait_for_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (rapport_order_get_id (top), ==, rapport_order_get_id (second));
  g_assert_cmpstr (rapport_order_get_client_name (top), ==, "Boris Ivanov");
  g_assert_cmpint (rapport_order_list_get_id (list, 1), ==, rapport_order_get_id (first));
  g_assert_cmpint (rapport_order_list_get_id (list, 2), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));
  g_assert_cmpuint (rapport_order_list_find (list, rapport_order_get_id (first)), ==, 1);
  g_assert_cmpuint (rapport_order_list_find (list, 999), ==, G_MAXUINT);

  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed), &changes);
  set_status (f, first, RAPPORT_ORDER_CONFIRMED);
  wait_for_list (list);
  g_assert_cmpuint (changes, ==, 1);
  g_clear_object (&top);
  top = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (rapport_order_get_status (top), ==, RAPPORT_ORDER_CONFIRMED);

  filter->unpaid_only = TRUE;
  rapport_order_list_set_filter (list, filter);
  wait_for_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (rapport_order_list_get_id (list, 0), ==, rapport_order_get_id (first));
  g_assert_true (rapport_order_list_get_filter (list)->unpaid_only);

  pay (f, first, 1000);
  wait_for_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GString    *changes)
{
  g_string_append_printf (changes, "%s%u-%u+%u", changes->len > 0 ? " " : "", position, removed, added);
}

/* A new filter shows its newest rows first and adds the rest at the end,
 * an addition GTK 4.8's list view takes without fetching a row. Many
 * added rows are told as a removal and an addition; a client's new name
 * tells the rows read of its orders anew. */
static void
test_list_newest_first (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportOrderList) list = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autoptr(RapportOrderFilter) filter = rapport_order_filter_copy (NULL);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) closed = NULL;
  g_autoptr(RapportClient) boris = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint same = 0;

  add_many_orders (f);
  all = rapport_order_repository_search (f->orders, filter, &error);
  g_assert_no_error (error);

  list = rapport_order_list_new (f->orders);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_items_changed), changes);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rapport_order_list_get_loading (list));
  g_assert_true (rapport_order_list_get_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 128);
  {
    g_autoptr(RapportOrder) newest = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpint (rapport_order_get_id (newest), ==, g_array_index (all, gint64, 0));
  }
  wait_for_list (list);
  g_assert_false (rapport_order_list_get_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, MANY_ORDERS);
  {
    g_autoptr(GArray) listed = list_ids (list);

    g_assert_cmpmem (listed->data, listed->len * sizeof (gint64), all->data, all->len * sizeof (gint64));
  }
  g_assert_cmpstr (changes->str, ==, "0-0+128 128-0+23872");

  /* Another filter: its newest rows replace the list, the rest follow. */
  g_string_truncate (changes, 0);
  filter->statuses = 1u << RAPPORT_ORDER_CLOSED;
  closed = rapport_order_repository_search (f->orders, filter, &error);
  while (same < 128 && g_array_index (closed, gint64, same) == g_array_index (all, gint64, same))
    same++;
  rapport_order_list_set_filter (list, filter);
  g_assert_false (rapport_order_list_get_partial (list));
  wait_for_list (list);
  expected = g_strdup_printf ("%u-%u+%u 128-0+%u", same, MANY_ORDERS - same, 128 - same, closed->len - 128);
  g_assert_cmpstr (changes->str, ==, expected);

  /* Rows show the client's name: the rows read of the client's orders
   * (the first two pages here) are told anew, and nothing is searched
   * again. */
  {
    g_autoptr(GString) boris_rows = g_string_new (NULL);

    for (guint i = 0; i < 64; i++)
      {
        g_autoptr(RapportOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);

        if (rapport_order_get_client_id (order) == f->boris)
          g_string_append_printf (boris_rows, "%s%u-1+1", boris_rows->len > 0 ? " " : "", i);
      }
    g_assert_cmpuint (boris_rows->len, >, 0);
    g_string_truncate (changes, 0);
    boris = rapport_client_repository_get (f->store->clients, f->boris, &error);
    rapport_client_set_family_name (boris, "Ivanovich");
    rapport_client_set_display_name (boris, "");
    g_assert_true (rapport_client_repository_save (f->store->clients, boris, &error));
    g_assert_false (rapport_order_list_get_loading (list));
    g_assert_cmpstr (changes->str, ==, boris_rows->str);
    for (guint i = 0; i < 64; i++)
      {
        g_autoptr(RapportOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);

        if (rapport_order_get_client_id (order) == f->boris)
          g_assert_nonnull (strstr (rapport_order_get_client_name (order), "Ivanovich"));
      }
  }

  /* The newest few, as a list asks for them first. */
  filter->limit = 5;
  g_clear_pointer (&closed, g_array_unref);
  closed = rapport_order_repository_search (f->orders, filter, &error);
  g_assert_cmpuint (closed->len, ==, 5);
  g_assert_cmpint (g_array_index (closed, gint64, 0), ==, rapport_order_list_get_id (list, 0));
  g_assert_cmpint (g_array_index (closed, gint64, 4), ==, rapport_order_list_get_id (list, 4));
}

static guint
count_reminders (Fixture    *f,
                 gboolean    payments,
                 const char *from,
                 const char *to)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (rapport_order_repository_count_reminders (f->orders, payments, from, to, &n, &error));
  g_assert_no_error (error);
  return n;
}

static GPtrArray *
collect_reminders (Fixture    *f,
                   gboolean    payments,
                   const char *from,
                   const char *to)
{
  GPtrArray *into = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  RapportReminderRange range = { from, to, 0, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_order_repository_collect_reminders (f->orders, payments, "test", &range, into, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (into->len, ==, count_reminders (f, payments, from, to));
  return into;
}

/* Orders remind of money still owed after its payment day and of quotes
 * two days before they end, through the reminders every other kind uses;
 * paying, marking done or answering makes them go. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportOrder) sale = new_order (f->anna, "2026-03-01");
  g_autoptr(RapportOrder) quote = new_order (f->boris, "2026-03-10");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(RapportReminder) paid = NULL;
  g_autoptr(RapportAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  RapportReminder *reminder;
  g_autofree char *id = NULL;

  add_line (sale, "Repair", 1000, 12000, 0);
  rapport_order_set_payment_terms_days (sale, 14);
  g_assert_true (rapport_order_repository_create (f->orders, sale, PATTERN, &error));
  /* A draft owes nothing yet. */
  g_assert_cmpuint (count_reminders (f, TRUE, NULL, "2026-12-31"), ==, 0);
  set_status (f, sale, RAPPORT_ORDER_CONFIRMED);

  due = collect_reminders (f, TRUE, "2026-03-15", "2026-03-15");
  g_assert_cmpuint (due->len, ==, 1);
  reminder = g_ptr_array_index (due, 0);
  g_assert_cmpint (reminder->item_id, ==, rapport_order_get_id (sale));
  g_assert_cmpstr (reminder->due_on, ==, "2026-03-15");
  g_assert_cmpint (reminder->amount, ==, 12000);
  g_assert_cmpstr (reminder->currency, ==, "EUR");
  g_assert_cmpstr (reminder->client_name, ==, "Anna Nowak");
  g_assert_cmpstr (reminder->open_kind, ==, RAPPORT_REMINDER_OPEN_ORDER);
  g_assert_nonnull (strstr (reminder->title, rapport_order_get_number (sale)));
  g_assert_cmpuint (count_reminders (f, TRUE, "2026-03-16", "2026-12-31"), ==, 0);
  g_assert_cmpuint (count_reminders (f, TRUE, NULL, "2026-03-14"), ==, 0);

  /* Part paid: what is still owed. */
  pay (f, sale, 5000);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = collect_reminders (f, TRUE, NULL, "2026-03-31");
  g_assert_cmpint (((RapportReminder *) g_ptr_array_index (due, 0))->amount, ==, 7000);

  /* Done without the money: gone, and back when opened again. */
  g_assert_true (rapport_order_repository_set_reminder_done (f->orders, TRUE, rapport_order_get_id (sale), TRUE, &error));
  g_assert_cmpuint (count_reminders (f, TRUE, NULL, "2026-03-31"), ==, 0);
  g_assert_true (rapport_order_repository_set_reminder_done (f->orders, TRUE, rapport_order_get_id (sale), FALSE, &error));
  g_assert_cmpuint (count_reminders (f, TRUE, NULL, "2026-03-31"), ==, 1);

  /* Paid in full: nothing to remind of, and the reminder reads as done. */
  pay (f, sale, 7000);
  g_assert_cmpuint (count_reminders (f, TRUE, NULL, "2026-12-31"), ==, 0);
  paid = rapport_order_repository_get_reminder (f->orders, TRUE, "test", rapport_order_get_id (sale), &error);
  g_assert_no_error (error);
  g_assert_true (paid->done);
  g_assert_null (rapport_order_repository_get_reminder (f->orders, TRUE, "test", 987654, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_order_repository_set_reminder_done (f->orders, TRUE, 987654, TRUE, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A quote valid until the 31st is due two days before. */
  add_line (quote, "Service", 1000, 3000, 0);
  rapport_order_set_quote_valid_until (quote, "2026-03-31");
  g_assert_true (rapport_order_repository_create (f->orders, quote, PATTERN, &error));
  set_status (f, quote, RAPPORT_ORDER_QUOTED);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = collect_reminders (f, FALSE, "2026-03-29", "2026-03-29");
  g_assert_cmpuint (due->len, ==, 1);
  reminder = g_ptr_array_index (due, 0);
  g_assert_cmpstr (reminder->due_on, ==, "2026-03-29");
  g_assert_cmpint (reminder->amount, ==, 3000);
  g_assert_cmpuint (count_reminders (f, FALSE, "2026-03-30", "2026-04-30"), ==, 0);

  /* Through the reminders of the Today page, under their own names. */
  reminders = rapport_reminders_new (f->store->db);
  agenda = rapport_reminders_get_agenda (reminders, 1774958400 /* 2026-03-31 12:00 UTC */, 7, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agenda->n_overdue, ==, 1);
  id = rapport_reminder_dup_id (g_ptr_array_index (agenda->overdue, 0));
  g_assert_true (g_str_has_prefix (id, RAPPORT_REMINDER_SOURCE_QUOTE_END ":"));

  /* Accepted: no longer a quote to chase. */
  set_status (f, quote, RAPPORT_ORDER_CONFIRMED);
  g_assert_cmpuint (count_reminders (f, FALSE, NULL, "2026-12-31"), ==, 0);
}

static gint64
line_id (RapportOrder *order,
         guint         index)
{
  return ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), index))->id;
}

/* Saving changes lines in place: one that stays keeps its id, a new one
 * gets a new id, a removed one is gone; deliveries and warranties name
 * lines by these ids. */
static void
test_lines_keep_ids (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RapportOrder) order = new_order (f->anna, "2026-03-31");
  g_autoptr(RapportOrder) edited = NULL;
  g_autoptr(RapportOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second, third;
  RapportOrderLine *line;

  add_line (order, "Chair", 4000, 2500, 0);
  add_line (order, "Table", 1000, 10000, 0);
  add_line (order, "Lamp", 2000, 1500, 0);
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  edited = reload (f, order);
  first = line_id (edited, 0);
  second = line_id (edited, 1);
  third = line_id (edited, 2);
  g_assert_cmpint (first, ==, line_id (order, 0));

  /* The table goes, the chairs become five and move below the lamp, a
   * sofa comes. */
  line = g_ptr_array_steal_index (rapport_order_get_lines (edited), 0);
  line->quantity = 5000;
  g_ptr_array_remove_index (rapport_order_get_lines (edited), 0);
  g_ptr_array_add (rapport_order_get_lines (edited), line);
  add_line (edited, "Sofa", 1000, 30000, 0);
  g_assert_true (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_no_error (error);

  loaded = reload (f, order);
  g_assert_cmpuint (rapport_order_get_lines (loaded)->len, ==, 3);
  g_assert_cmpint (line_id (loaded, 0), ==, third);
  g_assert_cmpint (line_id (loaded, 1), ==, first);
  g_assert_cmpint (((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (loaded), 1))->quantity,
                   ==, 5000);
  g_assert_cmpint (line_id (loaded, 2), >, third);
  g_assert_cmpint (line_id (loaded, 2), ==, line_id (edited, 2));
  g_assert_cmpint (line_id (loaded, 2), !=, second);
  /* The total follows the lines changed in place, by the triggers. */
  g_assert_cmpint (rapport_order_get_total (loaded), ==, 2 * 1500 + 5 * 2500 + 30000);

  /* A line id of another order is a new line, never a move. */
  {
    g_autoptr(RapportOrder) other = create (f, f->boris, "2026-03-31", 700);
    g_autoptr(RapportOrder) other_loaded = reload (f, other);
    g_autoptr(RapportOrder) check = NULL;
    g_autoptr(RapportOrderLine) stolen = rapport_order_line_new ("Borrowed", 1000, 1);

    stolen->id = first;
    rapport_order_add_line (other_loaded, stolen);
    g_assert_true (rapport_order_repository_save (f->orders, other_loaded, &error));
    g_assert_no_error (error);
    g_assert_cmpint (line_id (other_loaded, 1), !=, first);
    check = reload (f, order);
    g_assert_cmpint (line_id (check, 1), ==, first);
    g_assert_cmpstr (((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (check), 1))->name,
                     ==, "Chair");
  }
}

/* A line in a delivery is never removed, nor made less than what is on
 * its way or delivered; the message names the line and nothing changes. */
static void
test_lines_in_deliveries (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RapportCarrierRepository) carriers = rapport_carrier_repository_new (f->store->db);
  g_autoptr(RapportDeliveryRepository) deliveries = rapport_delivery_repository_new (f->store->db);
  g_autoptr(RapportOrder) order = new_order (f->anna, "2026-03-31");
  g_autoptr(RapportOrder) edited = NULL;
  g_autoptr(RapportOrder) loaded = NULL;
  g_autoptr(RapportDelivery) delivery = NULL;
  g_autoptr(GError) error = NULL;

  add_line (order, "Chair", 4000, 2500, 0);
  add_line (order, "Table", 1000, 10000, 0);
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  set_status (f, order, RAPPORT_ORDER_CONFIRMED);

  delivery = rapport_delivery_new (rapport_order_get_id (order));
  delivery->carrier_id = rapport_carrier_repository_find (carriers, "Own courier", &error);
  g_assert_no_error (error);
  g_free (delivery->address);
  delivery->address = g_strdup ("Długa 1, Warszawa");
  delivery->planned_on = g_strdup ("2026-04-02");
  rapport_delivery_add_line (delivery, line_id (order, 0), 3000);
  g_assert_true (rapport_delivery_repository_create (deliveries, delivery, &error));
  g_assert_no_error (error);

  edited = reload (f, order);
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (edited), 0))->quantity = 2000;
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Chair”"));
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  /* Down to what the delivery holds is fine; the other line may go. */
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (edited), 0))->quantity = 3000;
  g_ptr_array_remove_index (rapport_order_get_lines (edited), 1);
  g_assert_true (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_no_error (error);

  /* The chairs cannot go, nor the client change. */
  g_ptr_array_remove_index (rapport_order_get_lines (edited), 0);
  add_line (edited, "Stool", 1000, 900, 0);
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Chair”"));
  g_clear_error (&error);
  g_clear_object (&edited);
  edited = reload (f, order);
  rapport_order_set_client_id (edited, f->boris);
  g_assert_false (rapport_order_repository_save (f->orders, edited, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  loaded = reload (f, order);
  g_assert_cmpuint (rapport_order_get_lines (loaded)->len, ==, 1);
  g_assert_cmpint (line_id (loaded, 0), ==, line_id (order, 0));
  g_assert_cmpint (rapport_order_get_client_id (loaded), ==, f->anna);
  g_assert_cmpint (rapport_order_get_total (loaded), ==, 3 * 2500);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/order-repository/create-and-read", test_create_and_read);
  ADD ("/rapport/order-repository/numbers", test_numbers);
  ADD ("/rapport/order-repository/numbers-concurrent", test_numbers_concurrent);
  ADD ("/rapport/order-repository/next-number", test_next_number);
  ADD ("/rapport/order-repository/status-history", test_status_history);
  ADD ("/rapport/order-repository/editing", test_editing);
  ADD ("/rapport/order-repository/lines-keep-ids", test_lines_keep_ids);
  ADD ("/rapport/order-repository/lines-in-deliveries", test_lines_in_deliveries);
  ADD ("/rapport/order-repository/payments", test_payments);
  ADD ("/rapport/order-repository/cancel", test_cancel);
  ADD ("/rapport/order-repository/lost", test_lost);
  ADD ("/rapport/order-repository/delete-draft", test_delete_draft);
  ADD ("/rapport/order-repository/search", test_search);
  ADD ("/rapport/order-repository/bulk/search-every-walk", test_search_every_walk);
  ADD ("/rapport/order-repository/client-with-orders", test_client_with_orders);
  ADD ("/rapport/order-repository/catalog", test_catalog);
  ADD ("/rapport/order-repository/notices", test_notices);
  ADD ("/rapport/order-repository/list", test_list);
  ADD ("/rapport/order-repository/reminders", test_reminders);
  ADD ("/rapport/order-repository/list-newest-first", test_list_newest_first);
#undef ADD

  return g_test_run ();
}
