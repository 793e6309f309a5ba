/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where and how campaign e-mail goes out; the password is not here: it is
 * read from the keyring when sending starts. */
typedef struct
{
  char     *host;
  guint     port;
  gboolean  implicit_tls;  /* TLS from the start; otherwise STARTTLS */
  char     *user;
  char     *from_address;
  char     *from_name;
  char     *certificate;   /* a PEM file to trust too, or NULL */
  guint     per_minute;    /* 0: no limit */
} RapportSmtpSettings;

RapportSmtpSettings *rapport_smtp_settings_new_from_gsettings (GSettings                 *settings);
RapportSmtpSettings *rapport_smtp_settings_copy               (const RapportSmtpSettings *self);
void                 rapport_smtp_settings_free               (RapportSmtpSettings       *self);
gboolean             rapport_smtp_settings_validate           (const RapportSmtpSettings *self,
                                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSmtpSettings, rapport_smtp_settings_free)

G_END_DECLS
