/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The Deliveries page's list: a #GListModel over the ids of the
 * deliveries (or warranties) a query lets through. The query yields only
 * ids and runs on the database's reader in a worker thread; rows are read
 * a page at a time when a view asks for them, and only a few pages are
 * kept, as the Orders list does (rapport-order-list.c). Every change to
 * deliveries, warranties, orders or clients runs the query again; the
 * views are told only the span that differs (rapport-id-list.c). */

#include "rapport-client-repository.h"
#include "rapport-delivery-list.h"
#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-id-list-private.h"
#include "rapport-order-repository.h"
#include "rapport-warranty-repository.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32
/* A new query asks for this many ids first, shows them, then asks for
 * all (as the Orders list does): 50,000 warranties ending within a month
 * take tens of milliseconds to read on a busy machine, their first screen
 * one. */
#define FIRST_IDS 128

typedef struct
{
  RapportDeliveryListMode mode;
  RapportDeliveryFilter   deliveries;
  char                   *warranty_to;
} Query;

struct _RapportDeliveryList
{
  GObject                    parent_instance;

  RapportDatabase           *database;
  RapportDeliveryRepository *deliveries;
  RapportWarrantyRepository *warranties;
  Query                      query;
  GArray                    *ids;
  GHashTable                *pages;      /* page index → GPtrArray of RapportDeliveryItem */
  GQueue                     lru;
  GCancellable              *cancellable;
  gboolean                   loading;
  gboolean                   first_part;  /* the running query asks for FIRST_IDS */
};

static void rapport_delivery_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportDeliveryList, rapport_delivery_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rapport_delivery_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
query_clear (Query *query)
{
  rapport_delivery_filter_clear (&query->deliveries);
  g_clear_pointer (&query->warranty_to, g_free);
}

static GType
get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_DELIVERY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return RAPPORT_DELIVERY_LIST (model)->ids->len;
}

static void
touch_page (RapportDeliveryList *self,
            guint                page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (RapportDeliveryList *self,
           guint                page)
{
  g_autoptr(GError) error = NULL;
  guint start = page * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->ids->len - start);
  const gint64 *ids = &g_array_index (self->ids, gint64, start);
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *rows = g_ptr_array_new_full (count, g_object_unref);

  records = self->query.mode == RAPPORT_DELIVERY_LIST_WARRANTIES
            ? rapport_warranty_repository_load (self->warranties, ids, count, &error)
            : rapport_delivery_repository_load (self->deliveries, ids, count, &error);
  if (records == NULL)
    /* The rows stay empty until the next change; the person is told why. */
    g_signal_emit (self, signals[FAILED], 0, error);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gpointer record = g_ptr_array_steal_index (records, i--);

      g_ptr_array_add (rows, self->query.mode == RAPPORT_DELIVERY_LIST_WARRANTIES
                             ? rapport_delivery_item_new_warranty (record)
                             : rapport_delivery_item_new_delivery (record));
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  return rows;
}

static RapportDeliveryItem *
find_in_page (GPtrArray *rows,
              gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    if (rapport_delivery_item_get_id (g_ptr_array_index (rows, i)) == id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RapportDeliveryList *self = RAPPORT_DELIVERY_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;
  RapportDeliveryItem *item;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  touch_page (self, page);

  /* A row gone since the query ran is missing from its page; the change
   * that removed it reloads the list. */
  id = g_array_index (self->ids, gint64, position);
  item = position % PAGE_SIZE < rows->len
         && rapport_delivery_item_get_id (g_ptr_array_index (rows, position % PAGE_SIZE)) == id
         ? g_ptr_array_index (rows, position % PAGE_SIZE) : find_in_page (rows, id);
  if (item == NULL)
    {
      if (self->query.mode == RAPPORT_DELIVERY_LIST_WARRANTIES)
        {
          RapportWarranty *gone = g_new0 (RapportWarranty, 1);

          gone->id = id;
          return rapport_delivery_item_new_warranty (gone);
        }
      else
        {
          RapportDelivery *gone = rapport_delivery_new (0);

          gone->id = id;
          return rapport_delivery_item_new_delivery (gone);
        }
    }
  return g_object_ref (item);
}

static void
rapport_delivery_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
set_loading (RapportDeliveryList *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
forget_pages (RapportDeliveryList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
install_ids (GListModel *model,
             GArray     *ids)
{
  RapportDeliveryList *self = RAPPORT_DELIVERY_LIST (model);

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  forget_pages (self);
}

static void start_query (RapportDeliveryList *self);

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportDeliveryList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old = NULL;
  guint prefix, suffix;

  ids = RAPPORT_IS_WARRANTY_REPOSITORY (source)
        ? rapport_warranty_repository_search_finish (RAPPORT_WARRANTY_REPOSITORY (source), result, &error)
        : rapport_delivery_repository_search_finish (RAPPORT_DELIVERY_REPOSITORY (source), result, &error);
  if (ids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_clear_object (&self->cancellable);
  old = g_array_ref (self->ids);
  _rapport_ids_replace (G_LIST_MODEL (self), old, ids, TRUE, install_ids, &prefix, &suffix);
  /* The first screen is in; the rest follows, added at the end. */
  if (self->first_part && ids->len == FIRST_IDS)
    {
      self->first_part = FALSE;
      start_query (self);
      return;
    }
  self->first_part = FALSE;
  set_loading (self, FALSE);
}

/* Runs the query the list needs now; a running one is given up. */
static void
start_query (RapportDeliveryList *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->query.deliveries.today == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->query.mode == RAPPORT_DELIVERY_LIST_WARRANTIES)
    {
      RapportWarrantyFilter filter = { self->query.deliveries.today, self->query.warranty_to,
                                       self->query.deliveries.text, 0, self->first_part ? FIRST_IDS : 0 };

      rapport_warranty_repository_search_async (self->warranties, &filter, self->cancellable,
                                                on_search_done, g_object_ref (self));
    }
  else
    {
      self->query.deliveries.limit = self->first_part ? FIRST_IDS : 0;
      rapport_delivery_repository_search_async (self->deliveries, &self->query.deliveries, self->cancellable,
                                                on_search_done, g_object_ref (self));
    }
}

static void
on_database_changed (RapportDatabase     *database,
                     const char          *kind,
                     gint64               id,
                     gboolean             many,
                     RapportDeliveryList *self)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_DELIVERY)
      || rapport_database_change_concerns (kind, RAPPORT_KIND_WARRANTY)
      || rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER)
      || rapport_database_change_concerns (kind, RAPPORT_KIND_CLIENT))
    start_query (self);
}

static void
rapport_delivery_list_dispose (GObject *object)
{
  RapportDeliveryList *self = RAPPORT_DELIVERY_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rapport_delivery_list_parent_class)->dispose (object);
}

static void
rapport_delivery_list_finalize (GObject *object)
{
  RapportDeliveryList *self = RAPPORT_DELIVERY_LIST (object);

  forget_pages (self);
  g_hash_table_unref (self->pages);
  g_array_unref (self->ids);
  query_clear (&self->query);
  g_clear_object (&self->deliveries);
  g_clear_object (&self->warranties);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_delivery_list_parent_class)->finalize (object);
}

static void
rapport_delivery_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportDeliveryList *self = RAPPORT_DELIVERY_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_delivery_list_class_init (RapportDeliveryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_delivery_list_dispose;
  object_class->finalize = rapport_delivery_list_finalize;
  object_class->get_property = rapport_delivery_list_get_property;

  /**
   * RapportDeliveryList:loading:
   *
   * Whether a query is running.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportDeliveryList::failed:
   * @self: the list
   * @error: what went wrong, in words for a person
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rapport_delivery_list_init (RapportDeliveryList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * rapport_delivery_list_new:
 * @database: the database
 *
 * Returns: (transfer full): an empty list, until a query is set
 */
RapportDeliveryList *
rapport_delivery_list_new (RapportDatabase *database)
{
  RapportDeliveryList *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_DELIVERY_LIST, NULL);
  self->database = g_object_ref (database);
  self->deliveries = rapport_delivery_repository_new (database);
  self->warranties = rapport_warranty_repository_new (database);
  g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed), self, 0);
  return self;
}

/**
 * rapport_delivery_list_set_query:
 * @self: the list
 * @mode: deliveries or warranties
 * @when: which deliveries' days
 * @today: today, `YYYY-MM-DD`
 * @days: for warranties: ending within this many days from @today
 * @text: (nullable): what to look for
 *
 * Runs the query in a worker; the list changes when it is back.
 */
void
rapport_delivery_list_set_query (RapportDeliveryList     *self,
                                 RapportDeliveryListMode  mode,
                                 RapportDeliveryWhen      when,
                                 const char              *today,
                                 guint                    days,
                                 const char              *text)
{
  g_return_if_fail (RAPPORT_IS_DELIVERY_LIST (self));
  g_return_if_fail (today != NULL);

  if (self->query.mode != mode && self->ids->len > 0)
    {
      /* Rows of the other kind: gone at once, never shown as this kind. */
      guint n = self->ids->len;

      g_array_set_size (self->ids, 0);
      forget_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }
  query_clear (&self->query);
  self->query.mode = mode;
  self->query.deliveries.when = when;
  self->query.deliveries.today = g_strdup (today);
  self->query.deliveries.text = g_strdup (text);
  self->query.warranty_to = rapport_day_shift (today, (int) MIN (days, 36500));
  self->first_part = TRUE;
  start_query (self);
}

RapportDeliveryListMode
rapport_delivery_list_get_mode (RapportDeliveryList *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_LIST (self), RAPPORT_DELIVERY_LIST_DELIVERIES);
  return self->query.mode;
}

gboolean
rapport_delivery_list_get_loading (RapportDeliveryList *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_LIST (self), FALSE);
  return self->loading;
}

gint64
rapport_delivery_list_get_id (RapportDeliveryList *self,
                              guint                position)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_LIST (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}
