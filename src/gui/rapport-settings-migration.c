/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "rapport-settings-migration.h"

/* Where the settings were kept while the application id was
 * org.rapport.Rapport; the relocatable legacy schema describes them. */
#define LEGACY_SCHEMA_ID "io.github.rapportcrm.Rapport.Legacy"
#define LEGACY_PATH "/org/rapport/Rapport/"

/* Carries what the person set under the former id over to @settings (the
 * application's schema) the first time it runs, then clears the old values
 * so that nothing is left behind; defaults are not copied, so keys the
 * person never changed keep following the current schema. */
void
rapport_settings_migrate (GSettings *settings)
{
  g_autoptr(GSettings) legacy = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchema) legacy_schema = NULL;
  g_auto(GStrv) keys = NULL;
  guint carried = 0;

  g_return_if_fail (G_IS_SETTINGS (settings));

  if (g_settings_get_boolean (settings, "legacy-settings-migrated"))
    return;

  legacy = g_settings_new_with_path (LEGACY_SCHEMA_ID, LEGACY_PATH);
  g_object_get (settings, "settings-schema", &schema, NULL);
  g_object_get (legacy, "settings-schema", &legacy_schema, NULL);
  keys = g_settings_schema_list_keys (legacy_schema);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (legacy, keys[i]);

      if (value == NULL)
        continue;

      /* The legacy schema is frozen but the current one moves on: a key it
       * dropped, or a value it no longer allows, is left behind rather
       * than aborting start-up. */
      if (g_settings_schema_has_key (schema, keys[i]))
        {
          g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);

          if (g_settings_schema_key_range_check (key, value))
            {
              g_settings_set_value (settings, keys[i], value);
              carried++;
            }
        }
      g_settings_reset (legacy, keys[i]);
    }

  g_settings_set_boolean (settings, "legacy-settings-migrated", TRUE);
  g_debug ("Settings carried over from %s: %u", LEGACY_PATH, carried);
}
