/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-order-repository.h"
#include "rapport-database-private.h"

G_BEGIN_DECLS

struct _RapportOrderRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

/* The columns rapport_order_from_row() reads, and where from. */
#define ORDER_COLUMNS \
  "o.id, o.number, o.client_id, c.display_name, o.staff_id, o.ordered_on, o.status," \
  " o.quote_valid_until, o.lost_reason_id, r.name, o.payment_terms_days, o.currency," \
  " o.prices_include_tax, o.notes, o.campaign_id, o.total, o.paid, o.created_at"
#define ORDER_FROM \
  " FROM orders o JOIN clients c ON c.id = o.client_id" \
  " LEFT JOIN order_lost_reasons r ON r.id = o.lost_reason_id"
/* The statuses of a sale: what a client owes and has spent. */
#define ORDER_SALE "('confirmed', 'fulfilled', 'closed')"

RapportOrder *_rapport_order_from_row (RapportStmt *stmt);

/* A schema step: the reasons a quote is lost that every business starts
 * with, in the language of the person who first opens the file. */
gboolean _rapport_order_repository_add_default_lost_reasons (RapportSqlite  *db,
                                                             GError        **error);

/* In a delivery's transaction: the order was delivered in full and,
 * when still confirmed, becomes fulfilled, kept in its history. */
gboolean _rapport_order_repository_fulfil (RapportOrderRepository  *self,
                                           gint64                   id,
                                           gint64                   staff_id,
                                           GError                 **error);

G_END_DECLS
