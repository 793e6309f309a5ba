/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rapport-business.h"
#include "rapport-database.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CALL_LIST (rapport_call_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportCallList, rapport_call_list, RAPPORT, CALL_LIST, GObject)

RapportCallList *rapport_call_list_new       (const char       *campaign_name,
                                              RapportBusiness  *business);
void             rapport_call_list_add       (RapportCallList  *self,
                                              const char       *name,
                                              const char       *phone);
guint            rapport_call_list_get_n_rows (RapportCallList *self);
RapportCallList *rapport_call_list_load      (RapportDatabase  *database,
                                              gint64            campaign_id,
                                              GError          **error);
void             rapport_call_list_set_right_to_left (RapportCallList *self,
                                                      gboolean         rtl);
guint            rapport_call_list_paginate  (RapportCallList  *self,
                                              cairo_t          *cr,
                                              double            width,
                                              double            height);
void             rapport_call_list_draw_page (RapportCallList  *self,
                                              cairo_t          *cr,
                                              guint             page);
gboolean         rapport_call_list_write_pdf (RapportCallList  *self,
                                              const char       *path,
                                              GError          **error);
char            *rapport_call_list_dup_title (RapportCallList  *self);

G_END_DECLS
