/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Sample orders: a catalog of goods and services, and orders that went
 * the way orders go — quoted, confirmed, delivered (in one delivery or
 * two, with their warranties), paid and closed, or
 * lost for a reason, or cancelled — each step at a believable time, so
 * that the lists, the client cards and later the figures look like a
 * business's. Written through the repositories, with a clock that walks
 * through each order's history. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rapport-business-repository.h"
#include "rapport-carrier-repository.h"
#include "rapport-catalog-repository.h"
#include "rapport-client-repository.h"
#include "rapport-delivery-repository.h"
#include "rapport-demo-private.h"
#include "rapport-error.h"
#include "rapport-order-repository.h"
#include "rapport-payment-repository.h"

/* Between this many orders (about eight rows each) the run looks whether
 * to commit a step, whether it was cancelled, and tells its progress. */
#define ORDERS_PER_LOOK 8
#define DAY (24 * 3600)
#define YEARS_OF_ORDERS 3
/* The first client is a company that orders every few days: its card
 * has this many orders (one in a hundred, up to this), and its newest
 * order, an office fitted out, this many lines. The benchmark opens both. */
#define BIG_ACCOUNT_ORDERS 500
#define BIG_ORDER_LINES 50

typedef struct
{
  const char      *name;
  RapportItemKind  kind;
  const char      *unit;
  gint64           price;
  gint             tax_rate;
  gint             warranty_months;
} SampleItem;

static const SampleItem sample_items[] = {
  /* TRANSLATORS: a sample product or service */
  { N_("Smartphone, 128 GB"), RAPPORT_ITEM_PRODUCT, "", 39900, 2000, 24 },
  /* TRANSLATORS: a sample product or service */
  { N_("Smartphone, 256 GB"), RAPPORT_ITEM_PRODUCT, "", 52900, 2000, 24 },
  /* TRANSLATORS: a sample product or service */
  { N_("Phone case"), RAPPORT_ITEM_PRODUCT, "", 1490, 2000, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Screen protector"), RAPPORT_ITEM_PRODUCT, "", 990, 2000, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Fast charger"), RAPPORT_ITEM_PRODUCT, "", 2490, 2000, 12 },
  /* TRANSLATORS: a sample product or service */
  { N_("Wireless headphones"), RAPPORT_ITEM_PRODUCT, "", 8990, 2000, 12 },
  /* TRANSLATORS: a sample product or service */
  { N_("Tablet, 10 inch"), RAPPORT_ITEM_PRODUCT, "", 32900, 2000, 24 },
  /* TRANSLATORS: a sample product or service */
  { N_("Screen repair"), RAPPORT_ITEM_SERVICE, "", 7900, 2000, 3 },
  /* TRANSLATORS: a sample product or service */
  { N_("Battery replacement"), RAPPORT_ITEM_SERVICE, "", 4900, 2000, 6 },
  /* TRANSLATORS: a sample product or service */
  { N_("Data transfer"), RAPPORT_ITEM_SERVICE, "", 1900, 2000, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Haircut"), RAPPORT_ITEM_SERVICE, "", 3500, 800, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Colouring"), RAPPORT_ITEM_SERVICE, "", 6500, 800, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Manicure"), RAPPORT_ITEM_SERVICE, "", 2800, 800, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Shampoo, 250 ml"), RAPPORT_ITEM_PRODUCT, "", 1200, 2000, 0 },
  /* TRANSLATORS: a sample product or service; billed by the hour */
  { N_("Legal advice"), RAPPORT_ITEM_SERVICE, N_("h"), 12000, 2000, 0 },
  /* TRANSLATORS: a sample product or service; billed by the hour */
  { N_("Drafting a contract"), RAPPORT_ITEM_SERVICE, N_("h"), 9500, 2000, 0 },
  /* TRANSLATORS: a sample product or service */
  { N_("Delivery"), RAPPORT_ITEM_SERVICE, "", 590, 2000, 0 },
};

typedef struct
{
  RapportDatabase          *database;
  RapportOrderRepository   *orders;
  RapportPaymentRepository *payments;
  RapportBusiness          *business;
  RapportClock             *clock;      /* walks through each order's history */
  RapportClock             *real_clock; /* the database's, given back at the end */
  GRand                    *rand;
  GTimeZone                *local;
  gint64                    now;
  GArray                   *client_ids;
  GArray                   *staff_ids;
  guint                     n_orders;
  guint                     n_big_account;
  /* How long before now the last order made was, as a fraction of the
   * years of orders: orders are made oldest first (see next_start()). */
  double                    age;
  GPtrArray                *items;      /* RapportCatalogItem */
  GPtrArray                *reasons;    /* RapportLostReason */
  RapportDeliveryRepository *deliveries;
  RapportClientRepository  *clients;
  GPtrArray                *carriers;   /* RapportCarrier */
  GHashTable               *addresses;  /* client id → the address goods go to */
} OrderGenerator;

static gboolean
ensure_catalog (OrderGenerator  *gen,
                GError         **error)
{
  g_autoptr(RapportCatalogRepository) catalog = rapport_catalog_repository_new (gen->database);

  gen->items = rapport_catalog_repository_find (catalog, NULL, FALSE, 0, error);
  if (gen->items == NULL)
    return FALSE;
  if (gen->items->len > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_items); i++)
    {
      const SampleItem *sample = &sample_items[i];
      g_autoptr(RapportCatalogItem) item = rapport_catalog_item_new (_(sample->name), sample->kind,
                                                                     sample->price);
      g_autofree char *code = g_strdup_printf ("S-%02u", i + 1);

      rapport_catalog_item_set_code (item, code);
      rapport_catalog_item_set_unit (item, *sample->unit ? _(sample->unit) : "");
      rapport_catalog_item_set_tax_rate (item, sample->tax_rate);
      rapport_catalog_item_set_warranty_months (item, sample->warranty_months);
      if (!rapport_catalog_repository_save (catalog, item, error))
        return FALSE;
      g_ptr_array_add (gen->items, g_steal_pointer (&item));
    }
  return TRUE;
}

static gint64
random_id (OrderGenerator *gen,
           GArray         *ids)
{
  return ids->len > 0 ? g_array_index (ids, gint64, g_rand_int_range (gen->rand, 0, (gint32) ids->len)) : 0;
}

/* Three lines an order on average: one to five. */
static guint
count_lines (OrderGenerator *gen)
{
  return 1 + (guint) g_rand_int_range (gen->rand, 0, 4) + (g_rand_double (gen->rand) < 0.5);
}

static void
add_lines (OrderGenerator *gen,
           RapportOrder   *order,
           guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      RapportCatalogItem *item = g_ptr_array_index (gen->items, g_rand_int_range (gen->rand, 0, (gint32) gen->items->len));
      gboolean hours = *rapport_catalog_item_get_unit (item) != '\0';
      gint64 quantity = hours ? 500 * g_rand_int_range (gen->rand, 1, 7)
                              : 1000 * (g_rand_double (gen->rand) < 0.85 ? 1 : g_rand_int_range (gen->rand, 2, 4));
      g_autoptr(RapportOrderLine) line = rapport_catalog_item_to_line (item, quantity);

      if (g_rand_double (gen->rand) < 0.08)
        line->discount = 500 * g_rand_int_range (gen->rand, 1, 5);
      if (line->warranty_months > 0 && g_rand_double (gen->rand) < 0.8)
        {
          g_autofree char *serial = g_strdup_printf ("SN%08X", (guint) g_rand_int (gen->rand));
          rapport_order_line_set_serial_number (line, serial);
        }
      rapport_order_add_line (order, line);
    }
}

/* The local time zone is looked up once: looking it up for each order
 * and payment was a twentieth of the time a million orders took. */
static char *
local_day (OrderGenerator *gen,
           gint64          utc_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);
  g_autoptr(GDateTime) when = g_date_time_to_timezone (utc, gen->local);

  return g_date_time_format (when, "%Y-%m-%d");
}

static gboolean
pay (OrderGenerator  *gen,
     RapportOrder    *order,
     gint64           amount,
     GError         **error)
{
  g_autofree char *day = local_day (gen, rapport_clock_get_now (gen->clock));
  g_autoptr(RapportPayment) payment = NULL;
  const RapportPaymentMethod methods[] = { RAPPORT_PAYMENT_CARD, RAPPORT_PAYMENT_CARD, RAPPORT_PAYMENT_CASH,
                                           RAPPORT_PAYMENT_TRANSFER };

  if (amount <= 0)
    return TRUE;
  payment = rapport_payment_new (rapport_order_get_id (order), day, amount,
                                 methods[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (methods))]);
  payment->staff_id = rapport_order_get_staff_id (order);
  if (!rapport_payment_repository_add (gen->payments, payment, error))
    return FALSE;
  _rapport_order_set_money (order, rapport_order_get_total (order), rapport_order_get_paid (order) + amount);
  return TRUE;
}

/* Moves the clock @hours to @days later; FALSE when that is past now,
 * and the order's story stops where it is. */
static gboolean
later (OrderGenerator *gen,
       double          min_days,
       double          max_days)
{
  gint64 step = (gint64) (g_rand_double_range (gen->rand, min_days, max_days) * DAY);
  gint64 when = rapport_clock_get_now (gen->clock) + MAX (step, 60);

  if (when > gen->now)
    return FALSE;
  rapport_clock_set_now (gen->clock, when);
  return TRUE;
}

static gboolean
advance (OrderGenerator      *gen,
         RapportOrder        *order,
         RapportOrderStatus   status,
         GError             **error)
{
  if (!rapport_order_repository_set_status (gen->orders, rapport_order_get_id (order), status,
                                            rapport_order_get_staff_id (order), error))
    return FALSE;
  _rapport_order_set_status (order, status);
  return TRUE;
}

/* The address a client's goods go to: the first of the client's, read
 * once per client. */
static const char *
client_address (OrderGenerator  *gen,
                gint64           client_id,
                GError         **error)
{
  g_autoptr(RapportClient) client = NULL;
  gint64 *key;
  char *address;

  address = g_hash_table_lookup (gen->addresses, &client_id);
  if (address != NULL)
    return address;
  client = rapport_client_repository_get (gen->clients, client_id, error);
  if (client == NULL)
    return NULL;
  address = rapport_client_get_addresses (client)->len > 0
            ? rapport_address_format (g_ptr_array_index (rapport_client_get_addresses (client), 0))
            : g_strdup ("");
  key = g_new (gint64, 1);
  *key = client_id;
  g_hash_table_insert (gen->addresses, key, address);
  return address;
}

static gboolean
move_delivery (OrderGenerator         *gen,
               RapportOrder           *order,
               gint64                  id,
               RapportDeliveryStatus   status,
               GError                **error)
{
  return rapport_delivery_repository_set_status (gen->deliveries, id, status, rapport_order_get_staff_id (order),
                                                 NULL, error);
}

/* One delivery of @order's goods from @first to @end (lines), as far as
 * time has come: planned, shipped, delivered — or, now and then, failed
 * and planned again. Delivered, it starts the warranties, and the last
 * one fulfils the order. */
static gboolean
ship (OrderGenerator  *gen,
      RapportOrder    *order,
      guint            first,
      guint            end,
      gboolean        *arrived,
      GError         **error)
{
  GPtrArray *lines = rapport_order_get_lines (order);
  RapportCarrier *carrier = g_ptr_array_index (gen->carriers, g_rand_int_range (gen->rand, 0, (gint32) gen->carriers->len));
  g_autoptr(RapportDelivery) delivery = rapport_delivery_new (rapport_order_get_id (order));
  gint64 planned = rapport_clock_get_now (gen->clock) + (gint64) (g_rand_double_range (gen->rand, 0, 3) * DAY);
  const char *address;

  *arrived = FALSE;
  address = client_address (gen, rapport_order_get_client_id (order), error);
  if (address == NULL)
    return FALSE;
  /* A client without an address collects the goods; with no pick-up
   * carrier either, they were handed over in the shop. */
  for (guint i = 0; *address == '\0' && !carrier->pickup && i < gen->carriers->len; i++)
    carrier = g_ptr_array_index (gen->carriers, i);
  if (*address == '\0' && !carrier->pickup)
    {
      *arrived = TRUE;
      return TRUE;
    }
  delivery->carrier_id = carrier->id;
  delivery->staff_id = rapport_order_get_staff_id (order);
  delivery->planned_on = local_day (gen, planned);
  if (!carrier->pickup)
    {
      g_free (delivery->address);
      delivery->address = g_strdup (address);
    }
  if (*carrier->tracking_pattern != '\0' || !carrier->pickup)
    {
      g_free (delivery->tracking_number);
      delivery->tracking_number = g_strdup_printf ("RR%09u", (guint) g_rand_int_range (gen->rand, 0, 999999999));
    }
  for (guint i = first; i < end; i++)
    {
      RapportOrderLine *line = g_ptr_array_index (lines, i);

      if (line->kind == RAPPORT_ITEM_PRODUCT)
        rapport_delivery_add_line (delivery, line->id, line->quantity);
    }
  if (delivery->lines->len == 0)
    {
      *arrived = TRUE;
      return TRUE;
    }
  if (!rapport_delivery_repository_create (gen->deliveries, delivery, error))
    return FALSE;

  if (!later (gen, 0.1, 2))
    return TRUE;
  if (!carrier->pickup && !move_delivery (gen, order, delivery->id, RAPPORT_DELIVERY_SHIPPED, error))
    return FALSE;
  if (!later (gen, 0.2, 4))
    return TRUE;
  if (g_rand_double (gen->rand) < 0.02)
    {
      if (!move_delivery (gen, order, delivery->id, RAPPORT_DELIVERY_FAILED, error))
        return FALSE;
      return later (gen, 0.5, 3) ? ship (gen, order, first, end, arrived, error) : TRUE;
    }
  if (!move_delivery (gen, order, delivery->id, RAPPORT_DELIVERY_DELIVERED, error))
    return FALSE;
  *arrived = TRUE;
  return TRUE;
}

/* The goods go in one delivery, or in two for about one order in three with
 * several lines; services are done. The order is fulfilled once all of
 * it arrived. */
static gboolean
deliver (OrderGenerator  *gen,
         RapportOrder    *order,
         gboolean        *fulfilled,
         GError         **error)
{
  guint n_lines = rapport_order_get_lines (order)->len;
  guint split = n_lines > 1 && g_rand_double (gen->rand) < 0.35 ? n_lines / 2 : n_lines;
  gboolean arrived = FALSE;

  *fulfilled = FALSE;
  if (!ship (gen, order, 0, split, &arrived, error))
    return FALSE;
  if (arrived && split < n_lines && !ship (gen, order, split, n_lines, &arrived, error))
    return FALSE;
  if (!arrived)
    return TRUE;
  *fulfilled = TRUE;
  /* Goods delivered fulfilled it; services alone are done by hand. */
  if (rapport_order_get_status (order) == RAPPORT_ORDER_CONFIRMED)
    {
      g_autoptr(RapportOrder) saved = rapport_order_repository_get (gen->orders, rapport_order_get_id (order), error);

      if (saved == NULL)
        return FALSE;
      if (rapport_order_get_status (saved) == RAPPORT_ORDER_FULFILLED)
        _rapport_order_set_status (order, RAPPORT_ORDER_FULFILLED);
      else
        return advance (gen, order, RAPPORT_ORDER_FULFILLED, error);
    }
  return TRUE;
}

static gboolean
end_quote (OrderGenerator  *gen,
           RapportOrder    *order,
           GError         **error)
{
  RapportLostReason *reason;

  if (g_rand_double (gen->rand) < 0.75 || gen->reasons->len == 0)
    return TRUE;
  reason = g_ptr_array_index (gen->reasons, g_rand_int_range (gen->rand, 0, (gint32) gen->reasons->len));
  if (!rapport_order_repository_mark_lost (gen->orders, rapport_order_get_id (order), reason->id,
                                           NULL, rapport_order_get_staff_id (order), error))
    return FALSE;
  _rapport_order_set_status (order, RAPPORT_ORDER_LOST);
  return TRUE;
}

/* Confirmed, perhaps a deposit, delivered or done, paid, closed: as far
 * as time has come. */
static gboolean
live_sale (OrderGenerator  *gen,
           RapportOrder    *order,
           GError         **error)
{
  gint64 total = rapport_order_get_total (order);
  gboolean fulfilled = FALSE;

  if (!advance (gen, order, RAPPORT_ORDER_CONFIRMED, error))
    return FALSE;
  if (g_rand_double (gen->rand) < 0.45 && !pay (gen, order, total * 3 / 10, error))
    return FALSE;
  if (g_rand_double (gen->rand) < 0.04)
    return rapport_order_repository_cancel (gen->orders, rapport_order_get_id (order),
                                            RAPPORT_CANCEL_REFUND, NULL, 0, error);
  if (!later (gen, 0.2, 6))
    return TRUE;
  if (!deliver (gen, order, &fulfilled, error))
    return FALSE;
  if (!fulfilled)
    return TRUE;
  /* Some clients pay late, a few never. */
  if (g_rand_double (gen->rand) < 0.08 || !later (gen, 0, g_rand_double (gen->rand) < 0.8 ? 1 : 40))
    return TRUE;
  if (!pay (gen, order, total - rapport_order_get_paid (order), error))
    return FALSE;
  if (!later (gen, 0, 20))
    return TRUE;
  return advance (gen, order, RAPPORT_ORDER_CLOSED, error);
}

/* When the next order was placed. Orders are made in the order they were
 * placed, as a business numbers them, and each lands at the end of the
 * indexes that list them by day. The times are uniform over the years,
 * drawn already sorted: the largest of k uniform numbers below a is
 * a·U^(1/k), so each next one needs only the one before. */
static gint64
next_start (OrderGenerator *gen,
            guint           done)
{
  guint left = gen->n_orders - done;

  gen->age *= pow (1.0 - g_rand_double (gen->rand), 1.0 / left);
  return gen->now - (gint64) (gen->age * YEARS_OF_ORDERS * 365 * DAY);
}

/* Whether order @done (of n_orders, oldest first) is the big account's:
 * its orders are spread evenly over the years, the newest one last. */
static gboolean
is_big_account_order (OrderGenerator *gen,
                      guint           done)
{
  guint64 n = gen->n_orders, big = gen->n_big_account;

  return (done + 1) * big / n > done * big / n;
}

/* Regulars order more: the first clients get most orders. The first of
 * all is the big account, which gets only its own share. */
static gint64
pick_client (OrderGenerator *gen)
{
  guint others = gen->client_ids->len - (gen->n_big_account > 0);
  guint index = (guint) (others * pow (g_rand_double (gen->rand), 1.4));

  return g_array_index (gen->client_ids, gint64,
                        gen->client_ids->len - others + MIN (index, others - 1));
}

static gboolean
make_order (OrderGenerator  *gen,
            guint            done,
            GError         **error)
{
  gboolean big_account = is_big_account_order (gen, done);
  gint64 start = next_start (gen, done);
  gint64 client_id = big_account ? g_array_index (gen->client_ids, gint64, 0) : pick_client (gen);
  guint n_lines = big_account && done == gen->n_orders - 1 ? BIG_ORDER_LINES : count_lines (gen);
  g_autoptr(RapportOrder) order = rapport_order_new (client_id);
  g_autofree char *day = NULL;
  gboolean quoted = g_rand_double (gen->rand) < 0.3;

  rapport_clock_set_now (gen->clock, start);
  day = local_day (gen, start);
  rapport_order_set_ordered_on (order, day);
  rapport_order_set_currency (order, gen->business->currency);
  rapport_order_set_prices_include_tax (order, gen->business->prices_include_tax);
  rapport_order_set_payment_terms_days (order, g_rand_double (gen->rand) < 0.2 ? 14 : 0);
  rapport_order_set_staff_id (order, random_id (gen, gen->staff_ids));
  add_lines (gen, order, n_lines);
  if (quoted)
    {
      GDate until;
      char text[16];

      g_date_clear (&until, 1);
      g_date_set_time_t (&until, (time_t) start);
      g_date_add_days (&until, gen->business->quote_days);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &until);
      rapport_order_set_quote_valid_until (order, text);
    }

  if (!rapport_order_repository_create (gen->orders, order, gen->business->number_pattern, error))
    return FALSE;
  if (g_rand_double (gen->rand) < 0.04 || !later (gen, 0, 0.2))
    return TRUE;   /* a draft */

  if (quoted)
    {
      if (!advance (gen, order, RAPPORT_ORDER_QUOTED, error))
        return FALSE;
      if (!later (gen, 0.5, 10))
        return TRUE;
      if (!end_quote (gen, order, error))
        return FALSE;
      if (rapport_order_get_status (order) == RAPPORT_ORDER_LOST)
        return TRUE;
    }
  return live_sale (gen, order, error);
}

static void
generator_clear (OrderGenerator *gen)
{
  if (gen->real_clock != NULL)
    rapport_database_set_clock (gen->database, gen->real_clock);
  g_clear_object (&gen->real_clock);
  g_clear_object (&gen->clock);
  g_clear_object (&gen->orders);
  g_clear_object (&gen->payments);
  g_clear_pointer (&gen->business, rapport_business_free);
  g_clear_pointer (&gen->items, g_ptr_array_unref);
  g_clear_pointer (&gen->reasons, g_ptr_array_unref);
  g_clear_pointer (&gen->local, g_time_zone_unref);
  g_clear_object (&gen->deliveries);
  g_clear_object (&gen->clients);
  g_clear_pointer (&gen->carriers, g_ptr_array_unref);
  g_clear_pointer (&gen->addresses, g_hash_table_unref);
}

static gboolean
generator_init (OrderGenerator  *gen,
                RapportDatabase *database,
                GError         **error)
{
  g_autoptr(RapportBusinessRepository) business = rapport_business_repository_new (database);

  gen->database = database;
  gen->local = g_time_zone_new_local ();
  gen->orders = rapport_order_repository_new (database);
  gen->payments = rapport_payment_repository_new (database);
  gen->business = rapport_business_repository_get (business, error);
  if (gen->business == NULL)
    return FALSE;
  gen->deliveries = rapport_delivery_repository_new (database);
  gen->clients = rapport_client_repository_new (database);
  gen->addresses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gen->reasons = rapport_order_repository_list_lost_reasons (gen->orders, FALSE, error);
  if (gen->reasons == NULL || !ensure_catalog (gen, error))
    return FALSE;
  {
    g_autoptr(RapportCarrierRepository) carriers = rapport_carrier_repository_new (database);

    gen->carriers = rapport_carrier_repository_list (carriers, FALSE, error);
    if (gen->carriers == NULL)
      return FALSE;
    if (gen->carriers->len == 0)
      {
        g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                             _("There is no carrier to deliver the sample orders: add one in Preferences."));
        return FALSE;
      }
  }

  gen->real_clock = g_object_ref (rapport_database_get_clock (database));
  gen->clock = rapport_clock_new_fixed (gen->now);
  rapport_database_set_clock (database, gen->clock);
  return TRUE;
}

/**
 * _rapport_demo_seed_orders:
 * @database: where
 * @rand: the sample data's random numbers
 * @now: what “today” is, UTC seconds
 * @client_ids: (element-type gint64): whose orders, the regulars first
 * @staff_ids: (element-type gint64): who takes them
 * @n_orders: how many
 * @progress: (nullable): told the fraction of the orders done
 * @progress_data: for @progress
 * @cancellable: (nullable): stops after the current step
 * @error: return location for an error
 *
 * Adds a sample catalog (when there is none) and @n_orders orders with
 * their lines, statuses, deliveries, warranties and payments, committed
 * a few hundred at a time.
 * The orders are placed over the three years before @now and made in that
 * order, so their numbers follow their days. The first of @client_ids is
 * a big account with one order in a hundred (500 at most), the newest of
 * all its last, with 50 lines.
 */
gboolean
_rapport_demo_seed_orders (RapportDatabase      *database,
                           GRand                *rand,
                           gint64                now,
                           GArray               *client_ids,
                           GArray               *staff_ids,
                           guint                 n_orders,
                           RapportProgressFunc   progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  OrderGenerator gen = { .rand = rand, .now = now, .client_ids = client_ids, .staff_ids = staff_ids,
                         .n_orders = n_orders, .age = 1.0 };
  gboolean ok;

  if (n_orders == 0)
    return TRUE;
  if (client_ids->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("There are no clients to add orders to."));
      return FALSE;
    }

  /* A big account needs other clients beside it. */
  if (client_ids->len > 1)
    gen.n_big_account = MIN (BIG_ACCOUNT_ORDERS, n_orders / 100);

  /* One batch that commits in short steps (rapport_database_yield_batch()),
   * as the rest of the sample data: another writer never waits long, and
   * a cancelled run keeps what it committed. */
  ok = generator_init (&gen, database, error)
       && !g_cancellable_set_error_if_cancelled (cancellable, error)
       && rapport_database_begin_batch (database, error);
  if (!ok)
    {
      generator_clear (&gen);
      return FALSE;
    }
  for (guint done = 0; ok && done < n_orders; done++)
    {
      if (!make_order (&gen, done, error))
        {
          rapport_database_cancel_batch (database);
          generator_clear (&gen);
          return FALSE;
        }
      if ((done + 1) % ORDERS_PER_LOOK != 0)
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        ok = rapport_database_end_batch (database, error)
             && !g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        ok = rapport_database_yield_batch (database, error);
      if (ok && progress != NULL)
        progress ((double) (done + 1) / n_orders, progress_data);
      if (!ok)
        {
          generator_clear (&gen);
          return FALSE;
        }
    }
  ok = rapport_database_end_batch (database, error);

  generator_clear (&gen);
  return ok;
}
