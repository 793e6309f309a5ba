/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Regular clients who have not come back for twice their usual interval
 * (“Anna is overdue for a visit”), due on the day they reached it. Its SQL
 * is with the rest of the analytics (rapport-analytics.c); done means the
 * person called, for this absence. */

#include "rapport-analytics-private.h"
#include "rapport-slipping-away-source.h"

struct _RapportSlippingAwaySource
{
  GObject          parent_instance;

  RapportDatabase *database;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportSlippingAwaySource, rapport_slipping_away_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_REMINDER_SOURCE_SLIPPING_AWAY;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportSlippingAwaySource *self = RAPPORT_SLIPPING_AWAY_SOURCE (source);

  return _rapport_analytics_collect_win_backs (self->database, get_name (source), range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportSlippingAwaySource *self = RAPPORT_SLIPPING_AWAY_SOURCE (source);

  return _rapport_analytics_count_win_backs (self->database, from_day, to_day, n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportSlippingAwaySource *self = RAPPORT_SLIPPING_AWAY_SOURCE (source);

  return _rapport_analytics_get_win_back (self->database, get_name (source), item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportSlippingAwaySource *self = RAPPORT_SLIPPING_AWAY_SOURCE (source);

  return _rapport_analytics_set_win_back_done (self->database, item_id, done, error);
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
rapport_slipping_away_source_finalize (GObject *object)
{
  RapportSlippingAwaySource *self = (RapportSlippingAwaySource *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_slipping_away_source_parent_class)->finalize (object);
}

static void
rapport_slipping_away_source_class_init (RapportSlippingAwaySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_slipping_away_source_finalize;
}

static void
rapport_slipping_away_source_init (RapportSlippingAwaySource *self)
{
}

/**
 * rapport_slipping_away_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of regular clients
 *   slipping away
 */
RapportReminderSource *
rapport_slipping_away_source_new (RapportDatabase *database)
{
  RapportSlippingAwaySource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_SLIPPING_AWAY_SOURCE, NULL);
  self->database = g_object_ref (database);
  return RAPPORT_REMINDER_SOURCE (self);
}
