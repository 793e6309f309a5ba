/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-backups.h"
#include "rapport-damage-dialog.h"
#include "rapport-data-status.h"
#include "rapport-error.h"
#include "rapport-window.h"

/* What the main window says about the data itself, above everything else:
 * that the file is damaged (and what can be done), that no backup was made
 * for a week, that a save waits for another program. It also looks after
 * the data while the window is open: the damage check once the first frame
 * is drawn, and the backup of the day. */

#define WARN_AFTER_DAYS 7
#define DAILY_LOOK_SECONDS 3600

struct _RapportDataStatus
{
  GtkWidget       parent_instance;

  RapportContext *context;
  GCancellable   *cancellable;
  gint64          last_backup;    /* UTC seconds; 0 for none */
  gboolean        backup_failed;
  gboolean        started;
  guint           daily_source;

  GtkRevealer    *damage_revealer;
  GtkLabel       *damage_label;
  GtkRevealer    *backup_revealer;
  GtkLabel       *backup_label;
  GtkRevealer    *waiting_revealer;
  GtkSpinner     *waiting_spinner;
};

G_DEFINE_FINAL_TYPE (RapportDataStatus, rapport_data_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LAST_BACKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportDatabase *
get_database (RapportDataStatus *self)
{
  return rapport_context_get_database (self->context);
}

static void
toast (RapportDataStatus *self,
       const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (RAPPORT_IS_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      rapport_window_add_toast (RAPPORT_WINDOW (root), toast);
    }
}

static void
update (RapportDataStatus *self)
{
  RapportDatabase *db = get_database (self);
  gint64 now = rapport_database_now (db);
  gint64 days = self->last_backup > 0 ? (now - self->last_backup) / 86400 : 0;
  gboolean damaged = rapport_database_get_damaged (db);
  gboolean waiting = rapport_database_get_waiting (db);
  gboolean stale = !damaged && !rapport_database_get_read_only (db)
                   && ((self->last_backup > 0 && days >= WARN_AFTER_DAYS)
                       || (self->last_backup == 0 && self->backup_failed));

  if (damaged)
    {
      g_autofree char *display = g_filename_display_name (rapport_database_get_path (db));
      g_autofree char *text = g_strdup_printf (_("“%s” is damaged. Nothing is saved to it until you choose what to do; you can still look at everything that can be read."),
                                               display);

      gtk_label_set_text (self->damage_label, text);
    }
  if (stale)
    {
      g_autofree char *text = NULL;

      if (self->last_backup == 0)
        text = g_strdup (_("No backup of your data could be made. Back up now, or check the disk."));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "No backup has been made for %d day. Back up now, or check the disk.",
                                             "No backup has been made for %d days. Back up now, or check the disk.",
                                             (gulong) days),
                                (int) days);
      gtk_label_set_text (self->backup_label, text);
    }

  gtk_revealer_set_reveal_child (self->damage_revealer, damaged);
  gtk_revealer_set_reveal_child (self->backup_revealer, stale);
  gtk_revealer_set_reveal_child (self->waiting_revealer, waiting);
  if (waiting)
    gtk_spinner_start (self->waiting_spinner);
  else
    gtk_spinner_stop (self->waiting_spinner);
}

static void
look_at_backups (RapportDataStatus *self)
{
  gint64 newest = rapport_backups_get_last_time (rapport_database_get_path (get_database (self)));

  if (newest != self->last_backup)
    {
      self->last_backup = newest;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_BACKUP]);
    }
  update (self);
}

/* A restore, or another program (which may have made a backup), changed
 * anything: one's own saves do not change the backups. */
static void
on_database_changed (RapportDataStatus *self,
                     const char        *kind)
{
  if (kind == NULL)
    look_at_backups (self);
}

static void
on_daily_made (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RapportDataStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) made = rapport_backups_make_daily_finish (RAPPORT_DATABASE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->backup_failed = error != NULL;
  if (error != NULL && !rapport_database_get_damaged (get_database (self)))
    {
      g_autofree char *message = g_strdup_printf (_("The backup of the day failed: %s"), error->message);
      toast (self, message);
    }
  look_at_backups (self);
}

static void
make_daily (RapportDataStatus *self)
{
  GSettings *settings = rapport_context_get_settings (self->context);
  RapportBackupPolicy policy = {
    (guint) g_settings_get_int (settings, "backup-keep-daily"),
    (guint) g_settings_get_int (settings, "backup-keep-weekly"),
  };
  RapportDatabase *db = get_database (self);

  if (rapport_database_get_damaged (db) || rapport_database_get_read_only (db))
    return;
  rapport_backups_make_daily_async (db, &policy, self->cancellable, on_daily_made, g_object_ref (self));
}

static gboolean
on_daily_look (gpointer user_data)
{
  make_daily (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportDataStatus) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Damage found is told by the database itself (notify::damaged). */
  if (rapport_database_check_finish (RAPPORT_DATABASE (source), result, &error))
    make_daily (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT))
    toast (self, error->message);
}

/* After the first frame: the window never waits for the check. */
static gboolean
start (gpointer user_data)
{
  RapportDataStatus *self = user_data;

  rapport_database_check_async (get_database (self), FALSE, self->cancellable, on_checked, g_object_ref (self));
  self->daily_source = g_timeout_add_seconds (DAILY_LOOK_SECONDS, on_daily_look, self);
  return G_SOURCE_REMOVE;
}

static void
rapport_data_status_map (GtkWidget *widget)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (widget);

  GTK_WIDGET_CLASS (rapport_data_status_parent_class)->map (widget);
  if (!self->started)
    {
      self->started = TRUE;
      g_idle_add_full (G_PRIORITY_LOW, start, g_object_ref (self), g_object_unref);
    }
}

static void
on_damage_help_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (widget);
  GtkWidget *dialog = rapport_damage_dialog_new (self->context, rapport_database_get_path (get_database (self)));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_back_up_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  make_daily (RAPPORT_DATA_STATUS (widget));
}

static void
rapport_data_status_constructed (GObject *object)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (object);
  RapportDatabase *db = get_database (self);

  G_OBJECT_CLASS (rapport_data_status_parent_class)->constructed (object);

  g_signal_connect_object (db, "notify::damaged", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "notify::waiting", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed", G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  look_at_backups (self);
  update (self);
}

static void
rapport_data_status_dispose (GObject *object)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->daily_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_DATA_STATUS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_data_status_parent_class)->dispose (object);
}

static void
rapport_data_status_finalize (GObject *object)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_data_status_parent_class)->finalize (object);
}

static void
rapport_data_status_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_LAST_BACKUP: g_value_set_int64 (value, self->last_backup); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_data_status_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportDataStatus *self = RAPPORT_DATA_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_data_status_class_init (RapportDataStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_data_status_constructed;
  object_class->dispose = rapport_data_status_dispose;
  object_class->finalize = rapport_data_status_finalize;
  object_class->get_property = rapport_data_status_get_property;
  object_class->set_property = rapport_data_status_set_property;
  widget_class->map = rapport_data_status_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_BACKUP] =
    g_param_spec_int64 ("last-backup", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-data-status.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, damage_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, damage_label);
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, backup_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, backup_label);
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, waiting_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportDataStatus, waiting_spinner);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "status.damage-help", NULL, on_damage_help_action);
  gtk_widget_class_install_action (widget_class, "status.back-up", NULL, on_back_up_action);
}

static void
rapport_data_status_init (RapportDataStatus *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportDataStatus *
rapport_data_status_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  return g_object_new (RAPPORT_TYPE_DATA_STATUS, "context", context, NULL);
}

/**
 * rapport_data_status_get_last_backup:
 * @self: the status
 *
 * Returns: when the newest backup was made (UTC seconds), 0 for none
 */
gint64
rapport_data_status_get_last_backup (RapportDataStatus *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATA_STATUS (self), 0);
  return self->last_backup;
}
