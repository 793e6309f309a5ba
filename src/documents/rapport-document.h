/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What every printed document (an invoice, a delivery note) does: lay
 * itself out on pages of a size, then draw one of them. Its PDF and its
 * printing both go through these. */
typedef guint (*RapportPaginateFunc) (gpointer  document,
                                      cairo_t  *cr,
                                      double    width,
                                      double    height);
typedef void  (*RapportDrawPageFunc) (gpointer  document,
                                      cairo_t  *cr,
                                      guint     page);

G_END_DECLS
