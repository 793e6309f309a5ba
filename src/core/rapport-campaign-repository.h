/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-campaign.h"
#include "rapport-database.h"
#include "rapport-segment.h"

G_BEGIN_DECLS

/* The kinds #RapportDatabase::changed names: a campaign (its id), and a
 * client's opt-outs (the client's id). */
#define RAPPORT_KIND_CAMPAIGN "campaign"
#define RAPPORT_KIND_OPT_OUT "opt-out"

/* The days after a campaign in which a recipient's order counts as its
 * result, unless a preference says otherwise. */
#define RAPPORT_CAMPAIGN_RESULT_DAYS 30

/* What a recipient's message is filled from. */
typedef struct
{
  char   *first_name;
  char   *name;
  char   *organization;
  char   *owner;
  char   *last_order_on;  /* YYYY-MM-DD, or NULL */
  gint64  balance;        /* owed, smallest units */
  char   *currency;       /* of the balance, or NULL */
} RapportClientFacts;

void rapport_client_facts_clear (RapportClientFacts *facts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RapportClientFacts, rapport_client_facts_clear)

#define RAPPORT_TYPE_CAMPAIGN_REPOSITORY (rapport_campaign_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportCampaignRepository, rapport_campaign_repository, RAPPORT, CAMPAIGN_REPOSITORY, GObject)

RapportCampaignRepository *rapport_campaign_repository_new (RapportDatabase *database);

gboolean         rapport_campaign_repository_save          (RapportCampaignRepository  *self,
                                                            RapportCampaign            *campaign,
                                                            GError                    **error);
RapportCampaign *rapport_campaign_repository_get           (RapportCampaignRepository  *self,
                                                            gint64                      id,
                                                            GError                    **error);
GPtrArray       *rapport_campaign_repository_list          (RapportCampaignRepository  *self,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_delete        (RapportCampaignRepository  *self,
                                                            gint64                      id,
                                                            GError                    **error);

gboolean         rapport_campaign_repository_start         (RapportCampaignRepository  *self,
                                                            gint64                      id,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_next          (RapportCampaignRepository  *self,
                                                            gint64                      campaign_id,
                                                            RapportRecipient          **recipient,
                                                            gint64                     *wait_until,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_mark          (RapportCampaignRepository  *self,
                                                            gint64                      recipient_id,
                                                            RapportRecipientState       state,
                                                            const char                 *reason,
                                                            gint64                      retry_at,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_mark_sent     (RapportCampaignRepository  *self,
                                                            gint64                      recipient_id,
                                                            const char                 *summary,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_mark_all_sent (RapportCampaignRepository  *self,
                                                            gint64                      campaign_id,
                                                            guint                      *n_marked,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_set_status    (RapportCampaignRepository  *self,
                                                            gint64                      campaign_id,
                                                            RapportCampaignStatus       status,
                                                            GError                    **error);
GPtrArray       *rapport_campaign_repository_list_recipients (RapportCampaignRepository *self,
                                                            gint64                      campaign_id,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_get_facts     (RapportCampaignRepository  *self,
                                                            gint64                      client_id,
                                                            RapportClientFacts         *facts,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_results       (RapportCampaignRepository  *self,
                                                            gint64                      campaign_id,
                                                            int                         window_days,
                                                            RapportCampaignResults     *results,
                                                            GError                    **error);
void             rapport_campaign_repository_results_async (RapportCampaignRepository *self,
                                                            GPtrArray                  *campaigns,
                                                            int                         window_days,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
GArray          *rapport_campaign_repository_results_finish (RapportCampaignRepository *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
GPtrArray       *rapport_campaign_repository_list_for_client (RapportCampaignRepository *self,
                                                            gint64                      client_id,
                                                            GError                    **error);

gboolean         rapport_campaign_repository_set_opt_out   (RapportCampaignRepository  *self,
                                                            gint64                      client_id,
                                                            RapportChannel              channel,
                                                            gboolean                    opted_out,
                                                            GError                    **error);
void             rapport_campaign_repository_set_opt_out_async (RapportCampaignRepository *self,
                                                            gint64                      client_id,
                                                            RapportChannel              channel,
                                                            gboolean                    opted_out,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
gboolean         rapport_campaign_repository_set_opt_out_finish (RapportCampaignRepository *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
gboolean         rapport_campaign_repository_get_opt_out   (RapportCampaignRepository  *self,
                                                            gint64                      client_id,
                                                            RapportChannel              channel,
                                                            gint64                     *opted_out_at,
                                                            GError                    **error);

void             rapport_campaign_repository_save_draft_async  (RapportCampaignRepository *self,
                                                                const RapportSegment      *segment,
                                                                const RapportCampaign     *campaign,
                                                                GCancellable              *cancellable,
                                                                GAsyncReadyCallback        callback,
                                                                gpointer                   user_data);
gboolean         rapport_campaign_repository_save_draft_finish (RapportCampaignRepository  *self,
                                                                GAsyncResult               *result,
                                                                gint64                     *segment_id,
                                                                gint64                     *campaign_id,
                                                                GError                    **error);
void             rapport_campaign_repository_mark_all_sent_async (RapportCampaignRepository *self,
                                                                  gint64                     campaign_id,
                                                                  GCancellable              *cancellable,
                                                                  GAsyncReadyCallback        callback,
                                                                  gpointer                   user_data);
void             rapport_campaign_repository_start_async   (RapportCampaignRepository *self,
                                                            gint64                     campaign_id,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);

G_END_DECLS
