/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backups.h"
#include "rapport-backups-page.h"
#include "rapport-format.h"
#include "rapport-passphrase.h"
#include "rapport-restore-dialog.h"

/* Backups in Preferences: when the last one was made, a backup to a file
 * of the person's choosing (encrypted when asked), restoring, how many
 * copies are kept, and the passphrase, which lives in the keyring alone. */
struct _RapportBackupsPage
{
  AdwPreferencesPage  parent_instance;

  RapportContext     *context;
  GCancellable       *cancellable;
  gboolean            has_passphrase;
  char               *exporting;    /* the file a backup is written to */

  AdwActionRow       *last_row;
  AdwActionRow       *export_row;
  GtkSpinButton      *daily_spin;
  GtkSpinButton      *weekly_spin;
  GtkSwitch          *encrypt_switch;
  AdwPreferencesRow  *passphrase_row;
  AdwActionRow       *passphrase_state_row;
  GtkWidget          *forget_button;
  AdwPreferencesGroup *backups_group;
};

G_DEFINE_FINAL_TYPE (RapportBackupsPage, rapport_backups_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportDatabase *
get_database (RapportBackupsPage *self)
{
  return rapport_context_get_database (self->context);
}

static void
toast (RapportBackupsPage *self,
       const char         *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GPtrArray) backups = rapport_backups_list_finish (result, NULL);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);

  if (backups == NULL)
    return;
  if (backups->len == 0)
    adw_action_row_set_subtitle (self->last_row, _("None yet: the first is made when Rapport starts."));
  else
    {
      RapportBackup *newest = g_ptr_array_index (backups, 0);
      g_autofree char *when = rapport_format_moment (rapport_backup_get_created_at (newest), now);
      g_autofree char *what = rapport_restore_dialog_describe (newest);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", when, what);

      adw_action_row_set_subtitle (self->last_row, subtitle);
    }
}

static void
look_at_backups (RapportBackupsPage *self)
{
  rapport_backups_list_async (rapport_database_get_path (get_database (self)), self->cancellable,
                              on_listed, g_object_ref (self));
}

/* A restore, or another program, changed anything. */
static void
on_database_changed (RapportBackupsPage *self,
                     const char         *kind)
{
  if (kind == NULL)
    look_at_backups (self);
}

static void
show_passphrase_state (RapportBackupsPage *self,
                       const char         *problem)
{
  adw_action_row_set_subtitle (self->passphrase_state_row,
                               problem ? problem
                               : self->has_passphrase ? _("A passphrase is kept in the keyring.")
                                                      : _("No passphrase is kept yet: backups saved to a file are not encrypted."));
  gtk_widget_set_sensitive (self->forget_button, self->has_passphrase);
}

static void
on_passphrase_looked_up (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *passphrase = rapport_passphrase_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->has_passphrase = passphrase != NULL;
  rapport_passphrase_free (passphrase);
  show_passphrase_state (self, error ? error->message : NULL);
}

static void
on_passphrase_stored (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_passphrase_store_finish (result, &error))
    {
      show_passphrase_state (self, error->message);
      return;
    }
  self->has_passphrase = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  show_passphrase_state (self, NULL);
  toast (self, _("The passphrase is kept in the keyring."));
}

static void
on_passphrase_apply (RapportBackupsPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (g_utf8_strlen (passphrase, -1) < 8)
    {
      show_passphrase_state (self, _("Choose a passphrase of at least 8 characters; a few words are best."));
      return;
    }
  rapport_passphrase_store_async (passphrase, self->cancellable, on_passphrase_stored, g_object_ref (self));
}

static void
on_passphrase_cleared (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_passphrase_clear_finish (result, &error))
    {
      show_passphrase_state (self, error->message);
      return;
    }
  self->has_passphrase = FALSE;
  show_passphrase_state (self, NULL);
}

static void
on_forget (RapportBackupsPage *self)
{
  rapport_passphrase_clear_async (self->cancellable, on_passphrase_cleared, g_object_ref (self));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (self->exporting);
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_row), TRUE);
  g_clear_pointer (&self->exporting, g_free);
  if (!rapport_backups_export_finish (RAPPORT_DATABASE (source), result, &error))
    {
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Backed up into “%s”."), display);
  toast (self, message);
}

static void
export_with (RapportBackupsPage *self,
             const char         *passphrase)
{
  rapport_backups_export_async (get_database (self), self->exporting, passphrase, self->cancellable,
                                on_exported, g_object_ref (self));
}

static void
on_export_passphrase (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *passphrase = rapport_passphrase_lookup_finish (result, &error);

  if (passphrase == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_row), TRUE);
      g_clear_pointer (&self->exporting, g_free);
      toast (self, error ? error->message
                         : _("Set a passphrase first, below, or switch encryption off."));
      return;
    }
  export_with (self, passphrase);
  rapport_passphrase_free (passphrase);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(RapportBackupsPage) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (self->exporting = g_file_get_path (file)) == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_row), FALSE);
  if (g_settings_get_boolean (rapport_context_get_settings (self->context), "backup-encrypt"))
    rapport_passphrase_lookup_async (self->cancellable, on_export_passphrase, g_object_ref (self));
  else
    export_with (self, NULL);
}

static void
on_export (RapportBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  /* TRANSLATORS: the suggested name of a backup file; %s is the date */
  g_autofree char *name = g_strdup_printf (_("Rapport backup %s.db"), day);

  if (self->exporting != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Back Up to a File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_restore (RapportBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *main_window = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  GtkWidget *dialog = rapport_restore_dialog_new (self->context, main_window);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_folder (RapportBackupsPage *self)
{
  g_autofree char *folder = rapport_backups_dup_folder (rapport_database_get_path (get_database (self)));
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_mkdir_with_parents (folder, 0700);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
rapport_backups_page_constructed (GObject *object)
{
  RapportBackupsPage *self = RAPPORT_BACKUPS_PAGE (object);
  GSettings *settings = rapport_context_get_settings (self->context);
  g_autofree char *folder = rapport_backups_dup_folder (rapport_database_get_path (get_database (self)));
  g_autofree char *shown = g_filename_display_name (folder);
  /* A path reads left to right in any language. */
  g_autofree char *display = rapport_format_left_to_right (shown);
  g_autofree char *description = g_strdup_printf (_("A checked copy of your data is made every day Rapport runs, before every upgrade and before every restore, in “%s”."),
                                                  display);

  G_OBJECT_CLASS (rapport_backups_page_parent_class)->constructed (object);

  adw_preferences_group_set_description (self->backups_group, description);
  g_settings_bind (settings, "backup-keep-daily", self->daily_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep-weekly", self->weekly_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-encrypt", self->encrypt_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (get_database (self), "changed", G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);

  look_at_backups (self);
  show_passphrase_state (self, NULL);
  rapport_passphrase_lookup_async (self->cancellable, on_passphrase_looked_up, g_object_ref (self));
}

static void
rapport_backups_page_dispose (GObject *object)
{
  RapportBackupsPage *self = RAPPORT_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rapport_backups_page_parent_class)->dispose (object);
}

static void
rapport_backups_page_finalize (GObject *object)
{
  RapportBackupsPage *self = RAPPORT_BACKUPS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_free (self->exporting);

  G_OBJECT_CLASS (rapport_backups_page_parent_class)->finalize (object);
}

static void
rapport_backups_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportBackupsPage *self = RAPPORT_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backups_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportBackupsPage *self = RAPPORT_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backups_page_class_init (RapportBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_backups_page_constructed;
  object_class->dispose = rapport_backups_page_dispose;
  object_class->finalize = rapport_backups_page_finalize;
  object_class->get_property = rapport_backups_page_get_property;
  object_class->set_property = rapport_backups_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, export_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, daily_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, weekly_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, passphrase_state_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, forget_button);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsPage, backups_group);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
  gtk_widget_class_bind_template_callback (widget_class, on_restore);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_forget);
}

static void
rapport_backups_page_init (RapportBackupsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_backups_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  return g_object_new (RAPPORT_TYPE_BACKUPS_PAGE, "context", context, NULL);
}
