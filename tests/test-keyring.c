/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "rapport-backups.h"
#include "rapport-demo.h"
#include "rapport-error.h"
#include "rapport-passphrase.h"
#include "rapport-test-utils.h"

/* The backup passphrase in a real Secret Service: gnome-keyring on a D-Bus
 * session bus of this test's own, started here (it needs nothing of the
 * machine's desktop). The passphrase is made here and never passes through
 * the environment, which the test log records. */

static GSubprocess *bus;
static GSubprocess *keyring;

/* A session bus of the test's own; its address goes into the environment
 * before anything connects. (GTestDBus would wait, at the end, for
 * libsecret to let go of its connection, which it never does.) */
static const char *
start_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  char *address;

  bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          "dbus-daemon", "--session", "--nofork", "--print-address", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_free (address);
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS");
}

static gboolean
start_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unlock = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *runtime = NULL;
  g_autofree char *data = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  GOutputStream *in;
  gint64 deadline;

  if (daemon == NULL)
    return FALSE;

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", start_bus (), TRUE);

  /* --unlock reads the new login keyring's password on standard input;
   * without it the keyring would wait for a prompt no one answers. */
  /* The keyring's folders, private to this test. */
  runtime = g_build_filename (g_get_user_data_dir (), "keyring-runtime", NULL);
  data = g_build_filename (g_get_user_data_dir (), "keyring-data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", data, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                         "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_all (in, unlock, strlen (unlock), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GVariant) owned = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                                               "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                                               "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                               -1, NULL, NULL);
      g_autoptr(GVariant) login = NULL;
      gboolean has_owner = FALSE;

      if (owned != NULL)
        g_variant_get (owned, "(b)", &has_owner);
      /* The login keyring, unlocked, comes a moment after the name. */
      if (has_owner)
        login = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                             "/org/freedesktop/secrets/collection/login",
                                             "org.freedesktop.DBus.Properties", "Get",
                                             g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                                             G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (login != NULL)
        return TRUE;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50000);
    }
}

static void
stop_keyring (void)
{
  if (keyring != NULL)
    {
      g_subprocess_force_exit (keyring);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
    }
  if (bus != NULL)
    {
      secret_service_disconnect ();
      g_subprocess_force_exit (bus);
      g_subprocess_wait (bus, NULL, NULL);
      g_clear_object (&bus);
    }
}

static int
run_cli (const char  *database,
         char       **out,
         char       **err,
         ...)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "rapport-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) database);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* Under the sanitizers: GIO, inside libsecret's blocking calls, leaves a
   * few bytes behind that no suppression can name (its frames are deeper
   * than the run records). rapport-cli's own leaks are checked by the cli
   * test, on every other path. */
  if (g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("rapport-cli ended by a signal: %s", *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_keyring (void)
{
  g_autofree char *path = rapport_test_dup_path ("keyring.db");
  g_autofree char *sealed = rapport_test_dup_path ("backup.rapport");
  g_autofree char *by_cli = rapport_test_dup_path ("cli-backup.rapport");
  g_autofree char *passphrase = g_strdup_printf ("stapler battery %08x", g_random_int ());
  g_autofree char *other = g_strdup_printf ("another one %08x", g_random_int ());
  g_autoptr(GError) error = NULL;
  char *kept = NULL;

  if (!start_keyring ())
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  {
    g_autoptr(RapportTestStore) store = rapport_test_open_store ("keyring.db");
    RapportDemoOptions options = { 8, 80, 400, 1700000000 };

    g_assert_true (rapport_demo_seed (store->db, &options, NULL, NULL, NULL, &error));

    /* None kept yet; then the one stored, and only in the keyring. */
    kept = rapport_passphrase_lookup (NULL, &error);
    g_assert_no_error (error);
    g_assert_null (kept);
    g_assert_true (rapport_passphrase_store (passphrase, NULL, &error));
    g_assert_no_error (error);
    kept = rapport_passphrase_lookup (NULL, &error);
    g_assert_cmpstr (kept, ==, passphrase);
    g_assert_true (rapport_backups_export (store->db, sealed, kept, &error));
    g_assert_no_error (error);
    rapport_passphrase_free (kept);
  }
  {
    g_autofree char *settings = rapport_test_dup_path ("keyring.db");
    g_autofree char *contents = NULL;

    /* Not in the database. */
    g_assert_true (g_file_get_contents (settings, &contents, NULL, NULL));
    g_assert_null (strstr (contents, passphrase));
  }

  /* The command line uses the keyring's passphrase both ways. */
  {
    g_autofree char *out = NULL, *err = NULL;

    rapport_test_run_sql (path, "DELETE FROM interactions");
    g_assert_cmpint (run_cli (path, &out, &err, "backup", "--encrypt", "--output", by_cli, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "encrypted"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (path, &out, &err, "restore", sealed, NULL), ==, 0);
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM interactions"), ==, 400);
    g_assert_null (strstr (out, passphrase));
    g_assert_null (strstr (err, passphrase));
  }

  /* Another passphrase in the keyring: refused by name, nothing changed. */
  g_assert_true (rapport_passphrase_store (other, NULL, &error));
  {
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *before = rapport_test_dup_file_checksum (path);
    g_autofree char *after = NULL;

    g_assert_cmpint (run_cli (path, &out, &err, "restore", by_cli, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "passphrase"));
    g_assert_nonnull (strstr (err, "cli-backup.rapport"));
    after = rapport_test_dup_file_checksum (path);
    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (rapport_passphrase_clear (NULL, &error));
  kept = rapport_passphrase_lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (kept);
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli (path, &out, &err, "backup", "--encrypt", "--output", by_cli, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "passphrase"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/keyring/passphrase-and-backups", test_keyring);

  status = g_test_run ();
  stop_keyring ();
  return status;
}
