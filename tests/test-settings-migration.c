/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

#include "rapport-settings-migration.h"

#define SCHEMA_ID "io.github.rapportcrm.Rapport"
#define LEGACY_SCHEMA_ID "io.github.rapportcrm.Rapport.Legacy"
#define LEGACY_PATH "/org/rapport/Rapport/"

typedef struct
{
  GSettings *settings;
  GSettings *legacy;
} Fixture;

/* The memory backend keeps values for the whole program: each test starts
 * from the defaults. */
static void
reset_all (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static gboolean
has_user_value (GSettings  *settings,
                const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_user_value (settings, key);

  return value != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  fixture->legacy = g_settings_new_with_path (LEGACY_SCHEMA_ID, LEGACY_PATH);
  reset_all (fixture->settings);
  reset_all (fixture->legacy);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->legacy);
}

static void
test_copies_user_values (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sort = NULL;

  g_settings_set_int (fixture->legacy, "window-width", 1400);
  g_settings_set_int (fixture->legacy, "window-height", 900);
  g_settings_set_boolean (fixture->legacy, "window-maximized", TRUE);
  g_settings_set_string (fixture->legacy, "client-sort", "last-contact");
  g_settings_set_boolean (fixture->legacy, "show-archived", TRUE);
  g_settings_set_int64 (fixture->legacy, "last-staff-id", 42);

  rapport_settings_migrate (fixture->settings);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1400);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 900);
  g_assert_true (g_settings_get_boolean (fixture->settings, "window-maximized"));
  sort = g_settings_get_string (fixture->settings, "client-sort");
  g_assert_cmpstr (sort, ==, "last-contact");
  g_assert_true (g_settings_get_boolean (fixture->settings, "show-archived"));
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "last-staff-id"), ==, 42);
  g_assert_true (g_settings_get_boolean (fixture->settings, "legacy-settings-migrated"));
}

/* Nothing stays behind at the old path. */
static void
test_clears_legacy_values (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_settings_set_int (fixture->legacy, "window-width", 1400);
  g_settings_set_string (fixture->legacy, "client-sort", "last-contact");
  g_settings_set_int64 (fixture->legacy, "last-staff-id", 42);

  rapport_settings_migrate (fixture->settings);

  g_object_get (fixture->legacy, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_false (has_user_value (fixture->legacy, keys[i]));
}

/* A key the person never changed keeps following the current default. */
static void
test_leaves_defaults (Fixture       *fixture,
                      gconstpointer  data)
{
  g_settings_set_int (fixture->legacy, "window-width", 1400);

  rapport_settings_migrate (fixture->settings);

  g_assert_true (has_user_value (fixture->settings, "window-width"));
  g_assert_false (has_user_value (fixture->settings, "window-height"));
  g_assert_false (has_user_value (fixture->settings, "window-maximized"));
  g_assert_false (has_user_value (fixture->settings, "client-sort"));
  g_assert_false (has_user_value (fixture->settings, "show-archived"));
  g_assert_false (has_user_value (fixture->settings, "last-staff-id"));
}

/* A first start with nothing to carry over still counts as the one run. */
static void
test_nothing_to_carry (Fixture       *fixture,
                       gconstpointer  data)
{
  rapport_settings_migrate (fixture->settings);

  g_assert_false (has_user_value (fixture->settings, "window-width"));
  g_assert_true (g_settings_get_boolean (fixture->settings, "legacy-settings-migrated"));

  g_settings_set_int (fixture->legacy, "window-width", 1400);
  rapport_settings_migrate (fixture->settings);

  g_assert_false (has_user_value (fixture->settings, "window-width"));
}

/* Once carried over, what the person sets in this version wins, even if
 * an older version writes the old path again. */
static void
test_runs_once (Fixture       *fixture,
                gconstpointer  data)
{
  g_settings_set_int (fixture->legacy, "window-width", 1400);
  rapport_settings_migrate (fixture->settings);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1400);

  g_settings_set_int (fixture->settings, "window-width", 1000);
  g_settings_set_int (fixture->legacy, "window-width", 1200);
  g_settings_set_boolean (fixture->legacy, "show-archived", TRUE);
  rapport_settings_migrate (fixture->settings);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1000);
  g_assert_false (has_user_value (fixture->settings, "show-archived"));
  g_assert_cmpint (g_settings_get_int (fixture->legacy, "window-width"), ==, 1200);
  g_assert_true (g_settings_get_boolean (fixture->legacy, "show-archived"));
}

int
main (int   argc,
      char *argv[])
{
  /* Never the person's own settings, however the test is started. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/rapport/settings/migration/copies-user-values", Fixture, NULL,
              fixture_set_up, test_copies_user_values, fixture_tear_down);
  g_test_add ("/rapport/settings/migration/clears-legacy-values", Fixture, NULL,
              fixture_set_up, test_clears_legacy_values, fixture_tear_down);
  g_test_add ("/rapport/settings/migration/leaves-defaults", Fixture, NULL,
              fixture_set_up, test_leaves_defaults, fixture_tear_down);
  g_test_add ("/rapport/settings/migration/nothing-to-carry", Fixture, NULL,
              fixture_set_up, test_nothing_to_carry, fixture_tear_down);
  g_test_add ("/rapport/settings/migration/runs-once", Fixture, NULL,
              fixture_set_up, test_runs_once, fixture_tear_down);

  return g_test_run ();
}
