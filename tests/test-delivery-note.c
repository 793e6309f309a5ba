/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-carrier-repository.h"
#include "rapport-delivery-note.h"
#include "rapport-delivery-repository.h"
#include "rapport-error.h"
#include "rapport-order-repository.h"
#include "rapport-test-utils.h"

typedef struct
{
  RapportTestStore          *store;
  RapportOrderRepository    *orders;
  RapportDeliveryRepository *deliveries;
  RapportOrder              *order;
  gint64                     carrier;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportBusinessRepository) businesses = NULL;
  g_autoptr(RapportCarrierRepository) carriers = NULL;
  g_autoptr(RapportBusiness) business = rapport_business_new ();
  g_autoptr(RapportCarrier) carrier = rapport_carrier_new ("Почта России");
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;
  const struct { const char *name; gint64 quantity; const char *unit; const char *serial; } lines[] = {
    { "Стул «Венский»", 4000, "шт.", "" },
    { "Стол обеденный", 1000, "", "T-2026-0042" },
    { "Кабель", 2500, "м", "" },
  };

  f->store = rapport_test_open_store ("note.db");
  businesses = rapport_business_repository_new (f->store->db);
  g_free (business->name);
  business->name = g_strdup ("Мебель «Уют»");
  g_free (business->address);
  business->address = g_strdup ("ул. Ленина 5\nМосква");
  g_free (business->currency);
  business->currency = g_strdup ("EUR");
  g_assert_true (rapport_business_repository_save (businesses, business, &error));
  g_assert_no_error (error);

  carriers = rapport_carrier_repository_new (f->store->db);
  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = g_strdup ("https://www.pochta.ru/tracking?barcode={tracking}");
  g_assert_true (rapport_carrier_repository_save (carriers, carrier, &error));
  f->carrier = carrier->id;

  rapport_client_set_given_name (client, "Анна");
  rapport_client_set_family_name (client, "Петрова");
  g_assert_true (rapport_client_repository_save (f->store->clients, client, &error));

  f->orders = rapport_order_repository_new (f->store->db);
  f->deliveries = rapport_delivery_repository_new (f->store->db);
  f->order = rapport_order_new (rapport_client_get_id (client));
  rapport_order_set_ordered_on (f->order, "2026-03-31");
  rapport_order_set_currency (f->order, "EUR");
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(RapportOrderLine) line = rapport_order_line_new (lines[i].name, lines[i].quantity, 98765);

      rapport_order_line_set_unit (line, lines[i].unit);
      rapport_order_line_set_serial_number (line, lines[i].serial);
      rapport_order_add_line (f->order, line);
    }
  g_assert_true (rapport_order_repository_create (f->orders, f->order, "{year}-{seq:4}", &error));
  g_assert_true (rapport_order_repository_set_status (f->orders, rapport_order_get_id (f->order),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->order);
  g_clear_object (&f->orders);
  g_clear_object (&f->deliveries);
  g_clear_pointer (&f->store, rapport_test_store_free);
}

static gint64
line_id (Fixture *f,
         guint    index)
{
  return ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (f->order), index))->id;
}

static gint64
plan (Fixture *f)
{
  g_autoptr(RapportDelivery) delivery = rapport_delivery_new (rapport_order_get_id (f->order));
  g_autoptr(GError) error = NULL;

  delivery->carrier_id = f->carrier;
  delivery->planned_on = g_strdup ("2026-04-02");
  g_free (delivery->address);
  delivery->address = g_strdup ("пр. Мира 10, кв. 7\n129090 Москва");
  g_free (delivery->tracking_number);
  delivery->tracking_number = g_strdup ("RA123456789RU");
  g_free (delivery->notes);
  delivery->notes = g_strdup ("Позвонить за час");
  rapport_delivery_add_line (delivery, line_id (f, 0), 3000);
  rapport_delivery_add_line (delivery, line_id (f, 1), 1000);
  g_assert_true (rapport_delivery_repository_create (f->deliveries, delivery, &error));
  g_assert_no_error (error);
  return delivery->id;
}

static void
assert_says (const char *text,
             const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("the delivery note does not say “%s”:\n%s", part, text);
}

/* The note says who sends, who receives and where, the order, what and
 * how much, the carrier and tracking number, and has lines to sign; it
 * never shows a price. */
static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *pdf = rapport_test_dup_path ("note.pdf");
  g_autoptr(RapportDeliveryNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  gint64 id = plan (f);

  note = rapport_delivery_note_load (f->store->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_delivery_note_write_pdf (note, pdf, &error));
  g_assert_no_error (error);
  text = rapport_test_pdf_text (pdf);

  title = rapport_delivery_note_dup_title (note);
  g_assert_cmpstr (title, ==, "Delivery note 2026-0001/1");
  assert_says (text, "Delivery note 2026-0001/1");
  assert_says (text, "Sender");
  assert_says (text, "Мебель «Уют»");
  assert_says (text, "ул. Ленина 5");
  assert_says (text, "Recipient");
  assert_says (text, "Анна Петрова");
  assert_says (text, "пр. Мира 10, кв. 7");
  assert_says (text, "Order: 2026-0001");
  assert_says (text, "Planned for: 2 April 2026");
  assert_says (text, "Carrier: Почта России");
  assert_says (text, "Tracking number: RA123456789RU");
  assert_says (text, "Стул «Венский»");
  assert_says (text, "3 шт.");
  assert_says (text, "Стол обеденный");
  assert_says (text, "Serial number: T-2026-0042");
  assert_says (text, "Позвонить за час");
  assert_says (text, "Received by");
  assert_says (text, "Handed over by");
  /* Not carried: the cable. No prices. */
  g_assert_null (strstr (text, "Кабель"));
  g_assert_null (strstr (text, "987"));
  g_assert_null (strstr (text, "EUR"));
  g_assert_null (strstr (text, "€"));
}

/* A missing delivery is said so; an unwritable file names the file. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportDeliveryNote) missing = NULL;
  g_autoptr(RapportDeliveryNote) note = NULL;
  g_autoptr(GError) error = NULL;

  missing = rapport_delivery_note_load (f->store->db, 4242, &error);
  g_assert_null (missing);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  note = rapport_delivery_note_load (f->store->db, plan (f), &error);
  g_assert_no_error (error);
  g_assert_false (rapport_delivery_note_write_pdf (note, "/nonexistent-folder/note.pdf", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "note.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/delivery-note/text", test_text);
  ADD ("/rapport/delivery-note/errors", test_errors);
#undef ADD

  return g_test_run ();
}
