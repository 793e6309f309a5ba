/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-staff.h"

G_BEGIN_DECLS

/* The kind #RapportDatabase::changed names for staff. */
#define RAPPORT_KIND_STAFF "staff"

#define RAPPORT_TYPE_STAFF_REPOSITORY (rapport_staff_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaffRepository, rapport_staff_repository, RAPPORT, STAFF_REPOSITORY, GObject)

RapportStaffRepository *rapport_staff_repository_new  (RapportDatabase         *database);
GPtrArray    *rapport_staff_repository_list            (RapportStaffRepository  *self,
                                                        gboolean                 include_inactive,
                                                        GError                 **error);
RapportStaff *rapport_staff_repository_get             (RapportStaffRepository  *self,
                                                        gint64                   id,
                                                        GError                 **error);
gboolean      rapport_staff_repository_save            (RapportStaffRepository  *self,
                                                        RapportStaff            *staff,
                                                        GError                 **error);
void          rapport_staff_repository_save_async      (RapportStaffRepository  *self,
                                                        RapportStaff            *staff,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean      rapport_staff_repository_save_finish     (RapportStaffRepository  *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);

G_END_DECLS
