/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names when a reminder's state
 * changed (snoozed, dismissed, notified); the id is unused. */
#define RAPPORT_KIND_REMINDER "reminder"

/**
 * RapportReminderState:
 * @source: the source's name
 * @item_id: the source's record
 * @notified_due: the due moment it was last notified for, or 0
 * @notified_at: when, or 0
 * @snoozed_until: when a snooze ends, or 0
 * @dismissed_at: when it was dismissed, or 0
 *
 * What happened to one reminder, as kept under its identity.
 */
typedef struct
{
  char   *source;
  gint64  item_id;
  gint64  notified_due;
  gint64  notified_at;
  gint64  snoozed_until;
  gint64  dismissed_at;
} RapportReminderState;

void rapport_reminder_state_free (RapportReminderState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportReminderState, rapport_reminder_state_free)

#define RAPPORT_TYPE_REMINDER_REPOSITORY (rapport_reminder_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminderRepository, rapport_reminder_repository, RAPPORT, REMINDER_REPOSITORY, GObject)

RapportReminderRepository *rapport_reminder_repository_new (RapportDatabase *database);

gboolean   rapport_reminder_repository_get_state      (RapportReminderRepository  *self,
                                                       const char                 *source,
                                                       gint64                      item_id,
                                                       RapportReminderState      **state,
                                                       GError                    **error);
GPtrArray *rapport_reminder_repository_list_held_back (RapportReminderRepository  *self,
                                                       gint64                      now,
                                                       GError                    **error);
GPtrArray *rapport_reminder_repository_list_snoozes_ending (RapportReminderRepository *self,
                                                       gint64                      after,
                                                       gint64                      until,
                                                       GError                    **error);
gboolean   rapport_reminder_repository_snooze         (RapportReminderRepository  *self,
                                                       const char                 *source,
                                                       gint64                      item_id,
                                                       gint64                      until,
                                                       GError                    **error);
gboolean   rapport_reminder_repository_dismiss        (RapportReminderRepository  *self,
                                                       const char                 *source,
                                                       gint64                      item_id,
                                                       gboolean                    dismissed,
                                                       GError                    **error);
gboolean   rapport_reminder_repository_mark_notified  (RapportReminderRepository  *self,
                                                       const char                 *source,
                                                       gint64                      item_id,
                                                       gint64                      due,
                                                       GError                    **error);
gboolean   rapport_reminder_repository_get_notified_through (RapportReminderRepository *self,
                                                       gint64                     *moment,
                                                       GError                    **error);
gboolean   rapport_reminder_repository_set_notified_through (RapportReminderRepository *self,
                                                       gint64                      moment,
                                                       GError                    **error);
char      *rapport_reminder_repository_dup_database_uuid (RapportReminderRepository *self,
                                                       GError                    **error);

G_END_DECLS
