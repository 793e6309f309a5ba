/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What is due is counted from the reminders' days (step 0017), kept by
 * triggers. These tests write at random — through Rapport and behind its
 * back, as another program would — move the clock, and check after each
 * write that the counts kept equal the counts from the records, and that
 * every section of the agenda counts what the records' indexes count (the
 * way the agenda counted before the days were kept). */

#include <sqlite3.h>
#include <string.h>

#include "rapport-analytics.h"
#include "rapport-client-repository.h"
#include "rapport-error.h"
#include "rapport-interaction-repository.h"
#include "rapport-order-repository.h"
#include "rapport-payment-repository.h"
#include "rapport-reminders.h"
#include "rapport-test-utils.h"
#include "rapport-wall-clock.h"
#include "rapport-warranty-repository.h"

#define N_CLIENTS 4
#define N_WRITES 400
#define DAYS_AHEAD 7
#define WARRANTY_END_DAYS 7   /* the last day reminds for a week */

typedef struct
{
  RapportTestStore         *store;
  RapportOrderRepository   *orders;
  RapportPaymentRepository *payments;
  RapportWarrantyRepository *warranties;
  RapportReminders         *reminders;
  RapportClock             *clock;
  GTimeZone                *zone;
  gint64                    clients[N_CLIENTS];
  char                     *path;
  sqlite3                  *other;   /* another program writing to the file */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *names[N_CLIENTS] = { "Anna", "Boris", "Chloé", "Dawid" };

  f->path = rapport_test_dup_path ("reminder-days.db");
  f->store = rapport_test_open_store ("reminder-days.db");
  f->zone = g_time_zone_new_utc ();
  f->clock = rapport_clock_new_fixed (1774958400);   /* 2026-03-31 12:00 UTC */
  rapport_database_set_clock (f->store->db, f->clock);
  f->orders = rapport_order_repository_new (f->store->db);
  f->payments = rapport_payment_repository_new (f->store->db);
  f->warranties = rapport_warranty_repository_new (f->store->db);
  f->reminders = rapport_reminders_new (f->store->db);
  rapport_reminders_set_time_zone (f->reminders, f->zone);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(RapportClient) client = rapport_test_add_client (f->store, names[i], "Test", NULL, NULL);

      f->clients[i] = rapport_client_get_id (client);
    }
  g_assert_cmpint (sqlite3_open (f->path, &f->other), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->other, 5000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3_close (f->other);
  g_clear_object (&f->reminders);
  g_clear_object (&f->payments);
  g_clear_object (&f->warranties);
  g_clear_object (&f->orders);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->zone, g_time_zone_unref);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_pointer (&f->path, g_free);
}

static gint64
now_of (Fixture *f)
{
  return rapport_clock_get_now (f->clock);
}

/* A day around now: up to @before days before it, @after after. */
static char *
random_day (Fixture *f,
            int      before,
            int      after)
{
  return rapport_wall_clock_day (f->zone, now_of (f), g_test_rand_int_range (-before, after + 1));
}

static void
run_sql (Fixture    *f,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->other, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (f->other, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (f->other));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* One of the ids @sql gives, at random; 0 when there is none. */
static gint64
pick (Fixture    *f,
      const char *sql)
{
  g_autofree char *random = g_strdup_printf ("%s ORDER BY random() LIMIT 1", sql);

  return query_int (f, random);
}

/* ---- The writes ---- */

static void
add_follow_up (Fixture *f)
{
  g_autoptr(RapportInteraction) interaction =
    rapport_interaction_new (f->clients[g_test_rand_int_range (0, N_CLIENTS)], RAPPORT_INTERACTION_CALL);
  g_autofree char *day = random_day (f, 40, 20);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, now_of (f) - 3600);
  rapport_interaction_set_summary (interaction, "Call back");
  rapport_interaction_set_follow_up_on (interaction, day);
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, interaction, &error));
  g_assert_no_error (error);
}

static void
set_follow_up_done (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM interactions WHERE follow_up_on IS NOT NULL");
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  g_assert_true (rapport_interaction_repository_set_follow_up_done (f->store->interactions, id,
                                                                     g_test_rand_bit (), &error));
  g_assert_no_error (error);
}

static void
delete_interaction (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM interactions");
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  g_assert_true (rapport_interaction_repository_delete (f->store->interactions, id, &error));
  g_assert_no_error (error);
}

/* Another program moves a follow-up to another day. */
static void
move_follow_up (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM interactions WHERE follow_up_on IS NOT NULL");
  g_autofree char *day = random_day (f, 40, 20);
  g_autofree char *sql = g_strdup_printf ("UPDATE interactions SET follow_up_on = '%s' WHERE id = %" G_GINT64_FORMAT,
                                          day, id);

  run_sql (f, sql);
}

/* A sale of one line, confirmed: its payment is due after its terms. */
static void
add_sale (Fixture *f)
{
  g_autoptr(RapportOrder) order = rapport_order_new (f->clients[g_test_rand_int_range (0, N_CLIENTS)]);
  g_autoptr(RapportOrderLine) line = rapport_order_line_new ("Service", 1000, g_test_rand_int_range (1, 50) * 100);
  g_autofree char *day = random_day (f, 30, 0);
  g_autoptr(GError) error = NULL;

  rapport_order_set_ordered_on (order, day);
  rapport_order_set_currency (order, "EUR");
  rapport_order_set_payment_terms_days (order, (guint) g_test_rand_int_range (0, 15));
  rapport_order_add_line (order, line);
  g_assert_true (rapport_order_repository_create (f->orders, order, "{year}-{seq:4}", &error));
  g_assert_no_error (error);
  if (g_test_rand_int_range (0, 5) > 0)
    {
      g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                          RAPPORT_ORDER_CONFIRMED, 0, &error));
      g_assert_no_error (error);
    }
}

/* Another program adds a sale whole, as an import would. */
static void
import_sale (Fixture *f)
{
  g_autofree char *day = random_day (f, 30, 10);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency,"
                         " prices_include_tax, total, paid, created_at, updated_at)"
                         " SELECT 'I-' || (coalesce(max(id), 0) + 1), %" G_GINT64_FORMAT ", '%s', '%s', '%s', 'EUR', 1,"
                         " %d, %d, 0, 0 FROM orders",
                         f->clients[g_test_rand_int_range (0, N_CLIENTS)], day,
                         g_test_rand_bit () ? "closed" : "fulfilled", day, 1000, g_test_rand_bit () ? 0 : 1000);
  run_sql (f, sql);
}

static void
pay (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM orders WHERE status = 'confirmed' AND paid < total");
  g_autoptr(RapportPayment) payment = NULL;
  g_autofree char *day = rapport_wall_clock_day (f->zone, now_of (f), 0);
  g_autofree char *owed_sql = NULL;
  g_autoptr(GError) error = NULL;
  gint64 owed;

  if (id == 0)
    return;
  owed_sql = g_strdup_printf ("SELECT total - paid FROM orders WHERE id = %" G_GINT64_FORMAT, id);
  owed = query_int (f, owed_sql);
  payment = rapport_payment_new (id, day, g_test_rand_bit () ? owed : MAX (owed / 2, 1), RAPPORT_PAYMENT_CARD);
  g_assert_true (rapport_payment_repository_add (f->payments, payment, &error));
  g_assert_no_error (error);
}

/* Another program edits or deletes a payment. */
static void
edit_payment (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM payments WHERE amount > 0");
  g_autofree char *sql = NULL;

  if (id == 0)
    return;
  if (g_test_rand_bit ())
    sql = g_strdup_printf ("DELETE FROM payments WHERE id = %" G_GINT64_FORMAT, id);
  else
    sql = g_strdup_printf ("UPDATE payments SET amount = max(1, amount / 3) WHERE id = %" G_GINT64_FORMAT, id);
  run_sql (f, sql);
}

/* Another program gives an order other terms, or puts it back a step. */
static void
edit_order (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM orders");
  g_autofree char *day = random_day (f, 30, 10);
  g_autofree char *sql = NULL;

  if (id == 0)
    return;
  if (g_test_rand_bit ())
    sql = g_strdup_printf ("UPDATE orders SET payment_due_on = '%s' WHERE id = %" G_GINT64_FORMAT, day, id);
  else
    sql = g_strdup_printf ("UPDATE orders SET status = CASE status WHEN 'confirmed' THEN 'fulfilled'"
                           " WHEN 'fulfilled' THEN 'closed' WHEN 'closed' THEN 'confirmed' ELSE status END"
                           " WHERE id = %" G_GINT64_FORMAT, id);
  run_sql (f, sql);
}

static void
cancel_order (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM orders WHERE status = 'confirmed'");
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  if (!rapport_order_repository_cancel (f->orders, id,
                                        g_test_rand_bit () ? RAPPORT_CANCEL_REFUND : RAPPORT_CANCEL_KEEP_CREDIT,
                                        "", 0, &error))
    g_error ("order %" G_GINT64_FORMAT ": %s", id, error->message);
}

/* A draft deleted through Rapport, or any order by another program. */
static void
delete_order (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM orders");
  g_autofree char *sql = NULL;

  if (id == 0)
    return;
  /* Its lines go with it. */
  sql = g_strdup_printf ("DELETE FROM payments WHERE order_id = %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM orders WHERE id = %1$" G_GINT64_FORMAT ";", id);
  run_sql (f, "BEGIN");
  run_sql (f, sql);
  run_sql (f, "COMMIT");
}

static void
set_reminder_done (Fixture    *f,
                   const char *source,
                   const char *ids_sql)
{
  gint64 id = pick (f, ids_sql);
  g_autofree char *reminder_id = g_strdup_printf ("%s:%" G_GINT64_FORMAT, source, id);
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  g_assert_true (rapport_reminders_set_done (f->reminders, reminder_id, g_test_rand_bit (), &error));
  g_assert_no_error (error);
}

/* A regular's visits scored (as the analytics' refresh writes them): a
 * last day and a usual interval, or none. */
static void
score_client (Fixture *f)
{
  gint64 client_id = f->clients[g_test_rand_int_range (0, N_CLIENTS)];
  g_autofree char *day = random_day (f, 60, 0);
  g_autofree char *sql = NULL;

  /* A due day written with the scores is put right by step 15's
   * triggers at once. */
  sql = g_strdup_printf ("INSERT INTO client_scores (client_id, visits, usual_interval, last_day, due_day, scored_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 3, %s, '%s', '%s', 0)"
                         " ON CONFLICT DO UPDATE SET usual_interval = excluded.usual_interval,"
                         " last_day = excluded.last_day",
                         client_id, g_test_rand_int_range (0, 4) > 0 ? "abs(random() % 20) + 1" : "NULL", day, day);
  run_sql (f, sql);
}

/* A client no longer scored (the analytics' refresh deletes them). */
static void
unscore_client (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM client_scores WHERE client_id = %" G_GINT64_FORMAT,
                                          f->clients[g_test_rand_int_range (0, N_CLIENTS)]);

  run_sql (f, sql);
}

static void
archive_client (Fixture *f)
{
  gint64 client_id = f->clients[g_test_rand_int_range (0, N_CLIENTS)];
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_client_repository_set_archived (f->store->clients, client_id, g_test_rand_bit (),
                                                         &error));
  g_assert_no_error (error);
}

/* Another program records a warranty (the sale and delivery it came
 * with are not what is counted), moves its end or deletes it. */
static void
add_warranty (Fixture *f)
{
  g_autofree char *day = random_day (f, 20, 60);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO warranties (order_line_id, delivery_id, client_id, product, quantity,"
                         " starts_on, ends_on, created_at) VALUES (1, 1, %" G_GINT64_FORMAT ", 'Phone', 1,"
                         " date('%s', '-1 year'), '%s', 0)",
                         f->clients[g_test_rand_int_range (0, N_CLIENTS)], day, day);
  run_sql (f, sql);
}

static void
edit_warranty (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM warranties");
  g_autofree char *day = random_day (f, 20, 60);
  g_autofree char *sql = NULL;

  if (id == 0)
    return;
  if (g_test_rand_bit ())
    sql = g_strdup_printf ("UPDATE warranties SET ends_on = max(starts_on, '%s') WHERE id = %" G_GINT64_FORMAT,
                           day, id);
  else
    sql = g_strdup_printf ("DELETE FROM warranties WHERE id = %" G_GINT64_FORMAT, id);
  run_sql (f, sql);
}

static void
set_warranty_done (Fixture *f)
{
  gint64 id = pick (f, "SELECT id FROM warranties");
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  g_assert_true (rapport_warranty_repository_set_reminder_done (f->warranties, g_test_rand_bit (), id,
                                                                 g_test_rand_bit (), &error));
  g_assert_no_error (error);
}

/* The notice days are a setting: changing it moves no count. */
static void
set_notice_days (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_warranty_repository_set_notice_days (f->warranties, g_test_rand_int_range (1, 60), &error));
  g_assert_no_error (error);
}

static void
write_at_random (Fixture *f)
{
  switch (g_test_rand_int_range (0, 22))
    {
    case 18: add_warranty (f); break;
    case 19: edit_warranty (f); break;
    case 20: set_warranty_done (f); break;
    case 21:
      if (g_test_rand_int_range (0, 4) == 0)
        set_notice_days (f);
      else
        add_warranty (f);
      break;
    case 0: case 1: add_follow_up (f); break;
    case 2: set_follow_up_done (f); break;
    case 3: delete_interaction (f); break;
    case 4: move_follow_up (f); break;
    case 5: case 6: add_sale (f); break;
    case 7: import_sale (f); break;
    case 8: pay (f); break;
    case 9: edit_payment (f); break;
    case 10: edit_order (f); break;
    case 11: cancel_order (f); break;
    case 12: delete_order (f); break;
    case 13:
      set_reminder_done (f, "payment-due", "SELECT id FROM orders WHERE status IN ('confirmed', 'fulfilled', 'closed')");
      break;
    case 14: score_client (f); break;
    case 15:
      if (g_test_rand_int_range (0, 4) == 0)
        unscore_client (f);
      else
        set_reminder_done (f, "slipping-away", "SELECT client_id FROM client_scores WHERE due_day IS NOT NULL");
      break;
    default:
      archive_client (f);
      break;
    }
}

/* ---- The checks ---- */

/* The counts kept are those of the records, and only days with something
 * due are kept. */
static void
assert_days_kept (Fixture *f)
{
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM (SELECT source, day, due FROM reminder_days"
                                 " EXCEPT SELECT source, day, due FROM reminder_days_from_records)"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM (SELECT source, day, due FROM reminder_days_from_records"
                                 " EXCEPT SELECT source, day, due FROM reminder_days)"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM reminder_days WHERE due <= 0"), ==, 0);
}

/* How many open reminders of @source fall from @from to @to, counted from
 * the records as the agenda counted them before step 0017. */
static gint64
count_from_records (Fixture    *f,
                    const char *source,
                    const char *from,
                    const char *to)
{
  g_autofree char *sql = NULL;

  if (g_str_equal (source, "follow-up"))
    sql = g_strdup_printf ("SELECT count(*) FROM interactions WHERE follow_up_on IS NOT NULL"
                           " AND follow_up_done_at IS NULL AND follow_up_on BETWEEN '%s' AND '%s'", from, to);
  else if (g_str_equal (source, "payment-due"))
    sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE paid < total"
                           " AND status IN ('confirmed', 'fulfilled', 'closed') AND payment_reminder_done_at IS NULL"
                           " AND payment_due_on BETWEEN '%s' AND '%s'", from, to);
  else if (g_str_equal (source, "slipping-away"))
    sql = g_strdup_printf ("SELECT count(*) FROM client_scores s JOIN clients c ON c.id = s.client_id"
                           " LEFT JOIN client_sales cs ON cs.client_id = s.client_id"
                           " LEFT JOIN win_back_done d ON d.client_id = s.client_id"
                           "  AND d.last_day = max(s.last_day, coalesce(cs.last_day, ''))"
                           " WHERE s.usual_interval IS NOT NULL AND c.archived_at IS NULL"
                           " AND d.client_id IS NULL AND s.due_day BETWEEN '%s' AND '%s'", from, to);
  else if (g_str_equal (source, "warranty-soon") || g_str_equal (source, "warranty-end"))
    {
      /* As rapport-warranty-repository.c did before step 0017: the notice
       * days before the last day; the overdue last days for a week. */
      gboolean soon = g_str_equal (source, "warranty-soon");
      guint notice = rapport_warranty_repository_get_notice_days (f->warranties);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (soon)
        {
          first = *from ? g_strdup_printf ("date('%s', '+%u days')", from, notice)
                        : g_strdup_printf ("date('%s', '+1 day')", to);
          last = g_strdup_printf ("date('%s', '+%u days')", to, notice);
        }
      else
        {
          first = *from ? g_strdup_printf ("'%s'", from)
                        : g_strdup_printf ("date('%s', '-%d days')", to, WARRANTY_END_DAYS);
          last = g_strdup_printf ("'%s'", to);
        }
      sql = g_strdup_printf ("SELECT count(*) FROM warranties WHERE ends_on BETWEEN %s AND %s"
                             " AND %s_reminder_done_at IS NULL", first, last, soon ? "soon" : "end");
    }
  else
    g_assert_not_reached ();
  return query_int (f, sql);
}

static void
assert_source_counts (Fixture    *f,
                      const char *from,
                      const char *to)
{
  const char *sources[] = { "follow-up", "payment-due", "slipping-away", "warranty-soon", "warranty-end" };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      RapportReminderSource *source = rapport_reminders_get_source (f->reminders, sources[i]);
      g_autoptr(GError) error = NULL;
      guint n = G_MAXUINT;

      g_assert_true (rapport_reminder_source_count (source, *from ? from : NULL, to, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, count_from_records (f, sources[i], from, to));
    }
}

static gint64
count_all_from_records (Fixture    *f,
                        const char *from,
                        const char *to)
{
  return count_from_records (f, "follow-up", from, to) + count_from_records (f, "payment-due", from, to)
         + count_from_records (f, "slipping-away", from, to) + count_from_records (f, "warranty-soon", from, to)
         + count_from_records (f, "warranty-end", from, to);
}

/* Each section of the agenda at now counts what the records hold on its
 * days, and lists the first of them. */
static void
assert_agenda (Fixture *f)
{
  g_autoptr(RapportAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = rapport_wall_clock_day (f->zone, now_of (f), -1);
  g_autofree char *today = rapport_wall_clock_day (f->zone, now_of (f), 0);
  g_autofree char *tomorrow = rapport_wall_clock_day (f->zone, now_of (f), 1);
  g_autofree char *last = rapport_wall_clock_day (f->zone, now_of (f), DAYS_AHEAD);
  gint64 overdue = count_all_from_records (f, "", yesterday);
  gint64 due_today = count_all_from_records (f, today, today);
  gint64 upcoming = count_all_from_records (f, tomorrow, last);

  agenda = rapport_reminders_get_agenda (f->reminders, now_of (f), DAYS_AHEAD, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (agenda->n_overdue, ==, overdue);
  g_assert_cmpint (agenda->n_today, ==, due_today);
  g_assert_cmpint (agenda->n_upcoming, ==, upcoming);
  g_assert_cmpuint (agenda->overdue->len, ==, MIN (overdue, 5));
  g_assert_cmpuint (agenda->today->len, ==, MIN (due_today, 5));
  g_assert_cmpuint (agenda->upcoming->len, ==, MIN (upcoming, 5));
  /* The most recent overdue first: nothing left out is more recent. (The
   * warranties' overdue are not a plain range of days: a notice whose
   * warranty ended is no longer due, nor a last day over a week old.) */
  if (agenda->overdue->len > 0)
    {
      RapportReminder *last_listed = g_ptr_array_index (agenda->overdue, agenda->overdue->len - 1);
      g_autofree char *after = rapport_wall_clock_day (f->zone, last_listed->due_at, 1);
      gint64 listed_after = 0;

      for (guint i = 0; i < agenda->overdue->len; i++)
        {
          RapportReminder *reminder = g_ptr_array_index (agenda->overdue, i);

          if (!g_str_has_prefix (reminder->source, "warranty-") && g_strcmp0 (reminder->due_on, after) >= 0)
            listed_after++;
        }
      g_assert_cmpint (count_from_records (f, "follow-up", after, yesterday)
                       + count_from_records (f, "payment-due", after, yesterday)
                       + count_from_records (f, "slipping-away", after, yesterday), ==, listed_after);
    }
  assert_source_counts (f, "", yesterday);
  assert_source_counts (f, today, last);
}

/* Random writes, each followed by the checks; now and then a day passes. */
static void
test_random_writes (Fixture       *f,
                    gconstpointer  data)
{
  gint64 seen = 0;

  for (guint i = 0; i < N_WRITES; i++)
    {
      write_at_random (f);
      assert_days_kept (f);
      seen |= query_int (f, "SELECT coalesce(sum(DISTINCT CASE source WHEN 'follow-up' THEN 1"
                            " WHEN 'payment-due' THEN 2 WHEN 'slipping-away' THEN 4 WHEN 'warranty-soon' THEN 8"
                            " WHEN 'warranty-end' THEN 16 END), 0) FROM reminder_days");
      if (i % 5 == 0)
        {
          assert_agenda (f);
          rapport_clock_advance (f->clock, g_test_rand_int_range (0, 3) * 86400 + g_test_rand_int_range (0, 7200));
          assert_agenda (f);
        }
    }
  /* Each source had something due along the way. */
  g_assert_cmpint (seen, ==, 31);
}

/* The check of the summaries finds counts gone wrong (here, a trigger
 * dropped by another program), and the rebuild puts them right. */
static void
test_check_and_rebuild (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportAnalytics) analytics = rapport_analytics_new (f->store->db);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20; i++)
    {
      add_follow_up (f);
      add_sale (f);
    }
  g_assert_true (rapport_analytics_check_summaries (analytics, &error));
  g_assert_no_error (error);

  run_sql (f, "DROP TRIGGER reminder_days_follow_up_moved");
  add_follow_up (f);
  g_assert_false (rapport_analytics_check_summaries (analytics, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (rapport_analytics_rebuild_summaries (analytics, &error));
  g_assert_no_error (error);
  assert_days_kept (f);
  g_assert_true (rapport_analytics_check_summaries (analytics, &error));
  g_assert_no_error (error);
}

/* Counting reads the days, not the records' indexes. */
static void
test_query_plan (Fixture       *f,
                 gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  GString *plan = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->other,
                                       "EXPLAIN QUERY PLAN SELECT coalesce(sum(due), 0) FROM reminder_days"
                                       " WHERE source = 'payment-due' AND day BETWEEN '' AND '2026-03-30'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s;", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  text = g_string_free (plan, FALSE);
  g_assert_nonnull (strstr (text, "SEARCH reminder_days USING PRIMARY KEY (source=? AND day>? AND day<?)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/rapport/reminder-days/random-writes", Fixture, NULL,
              fixture_set_up, test_random_writes, fixture_tear_down);
  g_test_add ("/rapport/reminder-days/check-and-rebuild", Fixture, NULL,
              fixture_set_up, test_check_and_rebuild, fixture_tear_down);
  g_test_add ("/rapport/reminder-days/query-plan", Fixture, NULL,
              fixture_set_up, test_query_plan, fixture_tear_down);

  return g_test_run ();
}
