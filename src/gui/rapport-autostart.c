/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* “Remind me when Rapport is closed”: an XDG autostart entry that starts
 * the reminder service with the session, written or removed with the
 * preference. */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "rapport-autostart.h"
#include "rapport-error.h"

/**
 * rapport_autostart_dup_path:
 *
 * Returns: (transfer full): where the autostart entry is written
 */
char *
rapport_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".Notifier.desktop", NULL);
}

/**
 * rapport_autostart_apply:
 * @enabled: whether the reminder service starts with the session
 * @error: return location for an error
 *
 * Writes the entry, or removes it.
 */
gboolean
rapport_autostart_apply (gboolean   enabled,
                         GError   **error)
{
  g_autofree char *path = rapport_autostart_dup_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *entry = NULL;
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                       _("Could not remove “%s”: %s. Reminders may still start with the session."),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  file = g_key_file_new ();
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("Rapport Reminders"));
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Shows Rapport's reminders while no Rapport window is open"));
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NOTIFIER_PATH);
  g_key_file_set_string (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  entry = g_key_file_to_data (file, NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (path, entry, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not write “%s”: %s. Reminders will not start with the session."),
                   display, local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  RapportAutostartErrorFunc on_error;
  gpointer                  data;
} Follower;

static void
follower_free (gpointer data,
               GClosure *closure)
{
  g_free (data);
}

static void
on_setting_changed (GSettings  *settings,
                    const char *key,
                    Follower   *follower)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_autostart_apply (g_settings_get_boolean (settings, key), &error) && follower->on_error != NULL)
    follower->on_error (error, follower->data);
}

/**
 * rapport_autostart_follow:
 * @settings: Rapport's settings
 * @on_error: (nullable): told when the entry cannot be written or removed
 * @data: for @on_error
 *
 * Makes the autostart entry follow the preference “Remind me when Rapport
 * is closed” from now on, whoever changes it, and brings it in line now.
 */
void
rapport_autostart_follow (GSettings                 *settings,
                          RapportAutostartErrorFunc  on_error,
                          gpointer                   data)
{
  Follower *follower = g_new0 (Follower, 1);

  g_return_if_fail (G_IS_SETTINGS (settings));

  follower->on_error = on_error;
  follower->data = data;
  g_signal_connect_data (settings, "changed::" RAPPORT_AUTOSTART_SETTING, G_CALLBACK (on_setting_changed),
                         follower, follower_free, 0);
  on_setting_changed (settings, RAPPORT_AUTOSTART_SETTING, follower);
}
