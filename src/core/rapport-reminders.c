/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The one place that says what is due: it asks every registered source
 * for its open reminders on the days in question, turns their wall-clock
 * days and times into moments in the time zone, and joins them with each
 * reminder's state. The Today page, the notifier and the command line all
 * ask it, so they always agree. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-client-repository.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-delivery-repository.h"
#include "rapport-delivery-source.h"
#include "rapport-follow-up-source.h"
#include "rapport-interaction-repository.h"
#include "rapport-reminder-repository.h"
#include "rapport-reminders.h"
#include "rapport-staff-repository.h"
#include "rapport-task-repository.h"
#include "rapport-order-reminder-source.h"
#include "rapport-order-repository.h"
#include "rapport-slipping-away-source.h"
#include "rapport-task-source.h"
#include "rapport-wall-clock.h"
#include "rapport-warranty-repository.h"
#include "rapport-warranty-source.h"

/* The sources Rapport has. Orders, deliveries and warranties add theirs
 * here, each made in a file of its own. */
static RapportReminderSource *(* const builtin_sources[]) (RapportDatabase *) = {
  rapport_follow_up_source_new,
  rapport_task_source_new,
  rapport_payment_due_source_new,
  rapport_quote_end_source_new,
  rapport_delivery_source_new,
  rapport_warranty_soon_source_new,
  rapport_warranty_end_source_new,
  rapport_slipping_away_source_new,
};

/* Beyond this many newly due reminders at once, the notifier is told how
 * many there are and given the most recent. */
#define CATCH_UP_LIMIT 500

struct _RapportReminders
{
  GObject                    parent_instance;

  RapportDatabase           *database;
  RapportReminderRepository *state;
  GPtrArray                 *sources;   /* RapportReminderSource */
  guint                      n_builtin; /* the first sources: Rapport's own */
  GTimeZone                 *zone;
};

G_DEFINE_FINAL_TYPE (RapportReminders, rapport_reminders, G_TYPE_OBJECT)

void
rapport_agenda_free (RapportAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_clear_pointer (&agenda->overdue, g_ptr_array_unref);
  g_clear_pointer (&agenda->today, g_ptr_array_unref);
  g_clear_pointer (&agenda->upcoming, g_ptr_array_unref);
  g_free (agenda->today_day);
  g_free (agenda);
}

static void
rapport_reminders_finalize (GObject *object)
{
  RapportReminders *self = (RapportReminders *) object;

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_object (&self->state);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_reminders_parent_class)->finalize (object);
}

static void
rapport_reminders_class_init (RapportRemindersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_reminders_finalize;
}

static void
rapport_reminders_init (RapportReminders *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->zone = g_time_zone_new_local ();
}

/**
 * rapport_reminders_new:
 * @database: the database
 *
 * Returns: (transfer full): the reminders of @database, with every source
 *   Rapport has, in the local time zone
 */
RapportReminders *
rapport_reminders_new (RapportDatabase *database)
{
  RapportReminders *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_REMINDERS, NULL);
  self->database = g_object_ref (database);
  self->state = rapport_reminder_repository_new (database);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_sources); i++)
    {
      g_autoptr(RapportReminderSource) source = builtin_sources[i] (database);
      rapport_reminders_add_source (self, source);
    }
  self->n_builtin = self->sources->len;
  return self;
}

RapportDatabase *
rapport_reminders_get_database (RapportReminders *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);
  return self->database;
}

/**
 * rapport_reminders_add_source:
 * @self: the reminders
 * @source: a kind of reminder, whose name no other source has
 *
 * Registers a source: from now on what it gives is due like the rest.
 */
void
rapport_reminders_add_source (RapportReminders      *self,
                              RapportReminderSource *source)
{
  g_return_if_fail (RAPPORT_IS_REMINDERS (self));
  g_return_if_fail (RAPPORT_IS_REMINDER_SOURCE (source));
  g_return_if_fail (rapport_reminders_get_source (self, rapport_reminder_source_get_name (source)) == NULL);

  g_ptr_array_add (self->sources, g_object_ref (source));
}

/**
 * rapport_reminders_get_source:
 * @self: the reminders
 * @name: a source's name
 *
 * Returns: (transfer none) (nullable): the source, or %NULL
 */
RapportReminderSource *
rapport_reminders_get_source (RapportReminders *self,
                              const char       *name)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      RapportReminderSource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (rapport_reminder_source_get_name (source), name) == 0)
        return source;
    }
  return NULL;
}

GTimeZone *
rapport_reminders_get_time_zone (RapportReminders *self)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);
  return self->zone;
}

/**
 * rapport_reminders_set_time_zone:
 * @self: the reminders
 * @zone: where the wall clock hangs that days and times are read on
 */
void
rapport_reminders_set_time_zone (RapportReminders *self,
                                 GTimeZone        *zone)
{
  g_return_if_fail (RAPPORT_IS_REMINDERS (self));
  g_return_if_fail (zone != NULL);

  g_time_zone_ref (zone);
  g_time_zone_unref (self->zone);
  self->zone = zone;
}

/**
 * rapport_reminders_concerns:
 * @changed_kind: (nullable): what a #RapportDatabase::changed notice names
 *
 * Returns: whether what is due may have changed with it
 */
gboolean
rapport_reminders_concerns (const char *changed_kind)
{
  return rapport_database_change_concerns (changed_kind, RAPPORT_KIND_INTERACTION)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_TASK)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_REMINDER)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_CLIENT)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_STAFF)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_ORDER)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_DELIVERY)
         || rapport_database_change_concerns (changed_kind, RAPPORT_KIND_WARRANTY);
}

static char *
day_of (RapportReminders *self,
        gint64            moment,
        int               days_later)
{
  return rapport_wall_clock_day (self->zone, moment, days_later);
}

static gboolean
check_moment (char     *day,
              GError  **error)
{
  if (day != NULL)
    return TRUE;
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("That moment is outside the calendar Rapport can read."));
  return FALSE;
}

/* Gives a reminder its moment. A day the file holds that no calendar has
 * (written by another program) is due at once rather than never. */
static void
place (RapportReminders *self,
       RapportReminder  *reminder)
{
  if (!rapport_wall_clock_to_utc (self->zone, reminder->due_on, reminder->due_time, &reminder->due_at))
    reminder->due_at = 0;
}

static void
apply_state (RapportReminder            *reminder,
             const RapportReminderState *state)
{
  if (state == NULL)
    return;
  reminder->snoozed_until = state->snoozed_until;
  reminder->dismissed_at = state->dismissed_at;
  reminder->notified_due = state->notified_due;
  reminder->notified_at = state->notified_at;
}

static char *
state_key (const char *source,
           gint64      item_id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, source, item_id);
}

/* The held-back states (snoozed past now, or dismissed) by identity. */
static GHashTable *
load_held_back (RapportReminders  *self,
                gint64             now,
                GError           **error)
{
  g_autoptr(GPtrArray) states = rapport_reminder_repository_list_held_back (self->state, now, error);
  GHashTable *held;

  if (states == NULL)
    return NULL;

  held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) rapport_reminder_state_free);
  for (guint i = 0; i < states->len; i++)
    {
      RapportReminderState *state = g_ptr_array_index (states, i);

      g_hash_table_replace (held, state_key (state->source, state->item_id), state);
    }
  g_ptr_array_set_free_func (states, NULL);
  return held;
}

static gboolean
collect_all (RapportReminders  *self,
             const char        *from_day,
             const char        *to_day,
             guint              limit,
             gboolean           newest_first,
             GPtrArray         *into,
             GError           **error)
{
  RapportReminderRange range = { from_day, to_day, limit, newest_first };

  for (guint i = 0; i < self->sources->len; i++)
    if (!rapport_reminder_source_collect (g_ptr_array_index (self->sources, i), &range, into, error))
      return FALSE;
  for (guint i = 0; i < into->len; i++)
    place (self, g_ptr_array_index (into, i));
  return TRUE;
}

static gboolean
count_all (RapportReminders  *self,
           const char        *from_day,
           const char        *to_day,
           guint             *count,
           GError           **error)
{
  *count = 0;
  for (guint i = 0; i < self->sources->len; i++)
    {
      guint n = 0;

      if (!rapport_reminder_source_count (g_ptr_array_index (self->sources, i), from_day, to_day, &n, error))
        return FALSE;
      *count += n;
    }
  return TRUE;
}

static int
by_due (gconstpointer a,
        gconstpointer b,
        gpointer      now)
{
  const RapportReminder *x = *(RapportReminder * const *) a;
  const RapportReminder *y = *(RapportReminder * const *) b;
  gint64 dx = rapport_reminder_get_effective_due (x, *(gint64 *) now);
  gint64 dy = rapport_reminder_get_effective_due (y, *(gint64 *) now);
  int by_source;

  if (dx != dy)
    return dx < dy ? -1 : 1;
  by_source = g_strcmp0 (x->source, y->source);
  if (by_source != 0)
    return by_source;
  return x->item_id < y->item_id ? -1 : x->item_id > y->item_id;
}

static int
by_due_newest_first (gconstpointer a,
                     gconstpointer b,
                     gpointer      now)
{
  return by_due (b, a, now);
}

static RapportReminder *
lookup_placed (RapportReminders  *self,
               const char        *source_name,
               gint64             item_id,
               GError           **error)
{
  RapportReminderSource *source = rapport_reminders_get_source (self, source_name);
  RapportReminder *reminder;

  if (source == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("There is no kind of reminder called “%s”."), source_name);
      return NULL;
    }
  reminder = rapport_reminder_source_lookup (source, item_id, error);
  if (reminder != NULL)
    place (self, reminder);
  return reminder;
}

enum {
  OVERDUE,
  TODAY,
  UPCOMING,
  N_SECTIONS
};

typedef struct
{
  RapportReminders *self;
  RapportAgenda    *agenda;
  GPtrArray        *lists[N_SECTIONS];   /* borrowed from the agenda */
  guint            *counts[N_SECTIONS];
  char             *first_day[N_SECTIONS];
  char             *last_day;
  gint64            now;
} Sorting;

/* Which section a day belongs to, or -1 when it is after the last day. */
static int
section_of (Sorting    *sorting,
            const char *day)
{
  if (day == NULL || g_strcmp0 (day, sorting->last_day) > 0)
    return -1;
  if (g_strcmp0 (day, sorting->first_day[TODAY]) < 0)
    return OVERDUE;
  if (g_strcmp0 (day, sorting->first_day[UPCOMING]) < 0)
    return TODAY;
  return UPCOMING;
}

static int
find_listed (GPtrArray  *list,
             const char *source,
             gint64      item_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (list, i);

      if (reminder->item_id == item_id && g_strcmp0 (reminder->source, source) == 0)
        return (int) i;
    }
  return -1;
}

/* A reminder held back — snoozed past now, or dismissed — counts in its
 * own day's section no more, and, snoozed, counts where its snooze ends. */
static gboolean
move_held_back (Sorting                    *sorting,
                const RapportReminderState *state,
                GError                    **error)
{
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *day = NULL;
  int from, to, listed;

  reminder = lookup_placed (sorting->self, state->source, state->item_id, &local_error);
  if (reminder == NULL)
    {
      /* Its record is gone, or its source is unknown to this version:
       * there is nothing to remind of. */
      if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (reminder->done)
    return TRUE;

  from = section_of (sorting, reminder->due_on);
  if (from >= 0)
    {
      (*sorting->counts[from])--;
      listed = find_listed (sorting->lists[from], reminder->source, reminder->item_id);
      if (listed >= 0)
        g_ptr_array_remove_index (sorting->lists[from], (guint) listed);
    }

  apply_state (reminder, state);
  if (reminder->dismissed_at != 0)
    return TRUE;
  day = day_of (sorting->self, rapport_reminder_get_effective_due (reminder, sorting->now), 0);
  to = section_of (sorting, day);
  if (to >= 0)
    {
      (*sorting->counts[to])++;
      g_ptr_array_add (sorting->lists[to], g_steal_pointer (&reminder));
    }
  return TRUE;
}

static gboolean
fill_section (Sorting  *sorting,
              int       section,
              guint     limit,
              GError  **error)
{
  const char *from = sorting->first_day[section];
  g_autofree char *to = NULL;

  if (section == OVERDUE)
    to = day_of (sorting->self, sorting->now, -1);
  else if (section == TODAY)
    to = g_strdup (sorting->first_day[TODAY]);
  else
    to = g_strdup (sorting->last_day);
  if (!check_moment (to, error))
    return FALSE;
  if (section == UPCOMING && g_strcmp0 (from, to) > 0)
    return TRUE;

  return collect_all (sorting->self, from, to, limit, section == OVERDUE, sorting->lists[section], error)
         && count_all (sorting->self, from, to, sorting->counts[section], error);
}

/**
 * rapport_reminders_get_agenda:
 * @self: the reminders
 * @now: the moment, UTC seconds
 * @days_ahead: how many days after today to include
 * @max_listed: at most this many reminders are listed in each section
 *   (all are counted); 0 lists all
 * @error: return location for an error
 *
 * What is due at @now: overdue, today and the days ahead. Each source is
 * asked for index ranges and index counts only, so the cost follows what
 * is listed, not how many records there are.
 *
 * Returns: (transfer full): the agenda, or %NULL with @error set
 */
RapportAgenda *
rapport_reminders_get_agenda (RapportReminders  *self,
                              gint64             now,
                              guint              days_ahead,
                              guint              max_listed,
                              GError           **error)
{
  g_autoptr(RapportAgenda) agenda = g_new0 (RapportAgenda, 1);
  g_autoptr(GPtrArray) held = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *last_day = NULL;
  Sorting sorting = { 0 };

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);

  agenda->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  agenda->today = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  agenda->upcoming = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  agenda->today_day = day_of (self, now, 0);
  tomorrow = day_of (self, now, 1);
  last_day = day_of (self, now, (int) MIN (days_ahead, 3660));
  if (!check_moment (agenda->today_day, error) || !check_moment (tomorrow, error)
      || !check_moment (last_day, error))
    return NULL;

  sorting = (Sorting) {
    self, agenda,
    { agenda->overdue, agenda->today, agenda->upcoming },
    { &agenda->n_overdue, &agenda->n_today, &agenda->n_upcoming },
    { NULL, agenda->today_day, tomorrow },
    last_day, now
  };
  for (int section = 0; section < N_SECTIONS; section++)
    if (!fill_section (&sorting, section, max_listed, error))
      return NULL;

  held = rapport_reminder_repository_list_held_back (self->state, now, error);
  if (held == NULL)
    return NULL;
  for (guint i = 0; i < held->len; i++)
    if (!move_held_back (&sorting, g_ptr_array_index (held, i), error))
      return NULL;

  g_ptr_array_sort_with_data (agenda->overdue, by_due_newest_first, &now);
  g_ptr_array_sort_with_data (agenda->today, by_due, &now);
  g_ptr_array_sort_with_data (agenda->upcoming, by_due, &now);
  for (int section = 0; section < N_SECTIONS; section++)
    {
      if (max_listed > 0 && sorting.lists[section]->len > max_listed)
        g_ptr_array_set_size (sorting.lists[section], max_listed);
      *sorting.counts[section] = MAX (*sorting.counts[section], sorting.lists[section]->len);
    }
  return g_steal_pointer (&agenda);
}

typedef struct
{
  gint64     now;
  guint      days_ahead;
  guint      max_listed;
  GTimeZone *zone;
} AgendaQuery;

static void
agenda_query_free (AgendaQuery *query)
{
  g_time_zone_unref (query->zone);
  g_free (query);
}

/* On the reader: Rapport's own sources, made on the reader's database. */
static gpointer
agenda_on_reader (RapportDatabase  *reader,
                  gpointer          data,
                  GError          **error)
{
  AgendaQuery *query = data;
  g_autoptr(RapportReminders) reading = rapport_reminders_new (reader);

  rapport_reminders_set_time_zone (reading, query->zone);
  return rapport_reminders_get_agenda (reading, query->now, query->days_ahead, query->max_listed, error);
}

static void
agenda_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportReminders *self = source_object;
  GError *error = NULL;
  RapportAgenda *agenda;

  agenda = _rapport_database_read_through (self->database, agenda_on_reader, task_data, cancellable, &error);
  if (agenda == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, agenda, (GDestroyNotify) rapport_agenda_free);
}

/**
 * rapport_reminders_get_agenda_async:
 * @self: the reminders
 * @now: the moment, UTC seconds
 * @days_ahead: how many days after today to look at
 * @max_listed: at most this many in each section (all are counted); 0 for all
 * @cancellable: (nullable): stops the reading
 * @callback: called with the agenda
 * @user_data: for @callback
 *
 * What rapport_reminders_get_agenda() gives, read in a worker thread on
 * the database's reader connection, so that the calling thread does not
 * wait for it. Sources added with rapport_reminders_add_source() may hold
 * connections of their own: when there are any, the agenda is computed
 * on the calling thread before this returns.
 */
void
rapport_reminders_get_agenda_async (RapportReminders    *self,
                                    gint64               now,
                                    guint                days_ahead,
                                    guint                max_listed,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AgendaQuery *query;

  g_return_if_fail (RAPPORT_IS_REMINDERS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_reminders_get_agenda_async);
  if (self->sources->len > self->n_builtin)
    {
      GError *error = NULL;
      RapportAgenda *agenda = rapport_reminders_get_agenda (self, now, days_ahead, max_listed, &error);

      if (agenda == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, agenda, (GDestroyNotify) rapport_agenda_free);
      return;
    }

  query = g_new0 (AgendaQuery, 1);
  query->now = now;
  query->days_ahead = days_ahead;
  query->max_listed = max_listed;
  query->zone = g_time_zone_ref (self->zone);
  g_task_set_task_data (task, query, (GDestroyNotify) agenda_query_free);
  g_task_run_in_thread (task, agenda_thread);
}

/**
 * rapport_reminders_get_agenda_finish:
 * @self: the reminders
 * @result: what the callback got
 * @error: return location for an error
 *
 * Returns: (transfer full): the agenda, or %NULL with @error set
 */
RapportAgenda *
rapport_reminders_get_agenda_finish (RapportReminders  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_reminders_list_open:
 * @self: the reminders
 * @now: the moment, UTC seconds
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportReminder): every open
 *   reminder that is not dismissed, whatever its day, with its moment and
 *   snooze, the earliest first (for calendar export)
 */
GPtrArray *
rapport_reminders_list_open (RapportReminders  *self,
                             gint64             now,
                             GError           **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GHashTable) held = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);

  held = load_held_back (self, now, error);
  if (held == NULL || !collect_all (self, NULL, "9999-12-31", 0, FALSE, all, error))
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (all, i);
      g_autofree char *key = state_key (reminder->source, reminder->item_id);

      apply_state (reminder, g_hash_table_lookup (held, key));
      if (reminder->dismissed_at == 0 && !reminder->done)
        g_ptr_array_add (result, rapport_reminder_ref (reminder));
    }
  g_ptr_array_sort_with_data (result, by_due, &now);
  return g_steal_pointer (&result);
}

/**
 * rapport_reminders_lookup:
 * @self: the reminders
 * @id: an identity, “follow-up:12”
 * @error: return location for an error
 *
 * Returns: (transfer full): the reminder, open or done, with its moment
 *   and state; %NULL with %RAPPORT_ERROR_NOT_FOUND when there is none
 */
RapportReminder *
rapport_reminders_lookup (RapportReminders  *self,
                          const char        *id,
                          GError           **error)
{
  g_autofree char *source = NULL;
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportReminderState) state = NULL;
  gint64 item_id;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);

  if (!rapport_reminder_parse_id (id, &source, &item_id))
    {
      g_autofree char *shown = g_utf8_make_valid (id ? id : "", -1);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” does not name a reminder: reminders are named like “follow-up:12” or “task:3”."),
                   shown);
      return NULL;
    }

  reminder = lookup_placed (self, source, item_id, error);
  if (reminder == NULL
      || !rapport_reminder_repository_get_state (self->state, source, item_id, &state, error))
    return NULL;
  apply_state (reminder, state);
  return g_steal_pointer (&reminder);
}

/**
 * rapport_reminders_set_done:
 * @self: the reminders
 * @id: an identity
 * @done: done, or open again (to undo)
 * @error: return location for an error
 */
gboolean
rapport_reminders_set_done (RapportReminders  *self,
                            const char        *id,
                            gboolean           done,
                            GError           **error)
{
  g_autoptr(RapportReminder) reminder = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), FALSE);

  reminder = rapport_reminders_lookup (self, id, error);
  if (reminder == NULL)
    return FALSE;
  return rapport_reminder_source_set_done (rapport_reminders_get_source (self, reminder->source),
                                           reminder->item_id, done, error);
}

/**
 * rapport_reminders_snooze:
 * @self: the reminders
 * @id: an identity of an open reminder
 * @until: when to be reminded again, UTC seconds, after now
 * @error: return location for an error
 */
gboolean
rapport_reminders_snooze (RapportReminders  *self,
                          const char        *id,
                          gint64             until,
                          GError           **error)
{
  g_autoptr(RapportReminder) reminder = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), FALSE);

  reminder = rapport_reminders_lookup (self, id, error);
  if (reminder == NULL)
    return FALSE;
  if (reminder->done)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("This reminder is done already: there is nothing to snooze."));
      return FALSE;
    }
  if (until <= rapport_database_now (self->database))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("That time has passed: snooze until a moment still to come."));
      return FALSE;
    }
  return rapport_reminder_repository_snooze (self->state, reminder->source, reminder->item_id, until, error);
}

/**
 * rapport_reminders_dismiss:
 * @self: the reminders
 * @id: an identity
 * @error: return location for an error
 *
 * Stops reminding of it without marking it done.
 */
gboolean
rapport_reminders_dismiss (RapportReminders  *self,
                           const char        *id,
                           GError           **error)
{
  g_autoptr(RapportReminder) reminder = NULL;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), FALSE);

  reminder = rapport_reminders_lookup (self, id, error);
  if (reminder == NULL)
    return FALSE;
  return rapport_reminder_repository_dismiss (self->state, reminder->source, reminder->item_id, TRUE, error);
}

/* Done, Undo and Snooze in the window, on the database's worker thread
 * (see _rapport_database_write_async()): the window never waits for them. */

typedef struct
{
  char      *id;
  GTimeZone *zone;
  gboolean   snooze;
  gboolean   done;
  gint64     until;
} ReminderWrite;

static void
reminder_write_free (ReminderWrite *write)
{
  g_free (write->id);
  g_time_zone_unref (write->zone);
  g_free (write);
}

static gboolean
write_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  ReminderWrite *write = data;
  g_autoptr(RapportReminders) reminders = rapport_reminders_new (worker);

  rapport_reminders_set_time_zone (reminders, write->zone);
  return write->snooze ? rapport_reminders_snooze (reminders, write->id, write->until, error)
                       : rapport_reminders_set_done (reminders, write->id, write->done, error);
}

static void
write_async (RapportReminders    *self,
             const char          *id,
             gboolean             snooze,
             gboolean             done,
             gint64               until,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  ReminderWrite *write = g_new0 (ReminderWrite, 1);

  write->id = g_strdup (id);
  write->zone = g_time_zone_ref (self->zone);
  write->snooze = snooze;
  write->done = done;
  write->until = until;
  _rapport_database_write_async (self->database, self, write_on_worker, write,
                                 (GDestroyNotify) reminder_write_free, source_tag,
                                 cancellable, callback, user_data);
}

/**
 * rapport_reminders_set_done_async:
 * @self: the reminders
 * @id: an identity
 * @done: done, or open again (to undo)
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_reminders_set_done() on the database's worker thread, with the
 * sources Rapport has. Finish with rapport_reminders_write_finish().
 */
void
rapport_reminders_set_done_async (RapportReminders    *self,
                                  const char          *id,
                                  gboolean             done,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RAPPORT_IS_REMINDERS (self));

  write_async (self, id, FALSE, done, 0, rapport_reminders_set_done_async, cancellable, callback, user_data);
}

/**
 * rapport_reminders_snooze_async:
 * @self: the reminders
 * @id: an identity of an open reminder
 * @until: when to be reminded again, UTC seconds, after now
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_reminders_snooze() on the database's worker thread. Finish with
 * rapport_reminders_write_finish().
 */
void
rapport_reminders_snooze_async (RapportReminders    *self,
                                const char          *id,
                                gint64               until,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (RAPPORT_IS_REMINDERS (self));

  write_async (self, id, TRUE, FALSE, until, rapport_reminders_snooze_async, cancellable, callback, user_data);
}

/**
 * rapport_reminders_write_finish:
 * @self: the reminders
 * @result: the result of rapport_reminders_set_done_async() or
 *   rapport_reminders_snooze_async()
 * @error: return location for an error
 *
 * Returns: whether the change was made; watchers heard of it already
 */
gboolean
rapport_reminders_write_finish (RapportReminders  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}

/* Keeps @reminder as newly due when its moment is after @through and not
 * after @now, and it was not notified for that moment already. */
static gboolean
newly_due (RapportReminder *reminder,
           GHashTable      *held,
           gint64           through,
           gint64           now)
{
  g_autofree char *key = state_key (reminder->source, reminder->item_id);
  RapportReminderState *state = g_hash_table_lookup (held, key);

  if (reminder->done || state != NULL)
    return FALSE;
  return reminder->due_at > through && reminder->due_at <= now;
}

static gboolean
listed (GPtrArray       *reminders,
        RapportReminder *reminder)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      RapportReminder *other = g_ptr_array_index (reminders, i);

      if (other->item_id == reminder->item_id && g_strcmp0 (other->source, reminder->source) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * rapport_reminders_list_to_notify:
 * @self: the reminders
 * @now: the moment, UTC seconds
 * @max_listed: at most this many are returned, the most recent first
 * @n_due: (out): how many came due since the last notification
 * @error: return location for an error
 *
 * What came due since notifications last got this far (or ever, the
 * first time), snoozes that ended included, never what was notified for
 * the same moment already. Show them, then rapport_reminders_mark_notified().
 * A clock set back finds nothing new until it passes that moment again.
 *
 * Returns: (transfer full) (element-type RapportReminder): the newly due
 */
GPtrArray *
rapport_reminders_list_to_notify (RapportReminders  *self,
                                  gint64             now,
                                  guint              max_listed,
                                  guint             *n_due,
                                  GError           **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GPtrArray) snoozes = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autofree char *from_day = NULL;
  g_autofree char *today = NULL;
  gint64 through = 0;
  guint n_in_days = 0, n_left_out = 0;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), NULL);
  g_return_val_if_fail (n_due != NULL, NULL);

  *n_due = 0;
  if (!rapport_reminder_repository_get_notified_through (self->state, &through, error))
    return NULL;
  if (through >= now)
    return g_steal_pointer (&result);

  today = day_of (self, now, 0);
  from_day = through > 0 ? day_of (self, through, 0) : NULL;
  if (!check_moment (today, error))
    return NULL;

  held = load_held_back (self, now, error);
  if (held == NULL || !count_all (self, from_day, today, &n_in_days, error)
      || !collect_all (self, from_day, today, CATCH_UP_LIMIT, TRUE, found, error))
    return NULL;
  /* A long gap: the most recent are listed, the others only counted. */
  if (n_in_days > found->len)
    n_left_out = n_in_days - found->len;

  for (guint i = 0; i < found->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (found, i);
      g_autoptr(RapportReminderState) state = NULL;

      if (!newly_due (reminder, held, through, now))
        continue;
      if (!rapport_reminder_repository_get_state (self->state, reminder->source, reminder->item_id,
                                                  &state, error))
        return NULL;
      apply_state (reminder, state);
      if (reminder->notified_due != reminder->due_at)
        g_ptr_array_add (result, rapport_reminder_ref (reminder));
    }

  /* Snoozes that ended: the reminder comes due again at their end. */
  snoozes = rapport_reminder_repository_list_snoozes_ending (self->state, through, now, error);
  if (snoozes == NULL)
    return NULL;
  for (guint i = 0; i < snoozes->len; i++)
    {
      RapportReminderState *state = g_ptr_array_index (snoozes, i);
      g_autoptr(RapportReminder) reminder = NULL;
      g_autoptr(GError) local_error = NULL;

      reminder = lookup_placed (self, state->source, state->item_id, &local_error);
      if (reminder == NULL && !g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (reminder == NULL || reminder->done || state->notified_due == state->snoozed_until
          || reminder->due_at > now || listed (result, reminder))
        continue;
      apply_state (reminder, state);
      /* Due again at the snooze's end: that is the moment it is notified for. */
      reminder->due_at = state->snoozed_until;
      g_ptr_array_add (result, g_steal_pointer (&reminder));
    }

  g_ptr_array_sort_with_data (result, by_due_newest_first, &now);
  *n_due = result->len + n_left_out;
  if (result->len > max_listed)
    g_ptr_array_set_size (result, max_listed);
  return g_steal_pointer (&result);
}

/**
 * rapport_reminders_mark_notified:
 * @self: the reminders
 * @notified: (element-type RapportReminder): the reminders that were shown
 * @now: the moment they were listed for
 * @error: return location for an error
 *
 * Records that everything due up to @now was notified — @notified each
 * for its moment — so that none is notified twice. One transaction.
 */
gboolean
rapport_reminders_mark_notified (RapportReminders  *self,
                                 GPtrArray         *notified,
                                 gint64             now,
                                 GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  for (guint i = 0; notified != NULL && i < notified->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (notified, i);

      if (!rapport_reminder_repository_mark_notified (self->state, reminder->source, reminder->item_id,
                                                      reminder->due_at, error))
        {
          _rapport_database_rollback (self->database);
          return FALSE;
        }
    }
  if (!rapport_reminder_repository_set_notified_through (self->state, now, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  return _rapport_database_commit (self->database, error);
}

/**
 * rapport_reminders_get_next_due:
 * @self: the reminders
 * @now: the moment, UTC seconds
 * @error: return location for an error
 *
 * Returns: the next moment after @now when something comes due (or a
 *   snooze ends), within the days ahead; else the moment those days are
 *   over, when it is worth looking again. 0 with @error set on failure.
 */
gint64
rapport_reminders_get_next_due (RapportReminders  *self,
                                gint64             now,
                                GError           **error)
{
  g_autoptr(GPtrArray) window = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_reminder_unref);
  g_autoptr(GPtrArray) snoozes = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autofree char *today = NULL;
  g_autofree char *last_day = NULL;
  gint64 next = now + RAPPORT_REMINDERS_DAYS_AHEAD * (gint64) 86400;

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (self), 0);

  today = day_of (self, now, 0);
  last_day = day_of (self, now, RAPPORT_REMINDERS_DAYS_AHEAD);
  if (!check_moment (today, error) || !check_moment (last_day, error))
    return 0;

  held = load_held_back (self, now, error);
  if (held == NULL || !collect_all (self, today, last_day, 0, FALSE, window, error))
    return 0;
  for (guint i = 0; i < window->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (window, i);

      if (newly_due (reminder, held, now, next))
        next = MIN (next, reminder->due_at);
    }

  snoozes = rapport_reminder_repository_list_snoozes_ending (self->state, now, next, error);
  if (snoozes == NULL)
    return 0;
  if (snoozes->len > 0)
    next = MIN (next, ((RapportReminderState *) g_ptr_array_index (snoozes, 0))->snoozed_until);
  return next;
}
