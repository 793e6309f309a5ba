/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"
#include "rapport-reminder.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_MESSAGE_DIALOG (rapport_client_message_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientMessageDialog, rapport_client_message_dialog, RAPPORT, CLIENT_MESSAGE_DIALOG,
                      AdwWindow)

/* Signal: “sent” (string: the address) once the server took the message,
 * just before the dialog closes. */
RapportClientMessageDialog *rapport_client_message_dialog_new (RapportContext  *context,
                                                               RapportReminder *reminder);

G_END_DECLS
