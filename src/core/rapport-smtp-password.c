/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The outgoing mail server's password lives in the keyring (the Secret
 * Service, through libsecret), keyed by server and user; never in the
 * database, the settings or a log. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rapport-error.h"
#include "rapport-smtp-password.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rapportcrm.Rapport.SmtpPassword", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static gboolean
fail_keyring (GError **error,
              GError  *keyring_error)
{
  if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, keyring_error);
      return FALSE;
    }
  g_debug ("Keyring: %s", keyring_error->message);
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                       _("The keyring, where the mail server’s password is kept, cannot be reached. Log in to the desktop again, or check that a keyring service runs."));
  g_error_free (keyring_error);
  return FALSE;
}

/**
 * rapport_smtp_password_lookup:
 * @host: the server
 * @user: the user name on it
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the password, %NULL without an
 *   error when none is kept; free it with rapport_smtp_password_free()
 */
char *
rapport_smtp_password_lookup (const char    *host,
                              const char    *user,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;
  char *password = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                                "host", host, "user", user, NULL);

  if (local_error != NULL)
    fail_keyring (error, local_error);
  return password;
}

gboolean
rapport_smtp_password_store (const char    *host,
                             const char    *user,
                             const char    *password,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GError *local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (password != NULL, FALSE);

  /* TRANSLATORS: the keyring's name for the password; %s is user@server */
  label = g_strdup_printf (_("Rapport mail server password for %s@%s"), user, host);
  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error, "host", host, "user", user, NULL))
    return fail_keyring (error, local_error);
  return TRUE;
}

gboolean
rapport_smtp_password_clear (const char    *host,
                             const char    *user,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (get_schema (), cancellable, &local_error, "host", host, "user", user, NULL);
  if (local_error != NULL)
    return fail_keyring (error, local_error);
  return TRUE;
}

void
rapport_smtp_password_free (char *password)
{
  secret_password_free (password);
}
