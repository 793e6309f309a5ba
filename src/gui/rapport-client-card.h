/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_CARD (rapport_client_card_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientCard, rapport_client_card, RAPPORT, CLIENT_CARD, AdwBin)

RapportClientCard *rapport_client_card_new            (RapportContext    *context);
gboolean           rapport_client_card_set_client_id  (RapportClientCard *self,
                                                       gint64             id);
RapportClient     *rapport_client_card_get_client     (RapportClientCard *self);
guint              rapport_client_card_get_n_shown    (RapportClientCard *self);

G_END_DECLS
