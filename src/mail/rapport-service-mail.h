/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-reminder.h"
#include "rapport-smtp-settings.h"

G_BEGIN_DECLS

gboolean rapport_service_mail_send (RapportDatabase           *database,
                                    const RapportReminder     *reminder,
                                    const char                *subject,
                                    const char                *body,
                                    const RapportSmtpSettings *settings,
                                    const char                *password,
                                    GError                   **error);

G_END_DECLS
