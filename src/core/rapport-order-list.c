/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-client-repository.h"
#include "rapport-error.h"
#include "rapport-id-list-private.h"
#include "rapport-order-list.h"

/* The Orders list: a #GListModel over the ids a filter lets through,
 * newest first. The query yields only ids and runs in a worker thread;
 * rows are read a page at a time when a view asks for them, and only a
 * few pages are kept.
 *
 * A new filter shows its newest rows first: a million ids take a few
 * hundred milliseconds to read, the first screen of them a millisecond.
 * So a new filter asks for FIRST_IDS ids, shows them, then asks for all
 * and adds the rest at the end (an addition only, which views take
 * without touching the rows they show). Changes are told as the client
 * list tells them (rapport-id-list.c). */
#define PAGE_SIZE 64
#define MAX_PAGES 32
#define FIRST_IDS 128

/* What the rows on screen need once the query is back. */
typedef enum
{
  CHANGED_NONE,   /* nothing but which orders are listed */
  CHANGED_ONE,    /* one order changed: only its row is told anew */
  CHANGED_MANY,   /* many orders, or unknown ones: every row is */
} Changed;

struct _RapportOrderList
{
  GObject                 parent_instance;

  RapportOrderRepository *orders;
  RapportOrderFilter     *filter;
  GArray                 *ids;
  GHashTable             *pages;      /* page index → GPtrArray of RapportOrder */
  GQueue                  lru;
  GCancellable           *cancellable;
  Changed                 changed;    /* since the last complete query */
  gint64                  changed_id; /* with CHANGED_ONE */
  gboolean                first_part; /* the running query asks for FIRST_IDS */
  gboolean                partial;    /* the newest FIRST_IDS are in, the rest are read */
  gboolean                loading;
};

static void rapport_order_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportOrderList, rapport_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rapport_order_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_PARTIAL,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_ORDER;
}

static guint
get_n_items (GListModel *model)
{
  return RAPPORT_ORDER_LIST (model)->ids->len;
}

static void
touch_page (RapportOrderList *self,
            guint             page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (RapportOrderList *self,
           guint             page)
{
  g_autoptr(GError) error = NULL;
  guint start = page * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->ids->len - start);
  GPtrArray *rows;

  rows = rapport_order_repository_load (self->orders, &g_array_index (self->ids, gint64, start), count, &error);
  if (rows == NULL)
    {
      /* The rows show only their numbers until the next change; the
       * person is told why. */
      g_signal_emit (self, signals[FAILED], 0, error);
      rows = g_ptr_array_new_full (count, g_object_unref);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RapportOrderList *self = RAPPORT_ORDER_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;
  RapportOrder *order = NULL;

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    rows = load_page (self, page);
  touch_page (self, page);

  if (position % PAGE_SIZE < rows->len)
    order = g_ptr_array_index (rows, position % PAGE_SIZE);
  if (order == NULL)
    {
      /* Gone since the query ran; the change that removed it reloads us. */
      order = rapport_order_new (0);
      rapport_order_set_id (order, g_array_index (self->ids, gint64, position));
      return order;
    }
  return g_object_ref (order);
}

static void
rapport_order_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
set_loading (RapportOrderList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_partial (RapportOrderList *self,
             gboolean          partial)
{
  if (self->partial == partial)
    return;
  self->partial = partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL]);
}

static void
forget_pages (RapportOrderList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
install_ids (GListModel *model,
             GArray     *ids)
{
  RapportOrderList *self = RAPPORT_ORDER_LIST (model);

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  forget_pages (self);
}

/* Replaces the ids and tells the views which span differs: the rows
 * before and after it keep their widgets and their place. Every row is
 * told anew when many orders changed, and the one order that changed
 * when it kept its place. */
static void
replace_ids (RapportOrderList *self,
             GArray           *ids,
             Changed           changed,
             gint64            changed_id)
{
  g_autoptr(GArray) old = g_array_ref (self->ids);
  guint prefix, suffix, position;

  _rapport_ids_replace (G_LIST_MODEL (self), old, ids, changed == CHANGED_MANY, install_ids, &prefix, &suffix);

  position = changed == CHANGED_ONE ? rapport_order_list_find (self, changed_id) : G_MAXUINT;
  if (position != G_MAXUINT && (position < prefix || position >= ids->len - suffix))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void start_query (RapportOrderList *self);

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportOrderList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = rapport_order_repository_search_finish (RAPPORT_ORDER_REPOSITORY (source), result, &error);
  if (ids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      self->first_part = FALSE;
      set_partial (self, FALSE);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_clear_object (&self->cancellable);

  /* The newest rows of a new filter: the rows that changed meanwhile are
   * told when all the ids are in, unless these are all there are. */
  if (self->first_part)
    {
      self->first_part = FALSE;
      if (ids->len == FIRST_IDS)
        {
          replace_ids (self, ids, CHANGED_NONE, 0);
          set_partial (self, TRUE);
          start_query (self);
          return;
        }
    }

  replace_ids (self, ids, self->changed, self->changed_id);
  self->changed = CHANGED_NONE;
  self->changed_id = 0;
  set_partial (self, FALSE);
  set_loading (self, FALSE);
}

/* Runs the query the list needs now; a running one is given up. */
static void
start_query (RapportOrderList *self)
{
  g_autoptr(RapportOrderFilter) filter = rapport_order_filter_copy (self->filter);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->first_part)
    filter->limit = filter->limit > 0 ? MIN (filter->limit, FIRST_IDS) : FIRST_IDS;
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  rapport_order_repository_search_async (self->orders, filter, self->cancellable,
                                         on_search_done, g_object_ref (self));
}

/* Of two changes before a query is back, the reload shows both. */
static void
note_changed (RapportOrderList *self,
              Changed           changed,
              gint64            id)
{
  if (changed == CHANGED_ONE && self->changed == CHANGED_NONE)
    {
      self->changed = CHANGED_ONE;
      self->changed_id = id;
    }
  else if (changed != CHANGED_ONE || self->changed != CHANGED_ONE || self->changed_id != id)
    self->changed = CHANGED_MANY;
}

/* Reads again the rows read for @client_id's orders, and tells them. */
static void
show_client_again (RapportOrderList *self,
                   gint64            client_id)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;
      gboolean shown = FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          RapportOrder *order = g_ptr_array_index (rows, i);

          if (order != NULL && rapport_order_get_client_id (order) == client_id)
            {
              guint position = GPOINTER_TO_UINT (key) * PAGE_SIZE + i;

              g_array_append_val (positions, position);
              shown = TRUE;
            }
        }
      if (shown)
        {
          g_queue_remove (&self->lru, key);
          g_hash_table_iter_remove (&iter);
        }
    }

  for (guint i = 0; i < positions->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (positions, guint, i), 1, 1);
}

static void
on_database_changed (RapportDatabase  *database,
                     const char       *kind,
                     gint64            id,
                     gboolean          many,
                     RapportOrderList *self)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER))
    note_changed (self, many || kind == NULL ? CHANGED_MANY : CHANGED_ONE, id);
  else if (!rapport_database_change_concerns (kind, RAPPORT_KIND_CLIENT))
    return;
  else if (!many && (self->filter->text == NULL || *self->filter->text == '\0'))
    {
      /* One client's new name shows in the rows of its orders that were
       * read; which orders are listed does not change. */
      show_client_again (self, id);
      return;
    }
  else
    note_changed (self, CHANGED_MANY, 0);
  start_query (self);
}

static void
rapport_order_list_dispose (GObject *object)
{
  RapportOrderList *self = RAPPORT_ORDER_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rapport_order_list_parent_class)->dispose (object);
}

static void
rapport_order_list_finalize (GObject *object)
{
  RapportOrderList *self = RAPPORT_ORDER_LIST (object);

  forget_pages (self);
  g_hash_table_unref (self->pages);
  g_array_unref (self->ids);
  g_clear_pointer (&self->filter, rapport_order_filter_free);
  g_clear_object (&self->orders);

  G_OBJECT_CLASS (rapport_order_list_parent_class)->finalize (object);
}

static void
rapport_order_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportOrderList *self = RAPPORT_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_PARTIAL: g_value_set_boolean (value, self->partial); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_order_list_class_init (RapportOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_order_list_dispose;
  object_class->finalize = rapport_order_list_finalize;
  object_class->get_property = rapport_order_list_get_property;

  /**
   * RapportOrderList:loading:
   *
   * Whether a query is running: the ids are not all in yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RapportOrderList:partial:
   *
   * Whether the list holds only the newest rows of its filter while it
   * reads the rest, which come at the end. A list that is loading and
   * not partial still shows its former rows.
   */
  properties[PROP_PARTIAL] =
    g_param_spec_boolean ("partial", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportOrderList::failed:
   * @self: the list
   * @error: what went wrong, in words for a person
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rapport_order_list_init (RapportOrderList *self)
{
  self->filter = rapport_order_filter_copy (NULL);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * rapport_order_list_new:
 * @orders: the orders to list
 *
 * A list of all orders, newest first, that follows the database: every
 * change reloads it. It starts empty and loading.
 *
 * Returns: (transfer full): a #GListModel of #RapportOrder
 */
RapportOrderList *
rapport_order_list_new (RapportOrderRepository *orders)
{
  RapportOrderList *self;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (orders), NULL);

  self = g_object_new (RAPPORT_TYPE_ORDER_LIST, NULL);
  self->orders = g_object_ref (orders);
  g_signal_connect_object (rapport_order_repository_get_database (orders), "changed",
                           G_CALLBACK (on_database_changed), self, 0);
  self->first_part = TRUE;
  start_query (self);
  return self;
}

const RapportOrderFilter *
rapport_order_list_get_filter (RapportOrderList *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LIST (self), NULL);
  return self->filter;
}

/**
 * rapport_order_list_set_filter:
 * @self: the list
 * @filter: which orders to list; copied
 *
 * The list shows the newest orders the filter lets through when they are
 * read, then adds the rest at the end (#RapportOrderList:partial meanwhile).
 */
void
rapport_order_list_set_filter (RapportOrderList         *self,
                               const RapportOrderFilter *filter)
{
  g_return_if_fail (RAPPORT_IS_ORDER_LIST (self));
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&self->filter, rapport_order_filter_free);
  self->filter = rapport_order_filter_copy (filter);
  self->first_part = TRUE;
  set_partial (self, FALSE);
  start_query (self);
}

gboolean
rapport_order_list_get_loading (RapportOrderList *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LIST (self), FALSE);
  return self->loading;
}

gboolean
rapport_order_list_get_partial (RapportOrderList *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LIST (self), FALSE);
  return self->partial;
}

/**
 * rapport_order_list_get_id:
 * @self: the list
 * @position: a position
 *
 * Returns: the order at @position, without loading it, or 0
 */
gint64
rapport_order_list_get_id (RapportOrderList *self,
                           guint             position)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LIST (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

/**
 * rapport_order_list_find:
 * @self: the list
 * @id: an order's id
 *
 * Returns: its position, or %G_MAXUINT when not listed
 */
guint
rapport_order_list_find (RapportOrderList *self,
                         gint64            id)
{
  g_return_val_if_fail (RAPPORT_IS_ORDER_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}
