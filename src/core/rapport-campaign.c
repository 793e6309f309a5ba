/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Campaigns and their recipients as records, and what a valid campaign
 * is; the SQL is in rapport-campaign-repository.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-campaign.h"
#include "rapport-campaign-message.h"
#include "rapport-error.h"

G_DEFINE_BOXED_TYPE (RapportCampaign, rapport_campaign, rapport_campaign_copy, rapport_campaign_free)
G_DEFINE_BOXED_TYPE (RapportRecipient, rapport_recipient, rapport_recipient_copy, rapport_recipient_free)

static const char * const channels[] = { "email", "sms", "phone" };
static const char * const statuses[] = { "draft", "sending", "paused", "sent" };
static const char * const states[] = { "queued", "sending", "sent", "failed", "skipped" };

static gboolean
find_name (const char * const *names,
           guint               n_names,
           const char         *text,
           int                *value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], text) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
rapport_channel_to_string (RapportChannel channel)
{
  g_return_val_if_fail (channel < G_N_ELEMENTS (channels), NULL);
  return channels[channel];
}

gboolean
rapport_channel_from_string (const char     *text,
                             RapportChannel *channel)
{
  int value;

  if (!find_name (channels, G_N_ELEMENTS (channels), text, &value))
    return FALSE;
  *channel = value;
  return TRUE;
}

const char *
rapport_campaign_status_to_string (RapportCampaignStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (statuses), NULL);
  return statuses[status];
}

gboolean
rapport_campaign_status_from_string (const char            *text,
                                     RapportCampaignStatus *status)
{
  int value;

  if (!find_name (statuses, G_N_ELEMENTS (statuses), text, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
rapport_recipient_state_to_string (RapportRecipientState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state];
}

gboolean
rapport_recipient_state_from_string (const char            *text,
                                     RapportRecipientState *state)
{
  int value;

  if (!find_name (states, G_N_ELEMENTS (states), text, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

RapportCampaign *
rapport_campaign_new (const char     *name,
                      RapportChannel  channel)
{
  RapportCampaign *campaign = g_new0 (RapportCampaign, 1);

  campaign->name = g_strdup (name ? name : "");
  campaign->channel = channel;
  campaign->subject = g_strdup ("");
  campaign->body = g_strdup ("");
  campaign->html_body = g_strdup ("");
  campaign->cost = -1;
  return campaign;
}

RapportCampaign *
rapport_campaign_copy (const RapportCampaign *campaign)
{
  RapportCampaign *copy = g_memdup2 (campaign, sizeof *campaign);

  copy->name = g_strdup (campaign->name);
  copy->subject = g_strdup (campaign->subject);
  copy->body = g_strdup (campaign->body);
  copy->html_body = g_strdup (campaign->html_body);
  return copy;
}

void
rapport_campaign_free (RapportCampaign *campaign)
{
  if (campaign == NULL)
    return;
  g_free (campaign->name);
  g_free (campaign->subject);
  g_free (campaign->body);
  g_free (campaign->html_body);
  g_free (campaign);
}

RapportRecipient *
rapport_recipient_copy (const RapportRecipient *recipient)
{
  RapportRecipient *copy = g_memdup2 (recipient, sizeof *recipient);

  copy->name = g_strdup (recipient->name);
  copy->address = g_strdup (recipient->address);
  copy->reason = g_strdup (recipient->reason);
  return copy;
}

void
rapport_recipient_free (RapportRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->name);
  g_free (recipient->address);
  g_free (recipient->reason);
  g_free (recipient);
}

/**
 * rapport_campaign_validate:
 * @campaign: a campaign
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * A campaign needs a name; an e-mail needs a subject; the message's
 * placeholders must be known ones; a cost is not negative.
 */
gboolean
rapport_campaign_validate (RapportCampaign  *campaign,
                           GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (campaign->name == NULL || !g_utf8_validate (campaign->name, -1, NULL)
      || *g_strstrip (campaign->name) == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("Give the campaign a name."));
      return FALSE;
    }
  if (campaign->channel == RAPPORT_CHANNEL_EMAIL
      && (campaign->subject == NULL || !g_utf8_validate (campaign->subject, -1, NULL)
          || *g_strstrip (campaign->subject) == '\0'))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The e-mail of the campaign “%s” needs a subject."), campaign->name);
      return FALSE;
    }
  if (campaign->cost < -1)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The cost of the campaign “%s” cannot be negative."), campaign->name);
      return FALSE;
    }
  if (!rapport_campaign_message_check (campaign->subject, &local_error)
      || !rapport_campaign_message_check (campaign->body, &local_error)
      || !rapport_campaign_message_check_html (campaign->html_body, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The campaign “%s”: "), campaign->name);
      return FALSE;
    }
  return TRUE;
}
