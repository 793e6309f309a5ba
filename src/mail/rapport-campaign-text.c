/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

/* A campaign's subject and message filled for one client: the client's
 * facts written as people read them (money in the interface's language,
 * the date in full). Used by sending, export and the preview alike. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-campaign-text.h"
#include "rapport-money-format.h"

static char *
format_day (const char *iso_date)
{
  g_autofree char *with_time = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL)
    return NULL;
  with_time = g_strconcat (iso_date, "T12:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  if (date == NULL)
    return g_strdup (iso_date);
  /* TRANSLATORS: a full date, see strftime(3) */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/**
 * rapport_campaign_text_fill:
 * @campaigns: the campaigns
 * @campaign: a campaign
 * @client_id: a recipient
 * @subject: (out) (transfer full) (optional): the filled subject
 * @body: (out) (transfer full): the filled message
 * @html: (out) (transfer full) (optional): the filled formatted message,
 *   or %NULL when the campaign offers none (its values escaped for HTML)
 * @error: return location for an error
 */
gboolean
rapport_campaign_text_fill (RapportCampaignRepository  *campaigns,
                            const RapportCampaign      *campaign,
                            gint64                      client_id,
                            char                      **subject,
                            char                      **body,
                            char                      **html,
                            GError                    **error)
{
  g_auto(RapportClientFacts) facts = { 0 };
  g_auto(RapportMessageFields) fields = { 0 };

  if (!rapport_campaign_repository_get_facts (campaigns, client_id, &facts, error))
    return FALSE;

  fields.first_name = g_strdup (facts.first_name);
  fields.name = g_strdup (facts.name);
  fields.organization = g_strdup (facts.organization);
  fields.owner = g_strdup (facts.owner);
  fields.last_order_date = format_day (facts.last_order_on);
  /* Nothing owed leaves the placeholder to its fallback. */
  fields.balance = facts.balance > 0 && facts.currency != NULL
                   ? rapport_money_format (facts.balance, facts.currency) : NULL;

  if (subject != NULL)
    *subject = rapport_campaign_message_fill (campaign->subject, &fields);
  *body = rapport_campaign_message_fill (campaign->body, &fields);
  if (html != NULL)
    *html = campaign->html_body != NULL && *campaign->html_body != '\0'
            ? rapport_campaign_message_fill_html (campaign->html_body, &fields) : NULL;
  return TRUE;
}
