/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* A reminder source as a table of its store's functions: what each
 * source used to write out as a class of its own. */

#include "rapport-table-source-private.h"

#define RAPPORT_TYPE_TABLE_SOURCE (rapport_table_source_get_type ())

G_DECLARE_FINAL_TYPE (RapportTableSource, rapport_table_source, RAPPORT, TABLE_SOURCE, GObject)

struct _RapportTableSource
{
  GObject                   parent_instance;

  const RapportSourceTable *table;
  GObject                  *store;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportTableSource, rapport_table_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_TABLE_SOURCE (source)->table->name;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportTableSource *self = RAPPORT_TABLE_SOURCE (source);
  const RapportSourceTable *table = self->table;

  if (table->collect_flag != NULL)
    return table->collect_flag (self->store, table->flag, table->name, range, into, error);
  return table->collect (self->store, table->name, range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportTableSource *self = RAPPORT_TABLE_SOURCE (source);
  const RapportSourceTable *table = self->table;

  if (table->count_flag != NULL)
    return table->count_flag (self->store, table->flag, from_day, to_day, n, error);
  return table->count (self->store, from_day, to_day, n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportTableSource *self = RAPPORT_TABLE_SOURCE (source);
  const RapportSourceTable *table = self->table;

  if (table->lookup_flag != NULL)
    return table->lookup_flag (self->store, table->flag, table->name, item_id, error);
  return table->lookup (self->store, table->name, item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportTableSource *self = RAPPORT_TABLE_SOURCE (source);
  const RapportSourceTable *table = self->table;

  if (table->set_done_flag != NULL)
    return table->set_done_flag (self->store, table->flag, item_id, done, error);
  return table->set_done (self->store, item_id, done, error);
}

static void
reminder_source_iface_init (RapportReminderSourceInterface *iface)
{
  iface->get_name = get_name;
  iface->collect = collect;
  iface->count = count;
  iface->lookup = lookup;
  iface->set_done = set_done;
}

static void
rapport_table_source_finalize (GObject *object)
{
  RapportTableSource *self = (RapportTableSource *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_table_source_parent_class)->finalize (object);
}

static void
rapport_table_source_class_init (RapportTableSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_table_source_finalize;
}

static void
rapport_table_source_init (RapportTableSource *self)
{
}

/**
 * _rapport_table_source_new:
 * @table: the source's name and functions; static, never freed
 * @store: (transfer full): the repository or database the functions are
 *   given
 *
 * Returns: (transfer full): the source
 */
RapportReminderSource *
_rapport_table_source_new (const RapportSourceTable *table,
                           gpointer                  store)
{
  RapportTableSource *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail ((table->collect != NULL) != (table->collect_flag != NULL), NULL);
  g_return_val_if_fail (G_IS_OBJECT (store), NULL);

  self = g_object_new (RAPPORT_TYPE_TABLE_SOURCE, NULL);
  self->table = table;
  self->store = store;
  return RAPPORT_REMINDER_SOURCE (self);
}
