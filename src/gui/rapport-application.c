/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "rapport-application.h"
#include "rapport-autostart.h"
#include "rapport-client-editor.h"
#include "rapport-damage-dialog.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-gui.h"
#include "rapport-interaction-editor.h"
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

static void
show_error (RapportApplication *self,
            const char         *heading,
            const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                              heading, NULL);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Nothing can be done without the data: say why, plainly, and stop. */
static void
show_open_error (RapportApplication *self,
                 const GError       *error)
{
  show_error (self, _("Rapport Cannot Open Its Data"), error);
}

static void
on_autostart_error (const GError *error,
                    gpointer      data)
{
  show_error (data, _("Reminders When Rapport Is Closed"), error);
}

static void
on_notifier_started (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_debug ("The reminder service could not be started: %s", error->message);
}

/* Reminders appear while Rapport runs: the bus starts the reminder service
 * unless it runs already. It reminds of the usual database. */
static void
start_notifier (RapportApplication *self,
                const char         *path)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autofree char *usual = rapport_database_dup_default_path ();

  if (bus == NULL || g_strcmp0 (path, usual) != 0)
    return;
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "StartServiceByName", g_variant_new ("(su)", APPLICATION_ID ".Notifier", 0),
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          on_notifier_started, NULL);
}

/* The reminder service stops when it finds the file damaged; once it is
 * restored, it is started again. */
static void
on_damaged_changed (RapportDatabase    *database,
                    GParamSpec         *pspec,
                    RapportApplication *self)
{
  if (!rapport_database_get_damaged (database))
    start_notifier (self, rapport_database_get_path (database));
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

  rapport_autostart_follow (settings, on_autostart_error, self);
  g_signal_connect_object (database, "notify::damaged", G_CALLBACK (on_damaged_changed), self, 0);
  /* Not to look at a damaged file: the service would only say it is. */
  if (!rapport_database_get_read_only (database))
    start_notifier (self, path);
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
  struct timespec used = { 0 };

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  /* The processor time of every thread until now: on a busy machine, the
   * wall time also counts the waits for a processor. */
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &used);
  g_print ("first-frame\n%.1f\n", used.tv_sec * 1000.0 + used.tv_nsec / 1e6);
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

/* The client and interaction forms with something typed in them. */
static GPtrArray *
list_unsaved_forms (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = toplevels; l != NULL; l = l->next)
    if ((RAPPORT_IS_CLIENT_EDITOR (l->data) && rapport_client_editor_has_changes (l->data))
        || (RAPPORT_IS_INTERACTION_EDITOR (l->data) && rapport_interaction_editor_has_changes (l->data)))
      g_ptr_array_add (forms, g_object_ref (l->data));
  return forms;
}

static void
quit_now (GtkApplication *app)
{
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

/* What was typed is thrown away, as the person chose, once the question
 * has closed: a form is its parent. */
static gboolean
discard_and_quit (gpointer user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GPtrArray) forms = list_unsaved_forms ();

  for (guint i = 0; i < forms->len; i++)
    gtk_window_destroy (g_ptr_array_index (forms, i));
  quit_now (app);
  return G_SOURCE_REMOVE;
}

static void
on_quit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GtkApplication   *app)
{
  if (g_str_equal (response, "quit"))
    g_idle_add_full (G_PRIORITY_DEFAULT, discard_and_quit, g_object_ref (app), g_object_unref);
}

/* Quitting never throws away what was typed in an open form without
 * asking. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GPtrArray) forms = list_unsaved_forms ();
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (forms->len == 0)
    {
      quit_now (app);
      return;
    }

  count = rapport_format_count (forms->len);
  /* TRANSLATORS: %s is a number, in the reader's digits */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "What was typed in %s open form has not been saved.",
                                       "What was typed in %s open forms has not been saved.",
                                       forms->len),
                          count);
  dialog = adw_message_dialog_new (g_ptr_array_index (forms, 0), _("Quit and Discard Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "quit", _("_Discard and Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_quit_response), app);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* What a notification of an unpaid order or a quote about to end opens. */
static void
show_order_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RapportApplication *self = user_data;

  if (ensure_default_context (self))
    rapport_window_show_order (present_window (self), g_variant_get_int64 (parameter));
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

static void
show_today_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RapportApplication *self = user_data;

  if (ensure_default_context (self))
    rapport_window_show_today (present_window (self));
}

/* What a warranty notification's Message action opens. */
static void
message_client_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RapportApplication *self = user_data;

  if (ensure_default_context (self))
    rapport_window_show_client_message (present_window (self), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "show-client", show_client_action, "x" },
  { "show-order", show_order_action, "x" },
  { "show-today", show_today_action },
  { "message-client", message_client_action, "s" },
  { "lookup", lookup_action, "s" },
};

static void
rapport_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (application);
  rapport_gui_load_style ();

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
