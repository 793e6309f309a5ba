/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-reminder-source.h"

G_DEFINE_INTERFACE (RapportReminderSource, rapport_reminder_source, G_TYPE_OBJECT)

static void
rapport_reminder_source_default_init (RapportReminderSourceInterface *iface)
{
}

const char *
rapport_reminder_source_get_name (RapportReminderSource *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_SOURCE (self), NULL);
  return RAPPORT_REMINDER_SOURCE_GET_IFACE (self)->get_name (self);
}

gboolean
rapport_reminder_source_collect (RapportReminderSource       *self,
                                 const RapportReminderRange  *range,
                                 GPtrArray                   *into,
                                 GError                     **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_SOURCE (self), FALSE);
  g_return_val_if_fail (range != NULL && range->to_day != NULL, FALSE);
  return RAPPORT_REMINDER_SOURCE_GET_IFACE (self)->collect (self, range, into, error);
}

gboolean
rapport_reminder_source_count (RapportReminderSource  *self,
                               const char             *from_day,
                               const char             *to_day,
                               guint                  *count,
                               GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_SOURCE (self), FALSE);
  g_return_val_if_fail (to_day != NULL, FALSE);
  return RAPPORT_REMINDER_SOURCE_GET_IFACE (self)->count (self, from_day, to_day, count, error);
}

RapportReminder *
rapport_reminder_source_lookup (RapportReminderSource  *self,
                                gint64                  item_id,
                                GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_SOURCE (self), NULL);
  return RAPPORT_REMINDER_SOURCE_GET_IFACE (self)->lookup (self, item_id, error);
}

gboolean
rapport_reminder_source_set_done (RapportReminderSource  *self,
                                  gint64                  item_id,
                                  gboolean                done,
                                  GError                **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDER_SOURCE (self), FALSE);
  return RAPPORT_REMINDER_SOURCE_GET_IFACE (self)->set_done (self, item_id, done, error);
}
