/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

/* Sending a campaign's e-mail: the queue is the recipients' states in the
 * database, so that stopping, quitting or a crash resumes where it was and
 * nobody receives the campaign twice. A recipient is marked “sending” (and
 * committed) before the message is handed to the server, “sent” once the
 * server took it; one left “sending” is never sent again. Runs on whatever
 * thread calls it, with a database of that thread's own. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-campaign-repository.h"
#include "rapport-campaign-sender.h"
#include "rapport-campaign-text.h"
#include "rapport-error.h"
#include "rapport-mailer.h"
#include "rapport-text.h"

#define WAIT_SLICE_US (50 * 1000)

void
rapport_send_control_request (RapportSendControl *control,
                              RapportSendRequest  request)
{
  g_atomic_int_set (&control->request, (gint) request);
}

static RapportSendRequest
get_request (RapportSendControl *control)
{
  return control != NULL ? (RapportSendRequest) g_atomic_int_get (&control->request) : RAPPORT_SEND_RUN;
}

/* Waits @microseconds, or less when asked to stop. */
static void
wait_a_while (RapportSendControl *control,
              gint64              microseconds)
{
  gint64 end = g_get_monotonic_time () + microseconds;

  while (get_request (control) == RAPPORT_SEND_RUN)
    {
      gint64 left = end - g_get_monotonic_time ();

      if (left <= 0)
        return;
      g_usleep (MIN (left, WAIT_SLICE_US));
    }
}

static gint64
retry_delay (RapportSendControl *control,
             guint               attempts)
{
  gint64 base = control != NULL && control->retry_seconds > 0 ? control->retry_seconds : RAPPORT_SEND_RETRY_SECONDS;

  return MIN (base << MIN (attempts > 0 ? attempts - 1 : 0, 10), 3600);
}

/* Fills, composes and hands over one message; TRUE unless sending must
 * stop (then @error says why). */
static gboolean
send_one (RapportCampaignRepository *campaigns,
          RapportDatabase           *database,
          RapportMailer             *mailer,
          const RapportCampaign     *campaign,
          RapportRecipient          *recipient,
          RapportSendControl        *control,
          RapportSendProgress       *progress,
          GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  RapportMailResult result;

  if (!rapport_email_validate (recipient->address, &local_error))
    {
      progress->failed++;
      return rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_SKIPPED,
                                               local_error->message, 0, error);
    }
  if (!rapport_campaign_text_fill (campaigns, campaign, recipient->client_id, &subject, &body, &html, &local_error))
    {
      progress->failed++;
      return rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_SKIPPED,
                                               local_error->message, 0, error);
    }

  message = rapport_mailer_compose (mailer, recipient->name, recipient->address, subject, body, html);
  if (!rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_SENDING, NULL, 0, error))
    return FALSE;

  result = rapport_mailer_send (mailer, recipient->address, message, &local_error);
  switch (result)
    {
    case RAPPORT_MAIL_SENT:
      progress->sent++;
      return rapport_campaign_repository_mark_sent (campaigns, recipient->id, subject, error);
    case RAPPORT_MAIL_PERMANENT:
      progress->failed++;
      return rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_FAILED,
                                               local_error->message, 0, error);
    case RAPPORT_MAIL_TEMPORARY:
      if (recipient->attempts + 1 >= RAPPORT_SEND_MAX_ATTEMPTS)
        {
          progress->failed++;
          return rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_FAILED,
                                                   local_error->message, 0, error);
        }
      progress->waiting++;
      return rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_QUEUED,
                                               local_error->message,
                                               rapport_database_now (database)
                                               + retry_delay (control, recipient->attempts + 1),
                                               error);
    case RAPPORT_MAIL_FATAL:
    default:
      /* Nothing left: the message never reached a server that took it. */
      if (!rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_QUEUED,
                                             local_error->message, 0, error))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

static gboolean
skip_the_rest (RapportCampaignRepository  *campaigns,
               gint64                      campaign_id,
               GError                    **error)
{
  g_autoptr(GPtrArray) recipients = rapport_campaign_repository_list_recipients (campaigns, campaign_id, error);

  if (recipients == NULL)
    return FALSE;
  for (guint i = 0; i < recipients->len; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);

      if (recipient->state == RAPPORT_RECIPIENT_QUEUED
          && !rapport_campaign_repository_mark (campaigns, recipient->id, RAPPORT_RECIPIENT_SKIPPED,
                                                _("Sending was cancelled before this message."), 0, error))
        return FALSE;
    }
  return rapport_campaign_repository_set_status (campaigns, campaign_id, RAPPORT_CAMPAIGN_SENT, error);
}

/**
 * rapport_campaign_send:
 * @database: a database of the calling thread's own
 * @campaign_id: an e-mail campaign: a draft, or one that was stopped
 * @settings: the outgoing server
 * @password: (nullable): its password
 * @control: (nullable): lets another thread pause or cancel
 * @progress: (nullable): told after each message, on this thread
 * @progress_data: for @progress
 * @error: return location for why sending stopped
 *
 * Freezes a draft's recipients, then sends to each one still queued,
 * keeping to the settings' rate and retrying temporary failures. When the
 * server cannot be reached or refuses the login, the campaign is paused
 * and the error says so; nothing is lost.
 *
 * Returns: %TRUE when the campaign was sent, paused or cancelled as asked
 */
gboolean
rapport_campaign_send (RapportDatabase           *database,
                       gint64                     campaign_id,
                       const RapportSmtpSettings *settings,
                       const char                *password,
                       RapportSendControl        *control,
                       RapportSendProgressFunc    progress,
                       gpointer                   progress_data,
                       GError                   **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(RapportMailer) mailer = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportSendProgress counts = { 0 };
  gint64 pause_us;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!rapport_smtp_settings_validate (settings, error))
    return FALSE;
  campaign = rapport_campaign_repository_get (campaigns, campaign_id, error);
  if (campaign == NULL)
    return FALSE;
  if (campaign->channel != RAPPORT_CHANNEL_EMAIL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” is not an e-mail: export it instead."), campaign->name);
      return FALSE;
    }
  if (!rapport_campaign_repository_start (campaigns, campaign_id, error))
    return FALSE;
  rapport_campaign_free (g_steal_pointer (&campaign));
  campaign = rapport_campaign_repository_get (campaigns, campaign_id, error);
  if (campaign == NULL)
    return FALSE;

  counts.total = campaign->n_recipients;
  counts.sent = campaign->n_sent;
  counts.failed = campaign->n_failed;
  mailer = rapport_mailer_new (settings, password);
  pause_us = settings->per_minute > 0 ? 60 * G_USEC_PER_SEC / settings->per_minute : 0;

  for (;;)
    {
      g_autoptr(RapportRecipient) recipient = NULL;
      RapportSendRequest request = get_request (control);
      gint64 wait_until = 0;

      if (request == RAPPORT_SEND_PAUSE)
        return rapport_campaign_repository_set_status (campaigns, campaign_id, RAPPORT_CAMPAIGN_PAUSED, error);
      if (request == RAPPORT_SEND_CANCEL)
        return skip_the_rest (campaigns, campaign_id, error);

      if (!rapport_campaign_repository_next (campaigns, campaign_id, &recipient, &wait_until, error))
        return FALSE;
      if (recipient == NULL && wait_until == 0)
        return rapport_campaign_repository_set_status (campaigns, campaign_id, RAPPORT_CAMPAIGN_SENT, error);
      if (recipient == NULL)
        {
          wait_a_while (control, MIN (wait_until - rapport_database_now (database), 3600) * G_USEC_PER_SEC);
          continue;
        }

      if (recipient->attempts > 0 && counts.waiting > 0)
        counts.waiting--;
      if (!send_one (campaigns, database, mailer, campaign, recipient, control, &counts, &local_error))
        {
          /* The server is gone or refuses us: keep the place, say why. */
          g_autoptr(GError) pause_error = NULL;

          if (!rapport_campaign_repository_set_status (campaigns, campaign_id, RAPPORT_CAMPAIGN_PAUSED,
                                                       &pause_error))
            g_debug ("Could not pause the campaign: %s", pause_error->message);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Sending “%s” paused: "), campaign->name);
          return FALSE;
        }
      if (progress != NULL)
        progress (&counts, progress_data);
      if (pause_us > 0)
        wait_a_while (control, pause_us);
    }
}

/**
 * rapport_campaign_send_test:
 * @database: the database
 * @campaign: a campaign, saved or not
 * @client_id: whose details fill the placeholders
 * @settings: the outgoing server
 * @password: (nullable): its password
 * @error: return location for an error
 *
 * Sends the campaign's message, filled for @client_id, to the business's
 * own address; nothing is recorded.
 */
gboolean
rapport_campaign_send_test (RapportDatabase           *database,
                            const RapportCampaign     *campaign,
                            gint64                     client_id,
                            const RapportSmtpSettings *settings,
                            const char                *password,
                            GError                   **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportMailer) mailer = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  g_autofree char *test_subject = NULL;

  if (!rapport_smtp_settings_validate (settings, error)
      || !rapport_campaign_message_check (campaign->subject, error)
      || !rapport_campaign_message_check (campaign->body, error)
      || !rapport_campaign_message_check_html (campaign->html_body, error)
      || !rapport_campaign_text_fill (campaigns, campaign, client_id, &subject, &body, &html, error))
    return FALSE;

  mailer = rapport_mailer_new (settings, password);
  /* TRANSLATORS: the subject of a test message; %s is the campaign's subject */
  test_subject = g_strdup_printf (_("[Test] %s"), subject);
  message = rapport_mailer_compose (mailer, settings->from_name, settings->from_address, test_subject, body, html);
  return rapport_mailer_send (mailer, settings->from_address, message, error) == RAPPORT_MAIL_SENT;
}
