/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-business.h"
#include "rapport-database.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for the business's details. */
#define RAPPORT_KIND_BUSINESS "business"

#define RAPPORT_TYPE_BUSINESS_REPOSITORY (rapport_business_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportBusinessRepository, rapport_business_repository, RAPPORT, BUSINESS_REPOSITORY, GObject)

RapportBusinessRepository *rapport_business_repository_new (RapportDatabase *database);
RapportBusiness *rapport_business_repository_get  (RapportBusinessRepository  *self,
                                                   GError                    **error);
gboolean         rapport_business_repository_save (RapportBusinessRepository  *self,
                                                   RapportBusiness            *business,
                                                   GError                    **error);

void             rapport_business_repository_save_async  (RapportBusinessRepository  *self,
                                                          const RapportBusiness      *business,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean         rapport_business_repository_save_finish (RapportBusinessRepository  *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);

G_END_DECLS
