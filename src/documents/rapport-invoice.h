/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rapport-business.h"
#include "rapport-client.h"
#include "rapport-database.h"
#include "rapport-order.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INVOICE (rapport_invoice_get_type ())

G_DECLARE_FINAL_TYPE (RapportInvoice, rapport_invoice, RAPPORT, INVOICE, GObject)

RapportInvoice *rapport_invoice_new        (RapportOrder     *order,
                                            RapportBusiness  *business,
                                            RapportClient    *client);
RapportInvoice *rapport_invoice_load       (RapportDatabase  *database,
                                            gint64            order_id,
                                            GError          **error);
void            rapport_invoice_set_right_to_left (RapportInvoice *self,
                                                   gboolean        rtl);
guint           rapport_invoice_paginate   (RapportInvoice   *self,
                                            cairo_t          *cr,
                                            double            width,
                                            double            height);
void            rapport_invoice_draw_page  (RapportInvoice   *self,
                                            cairo_t          *cr,
                                            guint             page);
gboolean        rapport_invoice_write_pdf  (RapportInvoice   *self,
                                            const char       *path,
                                            GError          **error);
char           *rapport_invoice_dup_title  (RapportInvoice   *self);

G_END_DECLS
