/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <unistd.h>

#include "rapport-analytics.h"
#include "rapport-client-duplicates.h"
#include "rapport-client-repository.h"
#include "rapport-core-resources.h"
#include "rapport-database-private.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-reminders.h"
#include "rapport-segment-repository.h"
#include "rapport-test-utils.h"

/* Opening must fail with @code, name the file, and leave it as it was. */
static void
assert_open_refused (const char *path,
                     RapportError code)
{
  g_autofree char *before = rapport_test_dup_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, basename));

  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static char *
make_rapport_database (const char *name)
{
  g_autofree char *path = rapport_test_dup_path (name);
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  g_autoptr(RapportClient) client = NULL;

  g_assert_nonnull (store);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *given = g_strdup_printf ("Client%u", i);
      g_clear_object (&client);
      client = rapport_test_add_client (store, given, "Example", "+44 20 7946 0958", NULL);
    }
  g_clear_pointer (&store, rapport_test_store_free);

  /* Fold the write-ahead log into the file, as a clean shutdown does. */
  rapport_test_run_sql (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  return g_steal_pointer (&path);
}

static void
test_open_creates (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new", "folder", "r.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
  gboolean has_clients = TRUE;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==,
                    rapport_database_get_latest_schema_version ());
  g_assert_true (rapport_client_repository_has_any (store->clients, &has_clients, &error));
  g_assert_false (has_clients);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_open_reopens (void)
{
  g_autofree char *path = rapport_test_dup_path ("reopen.db");
  g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, NULL);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Anna", "Nowak", NULL, NULL);
  g_autoptr(RapportClient) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&store, rapport_test_store_free);
  store = rapport_test_store_open_path (path, &error);
  g_assert_no_error (error);
  loaded = rapport_client_repository_get (store->clients, rapport_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_client_get_display_name (loaded), ==, "Anna Nowak");
}

static void
test_open_too_new (void)
{
  g_autofree char *path = make_rapport_database ("newer.db");

  rapport_test_run_sql (path, "PRAGMA user_version = 999");
  assert_open_refused (path, RAPPORT_ERROR_TOO_NEW);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *path = rapport_test_dup_path ("notes.db");
  g_autofree char *text = g_strnfill (4096, 'x');

  g_file_set_contents (path, text, -1, NULL);
  assert_open_refused (path, RAPPORT_ERROR_NOT_DATABASE);
}

static void
test_open_corrupt (void)
{
  g_autofree char *path = make_rapport_database ("corrupt.db");
  g_autofree char *contents = NULL;
  gsize length;

  /* Scribble over the schema's page, past the file header. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 900);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_open_refused (path, RAPPORT_ERROR_CORRUPT);
}

static void
test_open_truncated (void)
{
  g_autofree char *path = make_rapport_database ("truncated.db");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  assert_open_refused (path, RAPPORT_ERROR_CORRUPT);
}

static void
test_open_foreign (void)
{
  g_autofree char *path = rapport_test_dup_path ("other-app.db");
  g_autofree char *path2 = rapport_test_dup_path ("other-app-id.db");

  rapport_test_run_sql (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                              "INSERT INTO notes (text) VALUES ('keep me');");
  assert_open_refused (path, RAPPORT_ERROR_FOREIGN);

  rapport_test_run_sql (path2, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
  assert_open_refused (path2, RAPPORT_ERROR_FOREIGN);
}

static void
test_open_locked (void)
{
  g_autofree char *path = make_rapport_database ("locked.db");
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "hold-lock", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, helper, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  assert_open_refused (path, RAPPORT_ERROR_BUSY);

  /* Once the other program lets go, the same file opens. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait_check (holder, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
}

static void
test_open_directory (void)
{
  g_autofree char *path = rapport_test_dup_path ("a-folder.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportTestStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  store = rapport_test_store_open_path (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-folder.db"));
}

static void
test_open_read_only (void)
{
  g_autofree char *path = make_rapport_database ("read-only.db");

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to any file");
      return;
    }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  assert_open_refused (path, RAPPORT_ERROR_READ_ONLY);
}

static void
test_batch (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("batch.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint signals = 0;

  rapport_test_count_changes (store->db, RAPPORT_KIND_CLIENT, &signals);

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  for (guint i = 0; i < 10; i++)
    g_object_unref (rapport_test_add_client (store, "Batch", "Client", NULL, NULL));
  g_assert_cmpuint (signals, ==, 0);
  g_assert_true (rapport_database_end_batch (store->db, &error));
  g_assert_cmpuint (signals, ==, 1);

  /* A cancelled batch leaves nothing. */
  g_assert_true (rapport_database_begin_batch (store->db, &error));
  g_object_unref (rapport_test_add_client (store, "Never", "Saved", NULL, NULL));
  rapport_database_cancel_batch (store->db);
  ids = rapport_test_search (store, NULL);
  g_assert_cmpuint (ids->len, ==, 10);
}

static gint64
pragma (RapportTestStore *store,
        const char       *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (_rapport_sqlite_get_int (_rapport_database_get_connection (store->db), sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* A batch has a larger page cache and copies the write-ahead log into the
 * file less often, through its steps; then SQLite's defaults again, also
 * after a cancel. */
static void
test_batch_tuning (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("tuning.db");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pragma (store, "PRAGMA cache_size"), ==, -2000);
  g_assert_cmpint (pragma (store, "PRAGMA wal_autocheckpoint"), ==, 1000);

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  g_assert_cmpint (pragma (store, "PRAGMA cache_size"), ==, -65536);
  g_assert_cmpint (pragma (store, "PRAGMA wal_autocheckpoint"), ==, 16384);
  g_usleep (250000);
  g_object_unref (rapport_test_add_client (store, "Batch", "Client", NULL, NULL));
  g_assert_true (rapport_database_yield_batch (store->db, &error));
  g_assert_cmpint (pragma (store, "PRAGMA wal_autocheckpoint"), ==, 16384);
  g_assert_true (rapport_database_end_batch (store->db, &error));
  g_assert_cmpint (pragma (store, "PRAGMA cache_size"), ==, -2000);
  g_assert_cmpint (pragma (store, "PRAGMA wal_autocheckpoint"), ==, 1000);

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  rapport_database_cancel_batch (store->db);
  g_assert_cmpint (pragma (store, "PRAGMA cache_size"), ==, -2000);
  g_assert_cmpint (pragma (store, "PRAGMA wal_autocheckpoint"), ==, 1000);
}

typedef struct
{
  const char *path;
  gboolean    saved;
  gint64      waited_us;
} Waiter;

static gpointer
wait_to_save (gpointer data)
{
  Waiter *waiter = data;
  g_autoptr(RapportDatabase) db = rapport_database_open (waiter->path, RAPPORT_DATABASE_DEFAULT, NULL);
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (db);
  g_autoptr(RapportClient) client = rapport_client_new ();
  gint64 started = g_get_monotonic_time ();

  rapport_client_set_given_name (client, "Waiting");
  waiter->saved = rapport_client_repository_save (clients, client, NULL);
  waiter->waited_us = g_get_monotonic_time () - started;
  return NULL;
}

/* A long batch goes on past its short step, and past a second, while no
 * writer waits (fewer, larger commits: steps of a second wrote 3 to 5 times
 * more into a file of 100,000 clients), and commits at its next look once
 * one waits, on another connection: that one gets in within a second. */
static void
test_batch_steps (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("steps.db");
  RapportSqlite *db = _rapport_database_get_connection (store->db);
  Waiter waiter = { rapport_database_get_path (store->db), FALSE, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  GThread *thread;
  gint64 since;

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  g_object_unref (rapport_test_add_client (store, "Batch", "First", NULL, NULL));
  g_usleep (1200000);
  g_assert_false (_rapport_sqlite_has_waiter (db));
  g_assert_true (rapport_database_yield_batch (store->db, &error));
  seen = rapport_test_query_text (waiter.path, "SELECT count(*) FROM clients");
  g_assert_cmpstr (seen, ==, "0");
  g_clear_pointer (&seen, g_free);

  thread = g_thread_new ("waiter", wait_to_save, &waiter);
  since = g_get_monotonic_time ();
  while (!_rapport_sqlite_has_waiter (db) && g_get_monotonic_time () - since < 4 * G_USEC_PER_SEC)
    g_usleep (1000);
  g_assert_true (_rapport_sqlite_has_waiter (db));
  g_assert_true (rapport_database_yield_batch (store->db, &error));
  g_object_unref (rapport_test_add_client (store, "Batch", "Second", NULL, NULL));
  g_assert_true (rapport_database_end_batch (store->db, &error));
  g_thread_join (thread);
  g_assert_true (waiter.saved);
  g_assert_cmpint (waiter.waited_us, <, G_USEC_PER_SEC);
  g_assert_false (_rapport_sqlite_has_waiter (db));
  seen = rapport_test_query_text (waiter.path, "SELECT count(*) FROM clients");
  g_assert_cmpstr (seen, ==, "3");
}

/* What #RapportDatabase::changed told, in order. */
typedef struct
{
  char     *kind;
  gint64    id;
  gboolean  many;
} Notice;

static void
notice_clear (Notice *notice)
{
  g_free (notice->kind);
}

static void
on_changed_record (RapportDatabase *db,
                   const char      *kind,
                   gint64           id,
                   gboolean         many,
                   GArray          *notices)
{
  Notice notice = { g_strdup (kind), id, many };

  g_array_append_val (notices, notice);
}

static GArray *
record_notices (RapportDatabase *db)
{
  GArray *notices = g_array_new (FALSE, TRUE, sizeof (Notice));

  g_array_set_clear_func (notices, (GDestroyNotify) notice_clear);
  g_signal_connect (db, "changed", G_CALLBACK (on_changed_record), notices);
  return notices;
}

static void
assert_notice (GArray     *notices,
               guint       index,
               const char *kind,
               gint64      id,
               gboolean    many)
{
  Notice *notice;

  g_assert_cmpuint (index, <, notices->len);
  notice = &g_array_index (notices, Notice, index);
  g_assert_cmpstr (notice->kind, ==, kind);
  g_assert_cmpint (notice->many, ==, many);
  if (!many)
    g_assert_cmpint (notice->id, ==, id);
}

static void
count_clock_change (RapportClock *clock,
                    guint        *count)
{
  (*count)++;
}

/* Whatever stamps a time asks the database's clock. */
static void
test_clock (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("clock.db");
  g_autoptr(RapportClock) clock = rapport_clock_new_fixed (1700000000);
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(RapportClient) loaded = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(GError) error = NULL;
  guint clock_changes = 0;

  g_assert_false (rapport_clock_is_fixed (rapport_database_get_clock (store->db)));
  rapport_database_set_clock (store->db, clock);
  g_signal_connect (clock, "changed", G_CALLBACK (count_clock_change), &clock_changes);
  g_assert_cmpint (rapport_database_now (store->db), ==, 1700000000);

  client = rapport_test_add_client (store, "Clock", "Work", NULL, NULL);
  g_assert_cmpint (rapport_client_get_created_at (client), ==, 1700000000);

  rapport_clock_advance (clock, 3600);
  rapport_client_set_notes (client, "Later");
  g_assert_true (rapport_client_repository_save (store->clients, client, &error));
  loaded = rapport_client_repository_get (store->clients, rapport_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_client_get_created_at (loaded), ==, 1700000000);
  g_assert_cmpint (rapport_client_get_updated_at (loaded), ==, 1700003600);

  /* An interaction with no time happened “now”, by the clock. */
  rapport_clock_set_now (clock, 1800000000);
  call = rapport_interaction_new (rapport_client_get_id (client), RAPPORT_INTERACTION_CALL);
  rapport_interaction_set_summary (call, "Called");
  g_assert_true (rapport_interaction_repository_add (store->interactions, call, &error));
  g_assert_cmpint (rapport_interaction_get_occurred_at (call), ==, 1800000000);
  g_assert_cmpuint (clock_changes, ==, 2);

  /* The system clock is what a database starts with. */
  {
    g_autoptr(RapportClock) system = rapport_clock_new_system ();
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_cmpint (ABS (rapport_clock_get_now (system) - now), <=, 1);
  }
}

static void
check_visible_elsewhere (RapportDatabase *db,
                         const char      *kind,
                         gint64           id,
                         gboolean         many,
                         const char      *path)
{
  /* Told after the commit: another connection sees the change already. */
  if (g_strcmp0 (kind, RAPPORT_KIND_CLIENT) == 0 && !many)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM clients WHERE id = %" G_GINT64_FORMAT, id);

      g_assert_cmpint (rapport_test_query_int (path, sql), ==, 1);
    }
}

/* This database's own writes: one notice each, after the commit; a batch
 * is one notice of many at its end; a cancelled batch, none. */
static void
test_changes_own (void)
{
  g_autofree char *path = rapport_test_dup_path ("own.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("own.db");
  g_autoptr(GArray) notices = record_notices (store->db);
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(RapportStaff) uwe = rapport_staff_new ("Uwe", "");
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_signal_connect (store->db, "changed", G_CALLBACK (check_visible_elsewhere), path);

  anna = rapport_test_add_client (store, "Anna", "Own", NULL, NULL);
  id = rapport_client_get_id (anna);
  g_assert_cmpuint (notices->len, ==, 1);
  assert_notice (notices, 0, RAPPORT_KIND_CLIENT, id, FALSE);

  call = rapport_interaction_new (id, RAPPORT_INTERACTION_CALL);
  rapport_interaction_set_summary (call, "Hello");
  g_assert_true (rapport_interaction_repository_add (store->interactions, call, &error));
  g_assert_cmpuint (notices->len, ==, 3);
  assert_notice (notices, 1, RAPPORT_KIND_INTERACTION, id, FALSE);
  assert_notice (notices, 2, RAPPORT_KIND_CLIENT, id, FALSE);

  g_assert_true (rapport_staff_repository_save (store->staff, uwe, &error));
  assert_notice (notices, 3, RAPPORT_KIND_STAFF, rapport_staff_get_id (uwe), FALSE);
  g_array_set_size (notices, 0);

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  for (guint i = 0; i < 3; i++)
    g_object_unref (rapport_test_add_client (store, "Batch", "Client", NULL, NULL));
  g_assert_cmpuint (notices->len, ==, 0);
  g_assert_true (rapport_database_end_batch (store->db, &error));
  g_assert_cmpuint (notices->len, ==, 1);
  assert_notice (notices, 0, RAPPORT_KIND_CLIENT, 0, TRUE);
  g_array_set_size (notices, 0);

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  g_object_unref (rapport_test_add_client (store, "Never", "Told", NULL, NULL));
  rapport_database_cancel_batch (store->db);
  g_assert_cmpuint (notices->len, ==, 0);

  /* Nothing is pending after a cancel: the next write is told alone. */
  g_object_unref (rapport_test_add_client (store, "After", "Cancel", NULL, NULL));
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_false (rapport_database_check_changes (store->db));
}

/* Another connection's commit (another program, the same way) is noticed
 * when asked, once. */
static void
test_changes_other_connection (void)
{
  g_autoptr(RapportTestStore) writer = rapport_test_open_store ("other.db");
  g_autoptr(RapportTestStore) watcher = rapport_test_open_store ("other.db");
  g_autoptr(GArray) notices = record_notices (watcher->db);

  g_assert_false (rapport_database_check_changes (watcher->db));
  g_object_unref (rapport_test_add_client (writer, "From", "Elsewhere", NULL, NULL));
  g_assert_cmpuint (notices->len, ==, 0);

  g_assert_true (rapport_database_check_changes (watcher->db));
  g_assert_cmpuint (notices->len, ==, 1);
  assert_notice (notices, 0, NULL, 0, TRUE);
  g_assert_false (rapport_database_check_changes (watcher->db));
  g_assert_false (rapport_database_check_changes (writer->db));
  g_assert_true (rapport_database_change_concerns (NULL, RAPPORT_KIND_CLIENT));
  g_assert_false (rapport_database_change_concerns (RAPPORT_KIND_STAFF, RAPPORT_KIND_CLIENT));
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint     milliseconds,
      GArray   *notices,
      guint     until)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (milliseconds, on_timeout, &timed_out);

  while (!timed_out && notices->len < until)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
}

/* While watched, another program's write is noticed without asking. */
static void
test_changes_watched (void)
{
  g_autoptr(RapportTestStore) writer = rapport_test_open_store ("watched.db");
  g_autoptr(RapportTestStore) watcher = rapport_test_open_store ("watched.db");
  g_autoptr(GArray) notices = record_notices (watcher->db);

  rapport_database_set_watching (watcher->db, TRUE);
  g_object_unref (rapport_test_add_client (writer, "Seen", "Soon", NULL, NULL));
  spin (5000, notices, 1);
  g_assert_cmpuint (notices->len, ==, 1);
  assert_notice (notices, 0, NULL, 0, TRUE);

  rapport_database_set_watching (watcher->db, FALSE);
  g_object_unref (rapport_test_add_client (writer, "Not", "Watched", NULL, NULL));
  spin (400, notices, 2);
  g_assert_cmpuint (notices->len, ==, 1);
}

static guint
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return (guint) rapport_test_query_int (path, sql);
}

/* A full disk is a message, not an abort: the batch that did not fit is
 * rolled back once, what was committed before stays, and the file takes
 * writes again when there is room. SQLite's page limit makes the disk
 * “full” without filling one. */
static void
test_disk_full (void)
{
  g_autofree char *path = rapport_test_dup_path ("full.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("full.db");
  RapportSqlite *connection = _rapport_database_get_connection (store->db);
  RapportDemoOptions options = { 3, 3000, 0, 1700000000 };
  g_autoptr(GError) error = NULL;
  gint64 pages = 0;
  guint before;

  for (guint i = 0; i < 20; i++)
    g_object_unref (rapport_test_add_client (store, "Kept", "Safe", "+44 20 7946 0958", NULL));
  before = count_rows (path, "clients");

  g_assert_true (_rapport_sqlite_get_int (connection, "PRAGMA page_count", &pages, NULL));
  {
    g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);
    g_assert_true (_rapport_sqlite_exec (connection, limit, NULL));
  }

  g_assert_false (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full.db"));
  g_assert_null (strstr (error->message, "SQLITE"));
  g_assert_null (strstr (error->message, "database or disk"));
  g_clear_error (&error);

  /* What fit in no chunk is gone; what was there is there. */
  g_assert_cmpuint (count_rows (path, "clients"), ==, before);
  g_assert_true (_rapport_sqlite_exec (connection, "PRAGMA max_page_count = 1073741823", NULL));
  g_object_unref (rapport_test_add_client (store, "Room", "Again", NULL, NULL));
  g_assert_cmpuint (count_rows (path, "clients"), ==, before + 1);
  {
    g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* A change of country that fails part way is undone whole, as a batch:
 * every key as it was, the keys' index there (it is dropped and made
 * again for more than a thousand keys), the country not recorded, and
 * the file takes writes, and the change, after. Another program's
 * trigger refuses the last phone's new key. */
static void
test_region_change_refused (void)
{
  g_autofree char *path = rapport_test_dup_path ("region-refused.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("region-refused.db");
  RapportSqlite *connection = _rapport_database_get_connection (store->db);
  const char *keys = "SELECT group_concat(match_key, ',') FROM (SELECT match_key FROM client_phones ORDER BY id)";
  const char *index = "SELECT count(*) FROM sqlite_schema WHERE name = 'client_phones_by_match_key'";
  g_autofree char *keys_before = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_database_begin_batch (store->db, &error));
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *number = g_strdup_printf ("903 %03u-%02u-%02u", i % 1000, i % 100, i / 100);

      g_object_unref (rapport_test_add_client (store, "Many", "Phones", number, NULL));
    }
  g_assert_true (rapport_database_end_batch (store->db, &error));
  keys_before = rapport_test_query_text (path, keys);
  g_assert_true (_rapport_sqlite_exec (connection,
                                       "CREATE TRIGGER refuse_last_key BEFORE UPDATE OF match_key ON client_phones"
                                       " WHEN new.id = (SELECT max(id) FROM client_phones)"
                                       " BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                       NULL));

  g_assert_false (rapport_client_repository_set_phone_region (store->clients, "RU", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "region-refused.db"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_clear_error (&error);
  {
    g_autofree char *keys_after = rapport_test_query_text (path, keys);
    /* The digests, so that a failure names the change, not 1,100 keys. */
    g_autofree char *before = g_compute_checksum_for_string (G_CHECKSUM_SHA256, keys_before, -1);
    g_autofree char *after = g_compute_checksum_for_string (G_CHECKSUM_SHA256, keys_after, -1);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpint (rapport_test_query_int (path, index), ==, 1);
  region = rapport_client_repository_dup_phone_region (store->clients, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (region, ==, "");

  g_assert_true (_rapport_sqlite_exec (connection, "DROP TRIGGER refuse_last_key", NULL));
  g_object_unref (rapport_test_add_client (store, "Room", "Again", "903 555-00-00", NULL));
  g_assert_true (rapport_client_repository_set_phone_region (store->clients, "RU", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones"
                                                 " WHERE match_key LIKE '7903%'"), ==, 1101);
  g_assert_cmpint (rapport_test_query_int (path, index), ==, 1);
  {
    g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* A database of schema version 1, with data in it, as Rapport 0.1 wrote it. */
static const char version_1_data[] =
  "INSERT INTO staff (id, name, role, active, created_at) VALUES (1, 'Anna Kowalska', 'Manager', 1, 1690000000);"
  "INSERT INTO clients (id, kind, given_name, family_name, display_name, organization, notes, birthday,"
  "  owner_id, created_at, updated_at, archived_at, last_contact_at, sort_key)"
  "  VALUES (7, 'person', 'Łucja', 'Nowak', 'Łucja Nowak', '', 'Prefers mornings', '1980-02-29',"
  "  1, 1690000000, 1690000500, NULL, 1695000000, 'lucja nowak');"
  "INSERT INTO client_phones (client_id, position, label, number, match_key)"
  "  VALUES (7, 0, 'mobile', '+48 601 234 567', '601234567'),"
  "         (7, 1, 'work', '22 123 45 67', '221234567');"
  "INSERT INTO client_emails (client_id, position, label, address, match_key)"
  "  VALUES (7, 0, 'home', 'lucja@example.pl', 'lucja@example.pl');"
  "INSERT INTO client_addresses (client_id, position, label, street, locality, region, postal_code, country)"
  "  VALUES (7, 0, 'home', 'ul. Długa 5', 'Gdańsk', '', '80-001', 'Poland');"
  "INSERT INTO tags (id, name) VALUES (1, 'VIP');"
  "INSERT INTO client_tags (client_id, tag_id, position) VALUES (7, 1, 0);"
  "INSERT INTO client_words (word, client_id) VALUES ('lucja', 7), ('nowak', 7);"
  "INSERT INTO client_search (rowid, body) VALUES (7, 'lucja nowak\nlucja\nnowak\n+48 601 234 567\n48601234567\nlucja@example.pl\nul. dluga 5\ngdansk 80-001\npoland\nprefers mornings');"
  "INSERT INTO interactions (client_id, kind, direction, occurred_at, staff_id, summary, body, follow_up_on, created_at)"
  "  VALUES (7, 'call', 'inbound', 1695000000, 1, 'Asked for a quote', '', '2023-10-01', 1695000000);";

/* A file saved by the previous schema comes up to date with its data. */
static void
test_migration_upgrade (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade.db");
  const RapportMigrationStep *steps;
  guint n_steps;
  g_autoptr(GError) error = NULL;

  steps = _rapport_migrations_get_steps (&n_steps);
  g_assert_cmpuint (n_steps, >=, 1);
  {
    g_autoptr(RapportDatabase) old = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT,
                                                                        steps, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (old), ==, 1);
  }
  rapport_test_run_sql (path, version_1_data);

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(RapportClient) client = NULL;
    g_autoptr(GPtrArray) history = NULL;
    g_autoptr(GArray) found = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "PRAGMA user_version"), ==, n_steps);

    client = rapport_client_repository_get (store->clients, 7, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rapport_client_get_display_name (client), ==, "Łucja Nowak");
    g_assert_cmpstr (rapport_client_get_birthday (client), ==, "1980-02-29");
    g_assert_cmpstr (rapport_client_get_main_phone (client), ==, "+48 601 234 567");
    g_assert_cmpuint (rapport_client_get_addresses (client)->len, ==, 1);
    g_assert_cmpstrv (rapport_client_get_tags (client), ((const char *[]) { "VIP", NULL }));
    g_assert_cmpint (rapport_client_get_owner_id (client), ==, 1);

    history = rapport_interaction_repository_list (store->interactions, 7, NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 1);
    g_assert_cmpstr (rapport_interaction_get_follow_up_on (g_ptr_array_index (history, 0)), ==, "2023-10-01");

    /* Version 2: the follow-up has no time and is open, so it is due (long
     * overdue); tasks and reminder state start empty; the file has an
     * identity of its own. */
    g_assert_null (rapport_interaction_get_follow_up_time (g_ptr_array_index (history, 0)));
    g_assert_cmpint (rapport_interaction_get_follow_up_done_at (g_ptr_array_index (history, 0)), ==, 0);
    {
      g_autoptr(RapportReminders) reminders = rapport_reminders_new (store->db);
      g_autoptr(RapportAgenda) agenda = NULL;
      g_autofree char *uuid = rapport_test_query_text (path, "SELECT value FROM database_facts WHERE name = 'uuid'");

      agenda = rapport_reminders_get_agenda (reminders, 1700000000, 7, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (agenda->n_overdue, ==, 1);
      g_assert_cmpstr (((RapportReminder *) g_ptr_array_index (agenda->overdue, 0))->client_name, ==, "Łucja Nowak");
      g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM tasks"), ==, 0);
      g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM reminder_state"), ==, 0);
      g_assert_cmpuint (strlen (uuid), ==, 32);
    }

    found = rapport_test_search (store, "gdansk");
    g_assert_true (rapport_test_ids_contain (found, 7));

    /* Step 28: a position in the name order, the search row there, and
     * the marks of the names' starts that one and two letters find. */
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_search"
                                                   " WHERE rowid = (SELECT search_pos FROM clients WHERE id = 7)"), ==, 1);
    g_clear_pointer (&found, g_array_unref);
    found = rapport_test_search (store, "n");
    g_assert_true (rapport_test_ids_contain (found, 7));
    g_clear_pointer (&found, g_array_unref);
    found = rapport_test_search (store, "lu");
    g_assert_true (rapport_test_ids_contain (found, 7));
    g_clear_pointer (&found, g_array_unref);
    found = rapport_test_search (store, "m");
    g_assert_false (rapport_test_ids_contain (found, 7));

    /* Phones match on their whole number now, calling code first; a
     * number written nationally waits for the business's country. */
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones"
                                                   " WHERE match_key = '48601234567'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones"
                                                   " WHERE match_key = '221234567'"), ==, 1);
    g_assert_true (rapport_client_repository_set_phone_region (store->clients, "PL", &error));
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones"
                                                   " WHERE match_key = '48221234567'"), ==, 1);
    {
      g_autoptr(GPtrArray) same = rapport_client_repository_find_by_phone (store->clients,
                                                                           "+48 22 123-45-67", 0, &error);
      g_autoptr(GPtrArray) other = rapport_client_repository_find_by_phone (store->clients,
                                                                            "+44 601 234 567", 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (same->len, ==, 1);
      g_assert_cmpuint (other->len, ==, 0);
    }

    /* Campaigns' step two: a formatted version, empty for campaigns of
     * before; each client's first address found with its key in the
     * index. */
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM pragma_table_info('campaigns')"
                                                   " WHERE name = 'html_body'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM pragma_index_info('client_emails_by_client')"
                                                   " WHERE name = 'match_key'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM pragma_index_info('client_phones_by_client')"
                                                   " WHERE name = 'match_key'"), ==, 1);
  }
}

/* A file of schema version 2 — reminders, with a task, a follow-up at a
 * time and a snooze — keeps all of them through step 3, which makes its
 * phones' keys by the whole-number rule. */
static void
test_migration_upgrade_from_reminders (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-2.db");
  const RapportMigrationStep *steps;
  guint n_steps;
  g_autoptr(GError) error = NULL;

  steps = _rapport_migrations_get_steps (&n_steps);
  g_assert_cmpuint (n_steps, >=, 3);
  {
    g_autoptr(RapportDatabase) old = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT,
                                                                        steps, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (old), ==, 2);
  }
  rapport_test_run_sql (path, version_1_data);
  rapport_test_run_sql (path,
                        "UPDATE interactions SET follow_up_time = '14:30';"
                        "INSERT INTO tasks (id, client_id, staff_id, title, due_on, due_time, created_at)"
                        "  VALUES (3, 7, 1, 'Call back about the quote', '2023-10-03', '10:00', 1695000000);"
                        "INSERT INTO reminder_state (source, item_id, snoozed_until)"
                        "  VALUES ('task', 3, 1696400000);");

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(RapportReminders) reminders = NULL;
    g_autoptr(RapportAgenda) agenda = NULL;
    g_autoptr(GPtrArray) history = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);

    history = rapport_interaction_repository_list (store->interactions, 7, NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rapport_interaction_get_follow_up_time (g_ptr_array_index (history, 0)), ==, "14:30");

    /* Both still due, the task still snoozed. */
    reminders = rapport_reminders_new (store->db);
    agenda = rapport_reminders_get_agenda (reminders, 1700000000, 7, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (agenda->n_overdue, ==, 2);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT snoozed_until FROM reminder_state"
                                                   " WHERE source = 'task' AND item_id = 3"), ==, 1696400000);

    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_phones"
                                                   " WHERE match_key = '48601234567'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM phone_settings"), ==, 1);
  }
}

/* A file of the orders' data version gains the campaigns: its clients can
 * be segmented at once, and its orders keep the campaign they named. */
static void
test_migration_upgrade_to_campaigns (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-4.db");
  const RapportMigrationStep *steps;
  guint n_steps;
  g_autoptr(GError) error = NULL;

  steps = _rapport_migrations_get_steps (&n_steps);
  g_assert_cmpuint (n_steps, >=, 5);
  {
    g_autoptr(RapportDatabase) old = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT,
                                                                        steps, 4, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (old), ==, 4);
  }
  rapport_test_run_sql (path, version_1_data);
  rapport_test_run_sql (path,
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, campaign_id, created_at, updated_at)"
                        " VALUES (1, 'A-1', 7, '2023-10-01', 'confirmed', '2023-10-01', 'EUR', 1, 12, 0, 0);");

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(RapportSegmentRepository) segments = NULL;
    g_autoptr(RapportSegment) segment = rapport_segment_new ("Ordered");
    RapportAudience audience;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT campaign_id FROM orders WHERE id = 1"), ==, 12);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM sqlite_schema"
                                                   " WHERE name IN ('segments', 'segment_rules', 'opt_outs',"
                                                   " 'campaigns', 'campaign_recipients', 'orders_by_campaign')"), ==, 6);

    segments = rapport_segment_repository_new (store->db);
    rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_ORDERS_AT_LEAST, NULL, 1, 0));
    g_assert_true (rapport_segment_repository_count (segments, segment, RAPPORT_CHANNEL_SMS, NULL, &audience, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (audience.matched, ==, 1);
  }
}

/* The summaries of the upgraded @db hold what its tables say. */
static void
assert_summaries_hold (RapportDatabase *db)
{
  g_autoptr(RapportAnalytics) analytics = rapport_analytics_new (db);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_analytics_check_summaries (analytics, &error));
  g_assert_no_error (error);
}

/* A file at @path made by the steps before the one whose file ends with
 * @step_suffix, holding the data of version 1.
 *
 * Returns: how many steps there are in all */
static guint
make_file_before_step (const char *path,
                       const char *step_suffix)
{
  const RapportMigrationStep *steps;
  guint n_steps, before = 0;
  g_autoptr(GError) error = NULL;

  steps = _rapport_migrations_get_steps (&n_steps);
  while (before < n_steps && (steps[before].sql_file == NULL
                              || !g_str_has_suffix (steps[before].sql_file, step_suffix)))
    before++;
  g_assert_cmpuint (before, <, n_steps);
  {
    g_autoptr(RapportDatabase) old = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT,
                                                                        steps, before, &error);
    g_assert_no_error (error);
  }
  rapport_test_run_sql (path, version_1_data);
  return n_steps;
}

/* A file from before step 0019 gets the phone keys' index with each
 * phone's client, its phones found by key as before; so does a change of
 * the region, which makes the index again. A search by a number's first
 * digits then reads the index alone. */
static void
test_migration_upgrade_to_phone_keys_with_clients (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-phone-keys.db");
  static const char covered[] =
    "SELECT count(*) FROM pragma_index_info('client_phones_by_match_key') WHERE name = 'client_id'";
  g_autoptr(GError) error = NULL;
  guint n_steps;

  n_steps = make_file_before_step (path, "-phone-keys-with-clients.sql");
  g_assert_cmpint (rapport_test_query_int (path, covered), ==, 0);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(GArray) ids = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, covered), ==, 1);

    /* More than a thousand keys made again: the index is dropped and made. */
    g_assert_true (rapport_database_begin_batch (store->db, &error));
    for (guint i = 0; i < 1100; i++)
      {
        g_autofree char *number = g_strdup_printf ("8 903 %03u-%02u-%02u", i % 1000, i % 100, i / 100);

        g_object_unref (rapport_test_add_client (store, "Many", "Phones", number, NULL));
      }
    g_assert_true (rapport_database_end_batch (store->db, &error));
    rapport_client_repository_set_phone_region (store->clients, "RU", &error);
    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (path, covered), ==, 1);

    ids = rapport_client_repository_search (store->clients, "+48 601 234", RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
    g_clear_pointer (&ids, g_array_unref);
    ids = rapport_client_repository_search (store->clients, "+7 903", RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1100);
  }
}

/* The search index gathers a bulk insert's terms in one piece: a new file
 * says so, and so does a file from before the step, whose search still
 * finds what it found. */
static void
test_migration_upgrade_to_search_index_hash (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-search-hash.db");
  g_autofree char *fresh = rapport_test_dup_path ("search-hash.db");
  static const char hashsize[] = "SELECT coalesce((SELECT v FROM client_search_config WHERE k = 'hashsize'), 0)";
  g_autoptr(GError) error = NULL;
  guint n_steps;

  n_steps = make_file_before_step (path, "-search-index-hash.sql");
  g_assert_cmpint (rapport_test_query_int (path, hashsize), ==, 0);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(GArray) ids = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, hashsize), ==, 8 * 1024 * 1024);
    ids = rapport_client_repository_search (store->clients, "nowak", RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
  }
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (fresh, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rapport_test_query_int (fresh, hashsize), ==, 8 * 1024 * 1024);
  }
}

/* A file from before the merge history gains it, its clients as they
 * were, and a merge made then is in the history to be undone. */
static void
test_migration_upgrade_to_merge_history (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-merges.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-merge-history.sql");
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'client_merges'"),
                   ==, 0);
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(RapportMergeUndo) undo = NULL;
    g_autoptr(RapportClient) keep = NULL;
    g_autoptr(GPtrArray) merges = NULL;
    g_autoptr(RapportClient) other = rapport_client_new ();
    gint64 count_before;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    rapport_client_set_given_name (other, "Lucja");
    rapport_client_set_family_name (other, "Nowak");
    g_assert_true (rapport_client_repository_save (store->clients, other, &error));
    count_before = rapport_test_query_int (path, "SELECT count(*) FROM clients");
    keep = rapport_client_repository_get (store->clients, 7, &error);
    g_assert_no_error (error);
    g_assert_true (rapport_client_repository_merge (store->clients, 7, rapport_client_get_id (other), keep, &undo,
                                                    &error));
    g_assert_no_error (error);
    merges = rapport_client_repository_list_merges (store->clients, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (merges->len, ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==, count_before - 1);
  }
}

/* A file from before client days gains them, filled from the sales
 * already there, and they follow the next sale; so do each member of
 * staff's clients (a later step). */
static void
test_migration_upgrade_to_client_days (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-client-days.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-client-days.sql");
  rapport_test_run_sql (path,
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, created_at, updated_at) VALUES"
                        " (1, 'A-1', 7, '2026-01-05', 'closed', '2026-01-05', 'EUR', 1, 0, 0),"
                        " (2, 'A-2', 7, '2026-02-10', 'confirmed', '2026-02-10', 'EUR', 1, 0, 0),"
                        " (3, 'A-3', 7, '2026-03-01', 'cancelled', '2026-03-01', 'EUR', 1, 0, 0);"
                        /* For step 15: a regular's scores, a follow-up done at noon UTC on its day. */
                        "INSERT INTO client_scores (client_id, visits, usual_interval, last_day, scored_at)"
                        " VALUES (7, 3, 10, '2026-02-01', 0);"
                        "INSERT INTO interactions (client_id, kind, occurred_at, follow_up_on, follow_up_done_at,"
                        " created_at) VALUES (7, 'note', 0, '2026-02-01', unixepoch ('2026-02-01 12:00'), 0);");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT firsts * 10 + lasts FROM client_days"
                                                   " WHERE day = '2026-01-05'"), ==, 10);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT firsts * 10 + lasts FROM client_days"
                                                   " WHERE day = '2026-02-10'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT orders * 100 + (first_day = '2026-01-05') * 10"
                                                   " + (last_day = '2026-02-10') FROM staff_clients"
                                                   " WHERE staff_id = 0 AND client_id = 7"), ==, 211);
    rapport_test_run_sql (path, "UPDATE orders SET status = 'closed' WHERE id = 3;");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT orders * 10 + (last_day = '2026-03-01') FROM staff_clients"
                                                   " WHERE staff_id = 0 AND client_id = 7"), ==, 31);
    assert_summaries_hold (store->db);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT sum(lasts) FROM client_days WHERE day = '2026-03-01'"),
                     ==, 1);
    /* Step 15 filled the due day (the last sale, 10 February, + 2 × 10
     * days) and moved it with the sale of 1 March; and the follow-up
     * done 48 quarter hours before the end of its day. */
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM client_scores"
                                                   " WHERE due_day = '2026-03-21'"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT quarter * 10 + done FROM follow_up_done_days"), ==, -479);
  }
}

/* A file from before step 0021 gains each catalog item's unpaid orders:
 * A-1 owes 20.00 under both its items (once under item 1, which has two
 * lines of it); A-2 is paid in full and A-3 a quote. A payment then takes
 * A-1 out. */
static void
test_migration_upgrade_to_item_owed (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-item-owed.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-item-owed.sql");
  rapport_test_run_sql (path,
                        "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at, updated_at)"
                        " VALUES (1, 'One', 'product', 1, 'one', 0, 0), (2, 'Two', 'service', 1, 'two', 0, 0);"
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, created_at, updated_at) VALUES"
                        " (1, 'A-1', 7, '2026-01-05', 'closed', '2026-01-20', 'EUR', 1, 0, 0),"
                        " (2, 'A-2', 7, '2026-02-10', 'confirmed', '2026-02-10', 'EUR', 1, 0, 0),"
                        " (3, 'A-3', 7, '2026-03-01', 'quoted', '2026-03-01', 'EUR', 1, 0, 0);"
                        "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity,"
                        " unit_price, net, tax, gross) VALUES (1, 0, 1, 'product', 'One', 1000, 1000, 1000, 0, 1000),"
                        " (1, 1, 1, 'product', 'One', 1000, 500, 500, 0, 500),"
                        " (1, 2, 2, 'service', 'Two', 1000, 500, 500, 0, 500),"
                        " (2, 0, 1, 'product', 'One', 1000, 700, 700, 0, 700),"
                        " (3, 0, 2, 'service', 'Two', 1000, 900, 900, 0, 900);"
                        "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES"
                        " (2, '2026-02-10', 700, 'cash', 0);");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM item_owed"
                                                   " WHERE order_id = 1 AND due_on = '2026-01-20'"
                                                   " AND ordered_on = '2026-01-05' AND balance = 2000"), ==, 2);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM item_owed"), ==, 2);
    assert_summaries_hold (store->db);
    rapport_test_run_sql (path, "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES"
                                " (1, '2026-02-01', 2000, 'card', 0);");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM item_owed"), ==, 0);
  }
}

/* A file from before step 0027 gains the orders its lines by day count
 * under two kinds: A-1 has item 1 and the typed name “Cut” each as a
 * product and as a service, A-2 item 1 as a product only, so item 1's
 * two orders are counted three times and Cut's one twice. A line of Cut
 * removed then leaves it counted once. */
static void
test_migration_upgrade_to_line_kind_repeats (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-line-kind-repeats.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-line-kind-repeats.sql");
  rapport_test_run_sql (path,
                        "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at, updated_at)"
                        " VALUES (1, 'One', 'service', 1, 'one', 0, 0);"
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, created_at, updated_at) VALUES"
                        " (1, 'A-1', 7, '2026-01-05', 'closed', '2026-01-20', 'EUR', 1, 0, 0),"
                        " (2, 'A-2', 7, '2026-01-05', 'closed', '2026-01-20', 'EUR', 1, 0, 0);"
                        "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity,"
                        " unit_price, net, tax, gross) VALUES (1, 0, 1, 'product', 'One', 1000, 100, 100, 0, 100),"
                        " (1, 1, 1, 'service', 'One', 1000, 200, 200, 0, 200),"
                        " (1, 2, NULL, 'product', 'Cut', 1000, 300, 300, 0, 300),"
                        " (1, 3, NULL, 'service', 'Cut', 1000, 400, 400, 0, 400),"
                        " (2, 0, 1, 'product', 'One', 1000, 500, 500, 0, 500);");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT sum(orders) FROM line_days WHERE item_id = 1"), ==, 3);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT sum(orders) FROM line_days WHERE name = 'Cut'"), ==, 2);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM line_kind_repeats WHERE day = '2026-01-05'"
                                                   " AND staff_id = 0 AND status = 'closed' AND orders = 1"
                                                   " AND ((item_id, name) = (1, '') OR (item_id, name) = (0, 'Cut'))"),
                     ==, 2);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM line_kind_repeats"), ==, 2);
    assert_summaries_hold (store->db);
    rapport_test_run_sql (path, "DELETE FROM order_lines WHERE order_id = 1 AND position = 3;");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT orders FROM line_kind_repeats WHERE name = 'Cut'"), ==, 0);
  }
}

/* A file from before step 0024 gains each group's unpaid orders: Łucja
 * (tag VIP, and Gdańsk) owes 20.00 on A-1, under both her groups; A-2 is
 * paid in full, A-3 a quote, and Jan's A-4 owes but he is in no group.
 * Taking her tag then takes A-1 out of VIP's, and a payment out of
 * Gdańsk's. */
static void
test_migration_upgrade_to_group_owed (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-group-owed.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-group-owed.sql");
  rapport_test_run_sql (path,
                        "INSERT INTO clients (id, kind, given_name, family_name, display_name, organization, notes,"
                        " created_at, updated_at, sort_key) VALUES (8, 'person', 'Jan', 'Bąk', 'Jan Bąk', '', '',"
                        " 0, 0, 'jan bak');"
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, created_at, updated_at) VALUES"
                        " (1, 'A-1', 7, '2026-01-05', 'closed', '2026-01-20', 'EUR', 1, 0, 0),"
                        " (2, 'A-2', 7, '2026-02-10', 'confirmed', '2026-02-10', 'EUR', 1, 0, 0),"
                        " (3, 'A-3', 7, '2026-03-01', 'quoted', '2026-03-01', 'EUR', 1, 0, 0),"
                        " (4, 'A-4', 8, '2026-03-02', 'confirmed', '2026-03-02', 'EUR', 1, 0, 0);"
                        "INSERT INTO order_lines (order_id, position, kind, name, quantity,"
                        " unit_price, net, tax, gross) VALUES (1, 0, 'product', 'One', 1000, 2000, 2000, 0, 2000),"
                        " (2, 0, 'product', 'One', 1000, 700, 700, 0, 700),"
                        " (3, 0, 'service', 'Two', 1000, 900, 900, 0, 900),"
                        " (4, 0, 'service', 'Two', 1000, 300, 300, 0, 300);"
                        "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES"
                        " (2, '2026-02-10', 700, 'cash', 0);");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM group_owed"
                                                   " WHERE order_id = 1 AND due_on = '2026-01-20'"
                                                   " AND ordered_on = '2026-01-05' AND balance = 2000"
                                                   " AND group_id IN (1, -(SELECT id FROM analytics_places"
                                                   " WHERE name = 'Gdańsk'))"), ==, 2);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM group_owed"), ==, 2);
    assert_summaries_hold (store->db);
    rapport_test_run_sql (path, "DELETE FROM client_tags WHERE client_id = 7;");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM group_owed WHERE group_id < 0"), ==, 1);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM group_owed"), ==, 1);
    rapport_test_run_sql (path, "INSERT INTO payments (order_id, paid_on, amount, method, created_at) VALUES"
                                " (1, '2026-02-01', 2000, 'card', 0);");
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM group_owed"), ==, 0);
  }
}

#define DAYS_KEPT \
  "SELECT group_concat(source || ' ' || day || ' ' || due, ', ')" \
  " FROM (SELECT * FROM reminder_days ORDER BY source, day)"

/* A file from before the reminders' days gains them, counted from the
 * follow-ups, unpaid sales and regulars already there, and they follow
 * the next write. */
static void
test_migration_upgrade_to_reminder_days (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade-reminder-days.db");
  guint n_steps;
  g_autoptr(GError) error = NULL;

  n_steps = make_file_before_step (path, "-reminder-days.sql");
  rapport_test_run_sql (path,
                        "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, total, paid, payment_reminder_done_at, created_at, updated_at) VALUES"
                        " (1, 'A-1', 7, '2026-01-05', 'confirmed', '2026-01-19', 'EUR', 1, 1000, 0, NULL, 0, 0),"
                        " (2, 'A-2', 7, '2026-01-06', 'closed', '2026-01-19', 'EUR', 1, 1000, 400, NULL, 0, 0),"
                        " (3, 'A-3', 7, '2026-01-07', 'closed', '2026-01-19', 'EUR', 1, 1000, 1000, NULL, 0, 0),"
                        " (4, 'A-4', 7, '2026-01-08', 'confirmed', '2026-01-19', 'EUR', 1, 1000, 0, 5, 0, 0),"
                        " (5, 'A-5', 7, '2026-01-09', 'quoted', '2026-01-20', 'EUR', 1, 1000, 0, NULL, 0, 0);"
                        "INSERT INTO client_scores (client_id, visits, usual_interval, last_day, scored_at)"
                        " VALUES (7, 3, 10, '2026-02-01', 0);");
  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autofree char *filled = NULL;
    g_autofree char *moved = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (store->db), ==, n_steps);
    /* Two sales owed on 19 January; the follow-up of version 1; the
     * regular due on 1 February + 2 × 10 days. */
    filled = rapport_test_query_text (path, DAYS_KEPT);
    g_assert_cmpstr (filled, ==, "follow-up 2023-10-01 1, payment-due 2026-01-19 2, slipping-away 2026-02-21 1");
    rapport_test_run_sql (path, "UPDATE orders SET paid = 1000 WHERE id = 1;"
                                "UPDATE interactions SET follow_up_done_at = 1;");
    moved = rapport_test_query_text (path, DAYS_KEPT);
    g_assert_cmpstr (moved, ==, "payment-due 2026-01-19 1, slipping-away 2026-02-21 1");
  }
}

static gboolean
fail_half_way (RapportSqlite  *db,
               GError        **error)
{
  if (!_rapport_sqlite_exec (db, "CREATE TABLE half_done (x); INSERT INTO half_done VALUES (1);", error))
    return FALSE;
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED, "the step failed");
  return FALSE;
}

/* A step that fails leaves the file exactly as it was. */
static void
test_migration_failure (void)
{
  g_autofree char *path = make_rapport_database ("failing-step.db");
  g_autofree char *before = rapport_test_dup_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *version = NULL;
  const RapportMigrationStep *steps;
  g_autofree RapportMigrationStep *with_failure = NULL;
  guint n_steps;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;

  steps = _rapport_migrations_get_steps (&n_steps);
  with_failure = g_new0 (RapportMigrationStep, n_steps + 1);
  memcpy (with_failure, steps, n_steps * sizeof *steps);
  with_failure[n_steps].run = fail_half_way;

  db = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT, with_failure, n_steps + 1, &error);
  g_assert_null (db);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED);
  version = g_strdup_printf ("version %u", n_steps + 1);
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_nonnull (strstr (error->message, version));

  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rapport_test_query_int (path, "PRAGMA user_version"), ==, n_steps);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"), ==, 0);
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM clients"), ==, 50);
}

/* The step list is the one list: every SQL file the resources carry is a
 * step, and every step's file is there. */
static void
test_migrations_one_list (void)
{
  g_auto(GStrv) files = g_resource_enumerate_children (_rapport_core_get_resource (),
                                                       RESOURCE_BASE "/core/sql/",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  const RapportMigrationStep *steps = NULL;
  guint n_steps, n_sql = 0;

  g_assert_nonnull (files);
  steps = _rapport_migrations_get_steps (&n_steps);
  for (guint i = 0; i < n_steps; i++)
    if (steps[i].sql_file != NULL)
      {
        /* A step's file is numbered for the version the step makes. */
        g_autofree char *number = g_strdup_printf ("%04u-", i + 1);

        g_assert_true (g_strv_contains ((const char * const *) files, steps[i].sql_file));
        g_assert_true (g_str_has_prefix (steps[i].sql_file, number));
        n_sql++;
      }
  g_assert_cmpuint (g_strv_length (files), ==, n_sql);
  g_assert_cmpuint (rapport_database_get_latest_schema_version (), ==, n_steps);
}

static void
assert_look_refused (const char   *path,
                     RapportError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_READ_ONLY, &error);

  g_assert_null (db);
  g_assert_error (error, RAPPORT_ERROR, (int) code);
}

/* Looking never changes a file: no schema in an empty one, no file where
 * there was none, no mode changed, nothing written. */
static void
test_read_only (void)
{
  g_autofree char *missing = rapport_test_dup_path ("missing.db");
  g_autofree char *empty = rapport_test_dup_path ("empty.db");
  g_autofree char *path = make_rapport_database ("look.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  assert_look_refused (missing, RAPPORT_ERROR_EMPTY);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (g_chmod (empty, 0644), ==, 0);
  assert_look_refused (empty, RAPPORT_ERROR_EMPTY);
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  before = rapport_test_dup_file_checksum (path);
  {
    g_autoptr(RapportDatabase) db = rapport_database_open (path, RAPPORT_DATABASE_READ_ONLY, &error);
    g_autoptr(RapportTestStore) store = NULL;
    g_autoptr(GArray) ids = NULL;
    g_autoptr(RapportClient) intruder = rapport_client_new ();

    g_assert_no_error (error);
    g_assert_true (rapport_database_get_read_only (db));
    store = rapport_test_store_new (db);
    ids = rapport_test_search (store, "client1");
    g_assert_cmpuint (ids->len, >, 0);

    /* Even a write asked for is refused, by name, with nothing written. */
    rapport_client_set_given_name (intruder, "Intruder");
    g_assert_false (rapport_client_repository_save (store->clients, intruder, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "look.db"));
    g_clear_error (&error);
  }
  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* A file of an older schema would need upgrading first: refused. */
  {
    const RapportMigrationStep *steps;
    g_autofree RapportMigrationStep *more = NULL;
    g_autoptr(RapportDatabase) db = NULL;
    guint n_steps;

    steps = _rapport_migrations_get_steps (&n_steps);
    more = g_new0 (RapportMigrationStep, n_steps + 1);
    memcpy (more, steps, n_steps * sizeof *steps);
    more[n_steps].sql_file = steps[0].sql_file;
    db = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_READ_ONLY, more, n_steps + 1, &error);
    g_assert_null (db);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TOO_OLD);
    g_assert_nonnull (strstr (error->message, "look.db"));
  }
  g_clear_pointer (&after, g_free);
  after = rapport_test_dup_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static gpointer
count_clients_on_reader (RapportSqlite  *reader,
                         gpointer        data,
                         GError        **error)
{
  gint64 n = -1;

  if (!_rapport_sqlite_get_int (reader, "SELECT count(*) FROM clients", &n, error))
    return NULL;
  return GINT_TO_POINTER ((int) n + 1);
}

/* At rest the connections of the background writer and of the readers in
 * worker threads are closed, and open again when next needed. SQLite keeps
 * a closed connection's file open while another holds a lock on it, so
 * what is counted is SQLite's memory: each connection has a copy of the
 * schema, over 450 KB. */
static void
test_rest (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("rest.db");
  g_autoptr(RapportClient) anna = NULL;
  g_autoptr(RapportClient) boris = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_int64 awake, resting;

  anna = rapport_test_add_client (store, "Anna", "Rest", NULL, NULL);
  rapport_test_wait_for_writes (store->db);
  g_assert_cmpint (GPOINTER_TO_INT (_rapport_database_read (store->db, count_clients_on_reader, NULL, NULL, &error)),
                   ==, 1 + 1);
  g_assert_no_error (error);

  awake = sqlite3_memory_used ();
  rapport_database_rest (store->db);
  resting = sqlite3_memory_used ();
  g_test_message ("SQLite's memory awake %" G_GINT64_FORMAT " bytes, at rest %" G_GINT64_FORMAT,
                  (gint64) awake, (gint64) resting);
  /* Three connections awake, one at rest. */
  g_assert_cmpint (resting, <, awake / 2);

  /* Both come back, and see what was written meanwhile. */
  rapport_client_set_given_name (anna, "Anja");
  g_assert_true (rapport_client_repository_save (store->clients, anna, &error));
  g_assert_no_error (error);
  boris = rapport_test_add_client (store, "Boris", "Rest", NULL, NULL);
  rapport_test_wait_for_writes (store->db);
  g_assert_cmpint (GPOINTER_TO_INT (_rapport_database_read (store->db, count_clients_on_reader, NULL, NULL, &error)),
                   ==, 2 + 1);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_memory_used (), >, 2 * resting);
  rapport_database_rest (store->db);
  rapport_database_rest (store->db);
  g_assert_cmpint (sqlite3_memory_used (), <=, resting + 64 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/database/open/creates", test_open_creates);
  g_test_add_func ("/rapport/database/open/reopens", test_open_reopens);
  g_test_add_func ("/rapport/database/open/too-new", test_open_too_new);
  g_test_add_func ("/rapport/database/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/rapport/database/open/corrupt", test_open_corrupt);
  g_test_add_func ("/rapport/database/open/truncated", test_open_truncated);
  g_test_add_func ("/rapport/database/open/foreign", test_open_foreign);
  g_test_add_func ("/rapport/database/open/locked", test_open_locked);
  g_test_add_func ("/rapport/database/open/directory", test_open_directory);
  g_test_add_func ("/rapport/database/open/read-only-file", test_open_read_only);
  g_test_add_func ("/rapport/database/open/looking-never-writes", test_read_only);
  g_test_add_func ("/rapport/database/clock", test_clock);
  g_test_add_func ("/rapport/database/batch", test_batch);
  g_test_add_func ("/rapport/database/batch/tuning", test_batch_tuning);
  g_test_add_func ("/rapport/database/batch/steps", test_batch_steps);
  g_test_add_func ("/rapport/database/changes/own", test_changes_own);
  g_test_add_func ("/rapport/database/changes/other-connection", test_changes_other_connection);
  g_test_add_func ("/rapport/database/changes/watched", test_changes_watched);
  g_test_add_func ("/rapport/database/disk-full", test_disk_full);
  g_test_add_func ("/rapport/database/region-change-refused", test_region_change_refused);
  g_test_add_func ("/rapport/database/rest", test_rest);
  g_test_add_func ("/rapport/database/migrations/upgrade", test_migration_upgrade);
  g_test_add_func ("/rapport/database/migrations/upgrade-from-reminders", test_migration_upgrade_from_reminders);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-campaigns", test_migration_upgrade_to_campaigns);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-merge-history", test_migration_upgrade_to_merge_history);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-client-days", test_migration_upgrade_to_client_days);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-reminder-days",
                   test_migration_upgrade_to_reminder_days);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-phone-keys-with-clients",
                   test_migration_upgrade_to_phone_keys_with_clients);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-item-owed", test_migration_upgrade_to_item_owed);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-search-index-hash",
                   test_migration_upgrade_to_search_index_hash);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-group-owed", test_migration_upgrade_to_group_owed);
  g_test_add_func ("/rapport/database/migrations/upgrade-to-line-kind-repeats",
                   test_migration_upgrade_to_line_kind_repeats);
  g_test_add_func ("/rapport/database/migrations/failure", test_migration_failure);
  g_test_add_func ("/rapport/database/migrations/one-list", test_migrations_one_list);

  return g_test_run ();
}
