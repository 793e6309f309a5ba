/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backups.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-passphrase.h"
#include "rapport-restore-dialog.h"
#include "rapport-window.h"

/* The backups of the open data, newest first, with what each holds; one is
 * restored after the person confirms, the data of now kept first as a
 * backup that Undo, on the main window, restores. A backup file from
 * elsewhere (a USB stick) is restored the same way; an encrypted one with
 * the passphrase from the keyring, or the one the person types. */
struct _RapportRestoreDialog
{
  AdwWindow        parent_instance;

  RapportContext  *context;
  GtkWindow       *main_window;   /* weak: where the result is told */
  GCancellable    *cancellable;
  RapportBackup   *restoring;
  gboolean         busy;

  AdwPreferencesGroup *list_group;
  GtkListBox      *list;
  GtkLabel        *progress_label;
  GtkSpinner      *spinner;
  GtkWidget       *from_file_button;
};

G_DEFINE_FINAL_TYPE (RapportRestoreDialog, rapport_restore_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
reason_label (RapportBackupReason reason)
{
  switch (reason)
    {
    case RAPPORT_BACKUP_DAILY: return _("Daily");
    case RAPPORT_BACKUP_BEFORE_UPGRADE: return _("Before an upgrade");
    case RAPPORT_BACKUP_BEFORE_CHANGE: return _("Before a change of many records");
    case RAPPORT_BACKUP_BEFORE_RESTORE: return _("Before a restore");
    case RAPPORT_BACKUP_MANUAL: return _("Saved to a file");
    default: return "";
    }
}

static gulong
plural (gint64 n)
{
  return (gulong) CLAMP (n, 0, G_MAXLONG);
}

/* " · 1,234 clients", the number in the reader's digits. */
static void
append_count (GString    *text,
              gint64      n,
              const char *format)
{
  g_autofree char *number = rapport_format_count (n);

  g_string_append (text, " · ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_append_printf (text, format, number);
#pragma GCC diagnostic pop
}

/**
 * rapport_restore_dialog_describe:
 * @backup: a backup
 *
 * Returns: (transfer full): what a backup holds, for people: why it was
 *   made, how many clients, interactions and orders, its size
 */
char *
rapport_restore_dialog_describe (RapportBackup *backup)
{
  g_autoptr(GString) text = g_string_new (reason_label (rapport_backup_get_reason (backup)));
  g_autofree char *size = g_format_size (rapport_backup_get_size (backup));
  gint64 clients = rapport_backup_get_n_clients (backup);
  gint64 interactions = rapport_backup_get_n_interactions (backup);
  gint64 orders = rapport_backup_get_n_orders (backup);

  if (clients >= 0)
    append_count (text, clients, g_dngettext (GETTEXT_PACKAGE,
                                              /* TRANSLATORS: %s is a number, already written in the reader's way */
                                              "%s client", "%s clients", plural (clients)));
  if (interactions >= 0)
    append_count (text, interactions, g_dngettext (GETTEXT_PACKAGE,
                                                   /* TRANSLATORS: %s is a number, already written in the reader's way */
                                                   "%s interaction", "%s interactions", plural (interactions)));
  if (orders > 0)
    append_count (text, orders, g_dngettext (GETTEXT_PACKAGE,
                                             /* TRANSLATORS: %s is a number, already written in the reader's way */
                                             "%s order", "%s orders", plural (orders)));
  g_string_append_printf (text, " · %s", size);
  if (rapport_backup_get_encrypted (backup))
    g_string_append_printf (text, " · %s", _("Encrypted"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_when (RapportBackup *backup)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return rapport_format_moment (rapport_backup_get_created_at (backup), now);
}

static void
set_busy (RapportRestoreDialog *self,
          const char           *message)
{
  self->busy = message != NULL;
  gtk_label_set_text (self->progress_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  if (self->busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !self->busy);
  gtk_widget_set_sensitive (self->from_file_button, !self->busy);
}

static void restore_backup (RapportRestoreDialog *self,
                            RapportBackup        *backup,
                            const char           *passphrase);
static void ask_passphrase (RapportRestoreDialog *self,
                            RapportBackup        *backup,
                            const char           *why);

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (RAPPORT_IS_WINDOW (window))
    rapport_window_add_toast (RAPPORT_WINDOW (window),
                              adw_toast_new (rapport_backups_restore_finish (RAPPORT_DATABASE (source), result,
                                                                             NULL, &error)
                                             ? _("The data is as it was before the restore.")
                                             : error->message));
}

typedef struct
{
  RapportDatabase *database;
  RapportBackup   *kept;
  GtkWindow       *window;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->database);
  g_clear_object (&undo->kept);
  g_clear_object (&undo->window);
  g_free (undo);
}

static void
on_undo (AdwToast *toast,
         Undo     *undo)
{
  rapport_backups_restore_async (undo->database, rapport_backup_get_path (undo->kept), NULL, NULL,
                                 on_undone, g_object_ref (undo->window));
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  g_autoptr(RapportBackup) kept = NULL;
  g_autoptr(RapportBackup) restored = g_steal_pointer (&self->restoring);
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!rapport_backups_restore_finish (RAPPORT_DATABASE (source), result, &kept, &error))
    {
      set_busy (self, NULL);
      /* Not this file's passphrase: asked again; the rest is said. */
      if (g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_WRONG_PASSPHRASE))
        ask_passphrase (self, restored, error->message);
      else
        gtk_label_set_text (self->progress_label, error->message);
      return;
    }

  when = describe_when (restored);
  message = g_strdup_printf (_("Restored the backup from %s."), when);
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (kept != NULL && RAPPORT_IS_WINDOW (self->main_window))
    {
      Undo *undo = g_new0 (Undo, 1);

      undo->database = g_object_ref (RAPPORT_DATABASE (source));
      undo->kept = g_steal_pointer (&kept);
      undo->window = g_object_ref (self->main_window);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo,
                             undo_free, 0);
    }
  if (RAPPORT_IS_WINDOW (self->main_window))
    rapport_window_add_toast (RAPPORT_WINDOW (self->main_window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_passphrase_response (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(RapportBackup) backup = g_steal_pointer (&self->restoring);

  if (g_str_equal (response, "restore") && *gtk_editable_get_text (entry) != '\0')
    restore_backup (self, backup, gtk_editable_get_text (entry));
  else
    set_busy (self, NULL);
}

/* The keyring's passphrase is not there, or not this file's: ask. */
static void
ask_passphrase (RapportRestoreDialog *self,
                RapportBackup        *backup,
                const char           *why)
{
  g_autofree char *display = g_filename_display_name (rapport_backup_get_path (backup));
  g_autofree char *body = g_strdup_printf (_("“%s” is encrypted. %s"), display, why);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Passphrase of the Backup"), body);
  GtkWidget *entry = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Passphrase"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_set_object (&self->restoring, backup);
  g_signal_connect (dialog, "response", G_CALLBACK (on_passphrase_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
restore_backup (RapportRestoreDialog *self,
                RapportBackup        *backup,
                const char           *passphrase)
{
  g_autofree char *when = describe_when (backup);
  g_autofree char *message = g_strdup_printf (_("Restoring the backup from %s…"), when);

  set_busy (self, message);
  g_set_object (&self->restoring, backup);
  rapport_backups_restore_async (rapport_context_get_database (self->context), rapport_backup_get_path (backup),
                                 passphrase, self->cancellable, on_restored, g_object_ref (self));
}

static void
on_passphrase_found (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  g_autoptr(RapportBackup) backup = g_steal_pointer (&self->restoring);
  g_autoptr(GError) error = NULL;
  char *passphrase = rapport_passphrase_lookup_finish (result, &error);

  if (passphrase == NULL)
    ask_passphrase (self, backup, error ? error->message : _("No passphrase is kept in the keyring: type it."));
  else
    restore_backup (self, backup, passphrase);
  rapport_passphrase_free (passphrase);
}

static void
on_confirmed (AdwMessageDialog *dialog,
              const char       *response,
              gpointer          user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  RapportBackup *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (!g_str_equal (response, "restore"))
    return;
  if (rapport_backup_get_encrypted (backup))
    {
      set_busy (self, _("Looking for the passphrase in the keyring…"));
      g_set_object (&self->restoring, backup);
      rapport_passphrase_lookup_async (self->cancellable, on_passphrase_found, g_object_ref (self));
    }
  else
    restore_backup (self, backup, NULL);
}

static void
confirm (RapportRestoreDialog *self,
         RapportBackup        *backup)
{
  g_autofree char *when = describe_when (backup);
  g_autofree char *body = g_strdup_printf (_("The clients and history of now are replaced by those of %s. What is there now is kept as a backup first, and Undo brings it back."),
                                           when);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirmed), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_clicked (GtkButton            *button,
                    RapportRestoreDialog *self)
{
  confirm (self, g_object_get_data (G_OBJECT (button), "backup"));
}

static GtkWidget *
make_row (RapportRestoreDialog *self,
          RapportBackup        *backup)
{
  g_autofree char *title = describe_when (backup);
  g_autofree char *subtitle = rapport_restore_dialog_describe (backup);
  g_autofree char *name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* TRANSLATORS: the accessible name of a backup's Restore button */
  name = g_strdup_printf (_("Restore the backup from %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  g_autoptr(GPtrArray) backups = rapport_backups_list_finish (result, NULL);

  if (backups == NULL)
    return;
  set_busy (self, NULL);
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (backups, i)));
  if (backups->len == 0)
    gtk_label_set_text (self->progress_label, _("There is no backup on this computer yet. One is made every day Rapport runs."));
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr(RapportRestoreDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  backup = rapport_backup_describe (path, &error);
  if (backup == NULL)
    {
      gtk_label_set_text (self->progress_label, error->message);
      return;
    }
  confirm (self, backup);
}

static void
on_from_file (RapportRestoreDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Restore From a File"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rapport_restore_dialog_constructed (GObject *object)
{
  RapportRestoreDialog *self = RAPPORT_RESTORE_DIALOG (object);
  g_autofree char *folder = rapport_backups_dup_folder (rapport_database_get_path (rapport_context_get_database (self->context)));
  g_autofree char *shown = g_filename_display_name (folder);
  /* A path reads left to right in any language. */
  g_autofree char *display = rapport_format_left_to_right (shown);
  g_autofree char *description = g_strdup_printf (_("Kept in “%s”."), display);

  G_OBJECT_CLASS (rapport_restore_dialog_parent_class)->constructed (object);

  adw_preferences_group_set_description (self->list_group, description);
  set_busy (self, _("Reading the backups…"));
  rapport_backups_list_async (rapport_database_get_path (rapport_context_get_database (self->context)),
                              self->cancellable, on_listed, g_object_ref (self));
}

static void
rapport_restore_dialog_dispose (GObject *object)
{
  RapportRestoreDialog *self = RAPPORT_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->main_window);

  G_OBJECT_CLASS (rapport_restore_dialog_parent_class)->dispose (object);
}

static void
rapport_restore_dialog_finalize (GObject *object)
{
  RapportRestoreDialog *self = RAPPORT_RESTORE_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->restoring);

  G_OBJECT_CLASS (rapport_restore_dialog_parent_class)->finalize (object);
}

static void
rapport_restore_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportRestoreDialog *self = RAPPORT_RESTORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_restore_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportRestoreDialog *self = RAPPORT_RESTORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_restore_dialog_class_init (RapportRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_restore_dialog_constructed;
  object_class->dispose = rapport_restore_dialog_dispose;
  object_class->finalize = rapport_restore_dialog_finalize;
  object_class->get_property = rapport_restore_dialog_get_property;
  object_class->set_property = rapport_restore_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportRestoreDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, RapportRestoreDialog, list);
  gtk_widget_class_bind_template_child (widget_class, RapportRestoreDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RapportRestoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportRestoreDialog, from_file_button);
  gtk_widget_class_bind_template_callback (widget_class, on_from_file);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_restore_dialog_init (RapportRestoreDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_restore_dialog_new:
 * @context: the open data
 * @main_window: (nullable): the window that tells the result, with Undo
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
rapport_restore_dialog_new (RapportContext *context,
                            GtkWindow      *main_window)
{
  RapportRestoreDialog *self;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  self = g_object_new (RAPPORT_TYPE_RESTORE_DIALOG, "context", context, NULL);
  g_set_weak_pointer (&self->main_window, main_window);
  return GTK_WIDGET (self);
}
