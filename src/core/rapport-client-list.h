/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client-repository.h"
#include "rapport-client-slot.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_LIST (rapport_client_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientList, rapport_client_list, RAPPORT, CLIENT_LIST, GObject)

RapportClientList *rapport_client_list_new                  (RapportClientRepository *clients);
const GError      *rapport_client_list_get_error            (RapportClientList *self);
const char        *rapport_client_list_get_search           (RapportClientList *self);
void               rapport_client_list_set_search           (RapportClientList *self,
                                                             const char        *search);
RapportClientSort  rapport_client_list_get_sort             (RapportClientList *self);
void               rapport_client_list_set_sort             (RapportClientList *self,
                                                             RapportClientSort  sort);
gboolean           rapport_client_list_get_include_archived (RapportClientList *self);
void               rapport_client_list_set_include_archived (RapportClientList *self,
                                                             gboolean           include_archived);
gboolean           rapport_client_list_get_loading          (RapportClientList *self);
gboolean           rapport_client_list_get_partial          (RapportClientList *self);
guint              rapport_client_list_find                 (RapportClientList *self,
                                                             gint64             id);
gint64             rapport_client_list_get_id               (RapportClientList *self,
                                                             guint              position);
guint              rapport_client_list_get_n_cached         (RapportClientList *self);

G_END_DECLS
