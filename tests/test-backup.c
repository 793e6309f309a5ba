/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "rapport-backup-private.h"
#include "rapport-backups.h"
#include "rapport-database-private.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-test-utils.h"

static void
seed (RapportTestStore *store,
      guint             n_clients,
      guint             n_interactions,
      guint32           number)
{
  /* Orders too, one for every five clients: a backup says how many. */
  RapportDemoOptions options = { number, n_clients, n_interactions, 1700000000, n_clients / 5 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The whole content a person sees, in one string: every client's names,
 * contact points and every interaction. */
static char *
dump (const char *path)
{
  return rapport_test_query_text (path,
                                  "SELECT group_concat(line, char(10)) FROM ("
                                  " SELECT id || ':' || display_name || ':' || notes || ':' ||"
                                  "  coalesce((SELECT group_concat(number) FROM client_phones WHERE client_id = c.id), '') AS line"
                                  " FROM clients c"
                                  " UNION ALL SELECT 'i' || id || ':' || client_id || ':' || summary || ':' || occurred_at"
                                  " FROM interactions ORDER BY 1)");
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A backup holds what was there; restoring it brings it back, keeping the
 * data of the moment before, which restores in turn (Undo). */
static void
test_round_trip (void)
{
  g_autofree char *path = rapport_test_dup_path ("round.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("round.db");
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(RapportBackup) kept = NULL;
  g_autoptr(RapportBackup) kept_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *folder = rapport_backups_dup_folder (path);
  guint notices = 0;

  seed (store, 200, 1000, 3);
  before = dump (path);

  backup = rapport_backups_make (store->db, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rapport_backup_get_path (backup), folder));
  g_assert_cmpint (rapport_backup_get_n_clients (backup), ==, 200);
  g_assert_cmpint (rapport_backup_get_n_interactions (backup), ==, 1000);
  g_assert_cmpint (rapport_backup_get_n_orders (backup), ==, 40);
  g_assert_cmpint (rapport_backup_get_reason (backup), ==, RAPPORT_BACKUP_BEFORE_CHANGE);
  g_assert_cmpuint (mode_of (rapport_backup_get_path (backup)), ==, 0600);
  g_assert_cmpuint (mode_of (folder), ==, 0700);
  {
    g_autofree char *integrity = rapport_test_query_text (rapport_backup_get_path (backup), "PRAGMA integrity_check");
    g_autofree char *wal = g_strconcat (rapport_backup_get_path (backup), "-wal", NULL);

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* Changes after the backup… */
  g_object_unref (rapport_test_add_client (store, "After", "Backup", "+44 20 7946 0000", NULL));
  rapport_test_run_sql (path, "DELETE FROM client_tags; UPDATE clients SET notes = 'changed' WHERE id % 3 = 0;");
  changed = dump (path);
  g_assert_cmpstr (changed, !=, before);

  /* …are undone by the restore, and kept first. */
  rapport_test_count_changes (store->db, NULL, &notices);
  g_assert_true (rapport_backups_restore (store->db, rapport_backup_get_path (backup), NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notices, ==, 1);
  after = dump (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (kept);
  g_assert_cmpint (rapport_backup_get_reason (kept), ==, RAPPORT_BACKUP_BEFORE_RESTORE);
  g_assert_cmpint (rapport_backup_get_n_clients (kept), ==, 201);

  /* The open database reads the restored data, search included. */
  {
    g_autoptr(GArray) found = rapport_test_search (store, "After Backup");
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* Undo: the kept backup brings the changes back. */
  g_assert_true (rapport_backups_restore (store->db, rapport_backup_get_path (kept), NULL, &kept_again, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump (path);
  g_assert_cmpstr (after, ==, changed);
  {
    g_autoptr(GArray) found = rapport_test_search (store, "After Backup");
    g_assert_cmpuint (found->len, ==, 1);
    g_autofree char *integrity = rapport_test_query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
  }

  /* Listed newest first, with their counts. */
  {
    g_autoptr(GPtrArray) list = rapport_backups_list (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 3);
    for (guint i = 1; i < list->len; i++)
      g_assert_cmpint (rapport_backup_get_created_at (g_ptr_array_index (list, i - 1)), >=,
                       rapport_backup_get_created_at (g_ptr_array_index (list, i)));
  }
}

/* One daily copy a day; the rotation keeps the newest N days and one copy
 * of each of the last M weeks. */
static void
test_rotation (void)
{
  g_autofree char *path = rapport_test_dup_path ("rotate.db");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("rotate.db");
  /* Monday 6 November 2023, noon UTC. */
  g_autoptr(RapportClock) clock = rapport_clock_new_fixed (1699272000);
  RapportBackupPolicy policy = { 3, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  rapport_database_set_clock (store->db, clock);
  g_object_unref (rapport_test_add_client (store, "Daily", "Copy", NULL, NULL));

  for (guint day = 0; day < 30; day++)
    {
      g_autoptr(RapportBackup) made = rapport_backups_make_daily (store->db, &policy, &error);
      g_autoptr(RapportBackup) again = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_assert_cmpint (rapport_backup_get_created_at (made), ==, rapport_database_now (store->db));
      again = rapport_backups_make_daily (store->db, &policy, &error);
      g_assert_no_error (error);
      g_assert_null (again);
      rapport_clock_advance (clock, 86400);
    }

  list = rapport_backups_list (path, &error);
  g_assert_no_error (error);
  /* Days 29, 28 and 27 (Sunday 3 December, which stands for its week),
   * then the Sundays of the two weeks before: days 20 and 13. */
  g_assert_cmpuint (list->len, ==, 5);
  {
    const guint days[] = { 29, 28, 27, 20, 13 };

    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      g_assert_cmpint (rapport_backup_get_created_at (g_ptr_array_index (list, i)), ==,
                       1699272000 + days[i] * 86400);
  }
}

/* The file is copied as it was before a schema step changes it. */
static void
test_before_upgrade (void)
{
  g_autofree char *path = rapport_test_dup_path ("upgrade.db");
  const RapportMigrationStep *steps;
  g_autofree RapportMigrationStep *more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint n_steps;

  {
    g_autoptr(RapportTestStore) store = rapport_test_open_store ("upgrade.db");
    g_object_unref (rapport_test_add_client (store, "Before", "Upgrade", NULL, NULL));
  }

  steps = _rapport_migrations_get_steps (&n_steps);
  more = g_new0 (RapportMigrationStep, n_steps + 1);
  memcpy (more, steps, n_steps * sizeof *steps);
  more[n_steps].sql_file = NULL;
  more[n_steps].run = NULL;
  {
    g_autoptr(RapportDatabase) db = _rapport_database_open_with_steps (path, RAPPORT_DATABASE_DEFAULT,
                                                                       more, n_steps + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rapport_database_get_schema_version (db), ==, n_steps + 1);
  }

  list = rapport_backups_list (path, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (rapport_backup_get_reason (g_ptr_array_index (list, 0)), ==, RAPPORT_BACKUP_BEFORE_UPGRADE);
  g_assert_cmpuint (rapport_backup_get_schema_version (g_ptr_array_index (list, 0)), ==, n_steps);
  g_assert_cmpint (rapport_backup_get_n_clients (g_ptr_array_index (list, 0)), ==, 1);
}

static void
assert_restore_refused (RapportTestStore *store,
                        const char       *backup,
                        const char       *passphrase,
                        RapportError      code)
{
  const char *path = rapport_database_get_path (store->db);
  g_autofree char *before = dump (path);
  g_autofree char *after = NULL;
  g_autofree char *basename = g_path_get_basename (backup);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) kept = NULL;

  g_assert_false (rapport_backups_restore (store->db, backup, passphrase, &kept, &error));
  g_assert_error (error, RAPPORT_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_null (kept);
  after = dump (path);
  g_assert_cmpstr (after, ==, before);
}

/* What Rapport must not restore is refused by name, with nothing changed:
 * a newer Rapport's backup, another program's file, a damaged copy. */
static void
test_refused (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("refusing.db");
  g_autoptr(RapportBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = rapport_test_dup_path ("newer.db");
  g_autofree char *foreign = rapport_test_dup_path ("foreign.db");
  g_autofree char *damaged = rapport_test_dup_path ("damaged-copy.db");
  g_autofree char *contents = NULL;
  gsize length;

  seed (store, 50, 100, 5);
  backup = rapport_backups_make (store->db, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (rapport_test_add_client (store, "Keep", "Me", NULL, NULL));

  g_assert_true (g_file_get_contents (rapport_backup_get_path (backup), &contents, &length, NULL));
  g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  rapport_test_run_sql (newer, "PRAGMA user_version = 999");
  assert_restore_refused (store, newer, NULL, RAPPORT_ERROR_TOO_NEW);

  rapport_test_run_sql (foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');");
  assert_restore_refused (store, foreign, NULL, RAPPORT_ERROR_FOREIGN);

  /* Damage in the middle of the data pages. */
  memset (contents + length / 2, 0x5A, 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  assert_restore_refused (store, damaged, NULL, RAPPORT_ERROR_CORRUPT);
}

/* Encrypted: opens with its passphrase alone; a wrong one, a changed byte,
 * a cut-off end, a changed header are each refused by name, and nothing is
 * half-restored. The passphrase is made here, never passed in the
 * environment. */
static void
test_encrypted (void)
{
  g_autofree char *path = rapport_test_dup_path ("sealed.db");
  g_autofree char *out = rapport_test_dup_path ("stick-backup.rapport");
  g_autofree char *tampered = rapport_test_dup_path ("tampered.rapport");
  g_autofree char *cut = rapport_test_dup_path ("cut.rapport");
  g_autofree char *header = rapport_test_dup_path ("header.rapport");
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("sealed.db");
  g_autofree char *passphrase = g_strdup_printf ("correct horse %08x", g_random_int ());
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBackup) described = NULL;
  g_autofree char *before = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  gsize length;

  seed (store, 120, 600, 9);
  before = dump (path);
  g_assert_true (rapport_backups_export (store->db, out, passphrase, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (out), ==, 0600);

  /* No client's name is readable in it. */
  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
  {
    g_autofree char *name = rapport_test_query_text (path, "SELECT family_name FROM clients LIMIT 1");
    g_assert_null (g_strstr_len (contents, (gssize) length, name));
    g_assert_null (g_strstr_len (contents, (gssize) length, "SQLite format 3"));
  }

  described = rapport_backup_describe (out, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_backup_get_encrypted (described));
  g_assert_cmpint (rapport_backup_get_n_clients (described), ==, 120);
  g_assert_cmpint (rapport_backup_get_n_interactions (described), ==, 600);
  g_assert_cmpint (rapport_backup_get_n_orders (described), ==, 24);

  rapport_test_run_sql (path, "DELETE FROM client_tags; UPDATE clients SET notes = 'since' WHERE id % 2 = 0;");

  assert_restore_refused (store, out, "not the passphrase", RAPPORT_ERROR_WRONG_PASSPHRASE);
  assert_restore_refused (store, out, NULL, RAPPORT_ERROR_NO_PASSPHRASE);

  contents[length - 70000] ^= 0x01;
  g_assert_true (g_file_set_contents (tampered, contents, length, NULL));
  assert_restore_refused (store, tampered, passphrase, RAPPORT_ERROR_TAMPERED);
  contents[length - 70000] ^= 0x01;

  g_assert_true (g_file_set_contents (cut, contents, length - 65536 - 16, NULL));
  assert_restore_refused (store, cut, passphrase, RAPPORT_ERROR_TAMPERED);

  {
    g_autofree char *changed = g_memdup2 (contents, length);
    char *clients = g_strstr_len (changed, (gssize) length, "Clients=120");

    g_assert_nonnull (clients);
    clients[9] = '9';
    g_assert_true (g_file_set_contents (header, changed, length, NULL));
    assert_restore_refused (store, header, passphrase, RAPPORT_ERROR_TAMPERED);
  }

  /* No temporary plain copy is left anywhere. */
  {
    g_autofree char *folder = rapport_backups_dup_folder (path);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".partial"));
  }

  g_assert_true (rapport_backups_restore (store->db, out, passphrase, NULL, &error));
  g_assert_no_error (error);
  after = dump (path);
  g_assert_cmpstr (after, ==, before);
}

/* A file sealed before the header's hash came from GLib rather than from
 * GnuTLS (tests/data/backup/sealed-format-1.rapport, made by Rapport at
 * 4a8e11a from 70,000 known bytes, two chunks) still opens with its
 * passphrase, to the same bytes, and still refuses a changed header. */
static void
test_sealed_before (void)
{
  g_autofree char *sealed = g_test_build_filename (G_TEST_DIST, "data", "backup", "sealed-format-1.rapport", NULL);
  g_autofree char *plain = rapport_test_dup_path ("opened.bin");
  g_autofree char *changed = rapport_test_dup_path ("changed.rapport");
  g_autofree char *contents = NULL;
  g_autofree char *opened = NULL;
  g_autoptr(GError) error = NULL;
  RapportBackupFacts facts = { 0 };
  gsize length;

  g_assert_true (_rapport_backup_is_sealed (sealed));
  g_assert_true (_rapport_backup_read_sealed_facts (sealed, &facts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (facts.created_at, ==, 1767225600);
  g_assert_cmpint (facts.reason, ==, RAPPORT_BACKUP_MANUAL);
  g_assert_cmpuint (facts.schema_version, ==, 27);
  g_assert_cmpint (facts.n_clients, ==, 3);
  g_assert_cmpint (facts.n_interactions, ==, 5);
  g_assert_cmpint (facts.n_orders, ==, 2);

  g_assert_false (_rapport_backup_decrypt (sealed, plain, "correct horse", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));

  g_assert_true (_rapport_backup_decrypt (sealed, plain, "correct horse battery", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &opened, &length, NULL));
  g_assert_cmpuint (length, ==, 70000);
  for (guint i = 0; i < length; i++)
    if ((guint8) opened[i] != (guint8) (i * 7 + i / 251))
      g_error ("byte %u of the opened file is %u", i, (guint8) opened[i]);

  /* The header's hash seals the chunks: one changed count is refused. */
  g_assert_true (g_file_get_contents (sealed, &contents, &length, NULL));
  {
    char *clients = g_strstr_len (contents, (gssize) length, "Clients=3");

    g_assert_nonnull (clients);
    clients[8] = '4';
  }
  g_assert_true (g_file_set_contents (changed, contents, length, NULL));
  g_unlink (plain);
  g_assert_false (_rapport_backup_decrypt (changed, plain, "correct horse battery", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TAMPERED);
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));
}

/* Every file is the person's alone from its first byte, whatever the
 * umask, and whatever mode an older file had; a look changes no mode. */
static void
check_modes_with_umask (mode_t mask)
{
  g_autofree char *name = g_strdup_printf ("umask-%03o.db", (guint) mask);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autoptr(GError) error = NULL;
  mode_t saved = umask (mask);

  {
    g_autoptr(RapportTestStore) store = rapport_test_store_open_path (path, &error);
    g_autoptr(RapportBackup) backup = NULL;
    g_autofree char *folder = rapport_backups_dup_folder (path);

    g_assert_no_error (error);
    g_object_unref (rapport_test_add_client (store, "Mode", "Test", NULL, NULL));
    g_assert_cmpuint (mode_of (own), ==, 0700);
    g_assert_cmpuint (mode_of (path), ==, 0600);
    g_assert_cmpuint (mode_of (wal), ==, 0600);
    g_assert_cmpuint (mode_of (shm), ==, 0600);
    backup = rapport_backups_make (store->db, RAPPORT_BACKUP_BEFORE_CHANGE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mode_of (rapport_backup_get_path (backup)), ==, 0600);
    g_assert_cmpuint (mode_of (folder), ==, 0700);
  }
  umask (saved);
}

static void
test_modes (void)
{
  g_autofree char *old = rapport_test_dup_path ("old.db");
  g_autofree char *old_wal = g_strconcat (old, "-wal", NULL);
  g_autofree char *old_shm = g_strconcat (old, "-shm", NULL);
  g_autofree char *look = rapport_test_dup_path ("look.db");
  g_autofree char *look_wal = g_strconcat (look, "-wal", NULL);
  g_autofree char *look_shm = g_strconcat (look, "-shm", NULL);
  g_autofree char *own = g_build_filename (g_get_user_data_dir (), "rapport", NULL);
  g_autoptr(GError) error = NULL;

  /* Rapport's own folder, made wide open by something else. */
  g_assert_cmpint (g_mkdir_with_parents (own, 0755), ==, 0);
  g_assert_cmpint (g_chmod (own, 0755), ==, 0);
  check_modes_with_umask (022);
  check_modes_with_umask (000);

  /* An old 0644 database whose log and index are 0644 too. */
  {
    g_autoptr(RapportTestStore) first = rapport_test_store_open_path (old, NULL);
    g_object_unref (rapport_test_add_client (first, "Old", "File", NULL, NULL));
  }
  {
    mode_t saved = umask (022);
    sqlite3 *holder = NULL;

    /* As SQLite leaves them for a 0644 file: another program holds it. */
    g_assert_cmpint (g_chmod (old, 0644), ==, 0);
    g_unlink (old_wal);
    g_unlink (old_shm);
    g_assert_cmpint (g_creat (old_wal, 0644), >=, 0);
    g_assert_cmpint (g_chmod (old_wal, 0644), ==, 0);
    g_assert_cmpint (sqlite3_open (old, &holder), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (holder, "SELECT count(*) FROM clients", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (g_chmod (old_shm, 0644), ==, 0);
    {
      g_autoptr(RapportTestStore) store = rapport_test_store_open_path (old, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (mode_of (old), ==, 0600);
      g_assert_cmpuint (mode_of (old_wal), ==, 0600);
      g_assert_cmpuint (mode_of (old_shm), ==, 0600);
      g_object_unref (rapport_test_add_client (store, "New", "Data", NULL, NULL));
    }
    sqlite3_close (holder);
    umask (saved);
  }

  /* A look at a 0644 database in write-ahead mode: the main file keeps its
   * mode and content; the log and index a look makes are private. */
  {
    g_autoptr(RapportTestStore) first = rapport_test_store_open_path (look, NULL);
    g_object_unref (rapport_test_add_client (first, "Looked", "At", NULL, NULL));
  }
  g_unlink (look_wal);
  g_unlink (look_shm);
  g_assert_cmpint (g_chmod (look, 0644), ==, 0);
  {
    mode_t saved = umask (022);
    g_autofree char *before = rapport_test_dup_file_checksum (look);
    g_autofree char *after = NULL;
    g_autoptr(RapportDatabase) db = rapport_database_open (look, RAPPORT_DATABASE_READ_ONLY, &error);
    g_autoptr(RapportTestStore) store = NULL;
    g_autoptr(GArray) found = NULL;

    g_assert_no_error (error);
    store = rapport_test_store_new (db);
    found = rapport_test_search (store, "Looked");
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpuint (mode_of (look), ==, 0644);
    if (g_file_test (look_wal, G_FILE_TEST_EXISTS))
      g_assert_cmpuint (mode_of (look_wal), ==, 0600);
    g_assert_true (g_file_test (look_shm, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (mode_of (look_shm), ==, 0600);
    after = rapport_test_dup_file_checksum (look);
    g_assert_cmpstr (after, ==, before);
    umask (saved);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/backup/round-trip", test_round_trip);
  g_test_add_func ("/rapport/backup/rotation", test_rotation);
  g_test_add_func ("/rapport/backup/before-upgrade", test_before_upgrade);
  g_test_add_func ("/rapport/backup/refused", test_refused);
  g_test_add_func ("/rapport/backup/encrypted", test_encrypted);
  g_test_add_func ("/rapport/backup/sealed-before", test_sealed_before);
  g_test_add_func ("/rapport/backup/modes", test_modes);

  return g_test_run ();
}
