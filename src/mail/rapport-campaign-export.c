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

/* The campaign, when it is one for SMS. */
static RapportCampaign *
get_sms_campaign (RapportCampaignRepository  *campaigns,
                  gint64                      campaign_id,
                  GError                    **error)
{
  g_autoptr(RapportCampaign) campaign = rapport_campaign_repository_get (campaigns, campaign_id, error);

  if (campaign == NULL)
    return NULL;
  if (campaign->channel != RAPPORT_CHANNEL_SMS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” is not an SMS campaign."), campaign->name);
      return NULL;
    }
  return g_steal_pointer (&campaign);
}

/* The recipients still queued, written to @path: reads only. */
static gboolean
write_recipients (RapportDatabase  *database,
                  RapportCampaign  *campaign,
                  const char       *path,
                  guint            *n_rows,
                  GError          **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GString) csv = NULL;
  guint rows = 0;

  recipients = rapport_campaign_repository_list_recipients (campaigns, campaign->id, error);
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
  g_autoptr(RapportCampaign) campaign = NULL;

  campaign = get_sms_campaign (campaigns, campaign_id, error);
  if (campaign == NULL)
    return FALSE;
  if (campaign->status == RAPPORT_CAMPAIGN_DRAFT
      && !rapport_campaign_repository_start (campaigns, campaign_id, error))
    return FALSE;
  return write_recipients (database, campaign, path, n_rows, error);
}

/* The window's export: the draft frozen on the database's worker (as its
 * other writes are), then the file written on a thread with a connection
 * of its own, which only reads. */

typedef struct
{
  char            *database_path;
  RapportCampaign *campaign;
  char            *path;
  guint            n_rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_clear_pointer (&job->campaign, rapport_campaign_free);
  g_free (job->path);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) database = rapport_database_open (job->database_path, RAPPORT_DATABASE_READ_ONLY,
                                                               &error);

  if (database == NULL || !write_recipients (database, job->campaign, job->path, &job->n_rows, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_frozen (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* the campaigns' plain writes all end with this one */
  if (!rapport_campaign_repository_set_opt_out_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, write_in_thread);
}

/**
 * rapport_campaign_export_sms_async:
 * @database: the window's database
 * @campaign_id: an SMS campaign; a draft's recipients are frozen first
 * @path: (type filename): the CSV file to write
 * @cancellable: (nullable): stops a freeze that waits for another program
 * @callback: called when the file is written, or could not be
 * @user_data: for @callback
 *
 * rapport_campaign_export_sms() without holding the calling thread: the
 * freeze goes through the database's worker, so its notices and its
 * waiting for a held file are the window's as for any other write.
 */
void
rapport_campaign_export_sms_async (RapportDatabase     *database,
                                   gint64               campaign_id,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(RapportCampaignRepository) campaigns = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_campaign_export_sms_async);
  campaigns = rapport_campaign_repository_new (database);
  job = g_new0 (ExportJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  job->campaign = get_sms_campaign (campaigns, campaign_id, &error);
  if (job->campaign == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->database_path = g_strdup (rapport_database_get_path (database));
  job->path = g_strdup (path);
  if (job->campaign->status == RAPPORT_CAMPAIGN_DRAFT)
    rapport_campaign_repository_start_async (campaigns, campaign_id, cancellable, on_frozen,
                                             g_steal_pointer (&task));
  else
    g_task_run_in_thread (task, write_in_thread);
}

/**
 * rapport_campaign_export_sms_finish:
 * @result: the result
 * @n_rows: (out) (optional): how many recipients were written
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
rapport_campaign_export_sms_finish (GAsyncResult  *result,
                                    guint         *n_rows,
                                    GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = job->n_rows;
  return TRUE;
}
