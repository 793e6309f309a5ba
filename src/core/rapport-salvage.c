/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Saving what can still be read of a damaged database into a new one.
 *
 * SQLite 3.40's library has no recovery API (sqlite3_recover lives in
 * SQLite's sources, not in the library Debian and the GNOME runtime ship),
 * so the rows are read the ordinary way, table by table and row by row in
 * the order of their ids, on a read-only connection that tolerates a file
 * cut short. Where a read meets damage, the reading skips ahead, further
 * each time, until rows read again, and goes on from there. The rows go
 * into a new database of this version through the same schema; then what
 * refers to rows that were lost is mended (a stand-in client for history
 * whose client was lost, links to lost tags and staff dropped), and the
 * search index is built anew from the clients saved. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-client-repository-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-salvage.h"

/* Derived from the clients, rebuilt rather than copied. */
static const char * const rebuilt[] = { "client_search", "client_words", NULL };
/* The same for a column: positions follow the names, and two clients of a
 * damaged file holding one would keep the second from being copied. A
 * phone's copy of its client's position (step 29) is given again as the
 * clients are placed (rapport-client-positions.c). */
static const char * const rebuilt_columns[][2] = {
  { "clients", "search_pos" },
  { "client_phones", "search_pos" },
};

typedef struct
{
  RapportSqlite *from;
  RapportSqlite *to;
  GString       *incomplete;   /* the tables with rows that could not be read */
  gint64         n_clients;
  gint64         n_interactions;
} Salvage;

static gboolean
is_rebuilt (const char *table)
{
  for (guint i = 0; rebuilt[i] != NULL; i++)
    if (g_str_has_prefix (table, rebuilt[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_rebuilt_column (const char *table,
                   const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (rebuilt_columns); i++)
    if (g_str_equal (table, rebuilt_columns[i][0]) && g_str_equal (column, rebuilt_columns[i][1]))
      return TRUE;
  return FALSE;
}

/* The columns @table has in both files, quoted, comma-separated. */
static char *
shared_columns (Salvage    *salvage,
                const char *table)
{
  const char *sql = "SELECT name FROM pragma_table_info(?1)";
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GHashTable) source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *from = _rapport_sqlite_get_handle (salvage->from);
  sqlite3 *to = _rapport_sqlite_get_handle (salvage->to);

  if (sqlite3_prepare_v2 (from, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (source, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  stmt = NULL;
  if (sqlite3_prepare_v2 (to, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 0);

        if (g_hash_table_contains (source, name) && !is_rebuilt_column (table, name))
          g_string_append_printf (columns, "%s\"%s\"", columns->len ? ", " : "", name);
      }
  sqlite3_finalize (stmt);

  return columns->len > 0 ? g_string_free (g_steal_pointer (&columns), FALSE) : NULL;
}

static gboolean
has_rowid (Salvage    *salvage,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM \"%s\" LIMIT 0", table);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = sqlite3_prepare_v2 (_rapport_sqlite_get_handle (salvage->to), sql, -1, &stmt, NULL) == SQLITE_OK;

  sqlite3_finalize (stmt);
  return ok;
}

static void
note_incomplete (Salvage    *salvage,
                 const char *table)
{
  if (strstr (salvage->incomplete->str, table) == NULL)
    g_string_append_printf (salvage->incomplete, "%s%s", salvage->incomplete->len ? ", " : "", table);
}

/* Copies the current row of @select (whose first column is the rowid when
 * @offset is 1) through @insert. A row the new file refuses (a value the
 * damage changed) is left out. */
static void
copy_row (sqlite3_stmt *select,
          sqlite3_stmt *insert,
          int           offset,
          int           n_columns,
          gint64       *copied)
{
  for (int i = 0; i < n_columns; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i + offset));
  if (sqlite3_step (insert) == SQLITE_DONE && sqlite3_changes (sqlite3_db_handle (insert)) > 0)
    (*copied)++;
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
}

static gboolean
copy_table (Salvage     *salvage,
            const char  *table,
            gint64      *copied,
            GError     **error)
{
  g_autofree char *columns = shared_columns (salvage, table);
  g_autofree char *insert_sql = NULL;
  g_autofree char *select_sql = NULL;
  g_autoptr(GString) marks = g_string_new (NULL);
  sqlite3 *from = _rapport_sqlite_get_handle (salvage->from);
  sqlite3 *to = _rapport_sqlite_get_handle (salvage->to);
  sqlite3_stmt *select = NULL, *insert = NULL;
  gboolean rowid = has_rowid (salvage, table);
  int n_columns = 0, rc;
  gint64 last = G_MININT64, skip = 1;

  if (columns == NULL)
    {
      /* The table's definition itself could not be read. */
      note_incomplete (salvage, table);
      return TRUE;
    }
  for (const char *p = columns; *p != '\0'; p++)
    if (*p == ',')
      n_columns++;
  n_columns++;
  for (int i = 0; i < n_columns; i++)
    g_string_append (marks, i ? ", ?" : "?");

  insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO \"%s\" (%s) VALUES (%s)", table, columns, marks->str);
  if (sqlite3_prepare_v2 (to, insert_sql, -1, &insert, NULL) != SQLITE_OK)
    {
      _rapport_sqlite_set_error (salvage->to, sqlite3_errcode (to), error);
      return FALSE;
    }

  if (!rowid)
    {
      /* Without row ids there is no skipping ahead: what reads, is kept. */
      select_sql = g_strdup_printf ("SELECT %s FROM \"%s\"", columns, table);
      if (sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL) != SQLITE_OK)
        note_incomplete (salvage, table);
      else
        {
          while ((rc = sqlite3_step (select)) == SQLITE_ROW)
            copy_row (select, insert, 0, n_columns, copied);
          if (rc != SQLITE_DONE)
            note_incomplete (salvage, table);
        }
      sqlite3_finalize (select);
      sqlite3_finalize (insert);
      return TRUE;
    }

  select_sql = g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid > ?1 ORDER BY rowid", columns, table);
  if (sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL) != SQLITE_OK)
    {
      note_incomplete (salvage, table);
      sqlite3_finalize (insert);
      return TRUE;
    }

  for (;;)
    {
      gint64 from_id = last;

      sqlite3_bind_int64 (select, 1, from_id);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          last = sqlite3_column_int64 (select, 0);
          skip = 1;
          copy_row (select, insert, 1, n_columns, copied);
        }
      sqlite3_reset (select);
      if (rc == SQLITE_DONE && last != from_id)
        break;
      if (rc == SQLITE_DONE && skip == 1)
        break;
      if (rc != SQLITE_DONE)
        note_incomplete (salvage, table);

      /* Damage: skip ahead, twice as far as the last time. */
      if (last > G_MAXINT64 - skip || skip > G_MAXINT64 / 2)
        break;
      last = (last == G_MININT64 ? 0 : last) + skip;
      skip *= 2;
    }

  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return TRUE;
}

/* What refers to lost rows: history keeps a stand-in for its lost client,
 * the rest lets go of what is gone. */
static gboolean
mend (Salvage  *salvage,
      GError  **error)
{
  /* TRANSLATORS: the name given to a client whose record was lost to
   * damage while their history was saved; %d is its number */
  char *name = sqlite3_mprintf ("%Q", _("Client %d (name lost to damage)"));
  char *notes = sqlite3_mprintf ("%Q", _("This client's details were lost when the data was damaged; their history was saved."));
  g_autofree char *stand_in = g_strdup_printf (
    "INSERT OR IGNORE INTO clients (id, kind, display_name, notes, created_at, updated_at, sort_key)"
    " SELECT client_id, 'person', printf(%s, client_id), %s, 0, 0, printf('~%%020d', client_id) FROM ("
    "  SELECT client_id FROM interactions UNION SELECT client_id FROM client_phones"
    "  UNION SELECT client_id FROM client_emails UNION SELECT client_id FROM client_addresses"
    "  UNION SELECT client_id FROM client_tags)"
    " WHERE client_id NOT IN (SELECT id FROM clients);", name, notes);

  sqlite3_free (name);
  sqlite3_free (notes);
  return _rapport_sqlite_exec (salvage->to, stand_in, error)
         && _rapport_sqlite_exec (salvage->to,
                                  "DELETE FROM client_tags WHERE tag_id NOT IN (SELECT id FROM tags);"
                                  "UPDATE clients SET owner_id = NULL WHERE owner_id NOT IN (SELECT id FROM staff);"
                                  "UPDATE interactions SET staff_id = NULL WHERE staff_id NOT IN (SELECT id FROM staff);",
                                  error);
}

static gboolean
reindex (RapportDatabase  *database,
         GError          **error)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(GArray) ids = rapport_client_repository_search (clients, NULL, RAPPORT_CLIENT_SORT_NAME, TRUE, error);

  if (ids == NULL || !_rapport_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RapportClient) client = rapport_client_repository_get (clients, g_array_index (ids, gint64, i), NULL);

      /* The folded name orders the list; the index finds. */
      if (client != NULL && !_rapport_client_repository_index (clients, client, error))
        {
          _rapport_database_rollback (database);
          return FALSE;
        }
    }
  return _rapport_database_commit (database, error);
}

static gboolean
copy_all (Salvage  *salvage,
          GError  **error)
{
  sqlite3_stmt *tables = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (sqlite3_prepare_v2 (_rapport_sqlite_get_handle (salvage->to),
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                          " ORDER BY rootpage", -1, &tables, NULL) != SQLITE_OK)
    {
      _rapport_sqlite_set_error (salvage->to, SQLITE_ERROR, error);
      return FALSE;
    }
  while (sqlite3_step (tables) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (tables, 0)));
  sqlite3_finalize (tables);

  if (!_rapport_sqlite_exec (salvage->to, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      const char *table = g_ptr_array_index (names, i);
      gint64 copied = 0;

      if (is_rebuilt (table))
        continue;
      if (!copy_table (salvage, table, &copied, error))
        {
          _rapport_sqlite_rollback (salvage->to);
          return FALSE;
        }
      if (g_str_equal (table, "clients"))
        salvage->n_clients = copied;
      else if (g_str_equal (table, "interactions"))
        salvage->n_interactions = copied;
    }
  if (!mend (salvage, error) || !_rapport_sqlite_commit (salvage->to, error))
    {
      _rapport_sqlite_rollback (salvage->to);
      return FALSE;
    }
  return _rapport_sqlite_exec (salvage->to, "PRAGMA foreign_keys = ON", error);
}

/**
 * rapport_database_salvage:
 * @damaged: (type filename): a damaged database file; only read
 * @output: (type filename): a new file to write what can be read into;
 *   it must not exist
 * @report: (out) (optional) (transfer full): what was saved, in words for
 *   the person
 * @error: return location for an error
 *
 * Saves what can still be read of @damaged into a new, whole database at
 * @output: table by table and row by row, skipping what cannot be read.
 * History whose client was lost keeps a stand-in client; the search index
 * is built anew. @output is then a database like any other: restore it
 * as a backup, or open it.
 *
 * Returns: whether @output was written
 */
gboolean
rapport_database_salvage (const char  *damaged,
                          const char  *output,
                          char       **report,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RapportDatabase) target = NULL;
  g_autofree char *display = g_filename_display_name (output);
  Salvage salvage = { 0 };
  gint64 version = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (damaged != NULL && output != NULL, FALSE);

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("“%s” exists already: choose a new file to save into."), display);
      return FALSE;
    }

  salvage.from = _rapport_sqlite_open (damaged, RAPPORT_SQLITE_READ_ONLY, error);
  if (salvage.from == NULL)
    return FALSE;
  if (!_rapport_sqlite_exec (salvage.from, "PRAGMA writable_schema = ON; PRAGMA query_only = 1", error))
    goto out;
  if (_rapport_sqlite_get_int (salvage.from, "PRAGMA user_version", &version, NULL)
      && version > rapport_database_get_latest_schema_version ())
    {
      g_autofree char *damaged_display = g_filename_display_name (damaged);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport. Update Rapport to save what can be read of it."),
                   damaged_display);
      goto out;
    }

  target = rapport_database_open (output, RAPPORT_DATABASE_NO_BACKUP, &local_error);
  if (target == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  salvage.to = _rapport_database_get_connection (target);
  salvage.incomplete = g_string_new (NULL);

  ok = copy_all (&salvage, &local_error) && reindex (target, &local_error);
  if (!ok)
    {
      g_clear_object (&target);
      g_unlink (output);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (report != NULL)
    {
      g_autofree char *n_clients = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.n_clients);
      g_autofree char *n_interactions = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.n_interactions);
      /* TRANSLATORS: %s is a number */
      g_autofree char *clients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients",
                                                               (gulong) salvage.n_clients), n_clients);
      /* TRANSLATORS: %s is a number */
      g_autofree char *interactions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s interaction",
                                                                    "%s interactions",
                                                                    (gulong) salvage.n_interactions),
                                                       n_interactions);

      /* TRANSLATORS: “Saved 12 clients and 40 interactions into “x.db”.” */
      *report = g_strdup_printf (_("Saved %s and %s into “%s”."), clients, interactions, display);
      if (salvage.incomplete->len > 0)
        {
          char *more = g_strdup_printf (_("%s Some records could not be read, in: %s."),
                                        *report, salvage.incomplete->str);
          g_free (*report);
          *report = more;
        }
    }

out:
  if (salvage.incomplete != NULL)
    g_string_free (salvage.incomplete, TRUE);
  _rapport_sqlite_close (salvage.from);
  return ok;
}
