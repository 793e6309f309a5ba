/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

/* An SMS campaign as a CSV file for an SMS gateway's upload page: UTF-8,
 * one recipient a row with the phone in international form where the
 * country is known, and the personalised text. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-campaign-export.h"
#include "rapport-campaign-repository.h"
#include "rapport-campaign-text.h"
#include "rapport-client-repository.h"
#include "rapport-csv-writer.h"
#include "rapport-error.h"
#include "rapport-text.h"

/**
 * rapport_campaign_export_sms:
 * @database: the database
 * @campaign_id: an SMS campaign; a draft's recipients are frozen now
 * @path: (type filename): the CSV file to write
 * @n_rows: (out) (optional): how many recipients were written
 * @error: return location for an error
 *
 * Writes the recipients still to be sent to. They are marked sent only
 * when the upload is confirmed (rapport_campaign_repository_mark_all_sent()).
 */
gboolean
rapport_campaign_export_sms (RapportDatabase  *database,
                             gint64            campaign_id,
                             const char       *path,
                             guint            *n_rows,
                             GError          **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GString) csv = NULL;
  guint rows = 0;

  campaign = rapport_campaign_repository_get (campaigns, campaign_id, error);
  if (campaign == NULL)
    return FALSE;
  if (campaign->channel != RAPPORT_CHANNEL_SMS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” is not an SMS campaign."), campaign->name);
      return FALSE;
    }
  if (campaign->status == RAPPORT_CAMPAIGN_DRAFT
      && !rapport_campaign_repository_start (campaigns, campaign_id, error))
    return FALSE;
  recipients = rapport_campaign_repository_list_recipients (campaigns, campaign_id, error);
  if (recipients == NULL)
    return FALSE;
  region = rapport_client_repository_dup_phone_region (clients, NULL);

  csv = g_string_new (NULL);
  rapport_csv_append_row (csv, (const char *[]) { _("Phone"), _("Name"), _("Message") }, 3);
  for (guint i = 0; i < recipients->len; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autofree char *phone = NULL;
      g_autofree char *body = NULL;

      if (recipient->state != RAPPORT_RECIPIENT_QUEUED)
        continue;
      if (!rapport_campaign_text_fill (campaigns, campaign, recipient->client_id, NULL, &body, NULL, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      phone = rapport_phone_international (recipient->address, region);
      rapport_csv_append_row (csv, (const char *[]) { phone, recipient->name, body }, 3);
      rows++;
    }

  if (!rapport_csv_write_file (path, csv, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;
}
