/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backups.h"
#include "rapport-damage-dialog.h"
#include "rapport-format.h"
#include "rapport-restore-dialog.h"
#include "rapport-salvage.h"
#include "rapport-window.h"

/* What to do about a damaged file, said plainly: restore the newest good
 * backup, save what can still be read into a new file, or look without
 * changing anything. Shown from the window's banner (@context set), or at
 * start when the file cannot be opened at all (@context NULL: then the
 * application opens the file once the person has chosen, through the
 * “open” signal). */
struct _RapportDamageDialog
{
  AdwWindow        parent_instance;

  RapportContext  *context;     /* nullable */
  char            *path;
  RapportBackup   *newest;
  RapportBackup   *restoring;   /* while it is restored */
  char            *saved;       /* what was salvaged into */
  GCancellable    *cancellable;
  gboolean         busy;

  AdwStatusPage   *status_page;
  AdwActionRow    *restore_row;
  AdwActionRow    *salvage_row;
  AdwActionRow    *use_saved_row;
  AdwActionRow    *look_row;
  GtkLabel        *progress_label;
  GtkSpinner      *spinner;
};

G_DEFINE_FINAL_TYPE (RapportDamageDialog, rapport_damage_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PATH,
  N_PROPS
};

enum {
  OPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (RapportDamageDialog *self,
          const char          *message)
{
  self->busy = message != NULL;
  gtk_label_set_text (self->progress_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  if (self->busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_row), !self->busy && self->newest != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->salvage_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_saved_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->look_row), !self->busy);
}

static void
show_result (RapportDamageDialog *self,
             const char          *message)
{
  set_busy (self, NULL);
  gtk_label_set_text (self->progress_label, message);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportDamageDialog) self = user_data;
  g_autoptr(GPtrArray) backups = rapport_backups_list_finish (result, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (backups != NULL && backups->len > 0)
    {
      RapportBackup *newest = g_ptr_array_index (backups, 0);
      g_autofree char *when = rapport_format_moment (rapport_backup_get_created_at (newest), now);
      g_autofree char *what = rapport_restore_dialog_describe (newest);
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: the newest backup: when, then what it holds */
      subtitle = g_strdup_printf (_("From %s: %s. What is in the damaged file now is kept aside."),
                                  when, what);
      g_set_object (&self->newest, newest);
      adw_action_row_set_subtitle (self->restore_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->restore_row, _("There is no backup of this file yet."));
  set_busy (self, NULL);
}

/* The file, whole again: the window goes on, or the application opens it. */
static void
restored (RapportDamageDialog *self,
          RapportBackup       *backup)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = rapport_format_moment (rapport_backup_get_created_at (backup), now);
  g_autofree char *message = g_strdup_printf (_("Restored the backup from %s."), when);

  if (self->context == NULL)
    g_signal_emit (self, signals[OPEN], 0, FALSE);
  else if (RAPPORT_IS_WINDOW (parent))
    rapport_window_add_toast (RAPPORT_WINDOW (parent), adw_toast_new (message));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportDamageDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) backup = g_steal_pointer (&self->restoring);
  gboolean ok = self->context != NULL
                ? rapport_backups_restore_finish (RAPPORT_DATABASE (source), result, NULL, &error)
                : g_task_propagate_boolean (G_TASK (result), &error);

  if (!ok)
    {
      show_result (self, error->message);
      return;
    }
  restored (self, backup);
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportDamageDialog *self = source_object;
  g_autoptr(GError) error = NULL;

  if (rapport_backups_replace_damaged (self->path, rapport_backup_get_path (task_data), NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
restore_from (RapportDamageDialog *self,
              RapportBackup       *backup)
{
  set_busy (self, _("Restoring… The damaged file is kept aside first."));
  g_set_object (&self->restoring, backup);
  if (self->context != NULL)
    rapport_backups_restore_async (rapport_context_get_database (self->context),
                                   rapport_backup_get_path (backup), NULL, self->cancellable,
                                   on_restored, g_object_ref (self));
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_restored, g_object_ref (self));

      g_task_set_task_data (task, g_object_ref (backup), g_object_unref);
      g_task_run_in_thread (task, replace_thread);
    }
}

static void
on_restore (RapportDamageDialog *self)
{
  if (self->newest != NULL && !self->busy)
    restore_from (self, self->newest);
}

static void
salvage_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportDamageDialog *self = source_object;
  g_autoptr(GError) error = NULL;
  char *report = NULL;

  if (rapport_database_salvage (self->path, task_data, &report, &error))
    g_task_return_pointer (task, report, g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_salvaged (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportDamageDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (report == NULL)
    {
      show_result (self, error->message);
      return;
    }
  g_free (self->saved);
  self->saved = g_strdup (g_task_get_task_data (G_TASK (result)));
  gtk_widget_set_visible (GTK_WIDGET (self->use_saved_row), TRUE);
  show_result (self, report);
}

static void
on_salvage_chosen (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  g_autoptr(RapportDamageDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || g_file_get_path (file) == NULL)
    return;

  set_busy (self, _("Saving what can be read… The damaged file is not changed."));
  task = g_task_new (self, self->cancellable, on_salvaged, g_object_ref (self));
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  g_task_run_in_thread (task, salvage_thread);
}

static void
on_salvage (RapportDamageDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *stem = g_path_get_basename (self->path);
  g_autofree char *name = NULL;

  if (self->busy)
    return;
  /* TRANSLATORS: the suggested name of the file what can be read is saved
   * into; %s is the damaged file's name */
  name = g_strdup_printf (_("Recovered %s"), stem);
  chooser = gtk_file_chooser_native_new (_("Save What Can Still Be Read"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_salvage_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The file saved from the damage becomes the data, as a backup would. */
static void
on_use_saved (RapportDamageDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) saved = NULL;

  if (self->saved == NULL || self->busy)
    return;
  saved = rapport_backup_describe (self->saved, &error);
  if (saved == NULL)
    {
      show_result (self, error->message);
      return;
    }
  restore_from (self, saved);
}

static void
on_look (RapportDamageDialog *self)
{
  if (self->context == NULL)
    g_signal_emit (self, signals[OPEN], 0, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
rapport_damage_dialog_set_message (RapportDamageDialog *self,
                                   const char          *message)
{
  g_return_if_fail (RAPPORT_IS_DAMAGE_DIALOG (self));
  adw_status_page_set_description (self->status_page, message);
}

static void
rapport_damage_dialog_constructed (GObject *object)
{
  RapportDamageDialog *self = RAPPORT_DAMAGE_DIALOG (object);
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *message = g_strdup_printf (_("Parts of “%s” cannot be read. Rapport has stopped writing to it, so that nothing more is lost."),
                                              display);

  G_OBJECT_CLASS (rapport_damage_dialog_parent_class)->constructed (object);

  adw_status_page_set_description (self->status_page, message);
  adw_action_row_set_subtitle (self->look_row,
                               self->context ? _("Close this and keep the window open: everything that can be read is there to copy out; nothing is saved.")
                                             : _("Open it read-only to copy things out; nothing is saved."));
  set_busy (self, _("Looking for backups…"));
  rapport_backups_list_async (self->path, self->cancellable, on_listed, g_object_ref (self));
}

static void
rapport_damage_dialog_dispose (GObject *object)
{
  RapportDamageDialog *self = RAPPORT_DAMAGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rapport_damage_dialog_parent_class)->dispose (object);
}

static void
rapport_damage_dialog_finalize (GObject *object)
{
  RapportDamageDialog *self = RAPPORT_DAMAGE_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->newest);
  g_clear_object (&self->restoring);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->saved);

  G_OBJECT_CLASS (rapport_damage_dialog_parent_class)->finalize (object);
}

static void
rapport_damage_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportDamageDialog *self = RAPPORT_DAMAGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_damage_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportDamageDialog *self = RAPPORT_DAMAGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_PATH: self->path = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_damage_dialog_class_init (RapportDamageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_damage_dialog_constructed;
  object_class->dispose = rapport_damage_dialog_dispose;
  object_class->finalize = rapport_damage_dialog_finalize;
  object_class->get_property = rapport_damage_dialog_get_property;
  object_class->set_property = rapport_damage_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportDamageDialog::open:
   * @self: the dialog
   * @read_only: whether to open the damaged file read-only, or the file
   *   that was restored in its place
   *
   * Without a context (at start): the person chose; open the file.
   */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-damage-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, restore_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, salvage_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, use_saved_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, look_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RapportDamageDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_restore);
  gtk_widget_class_bind_template_callback (widget_class, on_salvage);
  gtk_widget_class_bind_template_callback (widget_class, on_use_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_look);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_damage_dialog_init (RapportDamageDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_damage_dialog_new:
 * @context: (nullable): the open data; %NULL at start, when the file could
 *   not be opened
 * @path: the damaged file
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
rapport_damage_dialog_new (RapportContext *context,
                           const char     *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (RAPPORT_TYPE_DAMAGE_DIALOG, "context", context, "path", path, NULL);
}
