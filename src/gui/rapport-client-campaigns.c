/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* The client card's campaigns: the consent to service messages and the
 * opt-outs per channel, each with its date (switched on the card, written
 * on the database's worker thread),
 * and the campaigns that addressed the client, so that whoever calls from
 * a call list sees it and logs the outcome on the card. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-campaigns.h"
#include "rapport-format.h"

#define CAMPAIGNS_SHOWN 5

struct _RapportClientCampaigns
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  gint64               client_id;
  gboolean             loading;
  GPtrArray           *campaign_rows;

  AdwActionRow        *consent_row;
  AdwActionRow        *email_row;
  AdwActionRow        *sms_row;
  AdwActionRow        *phone_row;
  GtkSwitch           *consent_switch;
  GtkSwitch           *email_switch;
  GtkSwitch           *sms_switch;
  GtkSwitch           *phone_switch;
};

G_DEFINE_FINAL_TYPE (RapportClientCampaigns, rapport_client_campaigns, ADW_TYPE_PREFERENCES_GROUP)

void
rapport_client_campaigns_set_context (RapportClientCampaigns *self,
                                      RapportContext         *context)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_CAMPAIGNS (self));
  g_set_object (&self->context, context);
}

static gboolean
show_opt_out (RapportClientCampaigns  *self,
              RapportChannel           channel,
              AdwActionRow            *row,
              GtkSwitch               *toggle,
              GError                 **error)
{
  gint64 when = 0;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (!rapport_campaign_repository_get_opt_out (rapport_context_get_campaigns (self->context), self->client_id,
                                                channel, &when, error))
    return FALSE;
  gtk_switch_set_active (toggle, when != 0);
  if (when != 0)
    {
      day = rapport_format_local_date (when);
      /* TRANSLATORS: %s is a date */
      text = g_strdup_printf (_("Opted out on %s"), day);
    }
  adw_action_row_set_subtitle (row, text ? text : "");
  return TRUE;
}

/* The consent with its day; an opt-out of e-mail is said beside it, as
 * it keeps the message from going by e-mail. */
static gboolean
show_consent (RapportClientCampaigns  *self,
              GError                 **error)
{
  gint64 since = 0, opted_out = 0;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (!rapport_client_repository_get_service_consent (rapport_context_get_clients (self->context), self->client_id,
                                                      &since, error)
      || !rapport_campaign_repository_get_opt_out (rapport_context_get_campaigns (self->context), self->client_id,
                                                   RAPPORT_CHANNEL_EMAIL, &opted_out, error))
    return FALSE;
  gtk_switch_set_active (self->consent_switch, since != 0);
  if (since == 0)
    text = g_strdup (_("A ready message when a warranty ends, to copy or send"));
  else
    {
      day = rapport_format_local_date (since);
      text = opted_out != 0
        /* TRANSLATORS: %s is a date */
        ? g_strdup_printf (_("Since %s. Opted out of e-mail: the message is offered to copy, never e-mailed"), day)
        /* TRANSLATORS: %s is a date */
        : g_strdup_printf (_("Since %s"), day);
    }
  adw_action_row_set_subtitle (self->consent_row, text);
  return TRUE;
}

/**
 * rapport_client_campaigns_set_client_id:
 * @self: the group
 * @client_id: the client shown, or 0
 * @error: return location for an error
 */
gboolean
rapport_client_campaigns_set_client_id (RapportClientCampaigns  *self,
                                        gint64                   client_id,
                                        GError                 **error)
{
  g_autoptr(GPtrArray) campaigns = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_CAMPAIGNS (self), FALSE);

  self->client_id = client_id;
  for (guint i = 0; i < self->campaign_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->campaign_rows, i));
  g_ptr_array_set_size (self->campaign_rows, 0);
  if (client_id == 0 || self->context == NULL)
    return TRUE;

  self->loading = TRUE;
  if (!show_consent (self, error)
      || !show_opt_out (self, RAPPORT_CHANNEL_EMAIL, self->email_row, self->email_switch, error)
      || !show_opt_out (self, RAPPORT_CHANNEL_SMS, self->sms_row, self->sms_switch, error)
      || !show_opt_out (self, RAPPORT_CHANNEL_PHONE, self->phone_row, self->phone_switch, error))
    {
      self->loading = FALSE;
      return FALSE;
    }
  self->loading = FALSE;

  campaigns = rapport_campaign_repository_list_for_client (rapport_context_get_campaigns (self->context),
                                                          client_id, error);
  if (campaigns == NULL)
    return FALSE;
  for (guint i = 0; i < campaigns->len && i < CAMPAIGNS_SHOWN; i++)
    {
      RapportCampaign *campaign = g_ptr_array_index (campaigns, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (campaign->name, -1);
      g_autofree char *when = campaign->started_at ? rapport_format_local_date (campaign->started_at) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when ? when : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->campaign_rows, row);
    }
  return TRUE;
}

static void
on_opt_out_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RapportClientCampaigns) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_campaign_repository_set_opt_out_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      g_debug ("Opt-out not written: %s", error->message);
      if (root != NULL)
        gtk_widget_error_bell (GTK_WIDGET (root));
    }
  rapport_client_campaigns_set_client_id (self, self->client_id, NULL);
}

static void
on_switch_toggled (RapportClientCampaigns *self,
                   GParamSpec             *pspec,
                   GtkSwitch              *toggle)
{
  RapportChannel channel = toggle == self->email_switch ? RAPPORT_CHANNEL_EMAIL
                           : toggle == self->sms_switch ? RAPPORT_CHANNEL_SMS : RAPPORT_CHANNEL_PHONE;

  if (self->loading || self->client_id == 0 || self->context == NULL)
    return;
  rapport_campaign_repository_set_opt_out_async (rapport_context_get_campaigns (self->context), self->client_id,
                                                 channel, gtk_switch_get_active (toggle), NULL,
                                                 on_opt_out_written, g_object_ref (self));
}

static void
on_consent_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RapportClientCampaigns) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_client_repository_set_service_consent_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      g_debug ("Consent not written: %s", error->message);
      if (root != NULL)
        gtk_widget_error_bell (GTK_WIDGET (root));
    }
  rapport_client_campaigns_set_client_id (self, self->client_id, NULL);
}

static void
on_consent_toggled (RapportClientCampaigns *self,
                    GParamSpec             *pspec,
                    GtkSwitch              *toggle)
{
  if (self->loading || self->client_id == 0 || self->context == NULL)
    return;
  rapport_client_repository_set_service_consent_async (rapport_context_get_clients (self->context), self->client_id,
                                                       gtk_switch_get_active (toggle), NULL,
                                                       on_consent_written, g_object_ref (self));
}

static void
rapport_client_campaigns_dispose (GObject *object)
{
  RapportClientCampaigns *self = RAPPORT_CLIENT_CAMPAIGNS (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_client_campaigns_parent_class)->dispose (object);
}

static void
rapport_client_campaigns_finalize (GObject *object)
{
  RapportClientCampaigns *self = RAPPORT_CLIENT_CAMPAIGNS (object);

  g_ptr_array_unref (self->campaign_rows);

  G_OBJECT_CLASS (rapport_client_campaigns_parent_class)->finalize (object);
}

static void
rapport_client_campaigns_class_init (RapportClientCampaignsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_client_campaigns_dispose;
  object_class->finalize = rapport_client_campaigns_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-client-campaigns.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, consent_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, email_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, sms_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, email_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, sms_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCampaigns, phone_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_toggled);
}

static void
rapport_client_campaigns_init (RapportClientCampaigns *self)
{
  self->campaign_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
