/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Warranties remind twice: the notice days before their end
 * (“warranty-soon”, to offer an extended warranty) and on their last day
 * (“warranty-end”). One class serves both; its SQL is in the warranty
 * repository. */

#include "rapport-warranty-repository.h"
#include "rapport-warranty-source.h"

struct _RapportWarrantySource
{
  GObject                    parent_instance;

  RapportWarrantyRepository *repository;
  gboolean                   on_the_day;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportWarrantySource, rapport_warranty_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_WARRANTY_SOURCE (source)->on_the_day ? RAPPORT_REMINDER_SOURCE_WARRANTY_END
                                                      : RAPPORT_REMINDER_SOURCE_WARRANTY_SOON;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportWarrantySource *self = RAPPORT_WARRANTY_SOURCE (source);

  return rapport_warranty_repository_collect_reminders (self->repository, self->on_the_day, get_name (source),
                                                        range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportWarrantySource *self = RAPPORT_WARRANTY_SOURCE (source);

  return rapport_warranty_repository_count_reminders (self->repository, self->on_the_day, from_day, to_day,
                                                      n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportWarrantySource *self = RAPPORT_WARRANTY_SOURCE (source);

  return rapport_warranty_repository_get_reminder (self->repository, self->on_the_day, get_name (source),
                                                   item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportWarrantySource *self = RAPPORT_WARRANTY_SOURCE (source);

  return rapport_warranty_repository_set_reminder_done (self->repository, self->on_the_day, item_id, done,
                                                        error);
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
rapport_warranty_source_finalize (GObject *object)
{
  RapportWarrantySource *self = (RapportWarrantySource *) object;

  g_clear_object (&self->repository);

  G_OBJECT_CLASS (rapport_warranty_source_parent_class)->finalize (object);
}

static void
rapport_warranty_source_class_init (RapportWarrantySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_warranty_source_finalize;
}

static void
rapport_warranty_source_init (RapportWarrantySource *self)
{
}

static RapportReminderSource *
new_source (RapportDatabase *database,
            gboolean         on_the_day)
{
  RapportWarrantySource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_WARRANTY_SOURCE, NULL);
  self->repository = rapport_warranty_repository_new (database);
  self->on_the_day = on_the_day;
  return RAPPORT_REMINDER_SOURCE (self);
}

/**
 * rapport_warranty_soon_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of warranties ending
 *   within the notice days (rapport_warranty_repository_get_notice_days())
 */
RapportReminderSource *
rapport_warranty_soon_source_new (RapportDatabase *database)
{
  return new_source (database, FALSE);
}

/**
 * rapport_warranty_end_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of warranties on
 *   their last day
 */
RapportReminderSource *
rapport_warranty_end_source_new (RapportDatabase *database)
{
  return new_source (database, TRUE);
}
