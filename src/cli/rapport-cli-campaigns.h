/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int rapport_cli_run_segments       (void);
int rapport_cli_run_audience       (const char *segment,
                                    const char *channel);
int rapport_cli_run_campaigns      (void);
int rapport_cli_run_campaign       (const char *action,
                                    const char *id,
                                    const char *output);
int rapport_cli_run_mail_password  (void);
int rapport_cli_run_warranty_message (const char *id,
                                      const char *action);

G_END_DECLS
