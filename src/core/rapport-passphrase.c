/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The passphrase of encrypted backups lives in the keyring (the Secret
 * Service, through libsecret), never in the database, the settings or a
 * log. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rapport-error.h"
#include "rapport-passphrase.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rapportcrm.Rapport.BackupPassphrase", SECRET_SCHEMA_NONE,
    {
      { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

#define ATTRIBUTES "purpose", "backup", NULL

/* libsecret's errors speak of D-Bus; people are told what failed. */
static void
propagate_keyring_error (GError **error,
                         GError  *keyring_error)
{
  if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, keyring_error);
      return;
    }
  g_debug ("Keyring: %s", keyring_error->message);
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                       _("The keyring, where the backup passphrase is kept, cannot be reached. Log in to the desktop again, or check that a keyring service runs."));
  g_error_free (keyring_error);
}

/**
 * rapport_passphrase_lookup:
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the backup passphrase kept in the
 *   keyring, %NULL without an error when none is; free it with
 *   rapport_passphrase_free()
 */
char *
rapport_passphrase_lookup (GCancellable  *cancellable,
                           GError       **error)
{
  GError *local_error = NULL;
  char *passphrase = secret_password_lookup_sync (get_schema (), cancellable, &local_error, ATTRIBUTES);

  if (local_error != NULL)
    propagate_keyring_error (error, local_error);
  return passphrase;
}

gboolean
rapport_passphrase_store (const char    *passphrase,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (passphrase != NULL && *passphrase != '\0', FALSE);

  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT,
                                   _("Rapport backup passphrase"), passphrase,
                                   cancellable, &local_error, ATTRIBUTES))
    {
      propagate_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rapport_passphrase_clear (GCancellable  *cancellable,
                          GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (get_schema (), cancellable, &local_error, ATTRIBUTES);
  if (local_error != NULL)
    {
      propagate_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

void
rapport_passphrase_free (char *passphrase)
{
  secret_password_free (passphrase);
}

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *passphrase = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      GError *mapped = NULL;

      propagate_keyring_error (&mapped, error);
      g_task_return_error (task, mapped);
    }
  else
    g_task_return_pointer (task, passphrase, (GDestroyNotify) secret_password_free);
}

void
rapport_passphrase_lookup_async (GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rapport_passphrase_lookup_async);
  secret_password_lookup (get_schema (), cancellable, on_lookup, task, ATTRIBUTES);
}

/**
 * rapport_passphrase_lookup_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): as rapport_passphrase_lookup()
 */
char *
rapport_passphrase_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored_or_cleared (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == rapport_passphrase_store_async)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    {
      GError *mapped = NULL;

      propagate_keyring_error (&mapped, error);
      g_task_return_error (task, mapped);
    }
  else
    g_task_return_boolean (task, TRUE);
}

void
rapport_passphrase_store_async (const char          *passphrase,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (passphrase != NULL && *passphrase != '\0');

  g_task_set_source_tag (task, rapport_passphrase_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, _("Rapport backup passphrase"),
                         passphrase, cancellable, on_stored_or_cleared, task, ATTRIBUTES);
}

gboolean
rapport_passphrase_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rapport_passphrase_clear_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rapport_passphrase_clear_async);
  secret_password_clear (get_schema (), cancellable, on_stored_or_cleared, task, ATTRIBUTES);
}

gboolean
rapport_passphrase_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_passphrase_disconnect:
 *
 * For a program that used the keyring and is about to exit (the command
 * line): lets go of the connection to the keyring and of what it still
 * had to tell.
 */
void
rapport_passphrase_disconnect (void)
{
  secret_service_disconnect ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
