/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rapport-client.h"
#include "rapport-client-rules.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_ROW (rapport_client_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientRow, rapport_client_row, RAPPORT, CLIENT_ROW, GtkWidget)

GtkWidget *rapport_client_row_new        (void);
void           rapport_client_row_set_client (RapportClientRow *self,
                                              RapportClient    *client,
                                              GDateTime        *now);
RapportClient *rapport_client_row_get_client (RapportClientRow *self);
void           rapport_client_row_set_match  (RapportClientRow   *self,
                                              RapportClientMatch  match,
                                              const char         *matched);

G_END_DECLS
