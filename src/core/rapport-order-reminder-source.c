/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Orders remind of two things: a sale whose payment day passed with money
 * still owed (“payment-due”), and a quote about to end (“quote-end”), a
 * couple of days before its last day. One class serves both; its SQL is in
 * the order repository (rapport-order-repository-reminders.c). Done means
 * the person dealt with it without the money or the answer having come. */

#include "rapport-order-reminder-source.h"
#include "rapport-order-repository.h"

struct _RapportOrderReminderSource
{
  GObject                 parent_instance;

  RapportOrderRepository *repository;
  gboolean                payments;
};

static void reminder_source_iface_init (RapportReminderSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportOrderReminderSource, rapport_order_reminder_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE,
                                                      reminder_source_iface_init))

static const char *
get_name (RapportReminderSource *source)
{
  return RAPPORT_ORDER_REMINDER_SOURCE (source)->payments ? RAPPORT_REMINDER_SOURCE_PAYMENT_DUE
                                                          : RAPPORT_REMINDER_SOURCE_QUOTE_END;
}

static gboolean
collect (RapportReminderSource       *source,
         const RapportReminderRange  *range,
         GPtrArray                   *into,
         GError                     **error)
{
  RapportOrderReminderSource *self = RAPPORT_ORDER_REMINDER_SOURCE (source);

  return rapport_order_repository_collect_reminders (self->repository, self->payments, get_name (source),
                                                     range, into, error);
}

static gboolean
count (RapportReminderSource  *source,
       const char             *from_day,
       const char             *to_day,
       guint                  *n,
       GError                **error)
{
  RapportOrderReminderSource *self = RAPPORT_ORDER_REMINDER_SOURCE (source);

  return rapport_order_repository_count_reminders (self->repository, self->payments, from_day, to_day,
                                                   n, error);
}

static RapportReminder *
lookup (RapportReminderSource  *source,
        gint64                  item_id,
        GError                **error)
{
  RapportOrderReminderSource *self = RAPPORT_ORDER_REMINDER_SOURCE (source);

  return rapport_order_repository_get_reminder (self->repository, self->payments, get_name (source),
                                                item_id, error);
}

static gboolean
set_done (RapportReminderSource  *source,
          gint64                  item_id,
          gboolean                done,
          GError                **error)
{
  RapportOrderReminderSource *self = RAPPORT_ORDER_REMINDER_SOURCE (source);

  return rapport_order_repository_set_reminder_done (self->repository, self->payments, item_id, done, error);
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
rapport_order_reminder_source_finalize (GObject *object)
{
  RapportOrderReminderSource *self = (RapportOrderReminderSource *) object;

  g_clear_object (&self->repository);

  G_OBJECT_CLASS (rapport_order_reminder_source_parent_class)->finalize (object);
}

static void
rapport_order_reminder_source_class_init (RapportOrderReminderSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_order_reminder_source_finalize;
}

static void
rapport_order_reminder_source_init (RapportOrderReminderSource *self)
{
}

static RapportReminderSource *
new_source (RapportDatabase *database,
            gboolean         payments)
{
  RapportOrderReminderSource *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_ORDER_REMINDER_SOURCE, NULL);
  self->repository = rapport_order_repository_new (database);
  self->payments = payments;
  return RAPPORT_REMINDER_SOURCE (self);
}

/**
 * rapport_payment_due_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of sales still to be
 *   paid after their payment day
 */
RapportReminderSource *
rapport_payment_due_source_new (RapportDatabase *database)
{
  return new_source (database, TRUE);
}

/**
 * rapport_quote_end_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of quotes about to end
 */
RapportReminderSource *
rapport_quote_end_source_new (RapportDatabase *database)
{
  return new_source (database, FALSE);
}
