/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-application.h"
#include "rapport-damage-dialog.h"
#include "rapport-error.h"
#include "rapport-preferences-window.h"
#include "rapport-settings-migration.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication  parent_instance;

  RapportContext *context;
};

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database in FILE instead of the usual one"), N_("FILE") },
  { "lookup", 'l', 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the client with this phone number, or a new client with it (for caller ID)"), N_("PHONE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static RapportWindow *
get_window (RapportApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (RAPPORT_IS_WINDOW (l->data))
      return l->data;

  return rapport_window_new (GTK_APPLICATION (self), self->context);
}

static void
on_error_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   RapportApplication *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Nothing can be done without the data: say why, plainly, and stop. */
static void
show_open_error (RapportApplication *self,
                 const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Rapport Cannot Open Its Data"), NULL);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_damage (const GError *error)
{
  return g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT)
         || g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_DATABASE);
}

/* Opens @path, or the usual database when %NULL, once. */
static gboolean
open_context (RapportApplication    *self,
              const char            *path,
              RapportDatabaseFlags   flags,
              GError               **error)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *default_path = NULL;

  if (self->context != NULL)
    return TRUE;

  if (path == NULL)
    path = default_path = rapport_database_dup_default_path ();
  database = rapport_database_open (path, flags, error);
  if (database == NULL)
    return FALSE;

  settings = g_settings_new ("io.github.rapportcrm.Rapport");
  rapport_settings_migrate (settings);
  self->context = rapport_context_new (database, settings);
  return TRUE;
}

static gboolean
ensure_context (RapportApplication  *self,
                const char          *path,
                GError             **error)
{
  return open_context (self, path, RAPPORT_DATABASE_DEFAULT, error);
}

static RapportWindow *present_window (RapportApplication *self);

static void
on_damage_choice (RapportDamageDialog *dialog,
                  gboolean             read_only,
                  RapportApplication  *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_object_get (dialog, "path", &path, NULL);
  if (open_context (self, path, read_only ? RAPPORT_DATABASE_DAMAGED : RAPPORT_DATABASE_DEFAULT, &error))
    present_window (self);
  else
    show_open_error (self, error);
}

/* A damaged file is not a dead end: say what happened and what can be
 * done, and open it as the person chooses. */
static void
show_damage (RapportApplication *self,
             const char         *path,
             const GError       *error)
{
  g_autofree char *default_path = NULL;
  GtkWidget *dialog;

  if (path == NULL)
    path = default_path = rapport_database_dup_default_path ();
  dialog = rapport_damage_dialog_new (NULL, path);
  rapport_damage_dialog_set_message (RAPPORT_DAMAGE_DIALOG (dialog), error->message);
  g_signal_connect_object (dialog, "open", G_CALLBACK (on_damage_choice), self, 0);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_open_problem (RapportApplication *self,
                   const char         *path,
                   const GError       *error)
{
  if (is_damage (error))
    show_damage (self, path, error);
  else
    show_open_error (self, error);
}

/* For what arrives over D-Bus, perhaps before any window: the usual
 * database, or a plain message when it cannot be opened. */
static gboolean
ensure_default_context (RapportApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (ensure_context (self, NULL, &error))
    return TRUE;

  show_open_problem (self, NULL, error);
  return FALSE;
}

static void
on_after_paint (GdkFrameClock      *clock,
                RapportApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_print ("first-frame\n");
  g_application_quit (G_APPLICATION (self));
}

/* The benchmark measures start-up to the first frame drawn on screen. */
static void
report_first_frame (RapportApplication *self,
                    RapportWindow      *window)
{
  GdkFrameClock *clock;

  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
}

static RapportWindow *
present_window (RapportApplication *self)
{
  RapportWindow *window = get_window (self);

  if (g_getenv ("RAPPORT_EXIT_AFTER_FIRST_FRAME") != NULL)
    report_first_frame (self, window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static int
rapport_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *database = NULL;
  const char *lookup = NULL;
  RapportWindow *window;

  g_variant_dict_lookup (options, "database", "^&ay", &database);
  g_variant_dict_lookup (options, "lookup", "&s", &lookup);

  if (database != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, database);
      path = g_file_get_path (file);
    }
  else
    path = rapport_database_dup_default_path ();

  if (self->context != NULL && database != NULL
      && g_strcmp0 (path, rapport_database_get_path (rapport_context_get_database (self->context))) != 0)
    {
      RapportDatabase *open = rapport_context_get_database (self->context);
      g_autofree char *display = g_filename_display_name (rapport_database_get_path (open));

      g_application_command_line_printerr (command_line,
                                           _("Rapport is already open with “%s”. Close it to open another database.\n"),
                                           display);
      return 1;
    }

  if (!ensure_context (self, path, &error))
    {
      g_application_command_line_printerr (command_line, "rapport: %s\n", error->message);
      show_open_problem (self, path, error);
      return 1;
    }

  window = present_window (self);
  if (lookup != NULL)
    rapport_window_lookup_phone (window, lookup);

  return 0;
}

static void
rapport_application_activate (GApplication *application)
{
  RapportApplication *self = RAPPORT_APPLICATION (application);

  if (ensure_default_context (self))
    present_window (self);
}

static int
rapport_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Rapport"), PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows lets each save its state. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Rapport developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Rapport"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Rapport developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Clients, their history and what to do next, kept on this computer."),
                        "website", "https://github.com/rapportcrm/rapport",
                        "issue-url", "https://github.com/rapportcrm/rapport/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* TRANSLATORS: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RapportApplication *self = user_data;
  GtkWidget *preferences;

  if (self->context == NULL)
    return;

  preferences = rapport_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_client_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RapportApplication *self = user_data;

  if (ensure_default_context (self))
    rapport_window_show_client (present_window (self), g_variant_get_int64 (parameter));
}

static void
lookup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RapportApplication *self = user_data;

  if (ensure_default_context (self))
    rapport_window_lookup_phone (present_window (self), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "show-client", show_client_action, "x" },
  { "lookup", lookup_action, "s" },
};

static void
rapport_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
rapport_application_finalize (GObject *object)
{
  RapportApplication *self = (RapportApplication *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_application_parent_class)->finalize (object);
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rapport_application_finalize;
  app_class->startup = rapport_application_startup;
  app_class->activate = rapport_application_activate;
  app_class->command_line = rapport_application_command_line;
  app_class->handle_local_options = rapport_application_handle_local_options;
}

static void
rapport_application_init (RapportApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

RapportContext *
rapport_application_get_context (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);
  return self->context;
}
