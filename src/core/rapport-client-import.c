/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-client-import.h"
#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-text.h"

/* The preview of an import: the file read into records, each matched
 * against the clients already there and the records before it. Nothing
 * is written here; rapport_client_repository_import() writes the plan. */

static void
import_item_free (RapportImportItem *item)
{
  rapport_contact_record_free (item->record);
  g_free (item->match_name);
  g_free (item);
}

void
rapport_import_plan_free (RapportImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->file_name);
  g_free (plan->charset);
  g_clear_pointer (&plan->table, rapport_csv_table_free);
  g_ptr_array_unref (plan->items);
  g_free (plan);
}

void
rapport_import_batch_free (RapportImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->file_name);
  g_free (batch);
}

static void
set_records (RapportImportPlan *plan,
             GPtrArray         *records)
{
  g_ptr_array_set_size (plan->items, 0);
  for (guint i = 0; i < records->len; i++)
    {
      RapportImportItem *item = g_new0 (RapportImportItem, 1);

      item->record = g_ptr_array_index (records, i);
      g_ptr_array_index (records, i) = NULL;
      g_ptr_array_add (plan->items, item);
    }
}

/* The name, e-mail or phone of an 8-bit file a person would recognise
 * wrongly decoded, to show beside the code page choice. */
static gboolean
has_non_ascii (const char *data,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guint8) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/**
 * rapport_import_plan_read:
 * @file_name: the file's name, as shown to people
 * @bytes: its contents
 * @charset: (nullable): the code page its 8-bit text is in, as the person
 *   picked it; NULL to detect
 * @error: return location for an error
 *
 * Reads a vCard or CSV file into records. A file with no card or row at
 * all fails with %RAPPORT_ERROR_PARSE; single refused cards or rows are in
 * the plan with their reasons.
 *
 * Returns: (transfer full): the plan, not yet matched
 */
RapportImportPlan *
rapport_import_plan_read (const char  *file_name,
                          GBytes      *bytes,
                          const char  *charset,
                          GError     **error)
{
  g_autoptr(RapportImportPlan) plan = g_new0 (RapportImportPlan, 1);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) records = NULL;

  plan->file_name = g_strdup (file_name);
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  plan->charset_sure = TRUE;
  if (data == NULL)
    data = "";
  plan->format = rapport_contact_format_guess (file_name, data, length);

  if (plan->format == RAPPORT_CONTACT_FORMAT_VCARD)
    {
      g_autoptr(GPtrArray) cards = NULL;

      if (charset == NULL && has_non_ascii (data, length))
        {
          RapportCharsetGuess guess = rapport_charset_guess (data, length);

          plan->charset = g_strdup (guess.charset);
          plan->charset_sure = guess.sure;
        }
      else
        plan->charset = g_strdup (charset);
      cards = rapport_vcard_read (data, length, plan->charset);
      records = rapport_contact_records_from_vcards (cards);
    }
  else
    {
      plan->table = rapport_csv_table_read (data, length, charset);
      plan->charset = g_ascii_strcasecmp (plan->table->charset, "UTF-8") == 0 ? NULL
                                                                               : g_strdup (plan->table->charset);
      plan->charset_sure = plan->table->charset_sure;
      records = rapport_csv_table_is_mapped (plan->table) ? rapport_contact_records_from_csv (plan->table)
                                                           : g_ptr_array_new ();
    }

  if (records->len == 0 && (plan->format == RAPPORT_CONTACT_FORMAT_VCARD || plan->table->rows->len == 0))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_PARSE,
                   plan->format == RAPPORT_CONTACT_FORMAT_VCARD
                   ? _("“%s” holds no contact card: is it a vCard file?")
                   : _("“%s” holds no rows of contacts."),
                   file_name);
      return NULL;
    }
  set_records (plan, records);
  return g_steal_pointer (&plan);
}

/**
 * rapport_import_plan_remap:
 * @plan: a CSV plan whose table's columns the person mapped
 *
 * Reads the rows again with the columns' new meaning.
 *
 * Returns: whether the mapping gives clients something to be known by
 */
gboolean
rapport_import_plan_remap (RapportImportPlan *plan)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (plan->table != NULL, FALSE);
  if (!rapport_csv_table_is_mapped (plan->table))
    return FALSE;
  records = rapport_contact_records_from_csv (plan->table);
  set_records (plan, records);
  return TRUE;
}

const char *
rapport_match_reason_to_string (RapportMatchReason reason)
{
  switch (reason)
    {
    case RAPPORT_MATCH_SAME_PHONE:
      return _("same phone");
    case RAPPORT_MATCH_SAME_EMAIL:
      return _("same e-mail");
    case RAPPORT_MATCH_SAME_NAME:
      return _("same name");
    case RAPPORT_MATCH_NONE:
    default:
      return "";
    }
}

static void
count (RapportImportPlan *plan)
{
  plan->n_new = plan->n_matches = plan->n_refused = 0;
  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        plan->n_refused++;
      else if (item->reason != RAPPORT_MATCH_NONE)
        plan->n_matches++;
      else
        plan->n_new++;
    }
}

void
rapport_import_plan_set_default (RapportImportPlan  *plan,
                                 RapportOnDuplicate  action)
{
  for (guint i = 0; i < plan->items->len; i++)
    ((RapportImportItem *) g_ptr_array_index (plan->items, i))->action = action;
}

static gboolean
match_existing (RapportImportItem        *item,
                RapportClientRepository  *clients,
                GError                  **error)
{
  RapportClient *client = item->record->client;
  GPtrArray *points = rapport_client_get_phones (client);
  g_autofree char *name = NULL;
  gint64 id = 0;

  for (guint i = 0; i < points->len && item->reason == RAPPORT_MATCH_NONE; i++)
    {
      g_autoptr(GPtrArray) found = rapport_client_repository_find_by_phone (
        clients, ((RapportContactPoint *) g_ptr_array_index (points, i))->value, 0, error);

      if (found == NULL)
        return FALSE;
      if (found->len > 0)
        {
          item->reason = RAPPORT_MATCH_SAME_PHONE;
          item->match_id = rapport_client_get_id (g_ptr_array_index (found, 0));
          item->match_name = g_strdup (rapport_client_get_display_name (g_ptr_array_index (found, 0)));
        }
    }
  points = rapport_client_get_emails (client);
  for (guint i = 0; i < points->len && item->reason == RAPPORT_MATCH_NONE; i++)
    {
      g_autoptr(GPtrArray) found = rapport_client_repository_find_by_email (
        clients, ((RapportContactPoint *) g_ptr_array_index (points, i))->value, 0, error);

      if (found == NULL)
        return FALSE;
      if (found->len > 0)
        {
          item->reason = RAPPORT_MATCH_SAME_EMAIL;
          item->match_id = rapport_client_get_id (g_ptr_array_index (found, 0));
          item->match_name = g_strdup (rapport_client_get_display_name (g_ptr_array_index (found, 0)));
        }
    }
  if (item->reason != RAPPORT_MATCH_NONE)
    return TRUE;

  if (!rapport_client_repository_find_by_name (clients, rapport_client_get_display_name (client), 0,
                                               &id, &name, error))
    return FALSE;
  if (id != 0)
    {
      item->reason = RAPPORT_MATCH_SAME_NAME;
      item->match_id = id;
      item->match_name = g_steal_pointer (&name);
    }
  return TRUE;
}

/* A card that repeats an earlier one of the same file (phones exported
 * twice by a phone that syncs two accounts). */
static void
match_in_file (RapportImportItem *item,
               guint              index,
               GHashTable        *seen,
               const char        *region)
{
  RapportClient *client = item->record->client;
  GPtrArray *phones = rapport_client_get_phones (client);
  GPtrArray *emails = rapport_client_get_emails (client);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gpointer earlier = NULL;

  for (guint i = 0; i < phones->len; i++)
    {
      char *key = rapport_phone_match_key (((RapportContactPoint *) g_ptr_array_index (phones, i))->value, region);

      if (key != NULL && *key != '\0')
        g_ptr_array_add (keys, g_strconcat ("t", key, NULL));
      g_free (key);
    }
  for (guint i = 0; i < emails->len; i++)
    g_ptr_array_add (keys, g_strconcat ("e", ((RapportContactPoint *) g_ptr_array_index (emails, i))->value, NULL));
  g_ptr_array_add (keys, g_strconcat ("n", rapport_client_get_display_name (client), NULL));

  for (guint i = 0; i < keys->len; i++)
    {
      char *key = g_ptr_array_index (keys, i);

      if (key[0] == 'e' || key[0] == 'n')
        {
          char *folded = rapport_text_fold (key + 1);

          g_ptr_array_index (keys, i) = g_strconcat ((char[]) { key[0], '\0' }, folded, NULL);
          g_free (folded);
          g_free (key);
          key = g_ptr_array_index (keys, i);
        }
      if (item->reason == RAPPORT_MATCH_NONE && g_hash_table_lookup_extended (seen, key, NULL, &earlier))
        {
          RapportImportItem *first = NULL;

          item->match_in_file = GPOINTER_TO_UINT (earlier);
          item->reason = key[0] == 't' ? RAPPORT_MATCH_SAME_PHONE
                       : key[0] == 'e' ? RAPPORT_MATCH_SAME_EMAIL : RAPPORT_MATCH_SAME_NAME;
          first = g_ptr_array_index ((GPtrArray *) g_hash_table_lookup (seen, ""), item->match_in_file - 1);
          item->match_name = g_strdup (rapport_client_get_display_name (first->record->client));
        }
    }
  for (guint i = 0; i < keys->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (keys, i)))
      g_hash_table_insert (seen, g_strdup (g_ptr_array_index (keys, i)), GUINT_TO_POINTER (index + 1));
}

/**
 * rapport_import_plan_match:
 * @plan: a plan
 * @clients: (nullable): the clients to match against; NULL when there are
 *   none yet (the records are still matched with each other)
 * @default_action: what to do with each match until the person says
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Finds, for each record, a client it is likely the same as: the same
 * phone (by the matching rule), the same e-mail, or the same name once
 * case, accents and script variants are set aside; or an earlier record of
 * the file.
 */
gboolean
rapport_import_plan_match (RapportImportPlan        *plan,
                           RapportClientRepository  *clients,
                           RapportOnDuplicate        default_action,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *region = clients ? rapport_client_repository_dup_phone_region (clients, error) : g_strdup ("");

  if (region == NULL)
    return FALSE;
  /* the items, for match_in_file() to name the earlier record */
  g_hash_table_insert (seen, g_strdup (""), plan->items);

  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      item->reason = RAPPORT_MATCH_NONE;
      item->match_id = 0;
      item->match_in_file = 0;
      g_clear_pointer (&item->match_name, g_free);
      item->action = default_action;
      if (item->record->client == NULL)
        continue;
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (clients != NULL && !match_existing (item, clients, error))
        return FALSE;
      match_in_file (item, i, seen, region);
    }
  count (plan);
  return TRUE;
}
