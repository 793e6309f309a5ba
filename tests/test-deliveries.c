/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-campaign-repository.h"
#include "rapport-carrier-repository.h"
#include "rapport-client-repository.h"
#include "rapport-delivery-repository.h"
#include "rapport-delivery-rules.h"
#include "rapport-delivery-source.h"
#include "rapport-error.h"
#include "rapport-order-repository.h"
#include "rapport-reminders.h"
#include "rapport-staff-repository.h"
#include "rapport-test-utils.h"
#include "rapport-warranty-repository.h"
#include "rapport-warranty-source.h"

#define PATTERN "{year}-{seq:4}"
#define TODAY "2026-03-31"

typedef struct
{
  RapportTestStore          *store;
  RapportOrderRepository    *orders;
  RapportDeliveryRepository *deliveries;
  RapportCarrierRepository  *carriers;
  RapportWarrantyRepository *warranties;
  RapportClock              *clock;
  gint64                     anna;
  gint64                     courier;
  gint64                     pickup;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(GError) error = NULL;

  f->store = rapport_test_open_store ("deliveries.db");
  f->clock = rapport_clock_new_fixed (1774958400);   /* 2026-03-31 12:00 UTC, a Tuesday */
  rapport_database_set_clock (f->store->db, f->clock);
  f->orders = rapport_order_repository_new (f->store->db);
  f->deliveries = rapport_delivery_repository_new (f->store->db);
  f->carriers = rapport_carrier_repository_new (f->store->db);
  f->warranties = rapport_warranty_repository_new (f->store->db);
  anna = rapport_test_add_client (f->store, "Anna", "Nowak", "+48 601 111 222", NULL);
  f->anna = rapport_client_get_id (anna);
  f->courier = rapport_carrier_repository_find (f->carriers, "Own courier", &error);
  g_assert_no_error (error);
  f->pickup = rapport_carrier_repository_find (f->carriers, "Pick-up in the shop", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->orders);
  g_clear_object (&f->deliveries);
  g_clear_object (&f->carriers);
  g_clear_object (&f->warranties);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->store, rapport_test_store_free);
}

static void
add_line (RapportOrder    *order,
          const char      *name,
          RapportItemKind  kind,
          gint64           quantity,
          gint             warranty_months,
          const char      *serial)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_new (name, quantity, 1000);

  line->kind = kind;
  line->warranty_months = warranty_months;
  rapport_order_line_set_serial_number (line, serial);
  rapport_order_add_line (order, line);
}

/* A confirmed order: four chairs, a table with a two-year warranty, and
 * the assembly, a service. */
static RapportOrder *
confirmed_order (Fixture *f)
{
  g_autoptr(RapportOrder) order = rapport_order_new (f->anna);
  g_autoptr(GError) error = NULL;

  rapport_order_set_ordered_on (order, TODAY);
  rapport_order_set_currency (order, "EUR");
  add_line (order, "Chair", RAPPORT_ITEM_PRODUCT, 4000, 0, "");
  add_line (order, "Table", RAPPORT_ITEM_PRODUCT, 1000, 24, "T-1001");
  add_line (order, "Assembly", RAPPORT_ITEM_SERVICE, 1000, 0, "");
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&order);
}

static gint64
line_id (RapportOrder *order,
         guint         index)
{
  return ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), index))->id;
}

static RapportDelivery *
new_delivery (Fixture      *f,
              RapportOrder *order,
              const char   *planned_on)
{
  RapportDelivery *delivery = rapport_delivery_new (rapport_order_get_id (order));

  delivery->carrier_id = f->courier;
  g_free (delivery->address);
  delivery->address = g_strdup ("  Długa 1\n00-001 Warszawa  ");
  delivery->planned_on = g_strdup (planned_on);
  return delivery;
}

static gint64
plan (Fixture      *f,
      RapportOrder *order,
      const char   *planned_on,
      gint64        chairs,
      gint64        tables)
{
  g_autoptr(RapportDelivery) delivery = new_delivery (f, order, planned_on);
  g_autoptr(GError) error = NULL;

  if (chairs > 0)
    rapport_delivery_add_line (delivery, line_id (order, 0), chairs);
  if (tables > 0)
    rapport_delivery_add_line (delivery, line_id (order, 1), tables);
  g_assert_true (rapport_delivery_repository_create (f->deliveries, delivery, &error));
  g_assert_no_error (error);
  g_assert_cmpint (delivery->id, >, 0);
  return delivery->id;
}

static void
move (Fixture               *f,
      gint64                 id,
      RapportDeliveryStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_delivery_repository_set_status (f->deliveries, id, status, 0, NULL, &error));
  g_assert_no_error (error);
}

static RapportDeliverable *
deliverable (GPtrArray *lines,
             guint      index)
{
  return g_ptr_array_index (lines, index);
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return rapport_test_query_int (rapport_database_get_path (f->store->db), sql);
}

static RapportOrderStatus
order_status (Fixture      *f,
              RapportOrder *order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportOrder) loaded = rapport_order_repository_get (f->orders, rapport_order_get_id (order), &error);

  g_assert_no_error (error);
  return rapport_order_get_status (loaded);
}

/* An order ships in parts: each delivery carries some of its goods, what
 * is left shrinks, and nothing beyond it is ever planned. */
static void
test_partial (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(RapportDelivery) too_much = NULL;
  g_autoptr(RapportDelivery) service = NULL;
  g_autoptr(RapportDelivery) nowhere = NULL;
  g_autoptr(RapportDelivery) collected = NULL;
  g_autoptr(RapportDelivery) loaded = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first;

  first = plan (f, order, "2026-04-02", 3000, 0);
  lines = rapport_delivery_repository_list_deliverable (f->deliveries, rapport_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (deliverable (lines, 0)->ordered, ==, 4000);
  g_assert_cmpint (deliverable (lines, 0)->held, ==, 3000);
  g_assert_cmpint (deliverable (lines, 0)->delivered, ==, 0);
  g_assert_cmpint (deliverable (lines, 1)->held, ==, 0);
  g_assert_false (deliverable (lines, 2)->kind_product);

  /* Two more chairs: only one is left. Nothing is saved. */
  too_much = new_delivery (f, order, "2026-04-03");
  rapport_delivery_add_line (too_much, line_id (order, 1), 1000);
  rapport_delivery_add_line (too_much, line_id (order, 0), 2000);
  g_assert_false (rapport_delivery_repository_create (f->deliveries, too_much, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Line 1 “Chair”: 2 asked, but only 1 is left to deliver.");
  g_clear_error (&error);
  g_assert_cmpint (too_much->id, ==, 0);
  g_assert_cmpint (count_rows (f, "deliveries"), ==, 1);
  g_assert_cmpint (count_rows (f, "delivery_lines"), ==, 1);

  /* A service is not delivered. */
  service = new_delivery (f, order, "2026-04-03");
  rapport_delivery_add_line (service, line_id (order, 2), 1000);
  g_assert_false (rapport_delivery_repository_create (f->deliveries, service, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Assembly”"));
  g_clear_error (&error);

  /* A courier needs an address; a pick-up does not. */
  nowhere = new_delivery (f, order, "2026-04-03");
  g_free (nowhere->address);
  nowhere->address = g_strdup ("   ");
  rapport_delivery_add_line (nowhere, line_id (order, 0), 1000);
  g_assert_false (rapport_delivery_repository_create (f->deliveries, nowhere, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Address:"));
  g_clear_error (&error);
  nowhere->carrier_id = f->pickup;
  g_assert_true (rapport_delivery_repository_create (f->deliveries, nowhere, &error));
  g_assert_no_error (error);

  /* Nothing is left of the chairs now, and a delivery carries something. */
  collected = new_delivery (f, order, "2026-04-03");
  g_assert_false (rapport_delivery_repository_create (f->deliveries, collected, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  rapport_delivery_add_line (collected, line_id (order, 0), 1);
  g_assert_false (rapport_delivery_repository_create (f->deliveries, collected, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* The copy of the address is trimmed and kept; the lines read back. */
  loaded = rapport_delivery_repository_get (f->deliveries, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->address, ==, "Długa 1\n00-001 Warszawa");
  g_assert_cmpstr (loaded->order_number, ==, rapport_order_get_number (order));
  g_assert_cmpstr (loaded->client_name, ==, "Anna Nowak");
  g_assert_cmpstr (loaded->carrier_name, ==, "Own courier");
  g_assert_cmpint (loaded->status, ==, RAPPORT_DELIVERY_PLANNED);
  g_assert_cmpuint (loaded->lines->len, ==, 1);
  g_assert_cmpstr (((RapportDeliveryLine *) g_ptr_array_index (loaded->lines, 0))->name, ==, "Chair");
}

/* Only a confirmed order ships. */
static void
test_order_must_be_confirmed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportOrder) order = rapport_order_new (f->anna);
  g_autoptr(RapportDelivery) delivery = NULL;
  g_autoptr(GError) error = NULL;

  rapport_order_set_ordered_on (order, TODAY);
  rapport_order_set_currency (order, "EUR");
  add_line (order, "Chair", RAPPORT_ITEM_PRODUCT, 1000, 0, "");
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_no_error (error);
  delivery = new_delivery (f, order, TODAY);
  rapport_delivery_add_line (delivery, line_id (order, 0), 1000);
  g_assert_false (rapport_delivery_repository_create (f->deliveries, delivery, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not confirmed"));
  g_assert_cmpint (count_rows (f, "deliveries"), ==, 0);
}

/* Every status is kept with its time and staff member; delivered goods
 * start their warranties; the order is fulfilled when all its goods are
 * delivered; a delivered delivery can only be returned, which takes its
 * warranties back; a failed one gives its quantities back. */
static void
test_fulfilment_and_history (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RapportStaffRepository) staff = rapport_staff_repository_new (f->store->db);
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStaff) person = rapport_staff_new ("Marek", NULL);
  g_autofree char *ends_on = NULL;
  gint64 first, second, failed, marek;

  g_assert_true (rapport_staff_repository_save (staff, person, &error));
  g_assert_no_error (error);
  marek = rapport_staff_get_id (person);

  first = plan (f, order, "2026-04-01", 2000, 1000);
  failed = plan (f, order, "2026-04-01", 2000, 0);
  g_assert_true (rapport_delivery_repository_set_status (f->deliveries, failed, RAPPORT_DELIVERY_FAILED,
                                                         marek, "Nobody home", &error));
  g_assert_no_error (error);
  second = plan (f, order, "2026-04-05", 2000, 0);

  g_assert_true (rapport_delivery_repository_set_status (f->deliveries, first, RAPPORT_DELIVERY_PACKED,
                                                         marek, NULL, &error));
  g_assert_no_error (error);
  move (f, first, RAPPORT_DELIVERY_SHIPPED);
  move (f, first, RAPPORT_DELIVERY_IN_TRANSIT);
  move (f, first, RAPPORT_DELIVERY_DELIVERED);
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_CONFIRMED);
  g_assert_cmpint (count_rows (f, "warranties"), ==, 1);
  g_assert_cmpstr (ends_on = rapport_test_query_text (rapport_database_get_path (f->store->db), "SELECT ends_on FROM warranties"), ==, "2028-03-31");

  changes = rapport_delivery_repository_list_changes (f->deliveries, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 5);
  g_assert_cmpint (((RapportDeliveryChange *) g_ptr_array_index (changes, 0))->status, ==, RAPPORT_DELIVERY_PLANNED);
  g_assert_cmpint (((RapportDeliveryChange *) g_ptr_array_index (changes, 1))->status, ==, RAPPORT_DELIVERY_PACKED);
  g_assert_cmpstr (((RapportDeliveryChange *) g_ptr_array_index (changes, 1))->staff_name, ==, "Marek");
  g_assert_cmpint (((RapportDeliveryChange *) g_ptr_array_index (changes, 1))->changed_at, ==, 1774958400);
  g_assert_cmpint (((RapportDeliveryChange *) g_ptr_array_index (changes, 4))->status, ==, RAPPORT_DELIVERY_DELIVERED);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = rapport_delivery_repository_list_changes (f->deliveries, failed, &error);
  g_assert_cmpstr (((RapportDeliveryChange *) g_ptr_array_index (changes, 1))->note, ==, "Nobody home");

  /* Back from delivered only as returned; failed is final. */
  g_assert_false (rapport_delivery_repository_set_status (f->deliveries, first, RAPPORT_DELIVERY_SHIPPED,
                                                          0, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_delivery_repository_set_status (f->deliveries, failed, RAPPORT_DELIVERY_DELIVERED,
                                                          0, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_delivery_repository_set_status (f->deliveries, second, RAPPORT_DELIVERY_RETURNED,
                                                          0, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_delivery_repository_set_status (f->deliveries, 9999, RAPPORT_DELIVERY_SHIPPED,
                                                          0, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The failed delivery gave its chairs back: the second carries them. */
  lines = rapport_delivery_repository_list_deliverable (f->deliveries, rapport_order_get_id (order), &error);
  g_assert_cmpint (deliverable (lines, 0)->held, ==, 4000);
  g_assert_cmpint (deliverable (lines, 0)->delivered, ==, 2000);

  move (f, second, RAPPORT_DELIVERY_DELIVERED);
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_FULFILLED);

  move (f, first, RAPPORT_DELIVERY_RETURNED);
  g_assert_cmpint (count_rows (f, "warranties"), ==, 0);
  g_assert_false (rapport_delivery_repository_set_status (f->deliveries, first, RAPPORT_DELIVERY_DELIVERED,
                                                          0, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* The same day months later, or the last day of a shorter month. */
static void
test_warranty_dates (Fixture       *f,
                     gconstpointer  data)
{
  const struct { const char *start; guint months; const char *end; } cases[] = {
    { "2026-01-31", 1, "2026-02-28" },
    { "2028-01-31", 1, "2028-02-29" },
    { "2026-01-30", 1, "2026-02-28" },
    { "2026-03-31", 1, "2026-04-30" },
    { "2026-08-31", 6, "2027-02-28" },
    { "2026-03-31", 24, "2028-03-31" },
    { "2028-02-29", 12, "2029-02-28" },
    { "2026-12-15", 1, "2027-01-15" },
    { "9999-01-01", 1200, NULL },
    { "2026-02-30", 1, NULL },
    { "2026-1-31", 1, NULL },
    { "yesterday", 1, NULL },
  };
  g_autoptr(RapportClock) january = rapport_clock_new_fixed (1769860800);   /* 2026-01-31 12:00 UTC */
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(RapportDelivery) delivery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dates = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *end = rapport_warranty_dup_end (cases[i].start, cases[i].months);
      g_assert_cmpstr (end, ==, cases[i].end);
    }

  /* Delivered on 31 January with a one-month warranty. */
  rapport_database_set_clock (f->store->db, january);
  order = rapport_order_new (f->anna);
  rapport_order_set_ordered_on (order, "2026-01-31");
  rapport_order_set_currency (order, "EUR");
  add_line (order, "Kettle", RAPPORT_ITEM_PRODUCT, 1000, 1, "K-7");
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_no_error (error);
  delivery = new_delivery (f, order, "2026-01-31");
  delivery->carrier_id = f->pickup;
  rapport_delivery_add_line (delivery, line_id (order, 0), 1000);
  g_assert_true (rapport_delivery_repository_create (f->deliveries, delivery, &error));
  g_assert_no_error (error);
  move (f, delivery->id, RAPPORT_DELIVERY_DELIVERED);
  dates = rapport_test_query_text (rapport_database_get_path (f->store->db),
                                   "SELECT starts_on || ' ' || ends_on || ' ' || serial_number FROM warranties");
  g_assert_cmpstr (dates, ==, "2026-01-31 2026-02-28 K-7");
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_FULFILLED);
}

static void
test_status_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_delivery_can_become (RAPPORT_DELIVERY_PLANNED, RAPPORT_DELIVERY_DELIVERED));
  g_assert_true (rapport_delivery_can_become (RAPPORT_DELIVERY_SHIPPED, RAPPORT_DELIVERY_PACKED));
  g_assert_true (rapport_delivery_can_become (RAPPORT_DELIVERY_IN_TRANSIT, RAPPORT_DELIVERY_FAILED));
  g_assert_true (rapport_delivery_can_become (RAPPORT_DELIVERY_DELIVERED, RAPPORT_DELIVERY_RETURNED));
  g_assert_false (rapport_delivery_can_become (RAPPORT_DELIVERY_PLANNED, RAPPORT_DELIVERY_RETURNED));
  g_assert_false (rapport_delivery_can_become (RAPPORT_DELIVERY_DELIVERED, RAPPORT_DELIVERY_IN_TRANSIT));
  g_assert_false (rapport_delivery_can_become (RAPPORT_DELIVERY_RETURNED, RAPPORT_DELIVERY_DELIVERED));
  g_assert_false (rapport_delivery_can_become (RAPPORT_DELIVERY_FAILED, RAPPORT_DELIVERY_PLANNED));
  g_assert_false (rapport_delivery_can_become (RAPPORT_DELIVERY_PACKED, RAPPORT_DELIVERY_PACKED));
  g_assert_false (rapport_delivery_check_status_change (RAPPORT_DELIVERY_DELIVERED, RAPPORT_DELIVERY_SHIPPED,
                                                        &error));
  g_assert_cmpstr (error->message, ==, "The delivery was delivered: it can only be marked returned now.");

  g_assert_true (rapport_delivery_is_late (RAPPORT_DELIVERY_SHIPPED, "2026-03-30", TODAY));
  g_assert_false (rapport_delivery_is_late (RAPPORT_DELIVERY_SHIPPED, TODAY, TODAY));
  g_assert_false (rapport_delivery_is_late (RAPPORT_DELIVERY_DELIVERED, "2026-03-30", TODAY));

  for (guint i = 0; i < RAPPORT_DELIVERY_N_STATUSES; i++)
    {
      RapportDeliveryStatus back = RAPPORT_DELIVERY_FAILED;

      g_assert_true (rapport_delivery_status_from_string (rapport_delivery_status_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_cmpstr (rapport_delivery_status_get_label (i), !=, "");
    }
  g_assert_false (rapport_delivery_status_from_string ("lost in space", &(RapportDeliveryStatus) { 0 }));
}

/* A tracking address needs {tracking}; the number is escaped into it. */
static void
test_carriers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RapportCarrier) carrier = rapport_carrier_new ("  Parcel Co  ");
  g_autoptr(RapportCarrier) twin = rapport_carrier_new ("parcel co");
  g_autoptr(RapportCarrier) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = g_strdup ("https://parcel.example/track");
  g_assert_false (rapport_carrier_repository_save (f->carriers, carrier, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{tracking}"));
  g_clear_error (&error);

  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = g_strdup ("javascript:{tracking}");
  g_assert_false (rapport_carrier_repository_save (f->carriers, carrier, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = g_strdup ("https://parcel.example/track?id={tracking}&lang=en");
  g_assert_true (rapport_carrier_repository_save (f->carriers, carrier, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carrier->id, >, 0);

  g_assert_false (rapport_carrier_repository_save (f->carriers, twin, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  loaded = rapport_carrier_repository_get (f->carriers, carrier->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Parcel Co");
  uri = rapport_carrier_dup_tracking_uri (loaded->tracking_pattern, "AB 12/3&x");
  g_assert_cmpstr (uri, ==, "https://parcel.example/track?id=AB%2012%2F3%26x&lang=en");
  g_clear_pointer (&uri, g_free);
  uri = rapport_carrier_dup_tracking_uri (loaded->tracking_pattern, "");
  g_assert_cmpstr (uri, ==, "");

  list = rapport_carrier_repository_list (f->carriers, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_true (((RapportCarrier *) g_ptr_array_index (list, 0))->pickup);
}

static GArray *
search (Fixture             *f,
        RapportDeliveryWhen  when,
        const char          *text)
{
  g_auto(RapportDeliveryFilter) filter = { when, g_strdup (TODAY), g_strdup (text), 0 };
  g_autoptr(GError) error = NULL;
  GArray *ids = rapport_delivery_repository_search (f->deliveries, &filter, &error);

  g_assert_no_error (error);
  return ids;
}

static gint64
id_at (GArray *ids,
       guint   index)
{
  return g_array_index (ids, gint64, index);
}

/* Today, this week (Monday to Sunday), late; by order number, client and
 * tracking number. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(RapportDelivery) tracked = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 late, late_done, today, sunday, next_week;

  late = plan (f, order, "2026-03-27", 1000, 0);
  late_done = plan (f, order, "2026-03-28", 1000, 0);
  move (f, late_done, RAPPORT_DELIVERY_DELIVERED);
  today = plan (f, order, TODAY, 1000, 0);
  sunday = plan (f, order, "2026-04-05", 0, 1000);
  tracked = new_delivery (f, order, "2026-04-06");
  g_free (tracked->tracking_number);
  tracked->tracking_number = g_strdup ("ZX123");
  rapport_delivery_add_line (tracked, line_id (order, 0), 1000);
  g_assert_true (rapport_delivery_repository_create (f->deliveries, tracked, &error));
  next_week = tracked->id;

  ids = search (f, RAPPORT_DELIVERIES_LATE, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (id_at (ids, 0), ==, late);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_TODAY, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (id_at (ids, 0), ==, today);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_WEEK, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (id_at (ids, 0), ==, sunday);
  g_assert_cmpint (id_at (ids, 1), ==, today);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_ALL, NULL);
  g_assert_cmpuint (ids->len, ==, 5);
  g_assert_cmpint (id_at (ids, 0), ==, next_week);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_ALL, "ZX1");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (id_at (ids, 0), ==, next_week);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_LATE, rapport_order_get_number (order));
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_TODAY, "nowak");
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_ALL, "Kowalski");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  ids = search (f, RAPPORT_DELIVERIES_ALL, NULL);
  rows = rapport_delivery_repository_load (f->deliveries, (gint64 *) (void *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpint (((RapportDelivery *) g_ptr_array_index (rows, 0))->id, ==, next_week);
  g_assert_cmpstr (((RapportDelivery *) g_ptr_array_index (rows, 0))->tracking_number, ==, "ZX123");

  {
    g_auto(RapportDeliveryFilter) broken = { RAPPORT_DELIVERIES_WEEK, g_strdup ("2026-02-31"), NULL, 0 };
    g_autoptr(GArray) none = rapport_delivery_repository_search (f->deliveries, &broken, &error);

    g_assert_null (none);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }
}

static GPtrArray *
collect (RapportReminderSource *source,
         const char            *from_day,
         const char            *to_day)
{
  RapportReminderRange range = { from_day, to_day, 0, FALSE };
  g_autoptr(GPtrArray) into = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (rapport_reminder_source_collect (source, &range, into, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_reminder_source_count (source, from_day, to_day, &n, &error));
  g_assert_cmpuint (n, ==, into->len);
  return g_steal_pointer (&into);
}

static RapportReminder *
reminder_at (GPtrArray *reminders,
             guint      index)
{
  return g_ptr_array_index (reminders, index);
}

/* Deliveries remind on their day and while late; warranties the notice
 * days before their end and on their last day. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportReminders) reminders = rapport_reminders_new (f->store->db);
  RapportReminderSource *deliveries = rapport_reminders_get_source (reminders, RAPPORT_REMINDER_SOURCE_DELIVERY);
  RapportReminderSource *soon = rapport_reminders_get_source (reminders, RAPPORT_REMINDER_SOURCE_WARRANTY_SOON);
  RapportReminderSource *end = rapport_reminders_get_source (reminders, RAPPORT_REMINDER_SOURCE_WARRANTY_END);
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(RapportReminder) looked_up = NULL;
  g_autoptr(GError) error = NULL;
  gint64 late, today, table;

  g_assert_nonnull (deliveries);
  g_assert_nonnull (soon);
  g_assert_nonnull (end);

  late = plan (f, order, "2026-03-20", 1000, 0);
  today = plan (f, order, TODAY, 1000, 0);
  plan (f, order, "2026-04-10", 1000, 0);

  found = collect (deliveries, NULL, "2026-03-30");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (reminder_at (found, 0)->item_id, ==, late);
  g_assert_cmpstr (reminder_at (found, 0)->due_on, ==, "2026-03-20");
  g_assert_cmpint (reminder_at (found, 0)->open_id, ==, rapport_order_get_id (order));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (deliveries, TODAY, TODAY);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (reminder_at (found, 0)->item_id, ==, today);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Delivered, or marked done, it no longer reminds. */
  move (f, today, RAPPORT_DELIVERY_DELIVERED);
  g_assert_true (rapport_reminder_source_set_done (deliveries, late, TRUE, &error));
  g_assert_no_error (error);
  found = collect (deliveries, NULL, TODAY);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  looked_up = rapport_reminder_source_lookup (deliveries, today, &error);
  g_assert_no_error (error);
  g_assert_true (looked_up->done);

  /* The table, delivered today, has a warranty to 2028-03-31: reminded
   * 30 days before (the default) and on the day. */
  table = plan (f, order, TODAY, 0, 1000);
  move (f, table, RAPPORT_DELIVERY_DELIVERED);
  found = collect (soon, "2028-03-01", "2028-03-01");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (reminder_at (found, 0)->due_on, ==, "2028-03-01");
  g_assert_cmpint (reminder_at (found, 0)->client_id, ==, f->anna);
  g_assert_nonnull (strstr (reminder_at (found, 0)->detail, "T-1001"));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (end, "2028-03-31", "2028-03-31");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* Overdue: the notice stays until the end, the last day a week. */
  found = collect (soon, NULL, "2028-03-30");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (soon, NULL, "2028-03-31");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (end, NULL, "2028-04-07");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (end, NULL, "2028-04-08");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Ten days' notice instead. */
  g_assert_false (rapport_warranty_repository_set_notice_days (f->warranties, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rapport_warranty_repository_set_notice_days (f->warranties, 10, &error));
  g_assert_cmpuint (rapport_warranty_repository_get_notice_days (f->warranties), ==, 10);
  found = collect (soon, "2028-03-21", "2028-03-21");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Marked done, it is gone; the one on the day stays. */
  g_assert_true (rapport_reminder_source_set_done (soon, 1, TRUE, &error));
  g_assert_no_error (error);
  found = collect (soon, "2028-03-21", "2028-03-21");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = collect (end, "2028-03-31", "2028-03-31");
  g_assert_cmpuint (found->len, ==, 1);
}

/* Warranties ending within N days, by serial number, client, product. */
static void
test_warranty_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  RapportWarrantyFilter filter = { TODAY, "2028-04-30", NULL, 0, 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 table;

  table = plan (f, order, TODAY, 2000, 1000);
  move (f, table, RAPPORT_DELIVERY_DELIVERED);

  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  rows = rapport_warranty_repository_load (f->warranties, (gint64 *) (void *) ids->data, ids->len, &error);
  g_assert_cmpstr (((RapportWarranty *) g_ptr_array_index (rows, 0))->product, ==, "Table");
  g_assert_cmpstr (((RapportWarranty *) g_ptr_array_index (rows, 0))->order_number, ==,
                   rapport_order_get_number (order));
  g_clear_pointer (&ids, g_array_unref);

  filter.to_day = "2028-03-30";
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  filter.from_day = filter.to_day = NULL;
  filter.text = "T-10";
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  filter.text = "abl";
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  filter.text = "Anna";
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  filter.text = "100%";
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  filter.text = NULL;
  filter.client_id = f->anna;
  ids = rapport_warranty_repository_search (f->warranties, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
}

/* The window's writes: planned and moved on the worker, told after. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(RapportDelivery) delivery = new_delivery (f, order, TODAY);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) moved = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;
  gint64 id;

  rapport_delivery_add_line (delivery, line_id (order, 0), 4000);
  rapport_delivery_add_line (delivery, line_id (order, 1), 1000);
  rapport_test_count_changes (f->store->db, RAPPORT_KIND_DELIVERY, &n_changes);
  rapport_delivery_repository_create_async (f->deliveries, delivery, NULL, rapport_test_store_result, &result);
  rapport_test_wait_for_writes (f->store->db);
  id = rapport_delivery_repository_create_finish (f->deliveries, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (delivery->id, ==, 0);
  g_assert_cmpuint (n_changes, ==, 1);

  rapport_delivery_repository_set_status_async (f->deliveries, id, RAPPORT_DELIVERY_DELIVERED, 0, NULL, NULL,
                                                rapport_test_store_result, &moved);
  rapport_test_wait_for_writes (f->store->db);
  g_assert_true (rapport_delivery_repository_set_status_finish (f->deliveries, moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_FULFILLED);

  rapport_delivery_repository_set_status_async (f->deliveries, id, RAPPORT_DELIVERY_PACKED, 0, NULL, NULL,
                                                rapport_test_store_result, &refused);
  rapport_test_wait_for_writes (f->store->db);
  g_assert_false (rapport_delivery_repository_set_status_finish (f->deliveries, refused, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_cmpuint (n_changes, ==, 2);
}

static gint64
count_where (Fixture    *f,
             const char *sql)
{
  return rapport_test_query_int (rapport_database_get_path (f->store->db), sql);
}

/* A cancelled order's deliveries not yet sent fail with the reason, in its
 * history, and stop reminding; goods on their way or delivered refuse the
 * cancellation, and nothing changes. */
static void
test_cancel_stops_deliveries (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(RapportOrder) sent = confirmed_order (f);
  g_autoptr(RapportOrder) part = confirmed_order (f);
  g_autoptr(RapportReminderSource) late = rapport_delivery_source_new (f->store->db);
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 packed, shipped;
  RapportDeliveryChange *last;

  plan (f, order, "2026-03-20", 2000, 0);
  packed = plan (f, order, "2026-03-25", 2000, 1000);
  move (f, packed, RAPPORT_DELIVERY_PACKED);
  reminders = collect (late, NULL, TODAY);
  g_assert_cmpuint (reminders->len, ==, 2);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  g_assert_true (rapport_order_repository_cancel (f->orders, rapport_order_get_id (order), RAPPORT_CANCEL_REFUND,
                                                  "Changed her mind", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM deliveries WHERE status = 'failed'"), ==, 2);
  changes = rapport_delivery_repository_list_changes (f->deliveries, packed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  last = g_ptr_array_index (changes, 2);
  g_assert_cmpint (last->status, ==, RAPPORT_DELIVERY_FAILED);
  g_assert_cmpstr (last->note, ==, "Order cancelled");
  g_assert_cmpint (last->changed_at, ==, 1774958400);
  reminders = collect (late, NULL, TODAY);
  g_assert_cmpuint (reminders->len, ==, 0);

  /* Goods on their way: refused, nothing written. */
  shipped = plan (f, sent, "2026-03-30", 1000, 0);
  plan (f, sent, "2026-04-02", 1000, 0);
  move (f, shipped, RAPPORT_DELIVERY_SHIPPED);
  g_assert_false (rapport_order_repository_cancel (f->orders, rapport_order_get_id (sent), RAPPORT_CANCEL_REFUND,
                                                   NULL, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "on their way"));
  g_clear_error (&error);
  g_assert_cmpint (order_status (f, sent), ==, RAPPORT_ORDER_CONFIRMED);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM deliveries WHERE status = 'failed'"), ==, 2);

  /* Failed on the road, it no longer stops the order. */
  move (f, shipped, RAPPORT_DELIVERY_FAILED);
  g_assert_true (rapport_order_repository_cancel (f->orders, rapport_order_get_id (sent), RAPPORT_CANCEL_KEEP_CREDIT,
                                                  NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_where (f, "SELECT count(*) FROM deliveries WHERE status IN ('planned', 'packed', 'shipped', 'in-transit')"), ==, 0);

  /* Partly delivered: refused until that delivery comes back. */
  move (f, plan (f, part, "2026-03-30", 1000, 0), RAPPORT_DELIVERY_DELIVERED);
  g_assert_false (rapport_order_repository_cancel (f->orders, rapport_order_get_id (part), RAPPORT_CANCEL_REFUND,
                                                   NULL, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "partly delivered"));
  g_assert_cmpint (order_status (f, part), ==, RAPPORT_ORDER_CONFIRMED);
}

/* Marked fulfilled by hand, the goods no delivery holds were handed over
 * in the shop: a pick-up delivered today carries them, and what has a
 * warranty gets one from today. */
static void
test_fulfilled_in_shop (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(RapportOrder) services = rapport_order_new (f->anna);
  g_autoptr(RapportDelivery) handed = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) of_order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warranty = NULL;
  gint64 handed_id;

  /* Two chairs are on their way; the rest is taken home from the shop. */
  plan (f, order, "2026-04-02", 2000, 0);
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                      RAPPORT_ORDER_FULFILLED, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_FULFILLED);

  warranty = rapport_test_query_text (rapport_database_get_path (f->store->db),
                                      "SELECT product || ' ' || serial_number || ' ' || starts_on || ' ' || ends_on"
                                      " FROM warranties");
  g_assert_cmpstr (warranty, ==, "Table T-1001 2026-03-31 2028-03-31");

  of_order = rapport_delivery_repository_list_for_order (f->deliveries, rapport_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_order->len, ==, 2);
  handed_id = MAX (((RapportDelivery *) g_ptr_array_index (of_order, 0))->id,
                   ((RapportDelivery *) g_ptr_array_index (of_order, 1))->id);
  handed = rapport_delivery_repository_get (f->deliveries, handed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (handed->carrier_id, ==, f->pickup);
  g_assert_cmpint (handed->status, ==, RAPPORT_DELIVERY_DELIVERED);
  g_assert_cmpstr (handed->delivered_on, ==, TODAY);
  g_assert_cmpuint (handed->lines->len, ==, 2);
  g_assert_cmpint (((RapportDeliveryLine *) g_ptr_array_index (handed->lines, 0))->quantity, ==, 2000);
  g_assert_cmpint (((RapportDeliveryLine *) g_ptr_array_index (handed->lines, 1))->quantity, ==, 1000);
  changes = rapport_delivery_repository_list_changes (f->deliveries, handed->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((RapportDeliveryChange *) g_ptr_array_index (changes, 0))->note, ==, "Handed over in the shop");

  /* The chairs on their way stay so. */
  lines = rapport_delivery_repository_list_deliverable (f->deliveries, rapport_order_get_id (order), &error);
  g_assert_cmpint (deliverable (lines, 0)->held, ==, 4000);
  g_assert_cmpint (deliverable (lines, 0)->delivered, ==, 2000);

  /* Services only: nothing to hand over, no delivery. */
  rapport_order_set_ordered_on (services, TODAY);
  rapport_order_set_currency (services, "EUR");
  add_line (services, "Repair", RAPPORT_ITEM_SERVICE, 1000, 12, "");
  g_assert_true (rapport_order_repository_create (f->orders, services, PATTERN, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (services),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (services),
                                                      RAPPORT_ORDER_FULFILLED, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "deliveries"), ==, 2);
  g_assert_cmpint (count_rows (f, "warranties"), ==, 1);
}

/* Without any pick-up carrier, handing over is refused with a way out and
 * the order stays confirmed. */
static void
test_fulfilled_without_pickup (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RapportOrder) order = confirmed_order (f);
  g_autoptr(GError) error = NULL;

  rapport_test_run_sql (rapport_database_get_path (f->store->db), "UPDATE carriers SET pickup = 0");
  g_assert_false (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                       RAPPORT_ORDER_FULFILLED, 0, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_cmpint (order_status (f, order), ==, RAPPORT_ORDER_CONFIRMED);
  g_assert_cmpint (count_rows (f, "deliveries"), ==, 0);
  g_assert_cmpint (count_rows (f, "warranties"), ==, 0);
}

static RapportReminder *
lookup_soon (Fixture *f,
             gint64   warranty_id)
{
  g_autoptr(RapportReminderSource) soon = rapport_warranty_soon_source_new (f->store->db);
  g_autoptr(GError) error = NULL;
  RapportReminder *reminder = rapport_reminder_source_lookup (soon, warranty_id, &error);

  g_assert_no_error (error);
  return reminder;
}

static void
set_consent (Fixture  *f,
             gint64    client_id,
             gboolean  agrees)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_client_repository_set_service_consent (f->store->clients, client_id, agrees, &error));
  g_assert_no_error (error);
}

/* A client who agreed to service messages gets a ready message with the
 * warranty's reminders, e-mailed only when the client has an address and
 * did not opt out of e-mail; one who did not agree gets none. */
static void
test_service_message (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (f->store->db);
  g_autoptr(RapportClient) ola = rapport_test_add_client (f->store, "Ola", "Kowalska", "+48 602 333 444",
                                                          "ola@example.org");
  g_autoptr(RapportOrder) order = rapport_order_new (rapport_client_get_id (ola));
  g_autoptr(RapportOrder) anna_order = confirmed_order (f);
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClock) later = rapport_clock_new_fixed (1775044800);   /* a day later */
  gint64 since = -1, ola_warranty, anna_warranty;

  rapport_order_set_ordered_on (order, TODAY);
  rapport_order_set_currency (order, "EUR");
  add_line (order, "Kettle {end}", RAPPORT_ITEM_PRODUCT, 1000, 12, "K-7");
  g_assert_true (rapport_order_repository_create (f->orders, order, PATTERN, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (order),
                                                      RAPPORT_ORDER_FULFILLED, 0, &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (anna_order),
                                                      RAPPORT_ORDER_FULFILLED, 0, &error));
  g_assert_no_error (error);
  ola_warranty = rapport_test_query_int (rapport_database_get_path (f->store->db),
                                         "SELECT id FROM warranties WHERE serial_number = 'K-7'");
  anna_warranty = rapport_test_query_int (rapport_database_get_path (f->store->db),
                                          "SELECT id FROM warranties WHERE serial_number = 'T-1001'");

  /* Not agreed: the shop's reminder only. */
  reminder = lookup_soon (f, ola_warranty);
  g_assert_null (reminder->message);
  g_assert_null (reminder->message_subject);
  g_assert_null (reminder->message_email);
  g_clear_pointer (&reminder, rapport_reminder_unref);
  g_assert_true (rapport_client_repository_get_service_consent (f->store->clients, rapport_client_get_id (ola),
                                                                &since, &error));
  g_assert_cmpint (since, ==, 0);

  /* Agreed: the message names the client, the product, the serial number
   * and the last day, a placeholder in a name taken literally. */
  set_consent (f, rapport_client_get_id (ola), TRUE);
  rapport_database_set_clock (f->store->db, later);
  set_consent (f, rapport_client_get_id (ola), TRUE);
  g_assert_true (rapport_client_repository_get_service_consent (f->store->clients, rapport_client_get_id (ola),
                                                                &since, &error));
  g_assert_cmpint (since, ==, 1774958400);
  reminder = lookup_soon (f, ola_warranty);
  g_assert_nonnull (reminder->message);
  g_assert_nonnull (strstr (reminder->message, "Hello Ola Kowalska,"));
  g_assert_nonnull (strstr (reminder->message, "Kettle {end} (serial number K-7) ends on 31 March 2027."));
  g_assert_cmpstr (reminder->message_subject, ==, "The warranty of your Kettle {end} ends on 31 March 2027");
  g_assert_cmpstr (reminder->message_email, ==, "ola@example.org");
  g_assert_false (reminder->message_email_refused);
  g_clear_pointer (&reminder, rapport_reminder_unref);

  /* Without an e-mail address: to copy only. */
  set_consent (f, f->anna, TRUE);
  reminder = lookup_soon (f, anna_warranty);
  g_assert_nonnull (strstr (reminder->message, "Hello Anna Nowak,"));
  g_assert_null (reminder->message_email);
  g_assert_false (reminder->message_email_refused);
  g_clear_pointer (&reminder, rapport_reminder_unref);

  /* Opted out of e-mail: the message stays, e-mail does not. */
  g_assert_true (rapport_campaign_repository_set_opt_out (campaigns, rapport_client_get_id (ola),
                                                          RAPPORT_CHANNEL_EMAIL, TRUE, &error));
  g_assert_no_error (error);
  reminder = lookup_soon (f, ola_warranty);
  g_assert_nonnull (reminder->message);
  g_assert_null (reminder->message_email);
  g_assert_true (reminder->message_email_refused);
  g_clear_pointer (&reminder, rapport_reminder_unref);

  /* Taken back: no message. */
  set_consent (f, rapport_client_get_id (ola), FALSE);
  reminder = lookup_soon (f, ola_warranty);
  g_assert_null (reminder->message);
  g_assert_null (reminder->message_email);
  g_clear_pointer (&reminder, rapport_reminder_unref);
  g_assert_false (rapport_client_repository_set_service_consent (f->store->clients, 99999, TRUE, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/deliveries/partial", test_partial);
  ADD ("/rapport/deliveries/order-must-be-confirmed", test_order_must_be_confirmed);
  ADD ("/rapport/deliveries/fulfilment-and-history", test_fulfilment_and_history);
  ADD ("/rapport/deliveries/warranty-dates", test_warranty_dates);
  ADD ("/rapport/deliveries/status-rules", test_status_rules);
  ADD ("/rapport/deliveries/carriers", test_carriers);
  ADD ("/rapport/deliveries/search", test_search);
  ADD ("/rapport/deliveries/reminders", test_reminders);
  ADD ("/rapport/deliveries/warranty-search", test_warranty_search);
  ADD ("/rapport/deliveries/async", test_async);
  ADD ("/rapport/deliveries/cancel-stops-deliveries", test_cancel_stops_deliveries);
  ADD ("/rapport/deliveries/fulfilled-in-shop", test_fulfilled_in_shop);
  ADD ("/rapport/deliveries/fulfilled-without-pickup", test_fulfilled_without_pickup);
  ADD ("/rapport/deliveries/service-message", test_service_message);
#undef ADD

  return g_test_run ();
}
