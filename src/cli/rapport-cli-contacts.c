/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>

#include "rapport-cli-contacts.h"
#include "rapport-cli-common.h"
#include "rapport-client-duplicates.h"
#include "rapport-client-import.h"
#include "rapport-client-merge.h"
#include "rapport-contact-export.h"
#include "rapport-database.h"
#include "rapport-error.h"

/* Contacts in and out (`import FILE`, `export --format vcf|csv`), and the
 * same client kept twice (`duplicates`, `merge ID ID`). */

static gboolean
parse_on_duplicate (const char         *text,
                    RapportOnDuplicate *action)
{
  if (text == NULL || g_str_equal (text, "skip"))
    *action = RAPPORT_ON_DUPLICATE_SKIP;
  else if (g_str_equal (text, "merge"))
    *action = RAPPORT_ON_DUPLICATE_MERGE;
  else if (g_str_equal (text, "add"))
    *action = RAPPORT_ON_DUPLICATE_ADD;
  else
    return FALSE;
  return TRUE;
}

static void
print_plan (RapportImportPlan *plan,
            const char        *shown_name)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        g_printerr ("%s: %s\n", shown_name, item->record->refusal);
      else if (item->reason != RAPPORT_MATCH_NONE)
        g_print (_("%s, line %u: “%s” matches “%s” (%s)\n"), shown_name, item->record->line,
                 rapport_client_get_display_name (item->record->client), item->match_name,
                 rapport_match_reason_to_string (item->reason));
    }
  g_print (_("%s: %u new, %u matching clients already there, %u refused\n"), shown_name,
           plan->n_new, plan->n_matches, plan->n_refused);
  if (plan->charset != NULL)
    g_print (plan->charset_sure ? _("%s: read as %s\n")
                                : _("%s: read as %s, but it may be another code page: check the names, or give --encoding\n"),
             shown_name, plan->charset);
}

int
rapport_cli_run_import (const char *database_path,
                        const char *file,
                        gboolean    dry_run,
                        const char *on_duplicate,
                        const char *charset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RapportImportPlan) plan = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autofree char *shown_name = g_file_get_basename (gfile);
  g_autofree char *signature = NULL;
  g_autofree char *mapping = NULL;
  RapportOnDuplicate action;
  gint64 batch;

  if (!parse_on_duplicate (on_duplicate, &action))
    return rapport_cli_fail (_("--on-duplicate takes skip, merge or add."));

  bytes = g_file_load_bytes (gfile, NULL, NULL, &error);
  if (bytes == NULL)
    return rapport_cli_fail (error->message);

  plan = rapport_import_plan_read (shown_name, bytes, charset, &error);
  if (plan == NULL)
    return rapport_cli_fail (error->message);

  db = rapport_database_open (database_path, dry_run ? RAPPORT_DATABASE_READ_ONLY : RAPPORT_DATABASE_DEFAULT,
                              &error);
  if (db == NULL && !(dry_run && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY)))
    return rapport_cli_fail (error->message);
  /* a preview for a file with no clients yet matches the cards only with each other */
  g_clear_error (&error);
  if (db != NULL)
    clients = rapport_client_repository_new (db);

  if (plan->table != NULL && !rapport_csv_table_is_mapped (plan->table))
    {
      signature = rapport_csv_table_dup_signature (plan->table);
      mapping = clients ? rapport_client_repository_dup_column_map (clients, signature, &error) : g_strdup ("");
      if (mapping == NULL)
        return rapport_cli_fail (error->message);
      if (*mapping == '\0' || !rapport_csv_table_apply_mapping (plan->table, mapping)
          || !rapport_import_plan_remap (plan))
        {
          g_autofree char *message = g_strdup_printf (
            _("“%s”: Rapport does not know what this file's columns hold. Import it once in the Rapport window, "
              "which asks and remembers."), shown_name);
          return rapport_cli_fail (message);
        }
    }

  if (!rapport_import_plan_match (plan, clients, action, NULL, &error))
    return rapport_cli_fail (error->message);
  print_plan (plan, shown_name);
  if (dry_run)
    return plan->n_new + (action == RAPPORT_ON_DUPLICATE_SKIP ? 0 : plan->n_matches) > 0 ? EXIT_FOUND : EXIT_NOTHING;

  if (plan->n_new + (action == RAPPORT_ON_DUPLICATE_SKIP ? 0 : plan->n_matches) == 0)
    return EXIT_NOTHING;
  if (rapport_database_get_damaged (db))
    return rapport_cli_fail (_("The database is damaged, so nothing was imported. Restore a backup first."));

  batch = rapport_client_repository_import (clients, plan, NULL, NULL, NULL, &error);
  if (batch == 0)
    return rapport_cli_fail (error->message);
  return EXIT_FOUND;
}

int
rapport_cli_run_export (const char *database_path,
                        const char *format,
                        const char *output,
                        const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  RapportExportFormat export_format;

  if (format == NULL || g_str_equal (format, "vcf") || g_str_equal (format, "vcf4"))
    export_format = RAPPORT_EXPORT_VCARD_40;
  else if (g_str_equal (format, "vcf3"))
    export_format = RAPPORT_EXPORT_VCARD_30;
  else if (g_str_equal (format, "csv"))
    export_format = RAPPORT_EXPORT_CSV_GOOGLE;
  else
    return rapport_cli_fail (_("--format takes vcf (vCard 4.0), vcf3 (vCard 3.0) or csv (Google's columns)."));

  db = rapport_database_open (database_path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (db == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    return EXIT_NOTHING;
  if (db == NULL)
    return rapport_cli_fail (error->message);
  clients = rapport_client_repository_new (db);
  ids = rapport_client_repository_search (clients, search ? search : "", RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
  if (ids == NULL)
    return rapport_cli_fail (error->message);

  if (output != NULL)
    {
      file = g_file_new_for_commandline_arg (output);
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (stream == NULL)
        return rapport_cli_fail (error->message);
    }
  else
    stream = g_unix_output_stream_new (1, FALSE);

  if (!rapport_contacts_export (clients, (const gint64 *) ids->data, ids->len, export_format, stream, NULL, &error)
      || !g_output_stream_close (stream, NULL, &error))
    return rapport_cli_fail (error->message);
  return ids->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static const char *
name_of (GHashTable *names,
         gint64      id)
{
  const char *name = g_hash_table_lookup (names, &id);

  return name ? name : "";
}

int
rapport_cli_run_duplicates (const char *database_path,
                            guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(GArray) pairs = NULL;
  guint n;

  db = rapport_database_open (database_path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (db == NULL && g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    return EXIT_NOTHING;
  if (db == NULL)
    return rapport_cli_fail (error->message);
  clients = rapport_client_repository_new (db);
  pairs = rapport_client_repository_find_duplicates (clients, NULL, &error);
  if (pairs == NULL)
    return rapport_cli_fail (error->message);

  n = limit > 0 ? MIN (limit, pairs->len) : pairs->len;
  for (guint start = 0; start < n; start += 250)
    {
      guint count = MIN (250, n - start);
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), count * 2);
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_autoptr(GPtrArray) loaded = NULL;

      for (guint i = start; i < start + count; i++)
        {
          RapportDuplicatePair *pair = &g_array_index (pairs, RapportDuplicatePair, i);

          g_array_append_val (ids, pair->a);
          g_array_append_val (ids, pair->b);
        }
      loaded = rapport_client_repository_load (clients, (const gint64 *) ids->data, ids->len, &error);
      if (loaded == NULL)
        return rapport_cli_fail (error->message);
      for (guint i = 0; i < loaded->len; i++)
        if (g_ptr_array_index (loaded, i) != NULL)
          {
            RapportClient *client = g_ptr_array_index (loaded, i);

            g_hash_table_insert (names, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                                 g_strdup (rapport_client_get_display_name (client)));
          }
      for (guint i = start; i < start + count; i++)
        {
          RapportDuplicatePair *pair = &g_array_index (pairs, RapportDuplicatePair, i);
          g_autofree char *reasons = rapport_duplicate_reasons_to_string (pair->reasons);

          g_print ("%u\t%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n", pair->score, pair->a,
                   name_of (names, pair->a), pair->b, name_of (names, pair->b), reasons);
        }
    }
  return pairs->len > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

int
rapport_cli_run_merge (const char *database_path,
                       const char *keep_text,
                       const char *other_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(RapportClient) keep = NULL;
  g_autoptr(RapportClient) other = NULL;
  g_autoptr(RapportClient) merged = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  gint64 ids[2];

  if (!parse_id (keep_text, &ids[0]) || !parse_id (other_text, &ids[1]))
    return rapport_cli_fail (_("merge takes two client numbers, as `duplicates` lists them."));

  db = rapport_database_open (database_path, RAPPORT_DATABASE_DEFAULT, &error);
  if (db == NULL)
    return rapport_cli_fail (error->message);
  if (rapport_database_get_damaged (db))
    return rapport_cli_fail (_("The database is damaged, so nothing was merged. Restore a backup first."));
  clients = rapport_client_repository_new (db);
  loaded = rapport_client_repository_load_details (clients, ids, 2, &error);
  if (loaded == NULL)
    return rapport_cli_fail (error->message);
  if (g_ptr_array_index (loaded, 0) == NULL || g_ptr_array_index (loaded, 1) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no client number %s."),
                                                  g_ptr_array_index (loaded, 0) == NULL ? keep_text : other_text);
      return rapport_cli_fail (message);
    }
  keep = g_object_ref (g_ptr_array_index (loaded, 0));
  other = g_object_ref (g_ptr_array_index (loaded, 1));
  merged = rapport_client_merge_values (keep, other);
  if (!rapport_client_repository_merge (clients, ids[0], ids[1], merged, NULL, &error))
    return rapport_cli_fail (error->message);
  g_print (_("“%s” (%s) merged into “%s” (%s)\n"), rapport_client_get_display_name (other), other_text,
           rapport_client_get_display_name (merged), keep_text);
  return EXIT_FOUND;
}
