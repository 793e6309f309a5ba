/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* rapport-cli segments, audience, campaigns, campaign send / export-sms /
 * mark-sent / results, warranty-message and mail-password: the same queue,
 * rules and outgoing server as the window, for scripts. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-call-list.h"
#include "rapport-campaign-export.h"
#include "rapport-campaign-repository.h"
#include "rapport-campaign-sender.h"
#include "rapport-cli-campaigns.h"
#include "rapport-cli-common.h"
#include "rapport-error.h"
#include "rapport-money-format.h"
#include "rapport-segment-repository.h"
#include "rapport-service-mail.h"
#include "rapport-smtp-password.h"
#include "rapport-warranty-source.h"

static RapportSendControl send_control;

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static GSettings *
open_settings (int *status)
{
  GSettings *settings = lookup_settings ();

  if (settings == NULL)
    {
      *status = rapport_cli_fail (_("Rapport’s settings are not installed, so the mail server is not known. Install Rapport, or set it up in Rapport’s Preferences."));
      return NULL;
    }
  return settings;
}

static RapportDatabase *
open_for_writing (int *status)
{
  g_autoptr(RapportDatabase) looked = rapport_cli_open_for_looking (status);
  g_autoptr(GError) error = NULL;
  RapportDatabase *db;

  if (looked == NULL)
    return NULL;
  db = rapport_database_open (rapport_database_get_path (looked), RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    *status = rapport_cli_fail (error->message);
  return db;
}

static gboolean
parse_channel (const char     *text,
               RapportChannel *channel,
               int            *status)
{
  if (text == NULL)
    {
      *channel = RAPPORT_CHANNEL_EMAIL;
      return TRUE;
    }
  if (rapport_channel_from_string (text, channel))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf (_("--channel: “%s” is not a channel; use email, sms or phone."), text);
    *status = rapport_cli_fail (message);
  }
  return FALSE;
}

int
rapport_cli_run_segments (void)
{
  int status = EXIT_FOUND;
  g_autoptr(RapportDatabase) db = rapport_cli_open_for_looking (&status);
  g_autoptr(RapportSegmentRepository) segments = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return status;
  segments = rapport_segment_repository_new (db);
  all = rapport_segment_repository_list (segments, &error);
  if (all == NULL)
    return rapport_cli_fail (error->message);

  for (guint i = 0; i < all->len; i++)
    {
      RapportSegment *segment = g_ptr_array_index (all, i);
      RapportAudience by_email, by_phone;

      if (!rapport_segment_repository_count (segments, segment, RAPPORT_CHANNEL_EMAIL, NULL, &by_email, &error)
          || !rapport_segment_repository_count (segments, segment, RAPPORT_CHANNEL_SMS, NULL, &by_phone, &error))
        {
          g_printerr ("rapport-cli: %s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      g_print ("%" G_GINT64_FORMAT "\t%s\t", segment->id, segment->name);
      /* TRANSLATORS: how many clients a segment matches and reaches each way */
      g_print (_("%u matched\t%u by e-mail\t%u by phone\n"),
               by_email.matched, by_email.recipients, by_phone.recipients);
    }
  return all->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_audience (const char *segment_name,
                          const char *channel_name)
{
  int status = EXIT_FOUND;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportSegmentRepository) segments = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;
  RapportAudience audience;
  RapportChannel channel;

  if (!parse_channel (channel_name, &channel, &status))
    return status;
  db = rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  segments = rapport_segment_repository_new (db);
  segment = rapport_segment_repository_find (segments, segment_name, &error);
  if (segment == NULL)
    return rapport_cli_fail (error->message);

  if (!rapport_segment_repository_count (segments, segment, channel, NULL, &audience, &error))
    return rapport_cli_fail (error->message);
  recipients = rapport_segment_repository_list_audience (segments, segment, channel, 0, NULL, &error);
  if (recipients == NULL)
    return rapport_cli_fail (error->message);

  for (guint i = 0; i < recipients->len; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", recipient->client_id, recipient->name, recipient->address);
    }
  g_printerr (_("%u matched; left out: %u archived, %u opted out, %u without an address, %u the same address again; %u to send to.\n"),
              audience.matched, audience.archived, audience.opted_out, audience.no_address,
              audience.duplicates, audience.recipients);
  return recipients->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_campaigns (void)
{
  int status = EXIT_FOUND;
  g_autoptr(RapportDatabase) db = rapport_cli_open_for_looking (&status);
  g_autoptr(RapportCampaignRepository) campaigns = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return status;
  campaigns = rapport_campaign_repository_new (db);
  all = rapport_campaign_repository_list (campaigns, &error);
  if (all == NULL)
    return rapport_cli_fail (error->message);
  for (guint i = 0; i < all->len; i++)
    {
      RapportCampaign *campaign = g_ptr_array_index (all, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%u\t%u\t%u\n", campaign->id, campaign->name,
               rapport_channel_to_string (campaign->channel), rapport_campaign_status_to_string (campaign->status),
               campaign->n_recipients, campaign->n_sent, campaign->n_failed);
    }
  return all->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || value == 0 || value > G_MAXINT64)
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
on_interrupt (int signal_number)
{
  rapport_send_control_request (&send_control, RAPPORT_SEND_PAUSE);
}

static void
print_send_progress (const RapportSendProgress *progress,
                     gpointer                   data)
{
  g_printerr ("\r");
  g_printerr (_("Sent %u of %u, %u failed, %u waiting to be tried again "),
              progress->sent, progress->total, progress->failed, progress->waiting);
}

/* The outgoing server, and its password from the keyring. */
static RapportSmtpSettings *
open_smtp (GSettings  *settings,
           char      **password,
           int        *status)
{
  g_autoptr(RapportSmtpSettings) smtp = rapport_smtp_settings_new_from_gsettings (settings);
  g_autoptr(GError) error = NULL;

  *password = NULL;
  if (!rapport_smtp_settings_validate (smtp, &error))
    {
      *status = rapport_cli_fail (error->message);
      return NULL;
    }
  if (smtp->user != NULL)
    {
      *password = rapport_smtp_password_lookup (smtp->host, smtp->user, NULL, &error);
      if (error != NULL)
        {
          *status = rapport_cli_fail (error->message);
          return NULL;
        }
      if (*password == NULL)
        {
          *status = rapport_cli_fail (_("No password for the mail server is kept in the keyring. Give it with `rapport-cli mail-password`, or in Rapport’s Preferences."));
          return NULL;
        }
    }
  return g_steal_pointer (&smtp);
}

static int
send_campaign (RapportDatabase *db,
               gint64           id)
{
  int status = EXIT_FOUND;
  g_autoptr(GSettings) settings = open_settings (&status);
  g_autoptr(RapportSmtpSettings) smtp = NULL;
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (db);
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  struct sigaction action = { 0 };
  gboolean ok;

  if (settings == NULL)
    return status;
  smtp = open_smtp (settings, &password, &status);
  if (smtp == NULL)
    return status;
  action.sa_handler = on_interrupt;
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);

  ok = rapport_campaign_send (db, id, smtp, password, &send_control, print_send_progress, NULL, &error);
  rapport_smtp_password_free (password);
  g_printerr ("\n");
  if (!ok)
    return rapport_cli_fail (error->message);

  campaign = rapport_campaign_repository_get (campaigns, id, &error);
  if (campaign == NULL)
    return rapport_cli_fail (error->message);
  if (campaign->status == RAPPORT_CAMPAIGN_PAUSED)
    g_print (_("Paused: %u sent, %u failed, %u still to send. Run the same command again to go on.\n"),
             campaign->n_sent, campaign->n_failed, campaign->n_queued);
  else
    g_print (_("Sent: %u of %u, %u failed.\n"), campaign->n_sent, campaign->n_recipients, campaign->n_failed);
  return EXIT_FOUND;
}

static int
print_results (RapportDatabase *db,
               gint64           id)
{
  g_autoptr(GSettings) settings = lookup_settings ();
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *per_recipient = NULL;
  RapportCampaignResults results;
  int days = settings ? g_settings_get_int (settings, "campaign-result-days") : RAPPORT_CAMPAIGN_RESULT_DAYS;

  if (!rapport_campaign_repository_results (campaigns, id, days, &results, &error))
    return rapport_cli_fail (error->message);
  {
    g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (db);
    g_autoptr(RapportBusiness) business = rapport_business_repository_get (businesses, NULL);

    currency = business ? g_strdup (business->currency) : rapport_business_dup_default_currency ();
  }
  revenue = rapport_money_format_plain (results.revenue, currency);
  per_recipient = rapport_money_format_plain (results.revenue_per_recipient, currency);

  g_print (_("Recipients\t%u\n"), results.recipients);
  g_print (_("Delivered\t%u\n"), results.delivered);
  g_print (_("Failed\t%u\n"), results.failed);
  g_print (_("Clients who ordered within %d days\t%u\n"), results.window_days, results.buyers);
  g_print (_("Orders\t%u\n"), results.orders);
  g_print (_("Revenue\t%s\n"), revenue);
  g_print (_("Revenue per recipient\t%s\n"), per_recipient);
  if (!isnan (results.return_on_cost))
    g_print (_("Return on cost\t%.0f%%\n"), results.return_on_cost * 100);
  return EXIT_FOUND;
}

/* A phone campaign's call list as a PDF; a draft's recipients are frozen
 * first, as printing it from the window does. */
static int
write_call_list (RapportDatabase *db,
                 gint64           id,
                 const char      *output)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (db);
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(RapportCallList) list = NULL;
  g_autoptr(GError) error = NULL;
  guint rows;

  if (output == NULL)
    return rapport_cli_fail (_("Say where to write the file: campaign call-list ID --output FILE.pdf"));
  campaign = rapport_campaign_repository_get (campaigns, id, &error);
  if (campaign == NULL)
    return rapport_cli_fail (error->message);
  if (campaign->channel == RAPPORT_CHANNEL_PHONE && campaign->status == RAPPORT_CAMPAIGN_DRAFT
      && !rapport_campaign_repository_start (campaigns, id, &error))
    return rapport_cli_fail (error->message);
  list = rapport_call_list_load (db, id, &error);
  if (list == NULL || !rapport_call_list_write_pdf (list, output, &error))
    return rapport_cli_fail (error->message);
  rows = rapport_call_list_get_n_rows (list);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person to call, written.\n", "%u people to call, written.\n", rows),
           rows);
  return rows > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

int
rapport_cli_run_campaign (const char *action,
                          const char *id_text,
                          const char *output)
{
  int status = EXIT_FOUND;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!parse_id (id_text, &id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a campaign number; `rapport-cli campaigns` lists them."),
                                                  id_text);
      return rapport_cli_fail (message);
    }

  if (g_str_equal (action, "results"))
    {
      db = rapport_cli_open_for_looking (&status);
      return db ? print_results (db, id) : status;
    }

  db = open_for_writing (&status);
  if (db == NULL)
    return status;

  if (g_str_equal (action, "send"))
    return send_campaign (db, id);
  if (g_str_equal (action, "export-sms"))
    {
      guint rows = 0;

      if (output == NULL)
        return rapport_cli_fail (_("Say where to write the file: campaign export-sms ID --output FILE.csv"));
      if (!rapport_campaign_export_sms (db, id, output, &rows, &error))
        return rapport_cli_fail (error->message);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u recipient written. Once the gateway has taken the file, run `rapport-cli campaign mark-sent %s`.\n",
                            "%u recipients written. Once the gateway has taken the file, run `rapport-cli campaign mark-sent %s`.\n",
                            rows),
               rows, id_text);
      return rows > 0 ? EXIT_FOUND : EXIT_NOTHING;
    }
  if (g_str_equal (action, "call-list"))
    return write_call_list (db, id, output);
  if (g_str_equal (action, "mark-sent"))
    {
      g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (db);
      guint marked = 0;

      if (!rapport_campaign_repository_mark_all_sent (campaigns, id, &marked, &error))
        return rapport_cli_fail (error->message);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u recipient marked sent.\n", "%u recipients marked sent.\n", marked),
               marked);
      return EXIT_FOUND;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown campaign action “%s”; use send, export-sms, call-list, mark-sent or results."),
                                                action);
    return rapport_cli_fail (message);
  }
}

/**
 * rapport_cli_run_warranty_message:
 * @id_text: a warranty's id, as typed
 * @action: (nullable): “send” to e-mail it, or %NULL to print it
 *
 * The ready message of a warranty ending soon, for a client who agreed to
 * service messages: printed (subject, an empty line, the text), or sent
 * to the client's address through the campaigns' server and kept on the
 * client's timeline.
 *
 * Returns: the exit status
 */
int
rapport_cli_run_warranty_message (const char *id_text,
                                  const char *action)
{
  int status = EXIT_FOUND;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportReminderSource) source = NULL;
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(RapportSmtpSettings) smtp = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gboolean ok;
  gint64 id;

  if (!parse_id (id_text, &id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a warranty number; `rapport-cli warranties` lists them."),
                                                  id_text);
      return rapport_cli_fail (message);
    }
  if (action != NULL && !g_str_equal (action, "send"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown warranty-message action “%s”; use send, or nothing to print the message."),
                                                  action);
      return rapport_cli_fail (message);
    }

  db = action != NULL ? open_for_writing (&status) : rapport_cli_open_for_looking (&status);
  if (db == NULL)
    return status;
  source = rapport_warranty_soon_source_new (db);
  reminder = rapport_reminder_source_lookup (source, id, &error);
  if (reminder == NULL)
    return rapport_cli_fail (error->message);
  if (reminder->message == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s has not agreed to service messages."), reminder->client_name);
      return rapport_cli_fail (message);
    }
  if (action == NULL)
    {
      g_print ("%s\n\n%s\n", reminder->message_subject, reminder->message);
      return EXIT_FOUND;
    }

  settings = open_settings (&status);
  if (settings == NULL)
    return status;
  smtp = open_smtp (settings, &password, &status);
  if (smtp == NULL)
    return status;
  ok = rapport_service_mail_send (db, reminder, reminder->message_subject, reminder->message, smtp, password,
                                  &error);
  rapport_smtp_password_free (password);
  if (!ok)
    return rapport_cli_fail (error->message);
  /* TRANSLATORS: %s is an e-mail address */
  g_print (_("Message sent to %s\n"), reminder->message_email);
  return EXIT_FOUND;
}

/* Reads the mail server's password from standard input (so that it is in
 * no command line or shell history) and keeps it in the keyring. */
int
rapport_cli_run_mail_password (void)
{
  int status = EXIT_FOUND;
  g_autoptr(GSettings) settings = open_settings (&status);
  g_autoptr(RapportSmtpSettings) smtp = NULL;
  g_autoptr(GError) error = NULL;
  char line[1024];
  gboolean ok;

  if (settings == NULL)
    return status;
  smtp = rapport_smtp_settings_new_from_gsettings (settings);
  if (smtp->host == NULL || smtp->user == NULL)
    return rapport_cli_fail (_("Set the mail server and its user name in Rapport’s Preferences first."));
  if (fgets (line, sizeof line, stdin) == NULL)
    return rapport_cli_fail (_("Give the password on standard input."));
  line[strcspn (line, "\r\n")] = '\0';
  ok = rapport_smtp_password_store (smtp->host, smtp->user, line, NULL, &error);
  memset (line, 0, sizeof line);
  if (!ok)
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}
