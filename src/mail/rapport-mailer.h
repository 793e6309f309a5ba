/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-smtp-settings.h"

G_BEGIN_DECLS

/* What became of one message. */
typedef enum
{
  RAPPORT_MAIL_SENT,
  RAPPORT_MAIL_TEMPORARY,  /* try again later: busy server, dropped connection */
  RAPPORT_MAIL_PERMANENT,  /* this recipient will not take it */
  RAPPORT_MAIL_FATAL,      /* no message can go: login refused, no server */
} RapportMailResult;

typedef struct _RapportMailer RapportMailer;

RapportMailer     *rapport_mailer_new             (const RapportSmtpSettings *settings,
                                                   const char                *password);
void               rapport_mailer_free            (RapportMailer             *self);
GBytes            *rapport_mailer_compose         (RapportMailer             *self,
                                                   const char                *to_name,
                                                   const char                *to_address,
                                                   const char                *subject,
                                                   const char                *body,
                                                   const char                *html);
RapportMailResult  rapport_mailer_send            (RapportMailer             *self,
                                                   const char                *to_address,
                                                   GBytes                    *message,
                                                   GError                   **error);
gboolean           rapport_mailer_test_connection (RapportMailer             *self,
                                                   char                     **answer,
                                                   GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportMailer, rapport_mailer_free)

G_END_DECLS
