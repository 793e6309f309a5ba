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

/* The keys of one kind of every record, each with the record it is of,
 * matched against the clients in one statement. */
typedef struct
{
  GPtrArray *keys;    /* char*, owned */
  GArray    *owners;  /* guint: the index of the item */
  gint64    *ids;
  char     **names;
} KeySet;

static void
key_set_init (KeySet *set)
{
  set->keys = g_ptr_array_new_with_free_func (g_free);
  set->owners = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
key_set_clear (KeySet *set)
{
  for (guint i = 0; set->names != NULL && i < set->keys->len; i++)
    g_free (set->names[i]);
  g_clear_pointer (&set->names, g_free);
  g_clear_pointer (&set->ids, g_free);
  g_clear_pointer (&set->keys, g_ptr_array_unref);
  g_clear_pointer (&set->owners, g_array_unref);
}

static void
key_set_add (KeySet *set,
             guint   owner,
             char   *key)
{
  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    {
      g_free (key);
      return;
    }
  g_ptr_array_add (set->keys, key);
  g_array_append_val (set->owners, owner);
}

static gboolean
key_set_match (KeySet                   *set,
               RapportMatchReason        reason,
               RapportClientRepository  *clients,
               GError                  **error)
{
  set->ids = g_new0 (gint64, MAX (set->keys->len, 1));
  set->names = g_new0 (char *, MAX (set->keys->len, 1));
  return rapport_client_repository_match_keys (clients, reason, set->keys, set->ids, set->names, error);
}

/* The first key of a record that matched, in the record's order, wins;
 * phones before e-mails before the name. */
static void
key_set_apply (KeySet             *set,
               RapportMatchReason  reason,
               GPtrArray          *items)
{
  for (guint k = 0; k < set->keys->len; k++)
    {
      RapportImportItem *item = g_ptr_array_index (items, g_array_index (set->owners, guint, k));

      if (set->ids[k] == 0 || item->reason != RAPPORT_MATCH_NONE)
        continue;
      item->reason = reason;
      item->match_id = set->ids[k];
      item->match_name = g_steal_pointer (&set->names[k]);
    }
}

/* Every record against the clients already there: the same phone (by the
 * matching rule), e-mail or folded name, as one pass over each kind of key
 * rather than a query a card (README, “Import”, speed). */
static gboolean
match_existing (GPtrArray                *items,
                RapportClientRepository  *clients,
                const char               *region,
                GCancellable             *cancellable,
                GError                  **error)
{
  KeySet sets[3];
  static const RapportMatchReason reasons[3] = {
    RAPPORT_MATCH_SAME_PHONE, RAPPORT_MATCH_SAME_EMAIL, RAPPORT_MATCH_SAME_NAME,
  };
  gboolean ok = TRUE;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    key_set_init (&sets[s]);
  for (guint i = 0; i < items->len; i++)
    {
      RapportClient *client = ((RapportImportItem *) g_ptr_array_index (items, i))->record->client;
      GPtrArray *phones, *emails;

      if (client == NULL)
        continue;
      phones = rapport_client_get_phones (client);
      emails = rapport_client_get_emails (client);
      for (guint p = 0; p < phones->len; p++)
        key_set_add (&sets[0], i, rapport_phone_match_key (((RapportContactPoint *) g_ptr_array_index (phones, p))->value,
                                                           region));
      for (guint e = 0; e < emails->len; e++)
        key_set_add (&sets[1], i, rapport_email_match_key (((RapportContactPoint *) g_ptr_array_index (emails, e))->value));
      key_set_add (&sets[2], i, rapport_text_fold (rapport_client_get_display_name (client)));
    }
  for (guint s = 0; s < G_N_ELEMENTS (sets) && ok; s++)
    {
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
           && key_set_match (&sets[s], reasons[s], clients, error);
      if (ok)
        key_set_apply (&sets[s], reasons[s], items);
    }
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    key_set_clear (&sets[s]);
  return ok;
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
    }
  if (clients != NULL && !match_existing (plan->items, clients, region, cancellable, error))
    return FALSE;
  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        continue;
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      match_in_file (item, i, seen, region);
    }
  count (plan);
  return TRUE;
}
