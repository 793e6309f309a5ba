/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rapport-business.h"
#include "rapport-database.h"
#include "rapport-delivery.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERY_NOTE (rapport_delivery_note_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryNote, rapport_delivery_note, RAPPORT, DELIVERY_NOTE, GObject)

RapportDeliveryNote *rapport_delivery_note_new       (const RapportDelivery *delivery,
                                                      RapportBusiness       *business);
RapportDeliveryNote *rapport_delivery_note_load      (RapportDatabase       *database,
                                                      gint64                 delivery_id,
                                                      GError               **error);
void                 rapport_delivery_note_set_right_to_left (RapportDeliveryNote *self,
                                                              gboolean             rtl);
guint                rapport_delivery_note_paginate  (RapportDeliveryNote   *self,
                                                      cairo_t               *cr,
                                                      double                 width,
                                                      double                 height);
void                 rapport_delivery_note_draw_page (RapportDeliveryNote   *self,
                                                      cairo_t               *cr,
                                                      guint                  page);
gboolean             rapport_delivery_note_write_pdf (RapportDeliveryNote   *self,
                                                      const char            *path,
                                                      GError               **error);
char                *rapport_delivery_note_dup_title (RapportDeliveryNote   *self);

G_END_DECLS
