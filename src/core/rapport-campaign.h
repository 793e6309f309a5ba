/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CHANNEL_EMAIL,
  RAPPORT_CHANNEL_SMS,
  RAPPORT_CHANNEL_PHONE,
} RapportChannel;

typedef enum
{
  RAPPORT_CAMPAIGN_DRAFT,
  RAPPORT_CAMPAIGN_SENDING,
  RAPPORT_CAMPAIGN_PAUSED,
  RAPPORT_CAMPAIGN_SENT,
} RapportCampaignStatus;

typedef enum
{
  RAPPORT_RECIPIENT_QUEUED,
  RAPPORT_RECIPIENT_SENDING,
  RAPPORT_RECIPIENT_SENT,
  RAPPORT_RECIPIENT_FAILED,
  RAPPORT_RECIPIENT_SKIPPED,
} RapportRecipientState;

/* Who a segment reaches on a channel, and how many each exclusion removed
 * (applied in this order: archived, opted out, no address, the same
 * address twice). */
typedef struct
{
  guint matched;
  guint archived;
  guint opted_out;
  guint no_address;
  guint duplicates;
  guint recipients;
} RapportAudience;

typedef struct
{
  gint64                 id;
  char                  *name;
  RapportChannel         channel;
  gint64                 segment_id;
  char                  *subject;
  char                  *body;
  char                  *html_body;  /* e-mail: a formatted version, or "" */
  gint64                 cost;        /* smallest units; -1: none given */
  RapportCampaignStatus  status;
  gint64                 created_at;
  gint64                 started_at;  /* 0: not yet */
  gint64                 finished_at; /* 0: not yet */
  /* Counts of the frozen list, filled by the repository's reads. */
  guint                  n_recipients;
  guint                  n_sent;
  guint                  n_failed;
  guint                  n_queued;
} RapportCampaign;

typedef struct
{
  gint64                 id;
  gint64                 campaign_id;
  gint64                 client_id;
  char                  *name;
  char                  *address;
  RapportRecipientState  state;
  char                  *reason;
  guint                  attempts;
} RapportRecipient;

/* What a sent campaign brought: the clients who ordered within the
 * window after it (or whose order names it). */
typedef struct
{
  guint   recipients;
  guint   delivered;
  guint   failed;
  guint   buyers;
  guint   orders;
  gint64  revenue;               /* smallest units */
  gint64  revenue_per_recipient; /* rounded half away from zero */
  gint64  cost;                  /* -1: none given */
  double  return_on_cost;        /* (revenue - cost) / cost; NAN without a cost */
  int     window_days;
} RapportCampaignResults;

#define RAPPORT_TYPE_CAMPAIGN (rapport_campaign_get_type ())
#define RAPPORT_TYPE_RECIPIENT (rapport_recipient_get_type ())

GType            rapport_campaign_get_type    (void) G_GNUC_CONST;
RapportCampaign *rapport_campaign_new         (const char            *name,
                                               RapportChannel         channel);
RapportCampaign *rapport_campaign_copy        (const RapportCampaign *campaign);
void             rapport_campaign_free        (RapportCampaign       *campaign);
gboolean         rapport_campaign_validate    (RapportCampaign       *campaign,
                                               GError               **error);

GType             rapport_recipient_get_type  (void) G_GNUC_CONST;
RapportRecipient *rapport_recipient_copy      (const RapportRecipient *recipient);
void              rapport_recipient_free      (RapportRecipient       *recipient);

const char *rapport_channel_to_string         (RapportChannel         channel);
gboolean    rapport_channel_from_string       (const char            *text,
                                               RapportChannel        *channel);
const char *rapport_campaign_status_to_string (RapportCampaignStatus  status);
gboolean    rapport_campaign_status_from_string (const char          *text,
                                               RapportCampaignStatus *status);
const char *rapport_recipient_state_to_string (RapportRecipientState  state);
gboolean    rapport_recipient_state_from_string (const char          *text,
                                               RapportRecipientState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCampaign, rapport_campaign_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportRecipient, rapport_recipient_free)

G_END_DECLS
