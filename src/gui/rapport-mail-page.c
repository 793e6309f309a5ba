/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* Preferences → E-mail: the outgoing server (kept in GSettings), its
 * password (kept in the keyring, written on Apply, never shown back), the
 * business's address, a connection test that reports the server's answer,
 * and the campaigns' rate and results window. Keyring and network calls run
 * on a worker thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-mail-page.h"
#include "rapport-mailer.h"
#include "rapport-smtp-password.h"

struct _RapportMailPage
{
  AdwPreferencesPage  parent_instance;

  RapportContext     *context;

  AdwEntryRow        *host_row;
  GtkSpinButton      *port_spin;
  AdwComboRow        *security_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow        *from_row;
  AdwEntryRow        *certificate_row;
  AdwActionRow       *test_row;
  GtkButton          *test_button;
  GtkSpinButton      *rate_spin;
  GtkSpinButton      *days_spin;
};

G_DEFINE_FINAL_TYPE (RapportMailPage, rapport_mail_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (RapportMailPage *self,
       const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

typedef struct
{
  RapportSmtpSettings *settings;
  char                *password;   /* to store, or NULL to test */
} MailJob;

static void
mail_job_free (MailJob *job)
{
  rapport_smtp_settings_free (job->settings);
  rapport_smtp_password_free (job->password);
  g_free (job);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MailJob *job = task_data;
  GError *error = NULL;

  if (rapport_smtp_password_store (job->settings->host, job->settings->user, job->password, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      toast (self, _("The password is kept in the keyring."));
    }
}

static MailJob *
job_new (RapportMailPage *self)
{
  MailJob *job = g_new0 (MailJob, 1);

  job->settings = rapport_smtp_settings_new_from_gsettings (rapport_context_get_settings (self->context));
  return job;
}

static void
on_password_apply (RapportMailPage *self)
{
  g_autoptr(GTask) task = NULL;
  MailJob *job = job_new (self);

  if (job->settings->host == NULL || job->settings->user == NULL)
    {
      toast (self, _("Set the server and the user name first: the password is kept for them."));
      mail_job_free (job);
      return;
    }
  job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  task = g_task_new (self, NULL, on_stored, NULL);
  g_task_set_source_tag (task, on_password_apply);
  g_task_set_task_data (task, job, (GDestroyNotify) mail_job_free);
  g_task_run_in_thread (task, store_thread);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MailJob *job = task_data;
  g_autoptr(RapportMailer) mailer = NULL;
  GError *error = NULL;
  char *password = NULL;
  char *answer = NULL;

  if (!rapport_smtp_settings_validate (job->settings, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->settings->user != NULL)
    {
      password = rapport_smtp_password_lookup (job->settings->host, job->settings->user, cancellable, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  mailer = rapport_mailer_new (job->settings, password);
  rapport_smtp_password_free (password);
  if (rapport_mailer_test_connection (mailer, &answer, &error))
    g_task_return_pointer (task, answer, g_free);
  else
    {
      g_free (answer);
      g_task_return_error (task, error);
    }
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }
  /* TRANSLATORS: %s is the server's own answer, such as “250 OK” */
  text = g_strdup_printf (_("Connected and logged in. The server said: %s"), answer);
  adw_action_row_set_subtitle (self->test_row, text);
}

static void
on_test_clicked (RapportMailPage *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_tested, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  g_task_set_source_tag (task, on_test_clicked);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) mail_job_free);
  g_task_run_in_thread (task, test_thread);
}

static gboolean
security_to_row (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "tls") ? 1 : 0);
  return TRUE;
}

static GVariant *
security_from_row (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "tls" : "starttls");
}

static void
rapport_mail_page_constructed (GObject *object)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (object);
  GSettings *settings;

  G_OBJECT_CLASS (rapport_mail_page_parent_class)->constructed (object);

  settings = rapport_context_get_settings (self->context);
  g_settings_bind (settings, "smtp-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smtp-port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "smtp-security", self->security_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                security_to_row, security_from_row, NULL, NULL);
  g_settings_bind (settings, "smtp-user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smtp-from", self->from_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smtp-certificate", self->certificate_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "campaign-rate", self->rate_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "campaign-result-days", self->days_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
rapport_mail_page_dispose (GObject *object)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_mail_page_parent_class)->dispose (object);
}

static void
rapport_mail_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_mail_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportMailPage *self = RAPPORT_MAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_mail_page_class_init (RapportMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_mail_page_constructed;
  object_class->dispose = rapport_mail_page_dispose;
  object_class->get_property = rapport_mail_page_get_property;
  object_class->set_property = rapport_mail_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, port_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportMailPage, days_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
rapport_mail_page_init (RapportMailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_mail_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_MAIL_PAGE, "context", context, NULL);
}
