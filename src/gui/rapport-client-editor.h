/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_EDITOR (rapport_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientEditor, rapport_client_editor, RAPPORT, CLIENT_EDITOR, AdwWindow)

/* Signals: “saved” (RapportClient *client) after a successful save, just
 * before the dialog closes; “open-client” (gint64 id) when the person chose
 * to open the client who already has the phone or e-mail being typed. */
GtkWidget *rapport_client_editor_new       (RapportContext      *context,
                                            RapportClient       *client);
void       rapport_client_editor_set_phone (RapportClientEditor *self,
                                            const char          *phone);

gboolean    rapport_client_editor_has_changes     (RapportClientEditor *self);
void        rapport_client_editor_ask_discard     (RapportClientEditor *self);
const char *rapport_client_editor_get_asked_phone (RapportClientEditor *self);

G_END_DECLS
