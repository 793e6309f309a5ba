/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* The ready message of a reminder, to a client who agreed to service
 * messages: the person reads it, may change it, and copies it or sends it
 * by e-mail through the campaigns' outgoing server (the password from the
 * keyring), on a worker thread; a sent message goes on the client's
 * timeline. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-business-repository.h"
#include "rapport-client-message-dialog.h"
#include "rapport-service-mail.h"
#include "rapport-smtp-password.h"

struct _RapportClientMessageDialog
{
  AdwWindow        parent_instance;

  RapportContext  *context;
  RapportReminder *reminder;
  GCancellable    *cancellable;
  gboolean         sending;

  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *group;
  AdwEntryRow         *subject_row;
  GtkTextView         *body_view;
  GtkWidget           *send_button;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (RapportClientMessageDialog, rapport_client_message_dialog, ADW_TYPE_WINDOW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (RapportClientMessageDialog *self,
       const char                 *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static char *
dup_body (RapportClientMessageDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_actions (RapportClientMessageDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.send",
                                 !self->sending && self->reminder->message_email != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->sending);
  gtk_spinner_set_spinning (self->spinner, self->sending);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportClientMessageDialog *self = RAPPORT_CLIENT_MESSAGE_DIALOG (widget);
  g_autofree char *body = dup_body (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), body);
  toast (self, _("Message copied"));
}

typedef struct
{
  char                *path;
  RapportReminder     *reminder;
  char                *subject;
  char                *body;
  RapportSmtpSettings *settings;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_free (job->path);
  rapport_reminder_unref (job->reminder);
  g_free (job->subject);
  g_free (job->body);
  rapport_smtp_settings_free (job->settings);
  g_free (job);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  g_autoptr(RapportDatabase) own = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gboolean ok;

  own = rapport_database_open (job->path, RAPPORT_DATABASE_DEFAULT, &error);
  if (own == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->settings->user != NULL)
    {
      password = rapport_smtp_password_lookup (job->settings->host, job->settings->user, cancellable, &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  ok = rapport_service_mail_send (own, job->reminder, job->subject, job->body, job->settings, password, &error);
  rapport_smtp_password_free (password);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RapportClientMessageDialog *self = RAPPORT_CLIENT_MESSAGE_DIALOG (source);
  g_autoptr(GError) error = NULL;

  self->sending = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          update_actions (self);
          toast (self, error->message);
        }
      return;
    }
  /* The timeline was written by another connection: say so. */
  rapport_database_notify_changed (rapport_context_get_database (self->context));
  g_signal_emit (self, signals[SENT], 0, self->reminder->message_email);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportClientMessageDialog *self = RAPPORT_CLIENT_MESSAGE_DIALOG (widget);
  g_autoptr(RapportBusiness) business = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendJob *job;

  if (self->sending || self->reminder->message_email == NULL)
    return;

  job = g_new0 (SendJob, 1);
  job->path = g_strdup (rapport_database_get_path (rapport_context_get_database (self->context)));
  job->reminder = rapport_reminder_ref (self->reminder);
  job->subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  job->body = dup_body (self);
  job->settings = rapport_smtp_settings_new_from_gsettings (rapport_context_get_settings (self->context));
  if (!rapport_smtp_settings_validate (job->settings, &error))
    {
      toast (self, error->message);
      send_job_free (job);
      return;
    }
  business = rapport_business_repository_get (rapport_context_get_business (self->context), NULL);
  if (business != NULL)
    {
      g_free (job->settings->from_name);
      job->settings->from_name = g_strdup (business->name);
    }

  self->sending = TRUE;
  update_actions (self);
  task = g_task_new (self, self->cancellable, on_sent, NULL);
  g_task_set_source_tag (task, send_action);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_thread);
}

static void
show_reminder (RapportClientMessageDialog *self)
{
  RapportReminder *reminder = self->reminder;
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;

  /* TRANSLATORS: a dialog's heading; %s is a client's name */
  title = g_strdup_printf (_("Message to %s"), reminder->client_name);
  adw_preferences_group_set_title (self->group, title);
  if (reminder->message_email != NULL)
    /* TRANSLATORS: %s is an e-mail address */
    where = g_strdup_printf (_("By e-mail to %s, from the campaigns’ mail server. It is kept on the client’s timeline."),
                             reminder->message_email);
  else if (reminder->message_email_refused)
    where = g_strdup (_("The client opted out of e-mail: copy the message and give it another way."));
  else
    where = g_strdup (_("The client has no e-mail address: copy the message and give it another way."));
  adw_preferences_group_set_description (self->group, where);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), reminder->message_subject ? reminder->message_subject : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), reminder->message ? reminder->message : "", -1);
  update_actions (self);
}

static void
rapport_client_message_dialog_dispose (GObject *object)
{
  RapportClientMessageDialog *self = RAPPORT_CLIENT_MESSAGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_client_message_dialog_parent_class)->dispose (object);
}

static void
rapport_client_message_dialog_finalize (GObject *object)
{
  RapportClientMessageDialog *self = RAPPORT_CLIENT_MESSAGE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reminder, rapport_reminder_unref);

  G_OBJECT_CLASS (rapport_client_message_dialog_parent_class)->finalize (object);
}

static void
rapport_client_message_dialog_class_init (RapportClientMessageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_client_message_dialog_dispose;
  object_class->finalize = rapport_client_message_dialog_finalize;

  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-client-message-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientMessageDialog, spinner);

  gtk_widget_class_install_action (widget_class, "message.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "message.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "message.send", NULL);
}

static void
rapport_client_message_dialog_init (RapportClientMessageDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_client_message_dialog_new:
 * @context: the window's context
 * @reminder: a reminder with a ready message (#RapportReminder.message)
 *
 * Returns: (transfer floating): the dialog, to present
 */
RapportClientMessageDialog *
rapport_client_message_dialog_new (RapportContext  *context,
                                   RapportReminder *reminder)
{
  RapportClientMessageDialog *self;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (reminder != NULL && reminder->message != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_CLIENT_MESSAGE_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->reminder = rapport_reminder_ref (reminder);
  show_reminder (self);
  return self;
}
