/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-client-list.h"
#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENTS_PAGE (rapport_clients_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientsPage, rapport_clients_page, RAPPORT, CLIENTS_PAGE, AdwBin)

RapportClientsPage *rapport_clients_page_new          (RapportContext     *context);
RapportClientList  *rapport_clients_page_get_list     (RapportClientsPage *self);
gint64              rapport_clients_page_get_client_id (RapportClientsPage *self);
void                rapport_clients_page_focus_search (RapportClientsPage *self);
void                rapport_clients_page_new_client   (RapportClientsPage *self,
                                                       const char         *phone);
void                rapport_clients_page_show_client  (RapportClientsPage *self,
                                                       gint64              id);
void                rapport_clients_page_lookup_phone (RapportClientsPage *self,
                                                       const char         *phone);

G_END_DECLS
