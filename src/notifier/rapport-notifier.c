/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* Raises desktop notifications for what comes due, from the same core
 * module as the Today page. It looks at start (catching up on what came
 * due while nothing ran), then sleeps until the next moment something is
 * due, and looks again when the data changes, the clock is set or the
 * machine resumes — never on a timer of its own. */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "rapport-error.h"
#include "rapport-notifier.h"
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
};

G_DEFINE_FINAL_TYPE (RapportNotifier, rapport_notifier, G_TYPE_OBJECT)

static void
rapport_notifier_dispose (GObject *object)
{
  RapportNotifier *self = (RapportNotifier *) object;

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

  G_OBJECT_CLASS (rapport_notifier_parent_class)->dispose (object);
}

static void
rapport_notifier_class_init (RapportNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_notifier_dispose;
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

static void
on_snooze (NotifyNotification *notification,
           char               *action,
           RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (reminder == NULL)
    return;
  id = rapport_reminder_dup_id (reminder);
  if (!rapport_reminders_snooze (self->reminders, id, rapport_database_now (database_of (self)) + SNOOZE_SECONDS,
                                 &error))
    report (self, error);
}

static void
on_done (NotifyNotification *notification,
         char               *action,
         RapportNotifier    *self)
{
  RapportReminder *reminder = g_hash_table_lookup (self->shown, notification);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (reminder == NULL)
    return;
  id = rapport_reminder_dup_id (reminder);
  if (!rapport_reminders_set_done (self->reminders, id, TRUE, &error))
    report (self, error);
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

/* “Ada Lovelace · Asked for a quote”: who, and why. */
static char *
describe (RapportReminder *reminder)
{
  if (*reminder->detail == '\0')
    return g_strdup (reminder->client_name);
  /* TRANSLATORS: a notification's text: a client's name and what the reminder is about */
  return g_strdup_printf (_("%s · %s"), reminder->client_name, reminder->detail);
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
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u reminder is due",
                                                               "%u reminders are due", n_due),
                                                  n_due);

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

  due = rapport_reminders_list_to_notify (self->reminders, now, MAX_SINGLE, &n_due, &error);
  if (due == NULL)
    g_debug ("Cannot read what is due: %s", error->message);
  /* Marked once shown: with no notification server, they wait for one. */
  else if (n_due == 0 || notify_due (self, due, n_due))
    {
      if (!rapport_reminders_mark_notified (self->reminders, due, now, &error))
        g_debug ("Cannot record the notifications: %s", error->message);
    }
  schedule (self, now);
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
 *   clock; call rapport_notifier_check() to catch up and start
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
  rapport_database_set_watching (database_of (self), TRUE);
  watch_sleep (self);
  self->server_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                         on_server_appeared, NULL, self, NULL);
  return g_steal_pointer (&self);
}
