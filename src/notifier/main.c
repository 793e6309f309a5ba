/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* rapport-notifier: desktop reminders while no Rapport window is open.
 * One runs at a time (it owns a name on the session bus; a second one
 * exits at once). It stays while Rapport runs, and after it closes only
 * when “Remind me when Rapport is closed” is on. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <locale.h>

#include "rapport-error.h"
#include "rapport-notifier.h"

#define NOTIFIER_NAME APPLICATION_ID ".Notifier"
#define SETTING "remind-in-background"

typedef struct
{
  GMainLoop  *loop;
  GSettings  *settings;
  gboolean    owned;
  gboolean    lost;
  gboolean    gui_running;
  int         status;
} Service;

static char *database;

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
    N_("Remind of the database in FILE instead of the usual one"), N_("FILE") },
  { NULL }
};

static void
on_name_acquired (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  Service *service = user_data;

  service->owned = TRUE;
  g_main_loop_quit (service->loop);
}

static void
on_name_lost (GDBusConnection *bus,
              const char      *name,
              gpointer         user_data)
{
  Service *service = user_data;

  service->lost = TRUE;
  g_main_loop_quit (service->loop);
}

static gboolean
wanted_in_background (Service *service)
{
  return service->settings != NULL && g_settings_get_boolean (service->settings, SETTING);
}

static void
stop_unless_wanted (Service *service)
{
  if (!service->gui_running && !wanted_in_background (service))
    {
      g_debug ("Rapport is closed and reminders in the background are off: stopping");
      g_main_loop_quit (service->loop);
    }
}

static void
on_gui_appeared (GDBusConnection *bus,
                 const char      *name,
                 const char      *owner,
                 gpointer         user_data)
{
  Service *service = user_data;

  service->gui_running = TRUE;
}

static void
on_gui_vanished (GDBusConnection *bus,
                 const char      *name,
                 gpointer         user_data)
{
  Service *service = user_data;

  service->gui_running = FALSE;
  stop_unless_wanted (service);
}

static void
on_setting_changed (GSettings  *settings,
                    const char *key,
                    Service    *service)
{
  stop_unless_wanted (service);
}

/* The file is damaged: the notifier said so; there is nothing more to do
 * until it is restored, after which Rapport starts the service again. */
static void
on_stopped (RapportNotifier *notifier,
            Service         *service)
{
  service->status = 2;
  g_main_loop_quit (service->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Service *service = user_data;

  g_main_loop_quit (service->loop);
  return G_SOURCE_CONTINUE;
}

/* The settings, when their schema is installed. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, SETTING))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static int
fail (const char *message)
{
  g_printerr ("rapport-notifier: %s\n", message);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(RapportNotifier) notifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Service service = { 0 };
  guint owner, gui_watch;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Shows Rapport's reminders as desktop notifications."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no desktop session to show notifications in (%s). Rapport's Today page still shows what is due."),
                                                  error->message);
      return fail (message);
    }

  /* One at a time: a second one finds the name taken and stops. */
  service.loop = g_main_loop_new (NULL, FALSE);
  owner = g_bus_own_name_on_connection (bus, NOTIFIER_NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                        on_name_acquired, on_name_lost, &service, NULL);
  g_main_loop_run (service.loop);
  if (!service.owned)
    {
      g_debug ("Another rapport-notifier runs already");
      g_bus_unown_name (owner);
      g_main_loop_unref (service.loop);
      return 0;
    }

  path = database ? g_strdup (database) : rapport_database_dup_default_path ();
  db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    {
      g_bus_unown_name (owner);
      g_main_loop_unref (service.loop);
      return fail (error->message);
    }

  notify_init (_("Rapport"));
  service.settings = open_settings ();
  reminders = rapport_reminders_new (db);
  notifier = rapport_notifier_new (reminders, service.settings, &error);
  if (notifier == NULL)
    {
      notify_uninit ();
      g_bus_unown_name (owner);
      g_main_loop_unref (service.loop);
      return fail (error->message);
    }

  if (service.settings != NULL)
    g_signal_connect (service.settings, "changed::" SETTING, G_CALLBACK (on_setting_changed), &service);
  gui_watch = g_bus_watch_name_on_connection (bus, APPLICATION_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                              on_gui_appeared, on_gui_vanished, &service, NULL);
  g_unix_signal_add (SIGTERM, on_signal, &service);
  g_unix_signal_add (SIGINT, on_signal, &service);

  g_signal_connect (notifier, "stopped", G_CALLBACK (on_stopped), &service);
  rapport_notifier_start (notifier);
  if (!service.lost && service.status == 0)
    g_main_loop_run (service.loop);

  g_bus_unwatch_name (gui_watch);
  g_bus_unown_name (owner);
  g_clear_object (&notifier);
  g_clear_object (&service.settings);
  notify_uninit ();
  g_main_loop_unref (service.loop);
  return service.status;
}
