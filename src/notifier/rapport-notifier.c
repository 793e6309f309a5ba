/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* Raises desktop notifications for what comes due, from the same core
 * module as the Today page. It looks at start (catching up on what came
 * due while nothing ran), then sleeps until the next moment something is
 * due, and looks again when the data changes, the clock is set or the
 * machine resumes — never on a timer of its own.
 *
 * It looks after the data too, as an open window does: before its first
 * look it checks the file for damage, and it makes the backup of the day
 * on the first look of each day. A damaged file is never written to: the
 * notifier says so once and stops. */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "rapport-backups.h"
#include "rapport-error.h"
#include "rapport-notifier.h"
#include "rapport-notifier-format.h"
#include "rapport-wake-timer.h"

/* More than this many due at once make one summary, never a flood. */
#define MAX_SINGLE 3
#define SNOOZE_SECONDS 3600
#define GUI_NAME APPLICATION_ID
#define GUI_PATH "/io/github/rapportcrm/Rapport"
#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

struct _RapportNotifier
{
  GObject           parent_instance;

  RapportReminders *reminders;
  GSettings        *settings;
  RapportWakeTimer *timer;
  GDBusConnection  *system_bus;
  guint             sleep_subscription;
  guint             server_watch;
  guint             check_source;
  GHashTable       *shown;      /* NotifyNotification → RapportReminder, or NULL for a summary */
  GCancellable     *cancellable;
  char             *backup_day; /* the local day the backup of the day was last seen to */
  gboolean          started;    /* the check at start found the file whole */
  gboolean          stopped;    /* damage was found: nothing more is done */
};

G_DEFINE_FINAL_TYPE (RapportNotifier, rapport_notifier, G_TYPE_OBJECT)

enum {
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rapport_notifier_dispose (GObject *object)
{
  RapportNotifier *self = (RapportNotifier *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->server_watch, g_bus_unwatch_name);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_object (&self->timer);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->reminders);
  g_clear_pointer (&self->backup_day, g_free);

  G_OBJECT_CLASS (rapport_notifier_parent_class)->dispose (object);
}

static void
rapport_notifier_class_init (RapportNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_notifier_dispose;

  /**
   * RapportNotifier::stopped:
   * @self: the notifier
   *
   * The file was found damaged: the notifier said so and does nothing more.
   */
  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* A summary has no reminder of its own. */
static void
unref_reminder (gpointer reminder)
{
  if (reminder != NULL)
    rapport_reminder_unref (reminder);
}

static void
rapport_notifier_init (RapportNotifier *self)
{
  self->shown = g_hash_table_new_full (NULL, NULL, g_object_unref, unref_reminder);
  self->cancellable = g_cancellable_new ();
}

static RapportDatabase *
database_of (RapportNotifier *self)
{
  return rapport_reminders_get_database (self->reminders);
}

/* Activates an action of the application (starting it when it does not
 * run): what a notification's Open does. */
static void
activate_gui_action (RapportNotifier *self,
                     const char      *action,
                     GVariant        *parameter)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  GVariantBuilder parameters;

  if (bus == NULL)
    return;
  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);
  g_dbus_connection_call (bus, GUI_NAME, GUI_PATH, "org.freedesktop.Application", "ActivateAction",
                          g_variant_new ("(sava{sv})", action, &parameters, NULL),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
on_closed (NotifyNotification *notification,
           RapportNotifier    *self)
{
  g_hash_table_remove (self->shown, notification);
}

static void
report (RapportNotifier *self,
        const GError    *error)
{
  /* There is nowhere to show it but another notification. */
  NotifyNotification *message = notify_notification_new (_("Rapport could not change the reminder"),
                                                         error->message, NULL);

  notify_notification_show (message, NULL);
  g_object_unref (message);
}

/* Damage stops everything: a file that is written on while damaged can
 * lose what could still be saved. Said once; the window offers what can be
 * done about it. */
static void
stop_for_damage (RapportNotifier *self)
{
  g_autofree char *display = NULL;
  g_autofree char *body = NULL;
  NotifyNotification *message;

  if (self->stopped)
    return;
  self->stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_object (&self->timer);

  display = g_filename_display_name (rapport_database_get_path (database_of (self)));
  body = g_strdup_printf (_("“%s” is damaged, so no reminder is shown or changed until it is restored. Open Rapport to restore it from a backup."),
                          display);
  message = notify_notification_new (_("Rapport's data is damaged"), body, "dialog-warning-symbolic");
  notify_notification_set_app_name (message, _("Rapport"));
  notify_notification_set_hint_string (message, "desktop-entry", APPLICATION_ID);
  notify_notification_set_urgency (message, NOTIFY_URGENCY_CRITICAL);
  notify_notification_show (message, NULL);
  g_object_unref (message);
  g_signal_emit (self, signals[STOPPED], 0);
}

static void
on_damaged (RapportNotifier *self)
{
  if (rapport_database_get_damaged (database_of (self)))
    stop_for_damage (self);
}

static void
on_open (NotifyNotification *notification,
         char               *action,
         RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *name = NULL;

  if (reminder == NULL)
    {
      activate_gui_action (self, "show-today", NULL);
      return;
    }
  /* app.show-client, later app.show-order and app.show-delivery. */
  name = g_strconcat ("show-", reminder->open_kind, NULL);
  activate_gui_action (self, name, g_variant_new_int64 (reminder->open_id));
}

/* The ready message to a client who agreed to service messages, in the
 * window, to read, copy or send. */
static void
on_message (NotifyNotification *notification,
            char               *action,
            RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *id = NULL;

  if (reminder == NULL)
    return;
  id = rapport_reminder_dup_id (reminder);
  activate_gui_action (self, "message-client", g_variant_new_string (id));
}

static void
on_snooze (NotifyNotification *notification,
           char               *action,
           RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (reminder == NULL || self->stopped)
    return;
  id = rapport_reminder_dup_id (reminder);
  if (!rapport_reminders_snooze (self->reminders, id, rapport_database_now (database_of (self)) + SNOOZE_SECONDS,
                                 &error))
    {
      if (rapport_database_get_damaged (database_of (self)))
        stop_for_damage (self);
      else
        report (self, error);
    }
}

static void
on_done (NotifyNotification *notification,
         char               *action,
         RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (reminder == NULL || self->stopped)
    return;
  id = rapport_reminder_dup_id (reminder);
  if (!rapport_reminders_set_done (self->reminders, id, TRUE, &error))
    {
      if (rapport_database_get_damaged (database_of (self)))
        stop_for_damage (self);
      else
        report (self, error);
    }
}

static NotifyNotification *
make_notification (RapportNotifier *self,
                   const char      *summary,
                   const char      *body,
                   RapportReminder *reminder)
{
  NotifyNotification *notification = notify_notification_new (summary, body, "x-office-calendar-symbolic");

  notify_notification_set_app_name (notification, _("Rapport"));
  notify_notification_set_category (notification, "x-rapport.reminder");
  notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  notify_notification_add_action (notification, "default", _("Open"), (NotifyActionCallback) on_open, self, NULL);
  notify_notification_add_action (notification, "open", _("Open"), (NotifyActionCallback) on_open, self, NULL);
  if (reminder != NULL && reminder->message != NULL)
    notify_notification_add_action (notification, "message", _("Message Client"),
                                    (NotifyActionCallback) on_message, self, NULL);
  if (reminder != NULL)
    {
      notify_notification_add_action (notification, "snooze", _("Snooze 1 Hour"),
                                      (NotifyActionCallback) on_snooze, self, NULL);
      notify_notification_add_action (notification, "done", _("Done"),
                                      (NotifyActionCallback) on_done, self, NULL);
    }
  g_signal_connect (notification, "closed", G_CALLBACK (on_closed), self);
  return notification;
}

/* “Ada Lovelace · €120.00 · Asked for a quote”: who, the money owed (or
 * what a quote is worth) as the Today page writes it, and why. */
static char *
describe (RapportReminder *reminder)
{
  g_autofree char *text = g_strdup (reminder->client_name);

  if (reminder->currency != NULL)
    {
      g_autofree char *amount = rapport_notifier_format_money (reminder->amount, reminder->currency);
      g_autofree char *who = g_steal_pointer (&text);

      text = amount ? g_strdup_printf (_("%s · %s"), who, amount) : g_steal_pointer (&who);
    }
  if (reminder->usual_interval > 0)
    {
      g_autofree char *who = g_steal_pointer (&text);
      g_autofree char *every = rapport_notifier_format_integer (reminder->usual_interval);
      /* TRANSLATORS: a notification: a regular client slipping away; %s is a number of days */
      g_autofree char *visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Usually every %s day",
                                                              "Usually every %s days",
                                                              (gulong) CLAMP (reminder->usual_interval, 0, G_MAXINT)),
                                                 every);

      text = g_strdup_printf (_("%s · %s"), who, visits);
    }
  if (*reminder->detail != '\0')
    {
      g_autofree char *who = g_steal_pointer (&text);

      /* TRANSLATORS: a notification's text: a client's name and what the reminder is about */
      text = g_strdup_printf (_("%s · %s"), who, reminder->detail);
    }
  return g_steal_pointer (&text);
}

static gboolean
show (RapportNotifier    *self,
      NotifyNotification *notification,
      RapportReminder    *reminder)
{
  g_autoptr(GError) error = NULL;

  if (!notify_notification_show (notification, &error))
    {
      g_debug ("No notification could be shown: %s", error->message);
      g_object_unref (notification);
      return FALSE;
    }
  g_hash_table_insert (self->shown, notification, reminder ? rapport_reminder_ref (reminder) : NULL);
  return TRUE;
}

static gboolean
notify_due (RapportNotifier *self,
            GPtrArray       *due,
            guint            n_due)
{
  if (n_due > MAX_SINGLE)
    {
      g_autofree char *count = rapport_notifier_format_integer (n_due);
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               /* TRANSLATORS: %s is the number, in the
                                                                * reader's digits */
                                                               "%s reminder is due",
                                                               "%s reminders are due", n_due),
                                                  count);

      return show (self, make_notification (self, summary, _("Open Rapport to see them on the Today page."), NULL),
                   NULL);
    }

  for (guint i = 0; i < due->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (due, i);
      g_autofree char *body = describe (reminder);

      if (!show (self, make_notification (self, reminder->title, body, reminder), reminder))
        return FALSE;
    }
  return TRUE;
}

static void
schedule (RapportNotifier *self,
          gint64           now)
{
  g_autoptr(GError) error = NULL;
  gint64 next = rapport_reminders_get_next_due (self->reminders, now, &error);

  if (next == 0)
    {
      /* The file cannot be read now (locked, say): the next change of
       * it, or of the clock, brings another look. */
      g_debug ("Cannot tell when the next reminder is due: %s", error->message);
      return;
    }
  g_debug ("Sleeping until %" G_GINT64_FORMAT, next);
  rapport_wake_timer_set (self->timer, next);
  /* Asleep, it holds as little as it can: hours may pass before the next
   * look. */
  rapport_database_rest (database_of (self));
}

static void
on_daily_made (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RapportNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) made = rapport_backups_make_daily_finish (RAPPORT_DATABASE (source), result, &error);

  /* A failed backup is the window's to tell (its banner after a week);
   * the next day's first look tries again. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The backup of the day failed: %s", error->message);
      g_clear_pointer (&self->backup_day, g_free);
    }
  rapport_database_rest (RAPPORT_DATABASE (source));
}

/* The backup of the day, on the first look of each day (not on a timer:
 * the notifier looks at least when something comes due or changes). */
static void
make_daily_backup (RapportNotifier *self,
                   gint64           now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) here = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *today = here ? g_date_time_format (here, "%Y-%m-%d") : NULL;
  RapportBackupPolicy policy = RAPPORT_BACKUP_POLICY_DEFAULT;

  if (today == NULL || g_strcmp0 (today, self->backup_day) == 0)
    return;
  g_free (self->backup_day);
  self->backup_day = g_steal_pointer (&today);

  if (self->settings != NULL)
    {
      policy.keep_daily = (guint) g_settings_get_int (self->settings, "backup-keep-daily");
      policy.keep_weekly = (guint) g_settings_get_int (self->settings, "backup-keep-weekly");
    }
  rapport_backups_make_daily_async (database_of (self), &policy, self->cancellable,
                                    on_daily_made, g_object_ref (self));
}

/**
 * rapport_notifier_check:
 * @self: the notifier
 *
 * Notifies what came due since the last look, then sleeps until the next.
 */
void
rapport_notifier_check (RapportNotifier *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_database_now (database_of (self));
  guint n_due = 0;

  g_return_if_fail (RAPPORT_IS_NOTIFIER (self));

  if (!self->started || self->stopped)
    return;
  make_daily_backup (self, now);

  due = rapport_reminders_list_to_notify (self->reminders, now, MAX_SINGLE, &n_due, &error);
  if (due == NULL)
    g_debug ("Cannot read what is due: %s", error->message);
  /* Marked once shown: with no notification server, they wait for one. */
  else if (n_due == 0 || notify_due (self, due, n_due))
    {
      if (!rapport_reminders_mark_notified (self->reminders, due, now, &error))
        g_debug ("Cannot record the notifications: %s", error->message);
    }
  if (rapport_database_get_damaged (database_of (self)))
    {
      stop_for_damage (self);
      return;
    }
  schedule (self, now);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportNotifier) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rapport_database_check_finish (RAPPORT_DATABASE (source), result, &error) || self->stopped)
    ;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT))
    {
      /* Told by the database itself (notify::damaged) as well. */
      stop_for_damage (self);
      return;
    }
  else
    /* Not read now (locked, say): reminders matter more than the check,
     * which the window makes too. */
    g_debug ("Cannot check the file: %s", error->message);

  self->started = TRUE;
  rapport_notifier_check (self);
}

/**
 * rapport_notifier_start:
 * @self: the notifier
 *
 * Checks the file for damage in a worker thread, then catches up on what
 * came due while nothing ran (rapport_notifier_check()) and sleeps until
 * the next; on damage, says so and emits #RapportNotifier::stopped.
 */
void
rapport_notifier_start (RapportNotifier *self)
{
  g_return_if_fail (RAPPORT_IS_NOTIFIER (self));

  if (rapport_database_get_damaged (database_of (self)))
    {
      stop_for_damage (self);
      return;
    }
  rapport_database_check_async (database_of (self), FALSE, self->cancellable, on_checked, g_object_ref (self));
}

static gboolean
on_check (gpointer user_data)
{
  RapportNotifier *self = user_data;

  self->check_source = 0;
  rapport_notifier_check (self);
  return G_SOURCE_REMOVE;
}

/* A burst of changes is one look. */
static void
check_soon (RapportNotifier *self)
{
  if (self->check_source == 0)
    self->check_source = g_idle_add (on_check, self);
}

static void
on_database_changed (RapportNotifier *self,
                     const char      *kind)
{
  if (rapport_reminders_concerns (kind))
    check_soon (self);
}

static void
on_timer_fired (RapportNotifier *self,
                gboolean         clock_set)
{
  check_soon (self);
}

static void
on_prepare_for_sleep (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean going_to_sleep = TRUE;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    check_soon (user_data);
}

static void
on_server_appeared (GDBusConnection *bus,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  check_soon (user_data);
}

/* Resuming from suspend: logind says so on the system bus. The wake timer
 * fires on resume by itself; this is a second look, where logind runs. */
static void
watch_sleep (RapportNotifier *self)
{
  g_autoptr(GError) error = NULL;

  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus, so no word of resuming: %s", error->message);
      return;
    }
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep, self, NULL);
}

/**
 * rapport_notifier_new:
 * @reminders: the reminders to notify of
 * @settings: (nullable): Rapport's settings
 * @error: return location for an error
 *
 * Returns: (transfer full): a notifier that watches the data and the
 *   clock; call rapport_notifier_start() to check the file and catch up
 */
RapportNotifier *
rapport_notifier_new (RapportReminders  *reminders,
                      GSettings         *settings,
                      GError           **error)
{
  g_autoptr(RapportNotifier) self = g_object_new (RAPPORT_TYPE_NOTIFIER, NULL);

  g_return_val_if_fail (RAPPORT_IS_REMINDERS (reminders), NULL);

  self->reminders = g_object_ref (reminders);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->timer = rapport_wake_timer_new (error);
  if (self->timer == NULL)
    return NULL;

  g_signal_connect_object (self->timer, "fired", G_CALLBACK (on_timer_fired), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database_of (self), "changed", G_CALLBACK (on_database_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (database_of (self), "notify::damaged", G_CALLBACK (on_damaged), self,
                           G_CONNECT_SWAPPED);
  rapport_database_set_watching (database_of (self), TRUE);
  watch_sleep (self);
  self->server_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                         on_server_appeared, NULL, self, NULL);
  return g_steal_pointer (&self);
}
