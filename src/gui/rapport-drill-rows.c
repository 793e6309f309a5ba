/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drill-rows.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-table-row.h"

/* The clients or orders behind a figure, as a list model over their ids:
 * a segment may hold tens of thousands of clients, so rows are read a
 * page at a time as the view asks for them (short indexed reads), and
 * only a few pages are kept. Each row is a #RapportTableRow of two cells,
 * a title and a line under it. */

#define PAGE_SIZE 50
#define MAX_PAGES 8

struct _RapportDrillRows
{
  GObject           parent_instance;

  RapportContext   *context;
  RapportDrillKind  kind;
  GArray           *ids;
  GHashTable       *pages;   /* page → GPtrArray of RapportTableRow */
  GQueue            lru;
};

static void rapport_drill_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportDrillRows, rapport_drill_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rapport_drill_rows_list_model_init))

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_TABLE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return RAPPORT_DRILL_ROWS (model)->ids->len;
}

static RapportTableRow *
make_row (const char *title,
          const char *subtitle)
{
  const char *cells[] = { title, subtitle };

  return rapport_table_row_new (cells, NULL, 2);
}

static RapportTableRow *
client_row (RapportClient *client)
{
  const char *organization = rapport_client_get_organization (client);
  const char *phone = rapport_client_get_main_phone (client);
  const char *email = rapport_client_get_main_email (client);
  g_autofree char *ltr_phone = phone != NULL && *phone != '\0' ? rapport_format_left_to_right (phone) : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;

  if (organization != NULL && *organization != '\0')
    g_ptr_array_add (parts, (gpointer) organization);
  if (ltr_phone != NULL)
    g_ptr_array_add (parts, ltr_phone);
  if (email != NULL && *email != '\0')
    g_ptr_array_add (parts, (gpointer) email);
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  return make_row (rapport_client_get_display_name (client), subtitle);
}

static RapportTableRow *
order_row (RapportOrder *order)
{
  const char *currency = rapport_order_get_currency (order);
  g_autofree char *title = NULL;
  g_autofree char *day = rapport_format_iso_date (rapport_order_get_ordered_on (order));
  g_autofree char *total = rapport_money_format (rapport_order_get_total (order), currency);
  g_autofree char *balance = rapport_money_format (rapport_order_get_balance (order), currency);
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: an order in a list: its number, then its client's name */
  title = g_strdup_printf (_("%s — %s"), rapport_order_get_number (order), rapport_order_get_client_name (order));
  if (rapport_order_get_balance (order) > 0)
    /* TRANSLATORS: the day of an order, its total and what is still owed */
    subtitle = g_strdup_printf (_("%s · %s · %s owed"), day, total, balance);
  else
    /* TRANSLATORS: the day of an order and its total */
    subtitle = g_strdup_printf (_("%s · %s"), day, total);
  return make_row (title, subtitle);
}

static GPtrArray *
load_page (RapportDrillRows *self,
           guint             page)
{
  g_autoptr(GError) error = NULL;
  guint start = page * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->ids->len - start);
  const gint64 *ids = &g_array_index (self->ids, gint64, start);
  g_autoptr(GPtrArray) loaded = NULL;
  GPtrArray *rows = g_ptr_array_new_full (count, g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (self->kind == RAPPORT_DRILL_CLIENTS)
    loaded = rapport_client_repository_load (rapport_context_get_clients (self->context), ids, count, &error);
  else
    loaded = rapport_order_repository_load (rapport_context_get_orders (self->context), ids, count, &error);
  if (loaded == NULL)
    g_signal_emit (self, signals[FAILED], 0, error);

  /* Rows in the order of the ids, whatever order they were read in. */
  for (guint i = 0; loaded != NULL && i < loaded->len; i++)
    {
      GObject *object = g_ptr_array_index (loaded, i);
      gint64 *id = g_new (gint64, 1);

      if (object == NULL)
        {
          g_free (id);
          continue;
        }
      *id = self->kind == RAPPORT_DRILL_CLIENTS ? rapport_client_get_id (RAPPORT_CLIENT (object))
                                                : rapport_order_get_id (RAPPORT_ORDER (object));
      g_hash_table_insert (by_id, id, object);
    }
  for (guint i = 0; i < count; i++)
    {
      GObject *object = g_hash_table_lookup (by_id, &ids[i]);

      if (object == NULL)
        g_ptr_array_add (rows, make_row (self->kind == RAPPORT_DRILL_CLIENTS ? _("A client removed since")
                                                                            : _("An order removed since"), ""));
      else if (self->kind == RAPPORT_DRILL_CLIENTS)
        g_ptr_array_add (rows, client_row (RAPPORT_CLIENT (object)));
      else
        g_ptr_array_add (rows, order_row (RAPPORT_ORDER (object)));
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RapportDrillRows *self = RAPPORT_DRILL_ROWS (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->ids->len)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
rapport_drill_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
rapport_drill_rows_finalize (GObject *object)
{
  RapportDrillRows *self = (RapportDrillRows *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->lru);

  G_OBJECT_CLASS (rapport_drill_rows_parent_class)->finalize (object);
}

static void
rapport_drill_rows_class_init (RapportDrillRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_drill_rows_finalize;

  /**
   * RapportDrillRows::failed:
   * @error: why rows could not be read; they show as removed
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rapport_drill_rows_init (RapportDrillRows *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * rapport_drill_rows_new:
 * @ids: (element-type gint64) (transfer none): the clients or orders, in
 *   the order to list them
 */
RapportDrillRows *
rapport_drill_rows_new (RapportContext   *context,
                        RapportDrillKind  kind,
                        GArray           *ids)
{
  RapportDrillRows *self;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_DRILL_ROWS, NULL);
  self->context = g_object_ref (context);
  self->kind = kind;
  self->ids = g_array_ref (ids);
  return self;
}

RapportDrillKind
rapport_drill_rows_get_kind (RapportDrillRows *self)
{
  g_return_val_if_fail (RAPPORT_IS_DRILL_ROWS (self), RAPPORT_DRILL_CLIENTS);
  return self->kind;
}

gint64
rapport_drill_rows_get_id (RapportDrillRows *self,
                           guint             position)
{
  g_return_val_if_fail (RAPPORT_IS_DRILL_ROWS (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

/* Returns: (transfer none) (element-type gint64): the ids listed */
GArray *
rapport_drill_rows_get_ids (RapportDrillRows *self)
{
  g_return_val_if_fail (RAPPORT_IS_DRILL_ROWS (self), NULL);
  return self->ids;
}
