/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-backups.h"
#include "rapport-client-duplicates-private.h"
#include "rapport-client-merge.h"
#include "rapport-client-repository-private.h"
#include "rapport-error.h"
#include "rapport-text.h"

/* Clients that may be one, a person's “not a duplicate”, and merging two
 * into one. A merge moves whatever points at a client, found from the
 * schema's foreign keys, so that a table added later (deliveries,
 * warranties, campaign recipients) moves too without an edit here. */

static RapportSqlite *
connection (RapportClientRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

/* Clients sharing a phone or e-mail key: the table read once in order of
 * its rows (no look-up a row), grouped here. A key shared by more than a
 * few dozen clients is an office's switchboard or a shared mailbox, not a
 * duplicate. */
#define MAX_KEY_GROUP 50

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : (x > y);
}

/* @active: sorted ids */
static gboolean
is_active (GArray *active,
           gint64  id)
{
  guint low = 0, high = active->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 at = g_array_index (active, gint64, middle);

      if (at == id)
        return TRUE;
      if (at < id)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

static gboolean
add_shared_key_pairs (RapportSqlite           *db,
                      const char              *sql,
                      GArray                  *active,
                      RapportDuplicateReasons  reason,
                      GArray                  *pairs,
                      GError                 **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      const char *key = _rapport_stmt_column_text (stmt, 0);
      gint64 id = _rapport_stmt_column_int (stmt, 1);
      GArray *group;

      if (!is_active (active, id))
        continue;
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (groups, g_strdup (key), group);
        }
      if (group->len <= MAX_KEY_GROUP)
        g_array_append_val (group, id);
    }
  if (!ok)
    return FALSE;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *group = value;

      if (group->len < 2 || group->len > MAX_KEY_GROUP)
        continue;
      for (guint i = 0; i < group->len; i++)
        for (guint j = i + 1; j < group->len; j++)
          _rapport_duplicates_add_pair (pairs, g_array_index (group, gint64, i), g_array_index (group, gint64, j),
                                        reason);
    }
  return TRUE;
}

static gboolean
add_name_pairs (RapportSqlite  *db,
                GArray         *active,
                GArray         *pairs,
                GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT id, sort_key FROM clients"
                                                             " WHERE archived_at IS NULL", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, _rapport_stmt_dup_text (stmt, 1));
      g_array_append_val (active, id);
    }
  if (!ok)
    return FALSE;
  g_array_sort (active, compare_int64);
  _rapport_duplicates_find_names ((const gint64 *) ids->data, (char * const *) names->pdata, ids->len, pairs);
  return TRUE;
}

static int
compare_ids (gconstpointer x,
             gconstpointer y)
{
  const RapportDuplicatePair *a = x, *b = y;

  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : (a->b > b->b);
}

/* @pairs: finished, so sorted by ids */
static gboolean
remove_not_duplicates (RapportSqlite  *db,
                       GArray         *pairs,
                       GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT client_a, client_b FROM not_duplicates",
                                                         error);
  gboolean has_row, ok;
  guint kept = 0;

  if (stmt == NULL)
    return FALSE;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportDuplicatePair key = { _rapport_stmt_column_int (stmt, 0), _rapport_stmt_column_int (stmt, 1), 0, 0 };
      guint index;

      if (g_array_binary_search (pairs, &key, compare_ids, &index))
        g_array_index (pairs, RapportDuplicatePair, index).reasons = 0;
    }
  if (!ok)
    return FALSE;

  for (guint i = 0; i < pairs->len; i++)
    if (g_array_index (pairs, RapportDuplicatePair, i).reasons != 0)
      g_array_index (pairs, RapportDuplicatePair, kept++) = g_array_index (pairs, RapportDuplicatePair, i);
  g_array_set_size (pairs, kept);
  return TRUE;
}

static int
compare_pairs (gconstpointer x,
               gconstpointer y)
{
  const RapportDuplicatePair *a = x, *b = y;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : (a->b > b->b);
}

static gpointer
find_on (RapportSqlite  *db,
         gpointer        data,
         GError        **error)
{
  g_autoptr(GArray) pairs = _rapport_duplicates_new_pairs ();
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Active clients only: an archived client is out of the way already. */
  if (!add_name_pairs (db, active, pairs, error)
      || !add_shared_key_pairs (db, "SELECT match_key, client_id FROM client_phones WHERE match_key <> ''",
                                active, RAPPORT_DUPLICATE_SAME_PHONE, pairs, error)
      || !add_shared_key_pairs (db, "SELECT match_key, client_id FROM client_emails WHERE match_key <> ''",
                                active, RAPPORT_DUPLICATE_SAME_EMAIL, pairs, error))
    return NULL;
  _rapport_duplicates_finish_pairs (pairs);
  if (!remove_not_duplicates (db, pairs, error))
    return NULL;

  g_array_sort (pairs, compare_pairs);
  return g_steal_pointer (&pairs);
}

/**
 * rapport_client_repository_find_duplicates:
 * @self: the clients
 * @cancellable: (nullable): interrupts the scan
 * @error: return location for an error
 *
 * Finds pairs of active clients that may be one person: the same phone
 * (by the matching rule), the same e-mail, the same name once case,
 * accents and script variants are set aside, the same words in another
 * order, or a name one typo apart. Pairs a person said are not duplicates
 * are left out.
 *
 * Returns: (transfer full) (element-type RapportDuplicatePair): the pairs,
 *   surest first
 */
GArray *
rapport_client_repository_find_duplicates (RapportClientRepository  *self,
                                           GCancellable             *cancellable,
                                           GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), NULL);

  return _rapport_database_read (self->database, find_on, NULL, cancellable, error);
}

static void
find_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *found = rapport_client_repository_find_duplicates (source_object, cancellable, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_array_unref);
}

void
rapport_client_repository_find_duplicates_async (RapportClientRepository *self,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, rapport_client_repository_find_duplicates_async);
  g_task_run_in_thread (task, find_in_thread);
}

GArray *
rapport_client_repository_find_duplicates_finish (RapportClientRepository  *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rapport_client_repository_set_not_duplicate:
 *
 * Remembers that clients @a and @b are two people: the scan leaves them
 * out from now on.
 */
gboolean
rapport_client_repository_set_not_duplicate (RapportClientRepository  *self,
                                             gint64                    a,
                                             gint64                    b,
                                             GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  if (a == b)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("A client is always the same as itself."));
      return FALSE;
    }
  stmt = _rapport_sqlite_prepare (db, "INSERT OR IGNORE INTO not_duplicates (client_a, client_b) VALUES (?1, ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, MIN (a, b));
  _rapport_stmt_bind_int (stmt, 2, MAX (a, b));
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  return TRUE;
}

/**
 * rapport_client_repository_find_similar_name:
 * @self: the clients
 * @name: a name as typed
 * @except_id: the client being edited, or 0
 * @id: (out): a client whose name is the same (case, accents and script
 *   variants aside), has the same words in another order, or is one typo
 *   apart; 0 when none
 * @display_name: (out) (optional): its name
 * @reasons: (out) (optional): which of those
 * @error: return location for an error
 *
 * For a warning while a name is typed: the clients sharing a word of it
 * are the candidates (an indexed look-up a word), quick enough for the
 * main thread.
 */
gboolean
rapport_client_repository_find_similar_name (RapportClientRepository  *self,
                                             const char               *name,
                                             gint64                    except_id,
                                             gint64                   *id,
                                             char                    **display_name,
                                             RapportDuplicateReasons  *reasons,
                                             GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *folded = rapport_text_fold (name);
  g_autofree char *key = rapport_name_word_key (folded);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(RapportStmt) stmt = NULL;

  *id = 0;
  if (g_utf8_strlen (folded, -1) < 3)
    return TRUE;
  stmt = _rapport_sqlite_prepare (db, "SELECT c.id, c.sort_key, c.display_name FROM client_words AS w"
                                      " JOIN clients AS c ON c.id = w.client_id"
                                      " WHERE w.word = ?1 AND c.id <> ?2 AND c.archived_at IS NULL"
                                      " ORDER BY c.id LIMIT 200", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; words[i] != NULL && i < 4; i++)
    {
      gboolean has_row, ok;

      if (*words[i] == '\0')
        continue;
      _rapport_stmt_bind_text (stmt, 1, words[i]);
      _rapport_stmt_bind_int (stmt, 2, except_id);
      while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
        {
          const char *other = _rapport_stmt_column_text (stmt, 1);
          g_autofree char *other_key = rapport_name_word_key (other);
          RapportDuplicateReasons found = 0;

          if (g_str_equal (other, folded))
            found = RAPPORT_DUPLICATE_SAME_NAME;
          else if (g_str_equal (other_key, key))
            found = RAPPORT_DUPLICATE_NAME_ORDER;
          else if (g_utf8_strlen (folded, -1) >= 6 && rapport_names_differ_by_typo (other, folded))
            found = RAPPORT_DUPLICATE_NAME_TYPO;
          if (found == 0)
            continue;
          *id = _rapport_stmt_column_int (stmt, 0);
          if (display_name != NULL)
            *display_name = _rapport_stmt_dup_text (stmt, 2);
          if (reasons != NULL)
            *reasons = found;
          _rapport_stmt_release (g_steal_pointer (&stmt));
          return TRUE;
        }
      if (!ok)
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Merging */

/* A value of a row, kept to be written back later, even by another run
 * of the program: a tag (n null, i integer, r real, t text, b blob) and
 * the value, as a GVariant "(yxday)" (text as its bytes, which need not
 * be valid UTF-8 in a damaged file). */
#define STORED_VALUE_TYPE "(yxday)"

static GVariant *
stored_value_new (sqlite3_value *value)
{
  const guint8 *bytes = NULL;
  char tag = 'n';
  gint64 integer = 0;
  double real = 0;
  int n = 0;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER: tag = 'i'; integer = sqlite3_value_int64 (value); break;
    case SQLITE_FLOAT: tag = 'r'; real = sqlite3_value_double (value); break;
    case SQLITE_TEXT:
      tag = 't';
      bytes = sqlite3_value_text (value);
      n = sqlite3_value_bytes (value);
      break;
    case SQLITE_BLOB:
      tag = 'b';
      bytes = sqlite3_value_blob (value);
      n = sqlite3_value_bytes (value);
      break;
    default: break;
    }
  return g_variant_ref_sink (g_variant_new ("(yxd@ay)", (guchar) tag, integer, real,
                                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes ? bytes : (const guint8 *) "",
                                                                       bytes ? n : 0, 1)));
}

/* NULL stands for the kept client in a moved row's key. */
static void
stored_value_free (GVariant *value)
{
  if (value != NULL)
    g_variant_unref (value);
}

static GPtrArray *
new_value_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) stored_value_free);
}

static void
bind_stored_value (RapportStmt *stmt,
                   int          index,
                   GVariant    *value)
{
  g_autoptr(GVariant) data = g_variant_get_child_value (value, 3);
  gsize n = 0;
  const guint8 *bytes = g_variant_get_fixed_array (data, &n, 1);
  guchar tag = 'n';
  gint64 integer = 0;
  double real = 0;

  g_variant_get_child (value, 0, "y", &tag);
  g_variant_get_child (value, 1, "x", &integer);
  g_variant_get_child (value, 2, "d", &real);
  switch (tag)
    {
    case 'i': sqlite3_bind_int64 (stmt, index, integer); break;
    case 'r': sqlite3_bind_double (stmt, index, real); break;
    /* an empty array has no data pointer: empty text and blobs are not NULL */
    case 't': sqlite3_bind_text (stmt, index, n > 0 ? (const char *) bytes : "", (int) MIN (n, G_MAXINT),
                                 SQLITE_TRANSIENT); break;
    case 'b':
      if (n > 0)
        sqlite3_bind_blob (stmt, index, bytes, (int) MIN (n, G_MAXINT), SQLITE_TRANSIENT);
      else
        sqlite3_bind_zeroblob (stmt, index, 0);
      break;
    default: sqlite3_bind_null (stmt, index); break;
    }
}

/* A row that points at a client: its table, the column, and how to find
 * the row again (rowid, or the primary key's values of a WITHOUT ROWID
 * table, as they are after the move). */
typedef struct
{
  char          *table;
  char          *column;
  GPtrArray     *key_columns;  /* NULL: the rowid */
  GPtrArray     *key_values;   /* stored values; NULL for the moved column, which holds the kept client */
} MovedRow;

/* A row that could not move (the other client had the same: a picture, a
 * “not a duplicate” pair) and was deleted, kept whole to be put back. */
typedef struct
{
  char      *table;
  GPtrArray *columns;
  GPtrArray *values;   /* stored values */
} DeletedRow;

/* What a merge changed, kept in the merge history (client_merges) to put
 * both clients back exactly, now or in a later run. */
typedef struct
{
  RapportClient *keep_before;
  RapportClient *other_before;
  GBytes        *keep_after;   /* the kept client's snapshot right after, to see whether it changed since */
  GPtrArray     *moved;        /* MovedRow */
  GPtrArray     *deleted;      /* DeletedRow */
} MergeRecord;

struct _RapportMergeUndo
{
  gint64 id;  /* in client_merges */
};

static void
moved_row_free (MovedRow *row)
{
  if (row == NULL)
    return;
  g_free (row->table);
  g_free (row->column);
  g_clear_pointer (&row->key_columns, g_ptr_array_unref);
  g_ptr_array_unref (row->key_values);
  g_free (row);
}

static void
deleted_row_free (DeletedRow *row)
{
  g_free (row->table);
  g_ptr_array_unref (row->columns);
  g_ptr_array_unref (row->values);
  g_free (row);
}

static MergeRecord *
merge_record_new (void)
{
  MergeRecord *record = g_new0 (MergeRecord, 1);

  record->moved = g_ptr_array_new_with_free_func ((GDestroyNotify) moved_row_free);
  record->deleted = g_ptr_array_new_with_free_func ((GDestroyNotify) deleted_row_free);
  return record;
}

static void
merge_record_free (MergeRecord *record)
{
  if (record == NULL)
    return;
  g_clear_object (&record->keep_before);
  g_clear_object (&record->other_before);
  g_clear_pointer (&record->keep_after, g_bytes_unref);
  g_clear_pointer (&record->moved, g_ptr_array_unref);
  g_clear_pointer (&record->deleted, g_ptr_array_unref);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MergeRecord, merge_record_free)

void
rapport_merge_undo_free (RapportMergeUndo *undo)
{
  g_free (undo);
}

/**
 * rapport_merge_undo_get_id:
 *
 * Returns: the merge's place in the history (rapport_client_repository_list_merges())
 */
gint64
rapport_merge_undo_get_id (RapportMergeUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);
  return undo->id;
}

void
rapport_merge_entry_free (RapportMergeEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->keep_name);
  g_free (entry->other_name);
  g_free (entry);
}

#define RECORD_TYPE "(ayayaya(ssasa" STORED_VALUE_TYPE ")a(sasa" STORED_VALUE_TYPE "))"

static GVariant *
bytes_variant (GBytes *bytes)
{
  return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
}

static GVariant *
values_variant (GPtrArray *values)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" STORED_VALUE_TYPE));
  for (guint i = 0; i < values->len; i++)
    {
      GVariant *value = g_ptr_array_index (values, i);

      /* the moved column: what it holds is the kept client, known from the record */
      g_variant_builder_add_value (&builder, value ? value : g_variant_new ("(yxd@ay)", (guchar) 'k', (gint64) 0, 0.0,
                                                                           g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                                                      "", 0, 1)));
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
strings_variant (GPtrArray *strings)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_variant_builder_add (&builder, "s", g_ptr_array_index (strings, i));
  return g_variant_builder_end (&builder);
}

/* Table and column names come from the schema and are valid UTF-8. */
static GBytes *
merge_record_dup_bytes (MergeRecord *record)
{
  g_autoptr(GBytes) keep = rapport_client_dup_snapshot (record->keep_before);
  g_autoptr(GBytes) other = rapport_client_dup_snapshot (record->other_before);
  GVariantBuilder moved, deleted;
  g_autoptr(GVariant) variant = NULL;

  g_variant_builder_init (&moved, G_VARIANT_TYPE ("a(ssasa" STORED_VALUE_TYPE ")"));
  for (guint i = 0; i < record->moved->len; i++)
    {
      MovedRow *row = g_ptr_array_index (record->moved, i);

      g_variant_builder_add (&moved, "(ss@as@a" STORED_VALUE_TYPE ")", row->table, row->column,
                             strings_variant (row->key_columns), values_variant (row->key_values));
    }
  g_variant_builder_init (&deleted, G_VARIANT_TYPE ("a(sasa" STORED_VALUE_TYPE ")"));
  for (guint i = 0; i < record->deleted->len; i++)
    {
      DeletedRow *row = g_ptr_array_index (record->deleted, i);

      g_variant_builder_add (&deleted, "(s@as@a" STORED_VALUE_TYPE ")", row->table, strings_variant (row->columns),
                             values_variant (row->values));
    }
  variant = g_variant_ref_sink (g_variant_new ("(@ay@ay@ay@a(ssasa" STORED_VALUE_TYPE ")@a(sasa" STORED_VALUE_TYPE "))",
                                               bytes_variant (keep), bytes_variant (other),
                                               bytes_variant (record->keep_after),
                                               g_variant_builder_end (&moved), g_variant_builder_end (&deleted)));
  return g_variant_get_data_as_bytes (variant);
}

static GPtrArray *
strings_from_variant (GVariant *variant)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  const char *text;

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "&s", &text))
    g_ptr_array_add (strings, g_strdup (text));
  return strings;
}

static GPtrArray *
values_from_variant (GVariant *variant)
{
  GPtrArray *values = new_value_array ();
  GVariantIter iter;
  GVariant *value;
  guchar tag;

  g_variant_iter_init (&iter, variant);
  while ((value = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_variant_get_child (value, 0, "y", &tag);
      if (tag == 'k')
        {
          g_variant_unref (value);
          value = NULL;
        }
      g_ptr_array_add (values, value);
    }
  return values;
}

/* NULL when @bytes is not a record (a damaged file). */
static MergeRecord *
merge_record_new_from_bytes (GBytes *bytes)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (RECORD_TYPE), bytes, FALSE));
  g_autoptr(MergeRecord) record = merge_record_new ();
  g_autoptr(GVariant) keep = NULL, other = NULL, after = NULL, moved = NULL, deleted = NULL;
  g_autoptr(GBytes) keep_bytes = NULL, other_bytes = NULL;
  GVariantIter iter;
  GVariant *row_variant;

  if (!g_variant_is_normal_form (variant))
    return NULL;
  g_variant_get (variant, "(@ay@ay@ay@a(ssasa" STORED_VALUE_TYPE ")@a(sasa" STORED_VALUE_TYPE "))",
                 &keep, &other, &after, &moved, &deleted);
  keep_bytes = g_variant_get_data_as_bytes (keep);
  other_bytes = g_variant_get_data_as_bytes (other);
  record->keep_after = g_variant_get_data_as_bytes (after);
  record->keep_before = rapport_client_new_from_snapshot (keep_bytes);
  record->other_before = rapport_client_new_from_snapshot (other_bytes);
  if (record->keep_before == NULL || record->other_before == NULL)
    return NULL;

  g_variant_iter_init (&iter, moved);
  while ((row_variant = g_variant_iter_next_value (&iter)) != NULL)
    {
      MovedRow *row = g_new0 (MovedRow, 1);
      g_autoptr(GVariant) columns = g_variant_get_child_value (row_variant, 2);
      g_autoptr(GVariant) values = g_variant_get_child_value (row_variant, 3);

      g_variant_get_child (row_variant, 0, "s", &row->table);
      g_variant_get_child (row_variant, 1, "s", &row->column);
      row->key_columns = strings_from_variant (columns);
      if (row->key_columns->len == 0)
        g_clear_pointer (&row->key_columns, g_ptr_array_unref);
      row->key_values = values_from_variant (values);
      g_ptr_array_add (record->moved, row);
      g_variant_unref (row_variant);
      if ((row->key_columns ? row->key_columns->len : 1) != row->key_values->len)
        return NULL;
    }
  g_variant_iter_init (&iter, deleted);
  while ((row_variant = g_variant_iter_next_value (&iter)) != NULL)
    {
      DeletedRow *row = g_new0 (DeletedRow, 1);
      g_autoptr(GVariant) columns = g_variant_get_child_value (row_variant, 1);
      g_autoptr(GVariant) values = g_variant_get_child_value (row_variant, 2);

      g_variant_get_child (row_variant, 0, "s", &row->table);
      row->columns = strings_from_variant (columns);
      row->values = values_from_variant (values);
      g_ptr_array_add (record->deleted, row);
      g_variant_unref (row_variant);
      if (row->columns->len != row->values->len || row->columns->len == 0)
        return NULL;
      for (guint i = 0; i < row->values->len; i++)
        if (g_ptr_array_index (row->values, i) == NULL)
          return NULL;
    }
  return g_steal_pointer (&record);
}

/* The client repository writes these itself when it saves a client: they
 * are rewritten, not moved. */
static gboolean
is_client_own_table (const char *table)
{
  static const char * const own[] = {
    "client_phones", "client_emails", "client_addresses", "client_tags", "client_words", NULL,
  };

  return g_strv_contains (own, table);
}

static char *
quote_name (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

typedef struct
{
  char      *table;
  char      *column;
  gboolean   without_rowid;
  GPtrArray *key_columns;  /* primary key columns, for WITHOUT ROWID tables */
  GPtrArray *all_columns;
} Reference;

static void
reference_free (Reference *reference)
{
  g_free (reference->table);
  g_free (reference->column);
  g_ptr_array_unref (reference->key_columns);
  g_ptr_array_unref (reference->all_columns);
  g_free (reference);
}

static gboolean
read_columns (RapportSqlite  *db,
              Reference      *reference,
              GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT name, pk FROM pragma_table_info(?1)"
                                                             " ORDER BY pk, cid", error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, reference->table);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      g_ptr_array_add (reference->all_columns, _rapport_stmt_dup_text (stmt, 0));
      if (_rapport_stmt_column_int (stmt, 1) > 0)
        g_ptr_array_add (reference->key_columns, _rapport_stmt_dup_text (stmt, 0));
    }
  return ok;
}

/* Every (table, column) whose foreign key points at clients. */
static GPtrArray *
list_references (RapportSqlite  *db,
                 GError        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT m.name, f.\"from\", m.sql LIKE '%WITHOUT ROWID%'"
                                  " FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f"
                                  " WHERE m.type = 'table' AND f.\"table\" = 'clients' COLLATE NOCASE"
                                  " ORDER BY m.name, f.\"from\"",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Reference *reference;

      if (is_client_own_table (_rapport_stmt_column_text (stmt, 0)))
        continue;
      reference = g_new0 (Reference, 1);
      reference->table = _rapport_stmt_dup_text (stmt, 0);
      reference->column = _rapport_stmt_dup_text (stmt, 1);
      reference->without_rowid = _rapport_stmt_column_int (stmt, 2) != 0;
      reference->key_columns = g_ptr_array_new_with_free_func (g_free);
      reference->all_columns = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (references, reference);
    }
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint i = 0; i < references->len; i++)
    if (!read_columns (db, g_ptr_array_index (references, i), error))
      return NULL;
  return g_steal_pointer (&references);
}

static char *
key_select_list (Reference *reference)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (!reference->without_rowid)
    return g_strdup ("rowid");
  for (guint i = 0; i < reference->key_columns->len; i++)
    {
      g_autofree char *quoted = quote_name (g_ptr_array_index (reference->key_columns, i));

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, quoted);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
key_where (GPtrArray *key_columns,
           guint      first_parameter)
{
  g_autoptr(GString) where = g_string_new (NULL);

  if (key_columns == NULL)
    return g_strdup_printf ("rowid = ?%u", first_parameter);
  for (guint i = 0; i < key_columns->len; i++)
    {
      g_autofree char *quoted = quote_name (g_ptr_array_index (key_columns, i));

      g_string_append_printf (where, "%s%s IS ?%u", i > 0 ? " AND " : "", quoted, first_parameter + i);
    }
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Moves the rows of one table from @other to @keep one by one, noting each
 * to move it back; a row that cannot move (@keep has the same: a picture,
 * a “not a duplicate” pair) is kept whole and deleted. */
static gboolean
move_references (RapportSqlite     *db,
                 Reference         *reference,
                 gint64             keep,
                 gint64             other,
                 MergeRecord       *undo,
                 GError           **error)
{
  g_autofree char *table = quote_name (reference->table);
  g_autofree char *column = quote_name (reference->column);
  g_autofree char *keys = key_select_list (reference);
  GPtrArray *key_columns = reference->without_rowid ? reference->key_columns : NULL;
  g_autofree char *where = key_where (key_columns, 3);
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1", keys, table, column);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE OR IGNORE %s SET %s = ?2 WHERE %s = ?1 AND %s",
                                                 table, column, column, where);
  g_autofree char *left_sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ?1", table, column);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", table, column);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) moved_row_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, other);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      MovedRow *row = g_new0 (MovedRow, 1);

      row->table = g_strdup (reference->table);
      row->column = g_strdup (reference->column);
      row->key_values = new_value_array ();
      if (key_columns != NULL)
        {
          row->key_columns = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < key_columns->len; i++)
            g_ptr_array_add (row->key_columns, g_strdup (g_ptr_array_index (key_columns, i)));
        }
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_ptr_array_add (row->key_values, stored_value_new (sqlite3_column_value (stmt, i)));
      g_ptr_array_add (found, row);
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  for (guint f = 0; f < found->len; f++)
    {
      MovedRow *row = g_ptr_array_index (found, f);

      stmt = _rapport_sqlite_prepare (db, update_sql, error);
      if (stmt == NULL)
        return FALSE;
      _rapport_stmt_bind_int (stmt, 1, other);
      _rapport_stmt_bind_int (stmt, 2, keep);
      for (guint i = 0; i < row->key_values->len; i++)
        bind_stored_value (stmt, 3 + i, g_ptr_array_index (row->key_values, i));
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, _rapport_stmt_release);
      if (_rapport_sqlite_changes (db) == 0)
        continue;  /* stayed: deleted whole below */

      /* the key the row has now: the moved column holds @keep (NULL here) */
      for (guint i = 0; key_columns != NULL && i < key_columns->len; i++)
        if (g_str_equal (g_ptr_array_index (key_columns, i), reference->column))
          {
            stored_value_free (g_ptr_array_index (row->key_values, i));
            g_ptr_array_index (row->key_values, i) = NULL;
          }
      g_ptr_array_add (undo->moved, g_steal_pointer (&g_ptr_array_index (found, f)));
    }

  stmt = _rapport_sqlite_prepare (db, left_sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, other);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      DeletedRow *row = g_new0 (DeletedRow, 1);

      row->table = g_strdup (reference->table);
      row->columns = g_ptr_array_new_with_free_func (g_free);
      row->values = new_value_array ();
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          g_ptr_array_add (row->columns, g_strdup (sqlite3_column_name (stmt, i)));
          g_ptr_array_add (row->values, stored_value_new (sqlite3_column_value (stmt, i)));
        }
      g_ptr_array_add (undo->deleted, row);
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, other);
  return _rapport_sqlite_run (db, stmt, error);
}

static RapportClient *
load_whole (RapportClientRepository  *self,
            gint64                    id,
            GError                  **error)
{
  g_autoptr(GPtrArray) found = rapport_client_repository_load_details (self, &id, 1, error);

  if (found == NULL)
    return NULL;
  if (g_ptr_array_index (found, 0) == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("One of the two clients no longer exists."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

static gboolean
set_updated_at (RapportClientRepository  *self,
                gint64                    id,
                gint64                    updated_at,
                GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "UPDATE clients SET updated_at = ?2 WHERE id = ?1",
                                                         error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_int (stmt, 2, updated_at);
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
merge_rows (RapportClientRepository  *self,
            gint64                    keep,
            gint64                    other,
            RapportClient            *merged,
            MergeRecord              *undo,
            GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(GPtrArray) references = list_references (db, error);
  g_autoptr(RapportClient) saved = NULL;
  RapportRemoval removal;

  if (references == NULL)
    return FALSE;
  for (guint i = 0; i < references->len; i++)
    if (!move_references (db, g_ptr_array_index (references, i), keep, other, undo, error))
      return FALSE;

  if (!rapport_client_repository_remove (self, other, &removal, error))
    return FALSE;
  if (removal != RAPPORT_REMOVAL_DELETED)
    {
      /* something still holds the other client: a table the scan missed */
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                           _("The two clients could not be merged: some of the other client's history could not be moved."));
      return FALSE;
    }

  saved = rapport_client_copy (merged);
  rapport_client_set_id (saved, keep);
  _rapport_client_set_times (saved, rapport_client_get_created_at (undo->keep_before), 0,
                             rapport_client_get_archived_at (undo->keep_before), 0);
  return rapport_client_repository_save (self, saved, error);
}

/* A client's snapshot without the moment it was last saved, to tell
 * whether anything a person sees changed. */
static GBytes *
dup_comparable_snapshot (RapportClient *client)
{
  g_autoptr(RapportClient) copy = rapport_client_copy (client);

  _rapport_client_set_times (copy, rapport_client_get_created_at (client), 0,
                             rapport_client_get_archived_at (client), 0);
  return rapport_client_dup_snapshot (copy);
}

/* The merge, in the history, to be undone now or in a later run. */
static gint64
note_merge (RapportClientRepository  *self,
            MergeRecord              *record,
            GError                  **error)
{
  RapportSqlite *db = connection (self);
  gint64 keep = rapport_client_get_id (record->keep_before);
  g_autoptr(RapportClient) after = load_whole (self, keep, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  if (after == NULL)
    return 0;
  record->keep_after = dup_comparable_snapshot (after);
  bytes = merge_record_dup_bytes (record);
  stmt = _rapport_sqlite_prepare (db, "INSERT INTO client_merges (merged_at, keep_id, other_id, keep_name,"
                                      " other_name, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  _rapport_stmt_bind_int (stmt, 1, rapport_database_now (self->database));
  _rapport_stmt_bind_int (stmt, 2, keep);
  _rapport_stmt_bind_int (stmt, 3, rapport_client_get_id (record->other_before));
  _rapport_stmt_bind_text (stmt, 4, rapport_client_get_display_name (after));
  _rapport_stmt_bind_text (stmt, 5, rapport_client_get_display_name (record->other_before));
  _rapport_stmt_bind_blob (stmt, 6, bytes);
  if (!_rapport_sqlite_run (db, stmt, error))
    return 0;
  return _rapport_sqlite_last_insert_id (db);
}

/**
 * rapport_client_repository_merge:
 * @self: the clients
 * @keep_id: the client that stays
 * @other_id: the client merged into it, which goes
 * @merged: the values the person chose (rapport_client_merge_values()
 *   proposes them); its id is ignored
 * @undo: (out) (optional): what rapport_client_repository_undo_merge()
 *   needs to put both back exactly
 * @error: return location for an error
 *
 * After a backup, in one transaction: every row of every table that
 * points at @other_id (interactions, tasks, orders and, through them,
 * payments; any table added later) points at @keep_id instead, @keep_id
 * takes the values of @merged, and @other_id is deleted. The merge is
 * kept in the history (rapport_client_repository_list_merges()), to be
 * undone later too.
 */
gboolean
rapport_client_repository_merge (RapportClientRepository  *self,
                                 gint64                    keep_id,
                                 gint64                    other_id,
                                 RapportClient            *merged,
                                 RapportMergeUndo        **undo,
                                 GError                  **error)
{
  g_autoptr(MergeRecord) record = merge_record_new ();
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (merged), FALSE);

  if (keep_id == other_id)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID, _("A client cannot be merged with itself."));
      return FALSE;
    }
  if ((record->keep_before = load_whole (self, keep_id, error)) == NULL
      || (record->other_before = load_whole (self, other_id, error)) == NULL)
    return FALSE;

  backup = rapport_backups_make (self->database, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &local_error);
  if (backup == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The clients were not merged, because the backup before it failed: "));
      return FALSE;
    }

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!merge_rows (self, keep_id, other_id, merged, record, error)
      || (id = note_merge (self, record, error)) == 0)
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  if (!_rapport_database_commit (self->database, error))
    return FALSE;

  if (undo != NULL)
    {
      *undo = g_new0 (RapportMergeUndo, 1);
      (*undo)->id = id;
    }
  return TRUE;
}

static gboolean
move_back (RapportSqlite  *db,
           MovedRow       *row,
           gint64          keep,
           gint64          other,
           GError        **error)
{
  g_autofree char *table = quote_name (row->table);
  g_autofree char *column = quote_name (row->column);
  g_autofree char *where = key_where (row->key_columns, 3);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE %s = ?2 AND %s", table, column, column, where);
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, other);
  _rapport_stmt_bind_int (stmt, 2, keep);
  for (guint i = 0; i < row->key_values->len; i++)
    {
      GVariant *value = g_ptr_array_index (row->key_values, i);

      if (value == NULL)
        sqlite3_bind_int64 (stmt, 3 + i, keep);
      else
        bind_stored_value (stmt, 3 + i, value);
    }
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
put_back (RapportSqlite  *db,
          DeletedRow     *row,
          GError        **error)
{
  g_autofree char *table = quote_name (row->table);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  for (guint i = 0; i < row->columns->len; i++)
    {
      g_autofree char *quoted = quote_name (g_ptr_array_index (row->columns, i));

      g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "", quoted);
      g_string_append_printf (values, "%s?%u", i > 0 ? ", " : "", i + 1);
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, columns->str, values->str);
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < row->values->len; i++)
    bind_stored_value (stmt, i + 1, g_ptr_array_index (row->values, i));
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
client_exists (RapportSqlite  *db,
               gint64          id,
               gboolean       *exists,
               GError        **error)
{
  g_autoptr(RapportStmt) stmt = _rapport_sqlite_prepare (db, "SELECT 1 FROM clients WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  return _rapport_sqlite_step (db, stmt, exists, error);
}

/* Whether undoing @undo now puts both clients back without losing what
 * was done since: the kept client is still there and unchanged, and no
 * other client has taken the merged one's id. */
static gboolean
check_undo_safe (RapportClientRepository  *self,
                 MergeRecord              *undo,
                 const char               *keep_name,
                 GError                  **error)
{
  RapportSqlite *db = connection (self);
  gint64 keep = rapport_client_get_id (undo->keep_before);
  g_autoptr(GPtrArray) found = rapport_client_repository_load_details (self, &keep, 1, error);
  g_autoptr(GBytes) now = NULL;
  gboolean taken = FALSE;

  if (found == NULL)
    return FALSE;
  if (g_ptr_array_index (found, 0) == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                   _("“%s” no longer exists (it was deleted or merged again), so this merge cannot be undone."),
                   keep_name);
      return FALSE;
    }
  now = dup_comparable_snapshot (g_ptr_array_index (found, 0));
  if (!g_bytes_equal (now, undo->keep_after))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                   _("“%s” was changed after the merge; undoing the merge now would lose those changes. "
                     "Change the client by hand instead."),
                   keep_name);
      return FALSE;
    }
  if (!client_exists (db, rapport_client_get_id (undo->other_before), &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                   _("A client added after the merge took the record “%s” had, so this merge cannot be undone."),
                   rapport_client_get_display_name (undo->other_before));
      return FALSE;
    }
  return TRUE;
}

static gboolean
undo_rows (RapportClientRepository  *self,
           MergeRecord              *undo,
           GError                  **error)
{
  RapportSqlite *db = connection (self);
  gint64 keep = rapport_client_get_id (undo->keep_before);
  gint64 other = rapport_client_get_id (undo->other_before);
  g_autoptr(RapportClient) keep_copy = rapport_client_copy (undo->keep_before);
  g_autoptr(RapportClient) other_copy = rapport_client_copy (undo->other_before);
  g_autoptr(GError) local_error = NULL;

  if (!rapport_client_repository_restore (self, other_copy, error))
    return FALSE;
  for (guint i = undo->moved->len; i > 0; i--)
    if (!move_back (db, g_ptr_array_index (undo->moved, i - 1), keep, other, error))
      return FALSE;
  for (guint i = 0; i < undo->deleted->len; i++)
    if (!put_back (db, g_ptr_array_index (undo->deleted, i), &local_error))
      {
        g_debug ("Putting back a row of %s: %s", ((DeletedRow *) g_ptr_array_index (undo->deleted, i))->table,
                 local_error->message);
        if (g_error_matches (local_error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT))
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT,
                       _("Part of “%s”'s history could not be put back, because what it belonged to changed "
                         "after the merge; nothing was undone."),
                       rapport_client_get_display_name (undo->other_before));
        else
          g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  return rapport_client_repository_save (self, keep_copy, error)
         && set_updated_at (self, keep, rapport_client_get_updated_at (undo->keep_before), error)
         && set_updated_at (self, other, rapport_client_get_updated_at (undo->other_before), error);
}

static MergeRecord *
read_merge (RapportClientRepository  *self,
            gint64                    merge_id,
            char                    **keep_name,
            GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  MergeRecord *record;
  gboolean has_row;

  stmt = _rapport_sqlite_prepare (db, "SELECT coalesce(undone_at, 0), keep_name, record FROM client_merges"
                                      " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, merge_id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row || _rapport_stmt_column_int (stmt, 0) != 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           has_row ? _("This merge was already undone.") : _("This merge is no longer in the history."));
      return NULL;
    }
  *keep_name = _rapport_stmt_dup_text (stmt, 1);
  bytes = _rapport_stmt_dup_blob (stmt, 2);
  record = bytes ? merge_record_new_from_bytes (bytes) : NULL;
  if (record == NULL)
    g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_CORRUPT,
                         _("The history's record of this merge is damaged; nothing was undone."));
  return record;
}

static gboolean
undo_merge_rows (RapportClientRepository  *self,
                 gint64                    merge_id,
                 GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autofree char *keep_name = NULL;
  g_autoptr(MergeRecord) record = read_merge (self, merge_id, &keep_name, error);
  g_autoptr(RapportStmt) stmt = NULL;

  if (record == NULL || !check_undo_safe (self, record, keep_name, error) || !undo_rows (self, record, error))
    return FALSE;
  stmt = _rapport_sqlite_prepare (db, "UPDATE client_merges SET undone_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, merge_id);
  _rapport_stmt_bind_int (stmt, 2, rapport_database_now (self->database));
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_client_repository_undo_merge_by_id:
 * @self: the clients
 * @merge_id: a merge of the history (rapport_client_repository_list_merges())
 * @error: return location for an error
 *
 * Puts both clients back as they were before the merge, each with its
 * own history, under their own ids, in one transaction. Refused, and
 * nothing written, when it would lose what was done since: the kept
 * client was deleted, merged again or changed, or its history changed so
 * that a row cannot be put back.
 */
gboolean
rapport_client_repository_undo_merge_by_id (RapportClientRepository  *self,
                                            gint64                    merge_id,
                                            GError                  **error)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_REPOSITORY (self), FALSE);

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!undo_merge_rows (self, merge_id, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_CLIENT, 0);
  return _rapport_database_commit (self->database, error);
}

/**
 * rapport_client_repository_undo_merge:
 * @self: the clients
 * @undo: what rapport_client_repository_merge() gave
 * @error: return location for an error
 *
 * rapport_client_repository_undo_merge_by_id() for the merge just made.
 */
gboolean
rapport_client_repository_undo_merge (RapportClientRepository  *self,
                                      RapportMergeUndo         *undo,
                                      GError                  **error)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  return rapport_client_repository_undo_merge_by_id (self, undo->id, error);
}

/**
 * rapport_client_repository_list_merges:
 *
 * Returns: (transfer full) (element-type RapportMergeEntry): the merges,
 *   newest first
 */
GPtrArray *
rapport_client_repository_list_merges (RapportClientRepository  *self,
                                       GError                  **error)
{
  RapportSqlite *db = connection (self);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_merge_entry_free);
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db, "SELECT id, merged_at, keep_id, keep_name, other_name, coalesce(undone_at, 0)"
                                      " FROM client_merges ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      RapportMergeEntry *entry = g_new0 (RapportMergeEntry, 1);

      entry->id = _rapport_stmt_column_int (stmt, 0);
      entry->merged_at = _rapport_stmt_column_int (stmt, 1);
      entry->keep_id = _rapport_stmt_column_int (stmt, 2);
      entry->keep_name = _rapport_stmt_dup_text (stmt, 3);
      entry->other_name = _rapport_stmt_dup_text (stmt, 4);
      entry->undone_at = _rapport_stmt_column_int (stmt, 5);
      g_ptr_array_add (merges, entry);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&merges);
}

/* The same, off the calling thread: a person waits on these in the window. */

typedef struct
{
  gint64            keep;
  gint64            other;
  RapportClient    *merged;
  RapportMergeUndo *undo;      /* merge: what it gives */
  gboolean          owns_undo;
  gint64            merge_id;  /* undo: the merge it undoes */
} MergeWrite;

static void
merge_write_free (MergeWrite *write)
{
  g_clear_object (&write->merged);
  if (write->owns_undo)
    g_clear_pointer (&write->undo, rapport_merge_undo_free);
  g_free (write);
}

static gboolean
merge_on_worker (RapportDatabase  *worker,
                 gpointer          data,
                 GError          **error)
{
  MergeWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  write->owns_undo = TRUE;
  return rapport_client_repository_merge (clients, write->keep, write->other, write->merged, &write->undo, error);
}

/**
 * rapport_client_repository_merge_async:
 *
 * rapport_client_repository_merge() off the calling thread; finish with
 * rapport_client_repository_merge_finish().
 */
void
rapport_client_repository_merge_async (RapportClientRepository *self,
                                       gint64                   keep_id,
                                       gint64                   other_id,
                                       RapportClient           *merged,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  MergeWrite *write = g_new0 (MergeWrite, 1);

  write->keep = keep_id;
  write->other = other_id;
  write->merged = rapport_client_copy (merged);
  _rapport_database_write_async (self->database, self, merge_on_worker, write, (GDestroyNotify) merge_write_free,
                                 rapport_client_repository_merge_async, cancellable, callback, user_data);
}

/**
 * rapport_client_repository_merge_finish:
 * @undo: (out) (optional): what undoes the merge
 */
gboolean
rapport_client_repository_merge_finish (RapportClientRepository  *self,
                                        GAsyncResult             *result,
                                        RapportMergeUndo        **undo,
                                        GError                  **error)
{
  MergeWrite *write = _rapport_database_write_get_data (result);

  if (!_rapport_database_write_finish (self, result, error))
    return FALSE;
  if (undo != NULL)
    {
      *undo = g_steal_pointer (&write->undo);
      write->owns_undo = FALSE;
    }
  return TRUE;
}

static gboolean
undo_merge_on_worker (RapportDatabase  *worker,
                      gpointer          data,
                      GError          **error)
{
  MergeWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_undo_merge_by_id (clients, write->merge_id, error);
}

/**
 * rapport_client_repository_undo_merge_by_id_async:
 * @merge_id: a merge of the history
 *
 * rapport_client_repository_undo_merge_by_id() off the calling thread;
 * finish with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_undo_merge_by_id_async (RapportClientRepository *self,
                                                  gint64                   merge_id,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data)
{
  MergeWrite *write = g_new0 (MergeWrite, 1);

  write->merge_id = merge_id;
  _rapport_database_write_async (self->database, self, undo_merge_on_worker, write,
                                 (GDestroyNotify) merge_write_free, rapport_client_repository_undo_merge_by_id_async,
                                 cancellable, callback, user_data);
}

/**
 * rapport_client_repository_undo_merge_async:
 * @undo: (transfer full): what rapport_client_repository_merge_finish() gave
 *
 * Finish with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_undo_merge_async (RapportClientRepository *self,
                                            RapportMergeUndo        *undo,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data)
{
  g_autoptr(RapportMergeUndo) owned = undo;

  rapport_client_repository_undo_merge_by_id_async (self, owned->id, cancellable, callback, user_data);
}

static gboolean
not_duplicate_on_worker (RapportDatabase  *worker,
                         gpointer          data,
                         GError          **error)
{
  MergeWrite *write = data;
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (worker);

  return rapport_client_repository_set_not_duplicate (clients, write->keep, write->other, error);
}

/**
 * rapport_client_repository_set_not_duplicate_async:
 *
 * Finish with rapport_client_repository_save_finish().
 */
void
rapport_client_repository_set_not_duplicate_async (RapportClientRepository *self,
                                                   gint64                   a,
                                                   gint64                   b,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data)
{
  MergeWrite *write = g_new0 (MergeWrite, 1);

  write->keep = a;
  write->other = b;
  _rapport_database_write_async (self->database, self, not_duplicate_on_worker, write,
                                 (GDestroyNotify) merge_write_free, rapport_client_repository_set_not_duplicate_async,
                                 cancellable, callback, user_data);
}
