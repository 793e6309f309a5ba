/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Deliveries remind on their planned day, and stay overdue while late:
 * “delivery”. Its SQL is in the delivery repository
 * (rapport-delivery-repository-reminders.c). */

#include "rapport-delivery-repository.h"
#include "rapport-delivery-source.h"

struct _RapportDeliverySource
{
  GObject                    parent_instance;

  RapportDeliveryRepository *repository;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportDeliverySource, rapport_delivery_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_REMINDER_SOURCE_DELIVERY;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  return rapport_delivery_repository_collect_reminders (RAPPORT_DELIVERY_SOURCE (source)->repository,
                                                        RAPPORT_REMINDER_SOURCE_DELIVERY, range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  return rapport_delivery_repository_count_reminders (RAPPORT_DELIVERY_SOURCE (source)->repository,
                                                      from_day, to_day, n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  return rapport_delivery_repository_get_reminder (RAPPORT_DELIVERY_SOURCE (source)->repository,
                                                   RAPPORT_REMINDER_SOURCE_DELIVERY, item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  return rapport_delivery_repository_set_reminder_done (RAPPORT_DELIVERY_SOURCE (source)->repository,
                                                        item_id, done, error);
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
rapport_delivery_source_finalize (GObject *object)
{
  RapportDeliverySource *self = (RapportDeliverySource *) object;

  g_clear_object (&self->repository);

  G_OBJECT_CLASS (rapport_delivery_source_parent_class)->finalize (object);
}

static void
rapport_delivery_source_class_init (RapportDeliverySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_delivery_source_finalize;
}

static void
rapport_delivery_source_init (RapportDeliverySource *self)
{
}

/**
 * rapport_delivery_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of deliveries planned
 *   for the day, and of late ones
 */
RapportReminderSource *
rapport_delivery_source_new (RapportDatabase *database)
{
  RapportDeliverySource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_DELIVERY_SOURCE, NULL);
  self->repository = rapport_delivery_repository_new (database);
  return RAPPORT_REMINDER_SOURCE (self);
}
