/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_STAFF (rapport_staff_get_type ())

G_DECLARE_FINAL_TYPE (RapportStaff, rapport_staff, RAPPORT, STAFF, GObject)

RapportStaff *rapport_staff_new        (const char   *name,
                                        const char   *role);
gint64        rapport_staff_get_id     (RapportStaff *self);
void          rapport_staff_set_id     (RapportStaff *self,
                                        gint64        id);
const char   *rapport_staff_get_name   (RapportStaff *self);
void          rapport_staff_set_name   (RapportStaff *self,
                                        const char   *name);
const char   *rapport_staff_get_role   (RapportStaff *self);
void          rapport_staff_set_role   (RapportStaff *self,
                                        const char   *role);
gboolean      rapport_staff_get_active (RapportStaff *self);
void          rapport_staff_set_active (RapportStaff *self,
                                        gboolean      active);

gboolean      rapport_staff_tidy       (RapportStaff *self,
                                        GError      **error);

G_END_DECLS
