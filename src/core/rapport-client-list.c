/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-client-list-private.h"
#include "rapport-client-repository-private.h"
#include "rapport-client-slot-private.h"
#include "rapport-core-enums.h"
#include "rapport-error.h"
#include "rapport-set-str-private.h"

/* The query yields only ids, cheap even for a million clients; rows are
 * loaded a page at a time when a widget asks for them, and only a few pages
 * are kept. */
#define PAGE_SIZE 32
#define MAX_PAGES 64
/* A new search shows its first rows first: ordering a million clients
 * takes tens of milliseconds, the first screen of them one. So a new
 * search asks for this many, shows them, then asks for all and adds the
 * rest at the end (an addition only, which views take without touching
 * the rows they show). GTK 4.8's list view keeps about 200 rows around
 * what it shows, so the rows past these are made again when the rest
 * comes, after the first frame; asking for 256 instead cost the search
 * itself more than that (measured with the benchmark, see README.md). */
#define FIRST_IDS 128
/* …and asks for the rest once the first rows had two frames' time to be
 * drawn: reading every match of a common word in a million clients, on
 * the other core, slowed the frame that shows the first ones (measured
 * with the benchmark, see README.md). */
#define REST_DELAY_MS 33

/* What started a query: what stays on screen depends on it. */
typedef enum
{
  CHANGE_SEARCH,   /* a new search, sort or filter: every row is shown anew */
  CHANGE_REST,     /* the rest of a search whose first rows are in */
  CHANGE_MANY,     /* many clients, or unknown ones, changed */
  CHANGE_ONE,      /* one client changed: the rest keep their rows */
} Change;

struct _RapportClientList
{
  GObject            parent_instance;

  RapportClientRepository *clients;
  char              *search;
  RapportClientSort  sort;
  gboolean           include_archived;

  GArray            *ids;
  GHashTable        *pages;       /* page index → GPtrArray of RapportClient */
  GHashTable        *slots;       /* position → RapportClientSlot someone holds (not owned) */
  GQueue             lru;         /* page indices, most recently used first */

  GCancellable      *cancellable;
  guint              rest_source; /* asks for the rest of a search */
  Change             change;      /* what started the query */
  gint64             changed_id;  /* with CHANGE_ONE */
  gboolean           loading;
  gboolean           first_part;  /* the running query asks for FIRST_IDS */
  gboolean           partial;     /* the first FIRST_IDS are in, the rest are read */
  GError            *initial_error;
  guint              n_reloads;   /* searches again after a change */
  gboolean           stale;       /* the last search failed: the ids are not its result */
};

static void rapport_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportClientList, rapport_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rapport_client_list_model_init))

enum {
  PROP_0,
  PROP_CLIENTS,
  PROP_SEARCH,
  PROP_SORT,
  PROP_INCLUDE_ARCHIVED,
  PROP_LOADING,
  PROP_PARTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
rapport_client_list_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_CLIENT_SLOT;
}

static guint
rapport_client_list_get_n_items (GListModel *model)
{
  return RAPPORT_CLIENT_LIST (model)->ids->len;
}

static void
forget_pages (RapportClientList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

/* Forgets the rows read for positions @first to @last, inclusive. */
static void
forget_positions (RapportClientList *self,
                  guint              first,
                  guint              last)
{
  GList *link = self->lru.head;

  while (link != NULL)
    {
      GList *next = link->next;
      guint page = GPOINTER_TO_UINT (link->data);

      if (page >= first / PAGE_SIZE && page <= last / PAGE_SIZE)
        {
          g_hash_table_remove (self->pages, link->data);
          g_queue_delete_link (&self->lru, link);
        }
      link = next;
    }
}

static void
touch_page (RapportClientList *self,
            guint              page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (RapportClientList *self,
           guint              page)
{
  g_autoptr(GError) error = NULL;
  guint start = page * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->ids->len - start);
  GPtrArray *clients;

  /* A search's rows say what matched when it is not what they show, so
   * they need every phone, e-mail and address. */
  clients = (*self->search != '\0' ? rapport_client_repository_load_details
                                    : rapport_client_repository_load) (self->clients,
                                                                       &g_array_index (self->ids, gint64, start),
                                                                       count, &error);
  if (clients == NULL)
    {
      /* The rows show only what the list knows until the next change
       * reloads them; the person is told why. */
      g_signal_emit (self, signals[FAILED], 0, error);
      clients = g_ptr_array_new_full (count, g_object_unref);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), clients);
  return clients;
}

/* The client at @position, read with its page when not held. */
static RapportClient *
client_at (RapportClientList *self,
           guint              position)
{
  guint page = position / PAGE_SIZE;
  GPtrArray *clients;
  RapportClient *client = NULL;

  clients = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (clients == NULL)
    clients = load_page (self, page);
  touch_page (self, page);

  if (position % PAGE_SIZE < clients->len)
    client = g_ptr_array_index (clients, position % PAGE_SIZE);

  if (client == NULL)
    {
      /* Gone since the query ran; the change that removed it reloads us. */
      client = rapport_client_new ();
      rapport_client_set_id (client, g_array_index (self->ids, gint64, position));
      return client;
    }

  return g_object_ref (client);
}

static void
on_slot_gone (gpointer  data,
              GObject  *where_the_object_was)
{
  RapportClientList *self = data;
  RapportClientSlot *slot = (RapportClientSlot *) where_the_object_was;
  gpointer key = GUINT_TO_POINTER (_rapport_client_slot_get_position (slot));

  if (g_hash_table_lookup (self->slots, key) == slot)
    g_hash_table_remove (self->slots, key);
}

/* The same slot for a place as long as anyone holds it: views keep their
 * row for it, and it shows what the place holds now. */
static gpointer
rapport_client_list_get_item (GListModel *model,
                              guint       position)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (model);
  g_autoptr(RapportClient) client = NULL;
  RapportClientSlot *slot;

  if (position >= self->ids->len)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  client = client_at (self, position);
  slot = _rapport_client_slot_new (position, client);
  g_object_weak_ref (G_OBJECT (slot), on_slot_gone, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

/* The slots held from @first on leave the list: whoever holds them keeps
 * what they showed. */
static void
release_slots (RapportClientList *self,
               guint              first,
               guint              last)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= first && GPOINTER_TO_UINT (key) <= last)
      {
        g_object_weak_unref (value, on_slot_gone, self);
        g_hash_table_iter_remove (&iter);
      }
}

/* The slots held at @first and after move by @delta places, with the
 * clients they show: one client left or came in before them. */
static void
move_slots (RapportClientList *self,
            guint              first,
            int                delta)
{
  GHashTable *moved = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position >= first)
        {
          position += delta;
          _rapport_client_slot_set_position (value, position);
        }
      g_hash_table_insert (moved, GUINT_TO_POINTER (position), value);
    }
  g_hash_table_unref (self->slots);
  self->slots = moved;
}

/* Shows in each held slot the client its place holds now, when it is
 * another than @old's at that place, or for every slot with @every_row,
 * or at @changed_position. */
static void
refresh_slots (RapportClientList *self,
               GArray            *old,
               gboolean           every_row,
               guint              changed_position)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position >= self->ids->len)
        continue;
      if (every_row || position == changed_position || position >= old->len
          || g_array_index (old, gint64, position) != g_array_index (self->ids, gint64, position))
        g_ptr_array_add (stale, g_object_ref (value));
    }

  /* Set after the walk: a row told of its new client may ask for more. */
  for (guint i = 0; i < stale->len; i++)
    {
      RapportClientSlot *slot = g_ptr_array_index (stale, i);
      g_autoptr(RapportClient) client = client_at (self, _rapport_client_slot_get_position (slot));

      _rapport_client_slot_set_client (slot, client);
    }
}

static void
rapport_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_client_list_get_item_type;
  iface->get_n_items = rapport_client_list_get_n_items;
  iface->get_item = rapport_client_list_get_item;
}

static void
set_loading (RapportClientList *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_partial (RapportClientList *self,
             gboolean           partial)
{
  if (self->partial == partial)
    return;
  self->partial = partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL]);
}

/* Replaces the ids. The places the lists have in common keep their
 * slots, which show their new clients (every one when many records
 * changed; the one that changed without moving too); only the count
 * changes, at the end: views keep their rows, and a search that finds
 * many rows adds them after the ones shown. */
static void
replace_ids (RapportClientList *self,
             GArray            *ids,
             Change             change,
             gint64             changed_id)
{
  g_autoptr(GArray) old = g_array_ref (self->ids);
  guint changed_position = G_MAXUINT;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  forget_pages (self);
  if (ids->len < old->len)
    release_slots (self, ids->len, G_MAXUINT);

  if (change == CHANGE_ONE)
    changed_position = rapport_client_list_find (self, changed_id);
  refresh_slots (self, old, change == CHANGE_MANY || change == CHANGE_SEARCH, changed_position);

  if (ids->len < old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), ids->len, old->len - ids->len, 0);
  else if (ids->len > old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), old->len, 0, ids->len - old->len);
}

static void start_query (RapportClientList *self,
                         Change             change,
                         gint64             changed_id);

static gboolean
start_rest (gpointer data)
{
  RapportClientList *self = data;

  self->rest_source = 0;
  start_query (self, CHANGE_REST, 0);
  return G_SOURCE_REMOVE;
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportClientList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = rapport_client_repository_search_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error);
  if (ids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      self->first_part = FALSE;
      self->stale = TRUE;
      set_partial (self, FALSE);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  g_clear_object (&self->cancellable);
  self->stale = FALSE;
  if (self->first_part)
    {
      self->first_part = FALSE;
      if (ids->len == FIRST_IDS)
        {
          /* The rest, found the same way, only adds rows after these. */
          replace_ids (self, ids, self->change, self->changed_id);
          set_partial (self, TRUE);
          self->rest_source = g_timeout_add (REST_DELAY_MS, start_rest, self);
          return;
        }
    }

  replace_ids (self, ids, self->change, self->changed_id);
  set_partial (self, FALSE);
  set_loading (self, FALSE);
}

static void
start_query (RapportClientList *self,
             Change             change,
             gint64             changed_id)
{
  if (self->cancellable != NULL || self->rest_source != 0)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_handle_id (&self->rest_source, g_source_remove);
      /* Of two different changes in a row, the reload must show both. */
      if (self->change != change || self->changed_id != changed_id)
        change = CHANGE_MANY;
    }
  g_clear_object (&self->cancellable);

  self->cancellable = g_cancellable_new ();
  self->change = change;
  self->changed_id = changed_id;
  set_loading (self, TRUE);
  if (self->first_part)
    rapport_client_repository_search_first_async (self->clients, self->search, self->sort,
                                                  self->include_archived, FIRST_IDS, self->cancellable,
                                                  on_search_done, g_object_ref (self));
  else
    rapport_client_repository_search_async (self->clients, self->search, self->sort,
                                            self->include_archived, self->cancellable,
                                            on_search_done, g_object_ref (self));
}

/* A new search, sort or filter: its first rows first. */
static void
start_new_search (RapportClientList *self)
{
  self->first_part = TRUE;
  set_partial (self, FALSE);
  start_query (self, CHANGE_SEARCH, 0);
}

/* Moves, adds or removes the one client that changed where it belongs
 * now, found by a few indexed reads (_rapport_client_repository_place()):
 * searching again reads the whole name order, tens of milliseconds at a
 * million clients. Only the rows whose place changed are told, as one
 * removal and one addition, or one change when it stayed. Returns FALSE
 * when only searching again can tell: a search or another change is
 * under way, the last one failed, or the file holds writes not heard of
 * yet. */
static gboolean
place_one (RapportClientList *self,
           gint64             id)
{
  RapportDatabase *database = rapport_client_repository_get_database (self->clients);
  g_autoptr(GError) error = NULL;
  guint old, position = 0;
  RapportClientPlace place;

  if (self->cancellable != NULL || self->partial || self->stale
      || _rapport_database_has_untold_writes (database))
    return FALSE;

  old = rapport_client_list_find (self, id);
  place = _rapport_client_repository_place (self->clients, self->search, self->sort,
                                            self->include_archived, id, self->ids, old,
                                            &position, &error);
  if (place == RAPPORT_CLIENT_PLACE_UNKNOWN)
    return FALSE;

  if (place == RAPPORT_CLIENT_PLACE_LISTED && position == old)
    {
      /* Its slot shows it anew; nothing moves. */
      forget_positions (self, old, old);
      refresh_slots (self, self->ids, FALSE, old);
      return TRUE;
    }

  if (old != G_MAXUINT)
    {
      forget_positions (self, old, G_MAXUINT);
      release_slots (self, old, old);
      move_slots (self, old + 1, -1);
      g_array_remove_index (self->ids, old);
      g_list_model_items_changed (G_LIST_MODEL (self), old, 1, 0);
    }
  if (place == RAPPORT_CLIENT_PLACE_LISTED)
    {
      forget_positions (self, position, G_MAXUINT);
      move_slots (self, position, 1);
      g_array_insert_val (self->ids, position, id);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  return TRUE;
}

static void
on_database_changed (RapportDatabase   *database,
                     const char        *kind,
                     gint64             id,
                     gboolean           many,
                     RapportClientList *self)
{
  if (!rapport_database_change_concerns (kind, RAPPORT_KIND_CLIENT))
    return;
  if (!many && kind != NULL && place_one (self, id))
    return;

  /* A change keeps the rows and the scroll place: all the ids at once,
   * unless the first rows of a new search are still being read; then
   * those are read again. */
  self->n_reloads++;
  start_query (self, many ? CHANGE_MANY : CHANGE_ONE, id);
}

static void
load_now (RapportClientList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = rapport_client_repository_search_first (self->clients, self->search, self->sort,
                                                self->include_archived, FIRST_IDS, &error);
  if (ids == NULL)
    {
      /* Nobody listens yet: the list starts empty and says why when it is
       * first asked (rapport_client_list_get_error()). */
      self->initial_error = g_steal_pointer (&error);
      self->stale = TRUE;
      return;
    }

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  /* The rest is read in the worker and added after these. */
  if (self->ids->len == FIRST_IDS)
    {
      set_partial (self, TRUE);
      start_query (self, CHANGE_REST, 0);
    }
}

static void
rapport_client_list_constructed (GObject *object)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (object);

  G_OBJECT_CLASS (rapport_client_list_parent_class)->constructed (object);

  g_signal_connect_object (rapport_client_repository_get_database (self->clients), "changed",
                           G_CALLBACK (on_database_changed), self, 0);
  /* The first list is there before the first frame: an indexed read. */
  load_now (self);
}

static void
rapport_client_list_dispose (GObject *object)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rest_source, g_source_remove);

  G_OBJECT_CLASS (rapport_client_list_parent_class)->dispose (object);
}

static void
rapport_client_list_finalize (GObject *object)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (object);

  forget_pages (self);
  g_hash_table_unref (self->pages);
  release_slots (self, 0, G_MAXUINT);
  g_hash_table_unref (self->slots);
  g_array_unref (self->ids);
  g_free (self->search);
  g_clear_error (&self->initial_error);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (rapport_client_list_parent_class)->finalize (object);
}

static void
rapport_client_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENTS: g_value_set_object (value, self->clients); break;
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_SORT: g_value_set_enum (value, self->sort); break;
    case PROP_INCLUDE_ARCHIVED: g_value_set_boolean (value, self->include_archived); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_PARTIAL: g_value_set_boolean (value, self->partial); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportClientList *self = RAPPORT_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENTS: self->clients = g_value_dup_object (value); break;
    case PROP_SEARCH: rapport_client_list_set_search (self, g_value_get_string (value)); break;
    case PROP_SORT: rapport_client_list_set_sort (self, g_value_get_enum (value)); break;
    case PROP_INCLUDE_ARCHIVED:
      rapport_client_list_set_include_archived (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_list_class_init (RapportClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = rapport_client_list_constructed;
  object_class->dispose = rapport_client_list_dispose;
  object_class->finalize = rapport_client_list_finalize;
  object_class->get_property = rapport_client_list_get_property;
  object_class->set_property = rapport_client_list_set_property;

  properties[PROP_CLIENTS] =
    g_param_spec_object ("clients", NULL, NULL, RAPPORT_TYPE_CLIENT_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, "", rw);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, RAPPORT_TYPE_CLIENT_SORT, RAPPORT_CLIENT_SORT_NAME, rw);
  properties[PROP_INCLUDE_ARCHIVED] =
    g_param_spec_boolean ("include-archived", NULL, NULL, FALSE, rw);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PARTIAL] =
    g_param_spec_boolean ("partial", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportClientList::failed:
   * @self: the list
   * @error: what went wrong, in words for a person
   *
   * A search or the loading of rows failed: the list shows what it had.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rapport_client_list_init (RapportClientList *self)
{
  self->search = g_strdup ("");
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->slots = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
}

/**
 * rapport_client_list_new:
 * @clients: the clients to list
 *
 * A list of clients that follows their database. Its items are
 * #RapportClientSlot places, each showing a client: when a search, sort,
 * filter or change brings other clients to the places, the slots show
 * them (#RapportClientSlot:client) and items-changed tells only that the
 * count changed, at the end; a client that moves is told as a removal
 * and an addition. A new search, run in a worker thread, shows its
 * first rows first, then adds the rest after them
 * (#RapportClientList:partial meanwhile). The first rows of all clients
 * are read at once, the rest in the worker.
 *
 * Returns: (transfer full): a #GListModel of #RapportClientSlot
 */
RapportClientList *
rapport_client_list_new (RapportClientRepository *clients)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (clients), NULL);

  return g_object_new (RAPPORT_TYPE_CLIENT_LIST, "clients", clients, NULL);
}

/**
 * rapport_client_list_get_error:
 * @self: a client list
 *
 * Returns: (transfer none) (nullable): why the first list could not be
 *   read, if it could not; later failures are told by #RapportClientList::failed
 */
const GError *
rapport_client_list_get_error (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), NULL);
  return self->initial_error;
}

const char *
rapport_client_list_get_search (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), NULL);
  return self->search;
}

void
rapport_client_list_set_search (RapportClientList *self,
                                const char        *search)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_LIST (self));

  if (!_rapport_set_str (&self->search, search ? search : ""))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (self->clients != NULL)
    start_new_search (self);
}

RapportClientSort
rapport_client_list_get_sort (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), RAPPORT_CLIENT_SORT_NAME);
  return self->sort;
}

void
rapport_client_list_set_sort (RapportClientList *self,
                              RapportClientSort  sort)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_LIST (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  if (self->clients != NULL)
    start_new_search (self);
}

gboolean
rapport_client_list_get_include_archived (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), FALSE);
  return self->include_archived;
}

void
rapport_client_list_set_include_archived (RapportClientList *self,
                                          gboolean           include_archived)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_LIST (self));

  include_archived = !!include_archived;
  if (self->include_archived == include_archived)
    return;
  self->include_archived = include_archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ARCHIVED]);
  if (self->clients != NULL)
    start_new_search (self);
}

/**
 * rapport_client_list_get_loading:
 * @self: a client list
 *
 * Returns: whether a search is running; the list shows the previous result
 *   until it ends
 */
gboolean
rapport_client_list_get_loading (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), FALSE);
  return self->loading;
}

/**
 * rapport_client_list_get_partial:
 * @self: a client list
 *
 * Returns: whether the list holds the first rows of a search while the
 *   rest are read; they are added after them
 */
gboolean
rapport_client_list_get_partial (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), FALSE);
  return self->partial;
}

/**
 * rapport_client_list_find:
 * @self: a client list
 * @id: a client id
 *
 * Returns: the position of the client, or %G_MAXUINT when not listed
 */
guint
rapport_client_list_find (RapportClientList *self,
                          gint64             id)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/**
 * rapport_client_list_get_id:
 * @self: a client list
 * @position: a position
 *
 * Returns: the id of the client at @position, without loading it, or 0
 */
gint64
rapport_client_list_get_id (RapportClientList *self,
                            guint              position)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/* How many times the list searched again after a change, rather than
 * placing the one client that changed: for tests and the benchmark. */
guint
_rapport_client_list_get_n_reloads (RapportClientList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), 0);
  return self->n_reloads;
}

/**
 * rapport_client_list_get_n_cached:
 * @self: a client list
 *
 * Returns: how many clients are held in memory now; never more than a few
 *   pages, however long the list
 */
guint
rapport_client_list_get_n_cached (RapportClientList *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_LIST (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((GPtrArray *) value)->len;
  return n;
}
