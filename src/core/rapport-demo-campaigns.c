/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Sample segments and campaigns, so that a new user sees the Campaigns
 * page at work: three saved segments, an e-mail sent six weeks ago and an
 * SMS sent two weeks ago (with their recipients, and so their results
 * from the sample orders), and a draft. The sent ones go to small
 * segments: freezing a list is one statement, and a seed shares the file
 * with the window. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-campaign-repository.h"
#include "rapport-demo-private.h"
#include "rapport-error.h"
#include "rapport-segment-repository.h"

static RapportSegment *
save_segment (RapportSegmentRepository  *segments,
              const char                *name,
              gboolean                   match_any,
              RapportSegmentRule        *first,
              RapportSegmentRule        *second,
              GError                   **error)
{
  g_autoptr(RapportSegment) segment = rapport_segment_new (name);

  segment->match_any = match_any;
  rapport_segment_add_rule (segment, first);
  if (second != NULL)
    rapport_segment_add_rule (segment, second);
  if (!rapport_segment_repository_save (segments, segment, error))
    return NULL;
  return g_steal_pointer (&segment);
}

/* A campaign sent @days_ago days ago: its recipients frozen and marked
 * sent as of then. */
static gboolean
send_in_the_past (RapportDatabase            *database,
                  RapportCampaignRepository  *campaigns,
                  RapportCampaign            *campaign,
                  int                         days_ago,
                  GError                    **error)
{
  g_autoptr(RapportClock) then = NULL;
  g_autoptr(RapportClock) now = g_object_ref (rapport_database_get_clock (database));
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!rapport_campaign_repository_save (campaigns, campaign, error))
    return FALSE;
  then = rapport_clock_new_fixed (rapport_clock_get_now (now) - (gint64) days_ago * 24 * 3600);
  rapport_database_set_clock (database, then);
  ok = rapport_campaign_repository_start (campaigns, campaign->id, &local_error)
       && rapport_campaign_repository_mark_all_sent (campaigns, campaign->id, NULL, &local_error);
  rapport_database_set_clock (database, now);
  /* A few sample clients may leave a segment empty: the campaign stays a
   * draft. */
  if (!ok && g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID))
    return TRUE;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

gboolean
_rapport_demo_seed_campaigns (RapportDatabase  *database,
                              GError          **error)
{
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (database);
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportSegment) vip = NULL;
  g_autoptr(RapportSegment) lapsed = NULL;
  g_autoptr(RapportSegment) buyers = NULL;
  g_autoptr(RapportCampaign) sale = NULL;
  g_autoptr(RapportCampaign) reminder = NULL;
  g_autoptr(RapportCampaign) draft = NULL;
  g_autoptr(GPtrArray) existing = rapport_segment_repository_list (segments, error);

  /* Seeding more into a file that has segments adds no second sample. */
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    return TRUE;

  /* TRANSLATORS: the name of a sample segment */
  vip = save_segment (segments, _("VIP clients with an e-mail address"), FALSE,
                      rapport_segment_rule_new (RAPPORT_RULE_HAS_TAG, "VIP", 0, 0),
                      rapport_segment_rule_new (RAPPORT_RULE_HAS_EMAIL, NULL, 0, 0), error);
  if (vip == NULL)
    return FALSE;
  /* TRANSLATORS: the name of a sample segment */
  lapsed = save_segment (segments, _("VIP clients not seen for three months"), FALSE,
                         rapport_segment_rule_new (RAPPORT_RULE_HAS_TAG, "VIP", 0, 0),
                         rapport_segment_rule_new (RAPPORT_RULE_NOT_CONTACTED_WITHIN, NULL, 0, 90), error);
  if (lapsed == NULL)
    return FALSE;
  /* Ordered since a year before today. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_database_now (database));
    g_autoptr(GDateTime) year_ago = g_date_time_add_years (now, -1);
    g_autofree char *since = g_date_time_format (year_ago, "%Y-%m-%d");

    /* TRANSLATORS: the name of a sample segment */
    buyers = save_segment (segments, _("Ordered in the last year"), FALSE,
                           rapport_segment_rule_new (RAPPORT_RULE_ORDERS_AT_LEAST, NULL, 1, 0),
                           rapport_segment_rule_new (RAPPORT_RULE_LAST_ORDER_AFTER, since, 0, 0), error);
    if (buyers == NULL)
      return FALSE;
  }

  /* TRANSLATORS: the name of a sample campaign */
  sale = rapport_campaign_new (_("Spring sale"), RAPPORT_CHANNEL_EMAIL);
  sale->segment_id = vip->id;
  sale->cost = 5000;
  g_free (sale->subject);
  /* TRANSLATORS: a sample campaign's subject; keep the placeholder in braces */
  sale->subject = g_strdup (_("{first_name|Dear client}, our spring sale starts today"));
  g_free (sale->body);
  /* TRANSLATORS: a sample campaign's message; keep the placeholders in braces */
  /* xgettext:no-c-format */
  sale->body = g_strdup (_("Hello {first_name|there},\n\nEverything in the shop is 20% off until the end of the month.\n\n{owner|The team}"));
  if (!send_in_the_past (database, campaigns, sale, 42, error))
    return FALSE;

  /* TRANSLATORS: the name of a sample campaign */
  reminder = rapport_campaign_new (_("We miss you"), RAPPORT_CHANNEL_SMS);
  reminder->segment_id = lapsed->id;
  g_free (reminder->body);
  /* TRANSLATORS: a sample SMS; keep the placeholder in braces */
  reminder->body = g_strdup (_("Hello {first_name|there}, it has been a while! Come and see us this week."));
  if (!send_in_the_past (database, campaigns, reminder, 14, error))
    return FALSE;

  /* TRANSLATORS: the name of a sample campaign */
  draft = rapport_campaign_new (_("Thank you call"), RAPPORT_CHANNEL_PHONE);
  draft->segment_id = buyers->id;
  g_free (draft->body);
  /* TRANSLATORS: a sample call script */
  draft->body = g_strdup (_("Thank {first_name|the client} for the last order and ask how it went."));
  return rapport_campaign_repository_save (campaigns, draft, error);
}
