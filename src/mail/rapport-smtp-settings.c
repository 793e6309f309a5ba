/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-smtp-settings.h"
#include "rapport-text.h"

static char *
dup_or_null (GSettings  *settings,
             const char *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_strstrip (value);
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

/**
 * rapport_smtp_settings_new_from_gsettings:
 * @settings: Rapport's settings
 *
 * Returns: (transfer full): the outgoing server as the preferences set it
 */
RapportSmtpSettings *
rapport_smtp_settings_new_from_gsettings (GSettings *settings)
{
  RapportSmtpSettings *self = g_new0 (RapportSmtpSettings, 1);
  g_autofree char *security = g_settings_get_string (settings, "smtp-security");

  self->host = dup_or_null (settings, "smtp-host");
  self->port = (guint) g_settings_get_int (settings, "smtp-port");
  self->implicit_tls = g_str_equal (security, "tls");
  self->user = dup_or_null (settings, "smtp-user");
  self->from_address = dup_or_null (settings, "smtp-from");
  self->certificate = dup_or_null (settings, "smtp-certificate");
  self->per_minute = (guint) MAX (0, g_settings_get_int (settings, "campaign-rate"));
  return self;
}

RapportSmtpSettings *
rapport_smtp_settings_copy (const RapportSmtpSettings *self)
{
  RapportSmtpSettings *copy = g_memdup2 (self, sizeof *self);

  copy->host = g_strdup (self->host);
  copy->user = g_strdup (self->user);
  copy->from_address = g_strdup (self->from_address);
  copy->from_name = g_strdup (self->from_name);
  copy->certificate = g_strdup (self->certificate);
  return copy;
}

void
rapport_smtp_settings_free (RapportSmtpSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->user);
  g_free (self->from_address);
  g_free (self->from_name);
  g_free (self->certificate);
  g_free (self);
}

/**
 * rapport_smtp_settings_validate:
 *
 * Whether e-mail can be sent with these settings: a server, and a
 * business address that is a whole e-mail address.
 */
gboolean
rapport_smtp_settings_validate (const RapportSmtpSettings  *self,
                                GError                    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->host == NULL || strpbrk (self->host, " /\\@:\r\n") != NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("No outgoing mail server is set. Set it in Preferences, under E-mail."));
      return FALSE;
    }
  if (self->from_address == NULL || !rapport_email_validate (self->from_address, &local_error)
      || strpbrk (self->from_address, "<>\r\n ") != NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The business’s e-mail address is missing or incomplete. Set it in Preferences, under E-mail."));
      return FALSE;
    }
  return TRUE;
}
