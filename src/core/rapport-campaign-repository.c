/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Campaigns, their frozen recipient lists (the send queue), opt-outs and
 * results, and their SQL. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rapport-campaign-repository.h"
#include "rapport-error.h"
#include "rapport-interaction-repository.h"
#include "rapport-money.h"
#include "rapport-segment-repository.h"
#include "rapport-segment-repository-private.h"

#define COUNTED_ORDERS "o.status IN ('confirmed', 'fulfilled', 'closed')"

struct _RapportCampaignRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportCampaignRepository, rapport_campaign_repository, G_TYPE_OBJECT)

static void
rapport_campaign_repository_finalize (GObject *object)
{
  RapportCampaignRepository *self = (RapportCampaignRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_campaign_repository_parent_class)->finalize (object);
}

static void
rapport_campaign_repository_class_init (RapportCampaignRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_campaign_repository_finalize;
}

static void
rapport_campaign_repository_init (RapportCampaignRepository *self)
{
}

/**
 * rapport_campaign_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the campaigns of @database
 */
RapportCampaignRepository *
rapport_campaign_repository_new (RapportDatabase *database)
{
  RapportCampaignRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_CAMPAIGN_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

void
rapport_client_facts_clear (RapportClientFacts *facts)
{
  g_clear_pointer (&facts->first_name, g_free);
  g_clear_pointer (&facts->name, g_free);
  g_clear_pointer (&facts->organization, g_free);
  g_clear_pointer (&facts->owner, g_free);
  g_clear_pointer (&facts->last_order_on, g_free);
  g_clear_pointer (&facts->currency, g_free);
}

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("The campaign no longer exists."));
  return FALSE;
}

/* Text from the file is shown, never trusted to be UTF-8. */
static char *
dup_valid_text (RapportStmt *stmt,
                int          column)
{
  return g_utf8_make_valid (_rapport_stmt_column_text (stmt, column), -1);
}

#define CAMPAIGN_COLUMNS \
  "c.id, c.name, c.channel, c.segment_id, c.subject, c.body, c.cost, c.status," \
  " c.created_at, c.started_at, c.finished_at," \
  " c.n_recipients, c.n_sent, c.n_failed, c.n_queued, c.html_body"
#define CAMPAIGN_FROM " FROM campaigns c"

static RapportCampaign *
campaign_from_row (RapportStmt *stmt)
{
  g_autofree char *name = dup_valid_text (stmt, 1);
  RapportChannel channel = RAPPORT_CHANNEL_EMAIL;
  RapportCampaignStatus status = RAPPORT_CAMPAIGN_DRAFT;
  RapportCampaign *campaign;

  /* The schema's checks keep these known; a file written by hand that
   * breaks them reads as a draft e-mail rather than a crash. */
  rapport_channel_from_string (_rapport_stmt_column_text (stmt, 2), &channel);
  rapport_campaign_status_from_string (_rapport_stmt_column_text (stmt, 7), &status);

  campaign = rapport_campaign_new (name, channel);
  campaign->id = _rapport_stmt_column_int (stmt, 0);
  campaign->segment_id = _rapport_stmt_column_int (stmt, 3);
  g_free (campaign->subject);
  campaign->subject = dup_valid_text (stmt, 4);
  g_free (campaign->body);
  campaign->body = dup_valid_text (stmt, 5);
  g_free (campaign->html_body);
  campaign->html_body = dup_valid_text (stmt, 15);
  campaign->cost = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : _rapport_stmt_column_int (stmt, 6);
  campaign->status = status;
  campaign->created_at = _rapport_stmt_column_int (stmt, 8);
  campaign->started_at = _rapport_stmt_column_int (stmt, 9);
  campaign->finished_at = _rapport_stmt_column_int (stmt, 10);
  /* Counts kept by triggers; a file changed by hand cannot make them
   * negative here. */
  campaign->n_recipients = (guint) CLAMP (_rapport_stmt_column_int (stmt, 11), 0, G_MAXUINT);
  campaign->n_sent = (guint) CLAMP (_rapport_stmt_column_int (stmt, 12), 0, G_MAXUINT);
  campaign->n_failed = (guint) CLAMP (_rapport_stmt_column_int (stmt, 13), 0, G_MAXUINT);
  campaign->n_queued = (guint) CLAMP (_rapport_stmt_column_int (stmt, 14), 0, G_MAXUINT);
  return campaign;
}

static GPtrArray *
list_campaigns (RapportCampaignRepository  *self,
                const char                 *sql,
                gint64                      id,
                GError                    **error)
{
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_campaign_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (id != 0)
    _rapport_stmt_bind_int (stmt, 1, id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (campaigns, campaign_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&campaigns);
}

/**
 * rapport_campaign_repository_list:
 *
 * Returns: (transfer full) (element-type RapportCampaign): every campaign
 *   with its recipients' counts, newest first
 */
GPtrArray *
rapport_campaign_repository_list (RapportCampaignRepository  *self,
                                  GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), NULL);
  return list_campaigns (self, "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM " ORDER BY c.created_at DESC, c.id DESC",
                         0, error);
}

/**
 * rapport_campaign_repository_list_for_client:
 *
 * Returns: (transfer full) (element-type RapportCampaign): the campaigns
 *   that addressed the client, newest first
 */
GPtrArray *
rapport_campaign_repository_list_for_client (RapportCampaignRepository  *self,
                                             gint64                      client_id,
                                             GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), NULL);
  return list_campaigns (self,
                         "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM
                         " WHERE c.id IN (SELECT campaign_id FROM campaign_recipients WHERE client_id = ?1)"
                         " ORDER BY c.created_at DESC, c.id DESC",
                         client_id, error);
}

RapportCampaign *
rapport_campaign_repository_get (RapportCampaignRepository  *self,
                                 gint64                      id,
                                 GError                    **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), NULL);

  found = list_campaigns (self, "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM " WHERE c.id = ?1", id, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0 || id == 0)
    {
      not_found (error);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/**
 * rapport_campaign_repository_save:
 * @self: the campaigns
 * @campaign: a new campaign (id 0) or a changed draft
 * @error: return location for an error
 *
 * Only a draft can change: once sending starts, the campaign is what its
 * recipients received.
 */
gboolean
rapport_campaign_repository_save (RapportCampaignRepository  *self,
                                  RapportCampaign            *campaign,
                                  GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gint64 now;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);
  g_return_val_if_fail (campaign != NULL, FALSE);

  if (!rapport_campaign_validate (campaign, error))
    return FALSE;

  db = _rapport_database_get_connection (self->database);
  now = rapport_database_now (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  campaign->id == 0
                                  ? "INSERT INTO campaigns (name, channel, segment_id, subject, body, cost,"
                                    " status, created_at, updated_at, html_body)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?7, ?9)"
                                  : "UPDATE campaigns SET name = ?1, channel = ?2, segment_id = ?3, subject = ?4,"
                                    " body = ?5, cost = ?6, updated_at = ?7, html_body = ?9 WHERE id = ?8 AND status = 'draft'",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, campaign->name);
  _rapport_stmt_bind_text (stmt, 2, rapport_channel_to_string (campaign->channel));
  _rapport_stmt_bind_id_or_null (stmt, 3, campaign->segment_id);
  _rapport_stmt_bind_text (stmt, 4, campaign->subject);
  _rapport_stmt_bind_text (stmt, 5, campaign->body);
  _rapport_stmt_bind_text (stmt, 9, campaign->html_body);
  if (campaign->cost >= 0)
    _rapport_stmt_bind_int (stmt, 6, campaign->cost);
  _rapport_stmt_bind_int (stmt, 7, now);
  if (campaign->id != 0)
    _rapport_stmt_bind_int (stmt, 8, campaign->id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;

  if (campaign->id == 0)
    {
      campaign->id = _rapport_sqlite_last_insert_id (db);
      campaign->created_at = now;
    }
  else if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                   _("The campaign “%s” has been sent or no longer exists; it cannot change."), campaign->name);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CAMPAIGN, campaign->id);
  return TRUE;
}

/**
 * rapport_campaign_repository_delete:
 *
 * Deletes a draft; a campaign that was sent stays, as the record of who
 * received what.
 */
gboolean
rapport_campaign_repository_delete (RapportCampaignRepository  *self,
                                    gint64                      id,
                                    GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db, "DELETE FROM campaigns WHERE id = ?1 AND status = 'draft'", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                           _("Only a draft can be deleted; a campaign that was sent is kept as the record of who received it."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CAMPAIGN, id);
  return TRUE;
}

static gboolean
freeze_recipients (RapportCampaignRepository  *self,
                   RapportSqlite              *db,
                   RapportCampaign            *campaign,
                   GError                    **error)
{
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (self->database);
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(RapportSegmentQuery) query = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (campaign->segment_id == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The campaign “%s” has no segment: choose who is to receive it."), campaign->name);
      return FALSE;
    }
  segment = rapport_segment_repository_get (segments, campaign->segment_id, &local_error);
  if (segment == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The campaign “%s”: "), campaign->name);
      return FALSE;
    }
  if (!rapport_segment_validate (segment, error))
    return FALSE;

  query = _rapport_segment_query_new (segment, campaign->channel, rapport_database_now (self->database));
  stmt = _rapport_segment_query_prepare (query, db,
                                         "INSERT INTO campaign_recipients (campaign_id, client_id, name, address)"
                                         " SELECT ?1, r.client_id, rc.display_name, r.address"
                                         " FROM recipients r JOIN clients rc ON rc.id = r.client_id"
                                         " ORDER BY r.client_id",
                                         error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, campaign->id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The segment “%s” reaches nobody on this channel: nothing was sent."), segment->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
start_in_transaction (RapportCampaignRepository  *self,
                      RapportSqlite              *db,
                      gint64                      id,
                      GError                    **error)
{
  g_autoptr(RapportCampaign) campaign = rapport_campaign_repository_get (self, id, error);
  g_autoptr(RapportStmt) stmt = NULL;

  if (campaign == NULL)
    return FALSE;

  if (campaign->status == RAPPORT_CAMPAIGN_SENT)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                   _("The campaign “%s” has been sent already; nobody receives it twice."), campaign->name);
      return FALSE;
    }
  if (campaign->status == RAPPORT_CAMPAIGN_DRAFT && !freeze_recipients (self, db, campaign, error))
    return FALSE;

  /* Resuming is asked for now: whoever waits for a retry is tried now. */
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaign_recipients SET next_attempt_at = 0"
                                  " WHERE campaign_id = ?1 AND state = 'queued' AND next_attempt_at <> 0",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  /* A message handed to the server when sending stopped may have gone
   * out: it is not sent again. */
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaign_recipients SET state = 'failed', reason = ?2, done_at = ?3"
                                  " WHERE campaign_id = ?1 AND state = 'sending'",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_text (stmt, 2, _("Sending stopped while this message was with the server; it was not sent again, so that nobody receives it twice."));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaigns SET status = 'sending', started_at = coalesce(started_at, ?2),"
                                  " updated_at = ?2 WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_campaign_repository_start:
 * @self: the campaigns
 * @id: a campaign
 * @error: return location for an error
 *
 * Makes a campaign ready to send: a draft's recipients are frozen from its
 * segment now (who is really addressed); a campaign that was sending or
 * paused resumes where it stopped. Either way the campaign is “sending”.
 */
gboolean
rapport_campaign_repository_start (RapportCampaignRepository  *self,
                                   gint64                      id,
                                   GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!start_in_transaction (self, db, id, &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CAMPAIGN, id);
  return _rapport_database_commit (self->database, error);
}

static RapportRecipient *
recipient_from_row (RapportStmt *stmt)
{
  RapportRecipient *recipient = g_new0 (RapportRecipient, 1);
  RapportRecipientState state = RAPPORT_RECIPIENT_QUEUED;

  recipient->id = _rapport_stmt_column_int (stmt, 0);
  recipient->campaign_id = _rapport_stmt_column_int (stmt, 1);
  recipient->client_id = _rapport_stmt_column_int (stmt, 2);
  recipient->name = dup_valid_text (stmt, 3);
  recipient->address = dup_valid_text (stmt, 4);
  rapport_recipient_state_from_string (_rapport_stmt_column_text (stmt, 5), &state);
  recipient->state = state;
  recipient->reason = dup_valid_text (stmt, 6);
  recipient->attempts = (guint) CLAMP (_rapport_stmt_column_int (stmt, 7), 0, G_MAXUINT);
  return recipient;
}

#define RECIPIENT_COLUMNS "id, campaign_id, client_id, name, address, state, reason, attempts"

/**
 * rapport_campaign_repository_next:
 * @self: the campaigns
 * @campaign_id: a sending campaign
 * @recipient: (out) (transfer full) (nullable): the next one to send to,
 *   or %NULL when none is due
 * @wait_until: (out): when none is due but some wait for a retry, when the
 *   first may be tried; 0 when the queue is empty
 * @error: return location for an error
 */
gboolean
rapport_campaign_repository_next (RapportCampaignRepository  *self,
                                  gint64                      campaign_id,
                                  RapportRecipient          **recipient,
                                  gint64                     *wait_until,
                                  GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;
  gint64 due;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  *recipient = NULL;
  *wait_until = 0;
  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " RECIPIENT_COLUMNS ", next_attempt_at FROM campaign_recipients"
                                  " WHERE campaign_id = ?1 AND state = 'queued'"
                                  " ORDER BY next_attempt_at, id LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, campaign_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  due = _rapport_stmt_column_int (stmt, 8);
  if (due > rapport_database_now (self->database))
    *wait_until = due;
  else
    *recipient = recipient_from_row (stmt);
  return TRUE;
}

/**
 * rapport_campaign_repository_mark:
 * @self: the campaigns
 * @recipient_id: a recipient
 * @state: %RAPPORT_RECIPIENT_SENDING before a message is handed over;
 *   %RAPPORT_RECIPIENT_QUEUED to try again at @retry_at; FAILED or
 *   SKIPPED with @reason
 * @reason: (nullable): the server's answer or why it was skipped
 * @retry_at: for QUEUED, when to try again
 * @error: return location for an error
 */
gboolean
rapport_campaign_repository_mark (RapportCampaignRepository  *self,
                                  gint64                      recipient_id,
                                  RapportRecipientState       state,
                                  const char                 *reason,
                                  gint64                      retry_at,
                                  GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *shown = g_utf8_make_valid (reason ? reason : "", -1);
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);
  g_return_val_if_fail (state != RAPPORT_RECIPIENT_SENT, FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaign_recipients SET state = ?2, reason = ?3,"
                                  " attempts = attempts + (?2 = 'sending'),"
                                  " next_attempt_at = ?4,"
                                  " done_at = CASE WHEN ?2 IN ('failed', 'skipped') THEN ?5 END"
                                  " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, recipient_id);
  _rapport_stmt_bind_text (stmt, 2, rapport_recipient_state_to_string (state));
  _rapport_stmt_bind_text (stmt, 3, shown);
  _rapport_stmt_bind_int (stmt, 4, retry_at);
  _rapport_stmt_bind_int (stmt, 5, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
mark_sent_in_transaction (RapportCampaignRepository  *self,
                          RapportSqlite              *db,
                          gint64                      recipient_id,
                          const char                 *summary,
                          GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportInteractionRepository) interactions = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  gboolean has_row;
  gint64 client_id, now = rapport_database_now (self->database);
  g_autofree char *channel = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaign_recipients SET state = 'sent', reason = '', done_at = ?2"
                                  " WHERE id = ?1 AND state IN ('queued', 'sending')"
                                  " RETURNING client_id,"
                                  " (SELECT channel FROM campaigns WHERE id = campaign_recipients.campaign_id)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, recipient_id);
  _rapport_stmt_bind_int (stmt, 2, now);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  client_id = _rapport_stmt_column_int (stmt, 0);
  channel = _rapport_stmt_dup_text (stmt, 1);
  /* RETURNING rows are only final once the statement has run out. */
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  if (g_strcmp0 (channel, "email") != 0)
    return TRUE;

  interactions = rapport_interaction_repository_new (self->database);
  interaction = rapport_interaction_new (client_id, RAPPORT_INTERACTION_EMAIL);
  rapport_interaction_set_direction (interaction, RAPPORT_DIRECTION_OUTBOUND);
  rapport_interaction_set_occurred_at (interaction, now);
  rapport_interaction_set_summary (interaction, summary);
  return rapport_interaction_repository_add (interactions, interaction, error);
}

/**
 * rapport_campaign_repository_mark_sent:
 * @self: the campaigns
 * @recipient_id: a recipient whose message the server accepted
 * @summary: what the client's timeline shows (the subject)
 * @error: return location for an error
 *
 * Marks the message sent and, for an e-mail, logs it on the client's
 * timeline, in one transaction.
 */
gboolean
rapport_campaign_repository_mark_sent (RapportCampaignRepository  *self,
                                       gint64                      recipient_id,
                                       const char                 *summary,
                                       GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!mark_sent_in_transaction (self, db, recipient_id, summary, &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return _rapport_database_commit (self->database, error);
}

/**
 * rapport_campaign_repository_mark_all_sent:
 * @self: the campaigns
 * @campaign_id: an SMS or call-list campaign
 * @n_marked: (out) (optional): how many were marked
 * @error: return location for an error
 *
 * When the SMS gateway confirmed the upload (or the calls were made),
 * every queued recipient is sent and the campaign is too.
 */
gboolean
rapport_campaign_repository_mark_all_sent (RapportCampaignRepository  *self,
                                           gint64                      campaign_id,
                                           guint                      *n_marked,
                                           GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  RapportSqlite *db;
  guint marked;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaign_recipients SET state = 'sent', done_at = ?2"
                                  " WHERE campaign_id = ?1 AND state IN ('queued', 'sending')",
                                  &local_error);
  if (stmt != NULL)
    {
      _rapport_stmt_bind_int (stmt, 1, campaign_id);
      _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
    }
  if (stmt == NULL || !_rapport_sqlite_run (db, stmt, &local_error))
    {
      g_clear_pointer (&stmt, _rapport_stmt_release);
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  marked = (guint) _rapport_sqlite_changes (db);
  g_clear_pointer (&stmt, _rapport_stmt_release);
  if (!rapport_campaign_repository_set_status (self, campaign_id, RAPPORT_CAMPAIGN_SENT, &local_error))
    {
      _rapport_database_rollback (self->database);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!_rapport_database_commit (self->database, error))
    return FALSE;
  if (n_marked != NULL)
    *n_marked = marked;
  return TRUE;
}

/**
 * rapport_campaign_repository_set_status:
 *
 * Pauses a sending campaign, or ends it (%RAPPORT_CAMPAIGN_SENT) when its
 * queue is done. A draft is started with rapport_campaign_repository_start().
 */
gboolean
rapport_campaign_repository_set_status (RapportCampaignRepository  *self,
                                        gint64                      campaign_id,
                                        RapportCampaignStatus       status,
                                        GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);
  g_return_val_if_fail (status != RAPPORT_CAMPAIGN_DRAFT, FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "UPDATE campaigns SET status = ?2, updated_at = ?3,"
                                  " finished_at = CASE WHEN ?2 = 'sent' THEN ?3 END"
                                  " WHERE id = ?1 AND status <> 'draft'",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, campaign_id);
  _rapport_stmt_bind_text (stmt, 2, rapport_campaign_status_to_string (status));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    return not_found (error);
  _rapport_database_note_change (self->database, RAPPORT_KIND_CAMPAIGN, campaign_id);
  return TRUE;
}

/**
 * rapport_campaign_repository_list_recipients:
 *
 * Returns: (transfer full) (element-type RapportRecipient): the frozen
 *   list of a campaign, in the order it is sent
 */
GPtrArray *
rapport_campaign_repository_list_recipients (RapportCampaignRepository  *self,
                                             gint64                      campaign_id,
                                             GError                    **error)
{
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_recipient_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT " RECIPIENT_COLUMNS " FROM campaign_recipients"
                                  " WHERE campaign_id = ?1 ORDER BY id",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, campaign_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (recipients, recipient_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&recipients);
}

/**
 * rapport_campaign_repository_get_facts:
 * @self: the campaigns
 * @client_id: a client
 * @facts: (out caller-allocates): what the placeholders are filled from
 * @error: return location for an error
 */
gboolean
rapport_campaign_repository_get_facts (RapportCampaignRepository  *self,
                                       gint64                      client_id,
                                       RapportClientFacts         *facts,
                                       GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT c.given_name, c.display_name, c.organization, s.name,"
                                  " (SELECT max(o.ordered_on) FROM orders o WHERE o.client_id = c.id AND " COUNTED_ORDERS "),"
                                  " (SELECT coalesce(sum(o.total - o.paid), 0) FROM orders o"
                                  "   WHERE o.client_id = c.id AND o.paid < o.total AND " COUNTED_ORDERS "),"
                                  " (SELECT o.currency FROM orders o WHERE o.client_id = c.id"
                                  "   AND o.paid < o.total AND " COUNTED_ORDERS " LIMIT 1)"
                                  " FROM clients c LEFT JOIN staff s ON s.id = c.owner_id WHERE c.id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, _("The client no longer exists."));
      return FALSE;
    }
  facts->first_name = dup_valid_text (stmt, 0);
  facts->name = dup_valid_text (stmt, 1);
  facts->organization = dup_valid_text (stmt, 2);
  facts->owner = dup_valid_text (stmt, 3);
  facts->last_order_on = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : dup_valid_text (stmt, 4);
  facts->balance = _rapport_stmt_column_int (stmt, 5);
  facts->currency = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NULL : dup_valid_text (stmt, 6);
  return TRUE;
}

static char *
local_day (gint64 when,
           int    days_later)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (when);
  g_autoptr(GDateTime) later = moment ? g_date_time_add_days (moment, days_later) : NULL;

  return later ? g_date_time_format (later, "%Y-%m-%d") : g_strdup ("9999-12-31");
}

static gboolean
results_on (RapportSqlite           *db,
            const RapportCampaign   *campaign,
            int                      window_days,
            RapportCampaignResults  *results,
            GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean has_row;

  window_days = CLAMP (window_days, 0, 3650);
  memset (results, 0, sizeof *results);
  results->recipients = campaign->n_recipients;
  results->delivered = campaign->n_sent;
  results->failed = campaign->n_failed;
  results->cost = campaign->cost;
  results->window_days = window_days;
  results->return_on_cost = NAN;

  from = campaign->started_at != 0 ? local_day (campaign->started_at, 0) : g_strdup ("9999-12-31");
  to = campaign->started_at != 0 ? local_day (campaign->started_at, window_days) : g_strdup ("0000-00-00");

  stmt = _rapport_sqlite_prepare (db,
                                  /* Two indexed looks, not one scan of every order. */
                                  "SELECT count(DISTINCT client_id), count(*), coalesce(sum(total), 0) FROM"
                                  " (SELECT o.id, o.client_id, o.total FROM orders o"
                                  "   WHERE o.campaign_id = ?1 AND " COUNTED_ORDERS
                                  "  UNION"
                                  "  SELECT o.id, o.client_id, o.total FROM campaign_recipients r"
                                  "   JOIN orders o ON o.client_id = r.client_id AND o.ordered_on BETWEEN ?2 AND ?3"
                                  "   WHERE r.campaign_id = ?1 AND r.state = 'sent' AND " COUNTED_ORDERS ")",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, campaign->id);
  _rapport_stmt_bind_text (stmt, 2, from);
  _rapport_stmt_bind_text (stmt, 3, to);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  results->buyers = (guint) _rapport_stmt_column_int (stmt, 0);
  results->orders = (guint) _rapport_stmt_column_int (stmt, 1);
  results->revenue = _rapport_stmt_column_int (stmt, 2);
  if (results->delivered > 0)
    results->revenue_per_recipient = rapport_money_round_half_away (results->revenue, results->delivered);
  if (results->cost > 0)
    results->return_on_cost = ((double) results->revenue - (double) results->cost) / (double) results->cost;
  return TRUE;
}

/**
 * rapport_campaign_repository_results:
 * @self: the campaigns
 * @campaign_id: a campaign
 * @window_days: orders this many days after the start count
 * @results: (out caller-allocates): what it brought
 * @error: return location for an error
 *
 * An order counts when a recipient who was sent the message ordered on
 * the day sending started or within @window_days after, or when the order
 * names the campaign.
 */
gboolean
rapport_campaign_repository_results (RapportCampaignRepository  *self,
                                     gint64                      campaign_id,
                                     int                         window_days,
                                     RapportCampaignResults     *results,
                                     GError                    **error)
{
  g_autoptr(RapportCampaign) campaign = NULL;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  campaign = rapport_campaign_repository_get (self, campaign_id, error);
  if (campaign == NULL)
    return FALSE;
  return results_on (_rapport_database_get_connection (self->database), campaign, window_days, results, error);
}

typedef struct
{
  GPtrArray *campaigns;
  int        window_days;
} ResultsJob;

static void
results_job_free (ResultsJob *job)
{
  g_ptr_array_unref (job->campaigns);
  g_free (job);
}

static gpointer
results_on_reader (RapportSqlite  *reader,
                   gpointer        data,
                   GError        **error)
{
  ResultsJob *job = data;
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (RapportCampaignResults));

  g_array_set_size (all, job->campaigns->len);
  for (guint i = 0; i < job->campaigns->len; i++)
    if (!results_on (reader, g_ptr_array_index (job->campaigns, i), job->window_days,
                     &g_array_index (all, RapportCampaignResults, i), error))
      return NULL;
  return g_steal_pointer (&all);
}

static void
results_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportCampaignRepository *self = source_object;
  GError *error = NULL;
  GArray *all = _rapport_database_read (self->database, results_on_reader, task_data, cancellable, &error);

  if (all == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, all, (GDestroyNotify) g_array_unref);
}

/**
 * rapport_campaign_repository_results_async:
 * @self: the campaigns
 * @campaigns: (element-type RapportCampaign): the campaigns, as listed
 * @window_days: as for rapport_campaign_repository_results()
 * @cancellable: (nullable): interrupts the queries
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * The results of several campaigns on a worker thread and the reader
 * connection: for the Campaigns page, which must not wait for them.
 */
void
rapport_campaign_repository_results_async (RapportCampaignRepository *self,
                                           GPtrArray                 *campaigns,
                                           int                        window_days,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ResultsJob *job;

  g_return_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self));

  job = g_new0 (ResultsJob, 1);
  job->campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_campaign_free);
  for (guint i = 0; i < campaigns->len; i++)
    g_ptr_array_add (job->campaigns, rapport_campaign_copy (g_ptr_array_index (campaigns, i)));
  job->window_days = window_days;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_campaign_repository_results_async);
  g_task_set_task_data (task, job, (GDestroyNotify) results_job_free);
  g_task_run_in_thread (task, results_thread);
}

/**
 * rapport_campaign_repository_results_finish:
 *
 * Returns: (transfer full) (element-type RapportCampaignResults): the
 *   results in the order of the campaigns given, or %NULL
 */
GArray *
rapport_campaign_repository_results_finish (RapportCampaignRepository  *self,
                                            GAsyncResult               *result,
                                            GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_campaign_repository_set_opt_out:
 * @self: the campaigns
 * @client_id: a client
 * @channel: e-mail, SMS or phone calls
 * @opted_out: whether the client asked not to be contacted that way
 * @error: return location for an error
 *
 * Records the opt-out with today's date, or lifts it.
 */
gboolean
rapport_campaign_repository_set_opt_out (RapportCampaignRepository  *self,
                                         gint64                      client_id,
                                         RapportChannel              channel,
                                         gboolean                    opted_out,
                                         GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  opted_out
                                  ? "INSERT INTO opt_outs (client_id, channel, opted_out_at) VALUES (?1, ?2, ?3)"
                                    " ON CONFLICT (client_id, channel) DO NOTHING"
                                  : "DELETE FROM opt_outs WHERE client_id = ?1 AND channel = ?2 AND ?3 IS NOT NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  _rapport_stmt_bind_text (stmt, 2, rapport_channel_to_string (channel));
  _rapport_stmt_bind_int (stmt, 3, rapport_database_now (self->database));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  _rapport_database_note_change (self->database, RAPPORT_KIND_OPT_OUT, client_id);
  return TRUE;
}

/**
 * rapport_campaign_repository_get_opt_out:
 * @opted_out_at: (out): when the client opted out, 0 when not
 */
gboolean
rapport_campaign_repository_get_opt_out (RapportCampaignRepository  *self,
                                         gint64                      client_id,
                                         RapportChannel              channel,
                                         gint64                     *opted_out_at,
                                         GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  db = _rapport_database_get_connection (self->database);
  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT opted_out_at FROM opt_outs WHERE client_id = ?1 AND channel = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, client_id);
  _rapport_stmt_bind_text (stmt, 2, rapport_channel_to_string (channel));
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *opted_out_at = has_row ? _rapport_stmt_column_int (stmt, 0) : 0;
  return TRUE;
}

typedef struct
{
  gint64          client_id;
  RapportChannel  channel;
  gboolean        opted_out;
} OptOutWrite;

static gboolean
set_opt_out_on_worker (RapportDatabase  *worker,
                       gpointer          data,
                       GError          **error)
{
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (worker);
  OptOutWrite *write = data;

  return rapport_campaign_repository_set_opt_out (campaigns, write->client_id, write->channel,
                                                  write->opted_out, error);
}

/**
 * rapport_campaign_repository_set_opt_out_async:
 *
 * rapport_campaign_repository_set_opt_out() on the database's worker
 * thread, for the window.
 */
void
rapport_campaign_repository_set_opt_out_async (RapportCampaignRepository *self,
                                               gint64                     client_id,
                                               RapportChannel             channel,
                                               gboolean                   opted_out,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data)
{
  OptOutWrite *write;

  g_return_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self));

  write = g_new0 (OptOutWrite, 1);
  write->client_id = client_id;
  write->channel = channel;
  write->opted_out = opted_out;
  _rapport_database_write_async (self->database, self, set_opt_out_on_worker, write, g_free,
                                 rapport_campaign_repository_set_opt_out_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_campaign_repository_set_opt_out_finish (RapportCampaignRepository  *self,
                                                GAsyncResult               *result,
                                                GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}

/* A draft saved from the window: its rules as the campaign's own segment,
 * then the campaign, in one transaction on the database's worker. */
typedef struct
{
  RapportSegment  *segment;
  RapportCampaign *campaign;
  gint64           campaign_id;   /* mark all sent */
} CampaignWrite;

static void
campaign_write_free (CampaignWrite *write)
{
  g_clear_pointer (&write->segment, rapport_segment_free);
  g_clear_pointer (&write->campaign, rapport_campaign_free);
  g_free (write);
}

static gboolean
save_draft_on_worker (RapportDatabase  *worker,
                      gpointer          data,
                      GError          **error)
{
  CampaignWrite *write = data;
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (worker);
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (worker);

  if (!_rapport_database_begin (worker, error))
    return FALSE;
  if (!rapport_segment_repository_save (segments, write->segment, error))
    {
      _rapport_database_rollback (worker);
      return FALSE;
    }
  write->campaign->segment_id = write->segment->id;
  if (!rapport_campaign_repository_save (campaigns, write->campaign, error))
    {
      _rapport_database_rollback (worker);
      return FALSE;
    }
  return _rapport_database_commit (worker, error);
}

/**
 * rapport_campaign_repository_save_draft_async:
 * @self: the campaigns
 * @segment: the draft's rules, saved as its own segment (a copy is written)
 * @campaign: the draft (a copy is written)
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * The segment, then the campaign pointing at it, in one transaction on
 * the database's worker: the window never waits. Finish with
 * rapport_campaign_repository_save_draft_finish().
 */
void
rapport_campaign_repository_save_draft_async (RapportCampaignRepository *self,
                                              const RapportSegment      *segment,
                                              const RapportCampaign     *campaign,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data)
{
  CampaignWrite *write;

  g_return_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self));
  g_return_if_fail (segment != NULL && campaign != NULL);

  write = g_new0 (CampaignWrite, 1);
  write->segment = rapport_segment_copy (segment);
  write->campaign = rapport_campaign_copy (campaign);
  _rapport_database_write_async (self->database, self, save_draft_on_worker, write,
                                 (GDestroyNotify) campaign_write_free,
                                 rapport_campaign_repository_save_draft_async,
                                 cancellable, callback, user_data);
}

/**
 * rapport_campaign_repository_save_draft_finish:
 * @self: the campaigns
 * @result: the result
 * @segment_id: (out): the segment's id
 * @campaign_id: (out): the campaign's id
 * @error: return location for an error
 *
 * Returns: whether the draft was saved
 */
gboolean
rapport_campaign_repository_save_draft_finish (RapportCampaignRepository  *self,
                                               GAsyncResult               *result,
                                               gint64                     *segment_id,
                                               gint64                     *campaign_id,
                                               GError                    **error)
{
  CampaignWrite *write;

  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self), FALSE);

  if (!_rapport_database_write_finish (self, result, error))
    return FALSE;
  write = _rapport_database_write_get_data (result);
  *segment_id = write->segment->id;
  *campaign_id = write->campaign->id;
  return TRUE;
}

/* @func on the database's worker, with the campaign's id. */
static void
write_campaign_async (RapportCampaignRepository *self,
                      gint64                     campaign_id,
                      RapportWriteFunc           func,
                      gpointer                   source_tag,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  CampaignWrite *write = g_new0 (CampaignWrite, 1);

  write->campaign_id = campaign_id;
  _rapport_database_write_async (self->database, self, func, write, (GDestroyNotify) campaign_write_free,
                                 source_tag, cancellable, callback, user_data);
}

static gboolean
mark_all_sent_on_worker (RapportDatabase  *worker,
                         gpointer          data,
                         GError          **error)
{
  CampaignWrite *write = data;
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (worker);

  return rapport_campaign_repository_mark_all_sent (campaigns, write->campaign_id, NULL, error);
}

/**
 * rapport_campaign_repository_mark_all_sent_async:
 * @self: the campaigns
 * @campaign_id: an exported SMS or phone campaign
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_campaign_repository_mark_all_sent() on the database's worker.
 * Finish with rapport_campaign_repository_set_opt_out_finish(), which ends
 * any of the campaigns' plain writes.
 */
void
rapport_campaign_repository_mark_all_sent_async (RapportCampaignRepository *self,
                                                 gint64                     campaign_id,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data)
{
  g_return_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self));
  write_campaign_async (self, campaign_id, mark_all_sent_on_worker, rapport_campaign_repository_mark_all_sent_async,
                        cancellable, callback, user_data);
}

static gboolean
start_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  CampaignWrite *write = data;
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (worker);

  return rapport_campaign_repository_start (campaigns, write->campaign_id, error);
}

/**
 * rapport_campaign_repository_start_async:
 * @self: the campaigns
 * @campaign_id: a campaign
 * @cancellable: (nullable): a cancellable
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_campaign_repository_start() on the database's worker: a draft's
 * recipients are frozen. Finish with
 * rapport_campaign_repository_set_opt_out_finish().
 */
void
rapport_campaign_repository_start_async (RapportCampaignRepository *self,
                                         gint64                     campaign_id,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_return_if_fail (RAPPORT_IS_CAMPAIGN_REPOSITORY (self));
  write_campaign_async (self, campaign_id, start_on_worker, rapport_campaign_repository_start_async,
                        cancellable, callback, user_data);
}
