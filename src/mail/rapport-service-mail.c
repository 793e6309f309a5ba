/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

/* A service message to one client (the ready message of a warranty
 * reminder), sent through the campaigns' outgoing server and kept on the
 * client's timeline as an e-mail the business wrote. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-interaction-repository.h"
#include "rapport-mailer.h"
#include "rapport-service-mail.h"
#include "rapport-text.h"

static gboolean
check_message (const RapportReminder  *reminder,
               const char             *subject,
               const char             *body,
               GError                **error)
{
  if (reminder->message == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("%s has not agreed to service messages: nothing is sent."), reminder->client_name);
      return FALSE;
    }
  if (reminder->message_email == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   reminder->message_email_refused
                   ? _("%s opted out of e-mail: copy the message and give it another way.")
                   : _("%s has no e-mail address: copy the message and give it another way."),
                   reminder->client_name);
      return FALSE;
    }
  if (subject == NULL || *subject == '\0' || body == NULL || *body == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The message needs a subject and a text."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_service_mail_send:
 * @database: the database (a connection of the caller's thread)
 * @reminder: a reminder with a ready message (#RapportReminder.message)
 *   and an address to send it to
 * @subject: the subject, as the person left it
 * @body: the message, as the person left it
 * @settings: the outgoing server
 * @password: (nullable): its password, from the keyring
 * @error: return location for an error
 *
 * Sends the message to the client's address and, once the server took it,
 * keeps it on the client's timeline.
 */
gboolean
rapport_service_mail_send (RapportDatabase           *database,
                           const RapportReminder     *reminder,
                           const char                *subject,
                           const char                *body,
                           const RapportSmtpSettings *settings,
                           const char                *password,
                           GError                   **error)
{
  g_autoptr(RapportInteractionRepository) interactions = NULL;
  g_autoptr(RapportInteraction) sent = NULL;
  g_autoptr(RapportMailer) mailer = NULL;
  g_autoptr(GBytes) message = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  if (!check_message (reminder, subject, body, error)
      || !rapport_smtp_settings_validate (settings, error))
    return FALSE;

  mailer = rapport_mailer_new (settings, password);
  message = rapport_mailer_compose (mailer, reminder->client_name, reminder->message_email, subject, body, NULL);
  if (rapport_mailer_send (mailer, reminder->message_email, message, error) != RAPPORT_MAIL_SENT)
    return FALSE;

  interactions = rapport_interaction_repository_new (database);
  sent = rapport_warranty_message_sent_new (reminder->client_id, subject, body, rapport_database_now (database));
  return rapport_interaction_repository_add (interactions, sent, error);
}
