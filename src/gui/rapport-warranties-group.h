/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WARRANTIES_GROUP (rapport_warranties_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportWarrantiesGroup, rapport_warranties_group, RAPPORT, WARRANTIES_GROUP, AdwPreferencesGroup)

void     rapport_warranties_group_set_context   (RapportWarrantiesGroup  *self,
                                                 RapportContext          *context);
gboolean rapport_warranties_group_set_client_id (RapportWarrantiesGroup  *self,
                                                 gint64                   client_id,
                                                 GError                 **error);
gboolean rapport_warranties_group_set_order_id  (RapportWarrantiesGroup  *self,
                                                 gint64                   order_id,
                                                 GError                 **error);
guint    rapport_warranties_group_get_n_shown   (RapportWarrantiesGroup  *self);
void     rapport_warranties_group_log_claim     (RapportWarrantiesGroup  *self,
                                                 guint                    index,
                                                 const char              *problem);

G_END_DECLS
