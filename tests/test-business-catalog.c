/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rapport-business-page.h"
#include "rapport-catalog-item-editor.h"
#include "rapport-catalog-page.h"
#include "rapport-catalog-row.h"
#include "rapport-error-row.h"
#include "rapport-gui-test-utils.h"
#include "rapport-logo-row.h"
#include "rapport-money-format.h"
#include "rapport-lost-reason-row.h"
#include "rapport-lost-reasons-group.h"
#include "rapport-order-number.h"
#include "rapport-preferences-window.h"
#include "rapport-test-utils.h"

/* 2026-03-31 12:00 UTC: the next order number is counted in 2026. */
#define NOW 1774958400

typedef struct
{
  RapportContext            *context;
  RapportTestStore          *store;
  RapportBusinessRepository *business;
  RapportCatalogRepository  *catalog;
  RapportOrderRepository    *orders;
  RapportClock              *clock;
  GtkWidget                 *window;
  GtkWidget                 *page;
  char                      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->context = rapport_gui_test_context_new ("business-catalog.db");
  f->store = rapport_test_store_new (rapport_context_get_database (f->context));
  f->clock = rapport_clock_new_fixed (NOW);
  rapport_database_set_clock (f->store->db, f->clock);
  f->business = rapport_context_get_business (f->context);
  f->catalog = rapport_context_get_catalog (f->context);
  f->orders = rapport_context_get_orders (f->context);
  f->dir = g_dir_make_tmp ("rapport-logo-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
  g_assert_null (f->window);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_object (&f->clock);
  g_clear_object (&f->context);
  g_clear_pointer (&f->dir, g_free);
}

/* The preferences, open on the page of @type. */
static void
open_page (Fixture *f,
           GType    type)
{
  f->window = rapport_preferences_window_new (f->context);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  f->page = rapport_gui_test_find (f->window, type, NULL);
  g_assert_nonnull (f->page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  rapport_gui_test_iterate ();
}

static GtkWidget *
child (Fixture    *f,
       const char *id)
{
  return rapport_gui_test_child (f->page, G_OBJECT_TYPE (f->page), id);
}

static RapportBusiness *
stored_business (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportBusiness *business = rapport_business_repository_get (f->business, &error);

  g_assert_no_error (error);
  return business;
}

/* What a field's error row says, or NULL. */
static const char *
error_of (GtkWidget *error_row)
{
  return rapport_error_row_get_message (RAPPORT_ERROR_ROW (error_row));
}

/* The error row says @text, among other words. */
static void
assert_says (GtkWidget  *error_row,
             const char *text)
{
  const char *message = error_of (error_row);

  if (message == NULL || strstr (message, text) == NULL)
    g_error ("The message “%s” does not say “%s”", message ? message : "(none)", text);
}

/* Typed into @editable as a person does: with the keyboard's focus there. */
static void
type_in (GtkWidget  *editable,
         const char *text)
{
  GtkWidget *focus = ADW_IS_ENTRY_ROW (editable) ? rapport_gui_test_find (editable, GTK_TYPE_TEXT, NULL) : editable;

  g_assert_nonnull (focus);
  gtk_widget_grab_focus (focus);
  rapport_gui_test_type (editable, text);
}

/* Enter in the entry of @row. */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = rapport_gui_test_find (row, GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  g_signal_emit_by_name (text, "activate");
  rapport_gui_test_iterate ();
}

/* Moves the keyboard elsewhere, as Tab or a click does. */
static void
leave (Fixture *f)
{
  gtk_widget_grab_focus (child (f, "currency_drop_down"));
  rapport_gui_test_iterate ();
}

static guint
currency_index (GtkDropDown *drop_down,
                const char  *code)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);
  g_autofree char *prefix = g_strdup_printf ("%s ", code);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      return i;
  g_error ("%s is not among the currencies", code);
}

static gboolean
switch_is_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

/* Every field, set as a person does, saved and read back. */
static void
test_business_details (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportBusiness) business = NULL;
  GtkTextBuffer *address;
  GtkWidget *toggle;

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);

  /* Enter saves a text field; so does leaving it. */
  type_in (child (f, "name_row"), "  Салон «Ромашка» & Co ");
  press_enter (child (f, "name_row"));
  type_in (child (f, "tax_number_row"), "PL 123-456-32-18");
  leave (f);
  address = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "address_view")));
  gtk_widget_grab_focus (child (f, "address_view"));
  gtk_text_buffer_set_text (address, "ul. Długa 5\n00-238 Warszawa", -1);
  leave (f);
  type_in (child (f, "contact_row"), "+48 22 123 45 67");
  press_enter (child (f, "contact_row"));

  /* A choice, a number and a switch are saved as they change. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "currency_drop_down")),
                              currency_index (GTK_DROP_DOWN (child (f, "currency_drop_down")), "PLN"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "payment_terms_spin")), 14);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "quote_days_spin")), 30);
  toggle = child (f, "prices_include_tax_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_widget_activate (toggle);
  g_assert_true (rapport_gui_test_wait_for (switch_is_off, toggle, 2000));
  rapport_gui_test_iterate ();

  business = stored_business (f);
  g_assert_cmpstr (business->name, ==, "Салон «Ромашка» & Co");
  g_assert_cmpstr (business->tax_number, ==, "PL 123-456-32-18");
  g_assert_cmpstr (business->address, ==, "ul. Długa 5\n00-238 Warszawa");
  g_assert_cmpstr (business->contact, ==, "+48 22 123 45 67");
  g_assert_cmpstr (business->currency, ==, "PLN");
  g_assert_cmpuint (business->payment_terms_days, ==, 14);
  g_assert_cmpuint (business->quote_days, ==, 30);
  g_assert_false (business->prices_include_tax);

  /* The field shows what was saved: trimmed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "name_row"))), ==, "Салон «Ромашка» & Co");
  for (const char * const *id = (const char * const[]) { "name_error", "address_error", "currency_error",
                                                         "number_pattern_error", NULL };
       *id != NULL; id++)
    g_assert_null (error_of (child (f, *id)));

  /* Closing the window saves what was typed and not saved yet. */
  type_in (child (f, "contact_row"), "hello@romashka.example");
  gtk_window_destroy (GTK_WINDOW (f->window));
  rapport_gui_test_iterate ();
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_cmpstr (business->contact, ==, "hello@romashka.example");
}

/* A pattern that cannot number orders is refused next to it, the example
 * says so as it is typed, and nothing is saved; a good one shows the number
 * the next order will get. */
static void
test_bad_pattern (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(RapportOrder) order = NULL;
  g_autoptr(RapportOrderLine) line = rapport_order_line_new ("Haircut", 1000, 3500);
  g_autoptr(GError) error = NULL;
  GtkWidget *pattern, *pattern_error, *next;

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);
  pattern = child (f, "number_pattern_row");
  pattern_error = child (f, "number_pattern_error");
  next = child (f, "next_number_label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern)), ==, RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (next)), ==, "2026-0001");
  g_assert_null (error_of (pattern_error));

  g_assert_false (rapport_order_number_validate ("{year}", &expected));
  type_in (pattern, "{year}");
  /* Said while typing... */
  g_assert_cmpstr (error_of (pattern_error), ==, expected->message);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (next)), ==, "—");
  g_assert_true (gtk_widget_has_css_class (pattern, "error"));
  /* ...and refused on Enter and on leaving: nothing saved. */
  press_enter (pattern);
  leave (f);
  g_assert_cmpstr (error_of (pattern_error), ==, expected->message);
  business = stored_business (f);
  g_assert_cmpstr (business->number_pattern, ==, RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern)), ==, "{year}");

  type_in (pattern, "INV/{yy}{month}/{seq:3}");
  g_assert_null (error_of (pattern_error));
  g_assert_false (gtk_widget_has_css_class (pattern, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (next)), ==, "INV/2603/001");
  press_enter (pattern);
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_cmpstr (business->number_pattern, ==, "INV/{yy}{month}/{seq:3}");

  /* An order made meanwhile takes the number: the example moves on. */
  client = rapport_test_add_client (f->store, "Anna", "Nowak", "+48 601 111 222", NULL);
  order = rapport_order_new (rapport_client_get_id (client));
  rapport_order_set_ordered_on (order, "2026-03-31");
  rapport_order_set_currency (order, "EUR");
  rapport_order_add_line (order, line);
  g_assert_true (rapport_order_repository_create (f->orders, order, business->number_pattern, &error));
  g_assert_no_error (error);
  rapport_gui_test_iterate ();
  g_assert_cmpstr (rapport_order_get_number (order), ==, "INV/2603/001");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (next)), ==, "INV/2603/002");
}

/* A currency no one has, written into the file by another program: the
 * page says what is wrong, refuses to save over it, and a currency chosen
 * from the list puts it right. */
static void
test_bad_currency (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportBusiness) business = NULL;
  GtkWidget *currency_error, *name_error;
  GtkDropDown *drop_down;

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);
  currency_error = child (f, "currency_error");
  name_error = child (f, "name_error");
  drop_down = GTK_DROP_DOWN (child (f, "currency_drop_down"));
  g_assert_null (error_of (currency_error));

  rapport_test_run_sql (rapport_database_get_path (f->store->db),
                        "INSERT INTO business_settings (key, value) VALUES ('currency', 'euro')"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();

  assert_says (currency_error, "“euro”");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (drop_down), "error"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (drop_down)),
                                               gtk_drop_down_get_selected (drop_down)), ==, "euro");

  /* Saving another field over it is refused, with the reason. */
  type_in (child (f, "name_row"), "Kwiaciarnia");
  press_enter (child (f, "name_row"));
  assert_says (name_error, "“euro”");
  business = stored_business (f);
  g_assert_cmpstr (business->name, ==, "");
  g_assert_cmpstr (business->currency, ==, "euro");

  gtk_drop_down_set_selected (drop_down, currency_index (drop_down, "EUR"));
  rapport_gui_test_iterate ();
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_cmpstr (business->currency, ==, "EUR");
  g_assert_null (error_of (currency_error));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (drop_down), "error"));
}

static char *
write_file (Fixture      *f,
            const char   *name,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, (const char *) data, (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

/* A real PNG picture, as GDK writes one. */
static char *
write_png (Fixture    *f,
           const char *name)
{
  guint8 pixels[40 * 20 * 4];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = (guint8) (i % 4 == 3 ? 255 : i * 7);
  bytes = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (40, 20, GDK_MEMORY_R8G8B8A8, bytes, 40 * 4);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

static gboolean
logo_is_idle (gpointer data)
{
  return !rapport_logo_row_get_busy (data);
}

static void
choose_logo (Fixture    *f,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *logo_row = child (f, "logo_row");

  rapport_logo_row_load_file (RAPPORT_LOGO_ROW (logo_row), file);
  g_assert_true (rapport_gui_test_wait_for (logo_is_idle, logo_row, 5000));
  rapport_gui_test_iterate ();
}

/* A PNG file becomes the logo, shown and saved as it is; anything else is
 * refused with a message that names the file, and the logo stays. */
static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *png = write_png (f, "logo.png");
  g_autofree char *jpeg = write_file (f, "photo.png", (const guint8 *) "\xff\xd8\xff\xe0 JFIF not a PNG", 20);
  g_autofree char *broken = write_file (f, "broken.png", (const guint8 *) "\x89PNG\r\n\x1a\n and then nothing", 25);
  g_autofree char *missing = g_build_filename (f->dir, "gone.png", NULL);
  g_autofree char *large = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RapportBusiness) business = NULL;
  GtkWidget *logo_error, *picture;
  gsize length;

  {
    guint8 *big = g_malloc0 (RAPPORT_BUSINESS_LOGO_MAX_SIZE + 1);

    memcpy (big, "\x89PNG\r\n\x1a\n", 8);
    large = write_file (f, "poster.png", big, RAPPORT_BUSINESS_LOGO_MAX_SIZE + 1);
    g_free (big);
  }

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);
  logo_error = child (f, "logo_error");
  picture = rapport_gui_test_child (child (f, "logo_row"), RAPPORT_TYPE_LOGO_ROW, "picture");
  g_assert_false (gtk_widget_get_visible (picture));

  choose_logo (f, png);
  g_assert_null (error_of (logo_error));
  g_assert_true (gtk_widget_get_visible (picture));
  business = stored_business (f);
  g_assert_nonnull (business->logo);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (business->logo, NULL), g_bytes_get_size (business->logo), contents, length);

  /* Each said in words of its own, naming the file. */
  const struct { const char *path; const char *name; const char *why; } refused[] = {
    { jpeg, "“photo.png”", "is not a PNG picture" },
    { broken, "“broken.png”", "cannot be read as one" },
    { missing, "“gone.png”", "could not be read" },
    { large, "“poster.png”", "a logo may take at most 1.0\xc2\xa0MB" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(RapportBusiness) still = NULL;

      choose_logo (f, refused[i].path);
      assert_says (logo_error, refused[i].name);
      assert_says (logo_error, refused[i].why);
      still = stored_business (f);
      g_assert_true (g_bytes_equal (still->logo, business->logo));
      g_assert_true (gtk_widget_get_visible (picture));
    }

  /* Removed, with the keyboard's place kept. */
  rapport_gui_test_click (rapport_gui_test_child (child (f, "logo_row"), RAPPORT_TYPE_LOGO_ROW, "remove_button"));
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_null (business->logo);
  g_assert_false (gtk_widget_get_visible (picture));
  g_assert_null (error_of (logo_error));
}

/* What another program writes shows at once; what the person is typing
 * and has not saved is left alone. */
static void
test_business_follows_the_file (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RapportTestStore) other = NULL;
  g_autoptr(RapportBusinessRepository) elsewhere = NULL;
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(GError) error = NULL;

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);
  type_in (child (f, "contact_row"), "half-typed");

  other = rapport_test_store_open_path (rapport_database_get_path (f->store->db), &error);
  g_assert_no_error (error);
  elsewhere = rapport_business_repository_new (other->db);
  business = rapport_business_repository_get (elsewhere, &error);
  g_assert_no_error (error);
  g_free (business->name);
  business->name = g_strdup ("Changed Elsewhere");
  g_free (business->contact);
  business->contact = g_strdup ("elsewhere@example.org");
  business->quote_days = 7;
  g_assert_true (rapport_business_repository_save (elsewhere, business, &error));

  /* Saved here before this program noticed: the other fields stay as the
   * other program saved them. */
  type_in (child (f, "tax_number_row"), "DE 136 695 976");
  press_enter (child (f, "tax_number_row"));
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_cmpstr (business->tax_number, ==, "DE 136 695 976");
  g_assert_cmpstr (business->name, ==, "Changed Elsewhere");

  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "name_row"))), ==, "Changed Elsewhere");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (f, "quote_days_spin"))), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "contact_row"))), ==, "half-typed");

  /* Saving the one field keeps what the other program saved in the others. */
  press_enter (child (f, "contact_row"));
  g_clear_pointer (&business, rapport_business_free);
  business = stored_business (f);
  g_assert_cmpstr (business->contact, ==, "half-typed");
  g_assert_cmpstr (business->name, ==, "Changed Elsewhere");
  g_assert_cmpuint (business->quote_days, ==, 7);
}

/* The catalog. */

static GtkWidget *
catalog_row (Fixture    *f,
             const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (RAPPORT_IS_CATALOG_ROW (row)
        && g_str_equal (rapport_catalog_item_get_name (rapport_catalog_row_get_item (RAPPORT_CATALOG_ROW (row))), name))
      return row;
  return NULL;
}

static guint
count_catalog_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (child (f, "list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += RAPPORT_IS_CATALOG_ROW (row);
  return n;
}

static GPtrArray *
all_items (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = rapport_catalog_repository_find (f->catalog, "", TRUE, 0, &error);

  g_assert_no_error (error);
  return items;
}

static RapportCatalogItem *
add_item (Fixture         *f,
          const char      *name,
          const char      *code,
          RapportItemKind  kind,
          gint64           price)
{
  g_autoptr(GError) error = NULL;
  RapportCatalogItem *item = rapport_catalog_item_new (name, kind, price);

  rapport_catalog_item_set_code (item, code);
  g_assert_true (rapport_catalog_repository_save (f->catalog, item, &error));
  g_assert_no_error (error);
  return item;
}

static GtkWidget *
editor_child (GtkWidget  *editor,
              const char *id)
{
  return rapport_gui_test_child (editor, RAPPORT_TYPE_CATALOG_ITEM_EDITOR, id);
}

static GtkWidget *
open_new_item_editor (Fixture *f)
{
  GtkWindow *editor;

  rapport_gui_test_click (rapport_gui_test_find (f->page, GTK_TYPE_BUTTON, "Add a Product or Service"));
  editor = rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR);
  g_assert_nonnull (editor);
  return GTK_WIDGET (editor);
}

static gboolean
editor_closed (gpointer data)
{
  return rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR) == NULL;
}

static void
save_editor (GtkWidget *editor)
{
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  rapport_gui_test_iterate ();
}

/* Added through the dialog, listed with its price as the locale writes
 * money, and changed again from its row. */
static void
test_catalog_add_and_edit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(RapportCatalogItem) changed = NULL;
  g_autoptr(GError) error = NULL;
  RapportCatalogItem *item;
  GtkWidget *editor, *row;

  open_page (f, RAPPORT_TYPE_CATALOG_PAGE);
  g_assert_cmpuint (count_catalog_rows (f), ==, 0);

  editor = open_new_item_editor (f);
  type_in (editor_child (editor, "name_row"), "Colour and cut");
  type_in (editor_child (editor, "code_row"), "SALON-7");
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor_child (editor, "kind_row")), 1);
  type_in (editor_child (editor, "unit_row"), "h");
  type_in (editor_child (editor, "price_row"), "1 234,50");
  type_in (editor_child (editor, "tax_row"), "7,7");
  type_in (editor_child (editor, "warranty_row"), "");
  /* Enter in a field saves the dialog. */
  press_enter (editor_child (editor, "price_row"));
  /* The default button shows itself pressed for a moment first. */
  g_assert_true (rapport_gui_test_wait_for (editor_closed, NULL, 2000));

  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (rapport_catalog_item_get_name (item), ==, "Colour and cut");
  g_assert_cmpstr (rapport_catalog_item_get_code (item), ==, "SALON-7");
  g_assert_cmpint (rapport_catalog_item_get_kind (item), ==, RAPPORT_ITEM_SERVICE);
  g_assert_cmpstr (rapport_catalog_item_get_unit (item), ==, "h");
  g_assert_cmpint (rapport_catalog_item_get_unit_price (item), ==, 123450);
  g_assert_cmpint (rapport_catalog_item_get_tax_rate (item), ==, 770);
  g_assert_cmpint (rapport_catalog_item_get_warranty_months (item), ==, 0);

  row = catalog_row (f, "Colour and cut");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW,
                                                                                   "price_label"))),
                            "234.50"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "SALON-7"));

  /* Opened from its row, as it is; changed; the same row shows it. */
  g_signal_emit_by_name (row, "activate");
  rapport_gui_test_iterate ();
  editor = GTK_WIDGET (rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "price_row"))), ==, "1234.50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "tax_row"))), ==, "7.7");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (editor_child (editor, "kind_row"))), ==, 1);
  type_in (editor_child (editor, "warranty_row"), "۲۴");
  save_editor (editor);
  g_assert_null (rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR));
  changed = rapport_catalog_repository_get (f->catalog, rapport_catalog_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_catalog_item_get_warranty_months (changed), ==, 24);
  g_assert_cmpint (rapport_catalog_item_get_unit_price (changed), ==, 123450);
  g_assert_true (catalog_row (f, "Colour and cut") == row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "24"));
}

/* Each wrong field is named under itself, all at once, and nothing is
 * saved; a code another item has is refused by the catalog. */
static void
test_catalog_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportCatalogItem) taken = add_item (f, "Phone case", "PX-1", RAPPORT_ITEM_PRODUCT, 990);
  g_autoptr(RapportCatalogItem) probe = rapport_catalog_item_new ("x", RAPPORT_ITEM_PRODUCT, 0);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) warranty_rule = NULL;
  GtkWidget *editor;

  rapport_catalog_item_set_warranty_months (probe, -3);
  g_assert_false (rapport_catalog_item_tidy (probe, &warranty_rule));

  open_page (f, RAPPORT_TYPE_CATALOG_PAGE);
  editor = open_new_item_editor (f);
  type_in (editor_child (editor, "name_row"), "   ");
  type_in (editor_child (editor, "price_row"), "twelve");
  type_in (editor_child (editor, "tax_row"), "150");
  type_in (editor_child (editor, "warranty_row"), "-3");
  save_editor (editor);

  g_assert_true (rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR) == GTK_WINDOW (editor));
  g_assert_nonnull (error_of (editor_child (editor, "name_error")));
  assert_says (editor_child (editor, "price_error"), "“twelve”");
  assert_says (editor_child (editor, "tax_error"), "“150”");
  g_assert_cmpstr (error_of (editor_child (editor, "warranty_error")), ==, warranty_rule->message);
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "price_row"), "error"));
  /* The keyboard is taken to the first. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), editor_child (editor, "name_row")));
  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 1);

  /* Correcting a field puts its message away. */
  type_in (editor_child (editor, "price_row"), "12.5");
  g_assert_null (error_of (editor_child (editor, "price_error")));
  g_assert_false (gtk_widget_has_css_class (editor_child (editor, "price_row"), "error"));

  type_in (editor_child (editor, "name_row"), "Another case");
  type_in (editor_child (editor, "tax_row"), "20");
  type_in (editor_child (editor, "warranty_row"), "12");
  type_in (editor_child (editor, "code_row"), "PX-1");
  save_editor (editor);
  assert_says (editor_child (editor, "code_error"), "“PX-1”");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 1);

  type_in (editor_child (editor, "code_row"), "PX-2");
  save_editor (editor);
  g_assert_null (rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 2);
}

static gboolean
undo_is_shown (gpointer data)
{
  return rapport_gui_test_find (data, GTK_TYPE_BUTTON, "Undo") != NULL;
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
click_undo (Fixture *f)
{
  GtkWidget *undo;

  /* Let the toast finish rising, as it has by the time a person reads it
   * (libadwaita 1.2 crashes when a toast is dismissed while it rises), and
   * the one it replaced finish leaving. */
  rapport_gui_test_wait (600);
  g_assert_true (rapport_gui_test_wait_for (undo_is_shown, f->window, 2000));
  undo = rapport_gui_test_find (f->window, GTK_TYPE_BUTTON, "Undo");
  g_object_add_weak_pointer (G_OBJECT (undo), (gpointer *) &undo);
  rapport_gui_test_click (undo);
  /* The toast leaves with an animation, and its button with it. */
  g_assert_true (rapport_gui_test_wait_for (is_gone, &undo, 3000));
}

/* An item an order has is archived, never deleted: the order keeps it.
 * It can be listed and offered again; an unused one is deleted, and Undo
 * brings it back. */
static void
test_catalog_archive (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportCatalogItem) sold = add_item (f, "Screen film", "SF-1", RAPPORT_ITEM_PRODUCT, 499);
  g_autoptr(RapportCatalogItem) unused = add_item (f, "Gift wrap", "", RAPPORT_ITEM_SERVICE, 200);
  g_autoptr(RapportClient) client = rapport_test_add_client (f->store, "Boris", "Ivanov", NULL, "boris@example.ru");
  g_autoptr(RapportOrder) order = rapport_order_new (rapport_client_get_id (client));
  g_autoptr(RapportOrderLine) line = rapport_catalog_item_to_line (sold, 2000);
  g_autoptr(RapportCatalogItem) kept = NULL;
  g_autoptr(RapportOrder) reread = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  rapport_order_set_ordered_on (order, "2026-03-31");
  rapport_order_set_currency (order, "EUR");
  rapport_order_add_line (order, line);
  g_assert_true (rapport_order_repository_create (f->orders, order, RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN, &error));
  g_assert_no_error (error);

  open_page (f, RAPPORT_TYPE_CATALOG_PAGE);
  g_assert_cmpuint (count_catalog_rows (f), ==, 2);

  row = catalog_row (f, "Screen film");
  rapport_gui_test_click (rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW, "remove_button"));
  kept = rapport_catalog_repository_get (f->catalog, rapport_catalog_item_get_id (sold), &error);
  g_assert_no_error (error);
  g_assert_true (rapport_catalog_item_get_archived (kept));
  reread = rapport_order_repository_get (f->orders, rapport_order_get_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (reread), 0))->catalog_item_id,
                   ==, rapport_catalog_item_get_id (sold));
  /* Offered no more: gone from the list, the keyboard on the next row. */
  g_assert_null (catalog_row (f, "Screen film"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), catalog_row (f, "Gift wrap"))
                 || gtk_window_get_focus (GTK_WINDOW (f->window)) == catalog_row (f, "Gift wrap"));

  /* Listed again with the archived ones, and offered again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (f, "archived_button")), TRUE);
  rapport_gui_test_iterate ();
  row = catalog_row (f, "Screen film");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Archived"));
  g_assert_false (gtk_widget_get_visible (rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW, "remove_button")));
  rapport_gui_test_click (rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW, "restore_button"));
  g_clear_object (&kept);
  kept = rapport_catalog_repository_get (f->catalog, rapport_catalog_item_get_id (sold), &error);
  g_assert_false (rapport_catalog_item_get_archived (kept));
  g_assert_true (gtk_widget_get_visible (rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW, "remove_button")));

  /* Never sold: deleted, and Undo brings it back. */
  rapport_gui_test_click (rapport_gui_test_child (catalog_row (f, "Gift wrap"), RAPPORT_TYPE_CATALOG_ROW,
                                                  "remove_button"));
  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_null (catalog_row (f, "Gift wrap"));
  click_undo (f);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = all_items (f);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_nonnull (catalog_row (f, "Gift wrap"));
}

/* Hundreds of items: the list shows the first, says there are more, and
 * the search finds the rest by name or code. */
static void
test_catalog_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *search;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Spare part %03u", i);
      g_autofree char *code = g_strdup_printf ("SP-%03u", i);

      g_object_unref (add_item (f, name, code, RAPPORT_ITEM_PRODUCT, 100 + i));
    }
  g_object_unref (add_item (f, "Ёлочная игрушка", "", RAPPORT_ITEM_PRODUCT, 300));
  g_assert_true (rapport_database_end_batch (f->store->db, &error));

  open_page (f, RAPPORT_TYPE_CATALOG_PAGE);
  g_assert_cmpuint (count_catalog_rows (f), ==, 200);
  g_assert_true (gtk_widget_get_visible (child (f, "more_label")));

  search = child (f, "search_entry");
  rapport_gui_test_type (search, "part 24");
  g_signal_emit_by_name (search, "search-changed");
  rapport_gui_test_iterate ();
  g_assert_cmpuint (count_catalog_rows (f), ==, 10);
  g_assert_false (gtk_widget_get_visible (child (f, "more_label")));

  rapport_gui_test_type (search, "sp-249");
  g_signal_emit_by_name (search, "search-changed");
  rapport_gui_test_iterate ();
  g_assert_cmpuint (count_catalog_rows (f), ==, 1);
  g_assert_nonnull (catalog_row (f, "Spare part 249"));

  /* Case and accents do not matter. */
  rapport_gui_test_type (search, "елочная");
  g_signal_emit_by_name (search, "search-changed");
  rapport_gui_test_iterate ();
  g_assert_nonnull (catalog_row (f, "Ёлочная игрушка"));

  /* Enter opens what was found. */
  g_signal_emit_by_name (search, "activate");
  rapport_gui_test_iterate ();
  g_assert_nonnull (rapport_gui_test_find_window (RAPPORT_TYPE_CATALOG_ITEM_EDITOR));
}

/* An item another program adds, changes or archives shows at once, and
 * the prices follow the business's currency. */
static void
test_catalog_follows_the_file (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RapportTestStore) other = NULL;
  g_autoptr(RapportCatalogRepository) elsewhere = NULL;
  g_autoptr(RapportCatalogItem) item = rapport_catalog_item_new ("Added elsewhere", RAPPORT_ITEM_PRODUCT, 1500);
  g_autoptr(RapportBusiness) business = stored_business (f);
  g_autofree char *yen = rapport_money_format (1500, "JPY");
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *price;

  open_page (f, RAPPORT_TYPE_CATALOG_PAGE);
  other = rapport_test_store_open_path (rapport_database_get_path (f->store->db), &error);
  g_assert_no_error (error);
  elsewhere = rapport_catalog_repository_new (other->db);
  g_assert_true (rapport_catalog_repository_save (elsewhere, item, &error));
  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();
  row = catalog_row (f, "Added elsewhere");
  g_assert_nonnull (row);

  rapport_catalog_item_set_name (item, "Renamed elsewhere");
  g_assert_true (rapport_catalog_repository_save (elsewhere, item, &error));
  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();
  g_assert_true (catalog_row (f, "Renamed elsewhere") == row);

  price = rapport_gui_test_child (row, RAPPORT_TYPE_CATALOG_ROW, "price_label");
  g_free (business->currency);
  business->currency = g_strdup ("JPY");
  g_assert_true (rapport_business_repository_save (f->business, business, &error));
  rapport_gui_test_iterate ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (price)), ==, yen);

  g_assert_true (rapport_catalog_repository_set_archived (elsewhere, rapport_catalog_item_get_id (item), TRUE, &error));
  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();
  g_assert_null (catalog_row (f, "Renamed elsewhere"));
}

/* Lost reasons. */

static GPtrArray *
list_reasons (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reasons = rapport_order_repository_list_lost_reasons (f->orders, TRUE, &error);

  g_assert_no_error (error);
  return reasons;
}

static RapportLostReason *
find_reason (GPtrArray  *reasons,
             const char *name)
{
  for (guint i = 0; i < reasons->len; i++)
    if (g_str_equal (((RapportLostReason *) g_ptr_array_index (reasons, i))->name, name))
      return g_ptr_array_index (reasons, i);
  return NULL;
}

static RapportLostReason *
get_reason (GPtrArray  *reasons,
            const char *name)
{
  RapportLostReason *reason = find_reason (reasons, name);

  if (reason == NULL)
    g_error ("The reason “%s” is not in the list", name);
  return reason;
}

static GtkWidget *
reason_row (GtkWidget  *group,
            const char *name)
{
  GtkWidget *list = rapport_gui_test_child (group, RAPPORT_TYPE_LOST_REASONS_GROUP, "list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (RAPPORT_IS_LOST_REASON_ROW (row)
        && g_str_equal (rapport_lost_reason_row_get_reason (RAPPORT_LOST_REASON_ROW (row))->name, name))
      return row;
  return NULL;
}

/* Added, renamed and switched off in place; a name the list has is
 * refused with the reason shown. */
static void
test_lost_reasons (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_reasons (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(RapportTestStore) other = NULL;
  g_autoptr(RapportOrderRepository) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group, *new_row, *error_label, *row, *toggle;
  RapportLostReason *reason;

  open_page (f, RAPPORT_TYPE_BUSINESS_PAGE);
  group = rapport_gui_test_find (f->page, RAPPORT_TYPE_LOST_REASONS_GROUP, NULL);
  g_assert_nonnull (group);
  new_row = rapport_gui_test_child (group, RAPPORT_TYPE_LOST_REASONS_GROUP, "new_row");
  error_label = rapport_gui_test_child (group, RAPPORT_TYPE_LOST_REASONS_GROUP, "error_label");

  type_in (new_row, "Chose a cheaper repair shop");
  press_enter (new_row);
  after = list_reasons (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  reason = get_reason (after, "Chose a cheaper repair shop");
  g_assert_true (reason->active);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");
  row = reason_row (group, "Chose a cheaper repair shop");
  g_assert_nonnull (row);

  /* The same name again is refused, and said why. */
  type_in (new_row, "chose a cheaper repair shop");
  press_enter (new_row);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "chose a cheaper repair shop"));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_reasons (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  type_in (new_row, "");
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Renamed in place. */
  type_in (row, "Went to a cheaper shop");
  press_enter (row);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_reasons (f);
  g_assert_nonnull (find_reason (after, "Went to a cheaper shop"));
  g_assert_true (reason_row (group, "Went to a cheaper shop") == row);

  /* Switched off: kept, offered no more. */
  toggle = rapport_gui_test_child (row, RAPPORT_TYPE_LOST_REASON_ROW, "active_switch");
  gtk_widget_activate (toggle);
  g_assert_true (rapport_gui_test_wait_for (switch_is_off, toggle, 2000));
  rapport_gui_test_iterate ();
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_reasons (f);
  reason = get_reason (after, "Went to a cheaper shop");
  g_assert_false (reason->active);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, "Reason");

  /* A blank rename is refused; the name stays. */
  type_in (row, "  ");
  press_enter (row);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list_reasons (f);
  g_assert_nonnull (find_reason (after, "Went to a cheaper shop"));

  /* Added by another program: shown. */
  other = rapport_test_store_open_path (rapport_database_get_path (f->store->db), &error);
  g_assert_no_error (error);
  elsewhere = rapport_order_repository_new (other->db);
  g_assert_cmpint (rapport_order_repository_save_lost_reason (elsewhere, 0, "Never answered", TRUE, &error), !=, 0);
  g_assert_true (rapport_database_check_changes (f->store->db));
  rapport_gui_test_iterate ();
  g_assert_nonnull (reason_row (group, "Never answered"));
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/rapport/business-catalog/" path, Fixture, NULL, \
                                    fixture_set_up, func, fixture_tear_down)
  ADD ("business-details", test_business_details);
  ADD ("bad-pattern", test_bad_pattern);
  ADD ("bad-currency", test_bad_currency);
  ADD ("logo", test_logo);
  ADD ("business-follows-the-file", test_business_follows_the_file);
  ADD ("catalog-add-and-edit", test_catalog_add_and_edit);
  ADD ("catalog-refused", test_catalog_refused);
  ADD ("catalog-archive", test_catalog_archive);
  ADD ("catalog-search", test_catalog_search);
  ADD ("catalog-follows-the-file", test_catalog_follows_the_file);
  ADD ("lost-reasons", test_lost_reasons);
#undef ADD

  return g_test_run ();
}
