-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the catalog, orders with their lines, status history and
-- payments. Money is an integer count of minor units; quantities are
-- thousandths; rates (tax, discount) are hundredths of a percent.
-- Days a person means as a day are 'YYYY-MM-DD' text; moments are UTC seconds.

CREATE TABLE catalog_items (
  id               INTEGER PRIMARY KEY,
  code             TEXT    NOT NULL DEFAULT '',
  name             TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  kind             TEXT    NOT NULL CHECK (kind IN ('product', 'service')),
  unit             TEXT    NOT NULL DEFAULT '',
  unit_price       INTEGER NOT NULL CHECK (unit_price >= 0),
  tax_rate         INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 10000),
  warranty_months  INTEGER NOT NULL DEFAULT 0 CHECK (warranty_months BETWEEN 0 AND 1200),
  archived_at      INTEGER,
  -- the name folded (case, accents, scripts' variants): order and type-ahead
  sort_key         TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX catalog_items_by_code ON catalog_items (code) WHERE code <> '';
CREATE INDEX catalog_items_by_name ON catalog_items (sort_key, id);

-- Why quotes are lost: an editable list, never deleted once used.
CREATE TABLE order_lost_reasons (
  id        INTEGER PRIMARY KEY,
  name      TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The last sequence number handed out for each prefix a number pattern
-- makes (“2026-” for “{year}-{seq:4}”): numbers are never handed out twice.
CREATE TABLE order_number_counters (
  prefix  TEXT    PRIMARY KEY,
  last    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
  id                  INTEGER PRIMARY KEY,
  number              TEXT    NOT NULL UNIQUE,
  -- orders are history: a client who has them is archived, never deleted
  client_id           INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  staff_id            INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  ordered_on          TEXT    NOT NULL CHECK (date(ordered_on) IS ordered_on),
  status              TEXT    NOT NULL CHECK (status IN ('draft', 'quoted', 'confirmed', 'fulfilled',
                                                         'closed', 'lost', 'cancelled')),
  quote_valid_until   TEXT    CHECK (quote_valid_until IS NULL OR date(quote_valid_until) IS quote_valid_until),
  lost_reason_id      INTEGER REFERENCES order_lost_reasons (id) ON DELETE RESTRICT,
  payment_terms_days  INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days BETWEEN 0 AND 3650),
  -- the day payment is due: ordered_on + payment_terms_days
  payment_due_on      TEXT    NOT NULL,
  currency            TEXT    NOT NULL CHECK (length(currency) = 3),
  prices_include_tax  INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
  notes               TEXT    NOT NULL DEFAULT '',
  -- the campaign it came from; filled in by campaigns
  campaign_id         INTEGER,
  -- kept by the triggers below: the sum of the lines (with tax) and of
  -- the payments
  total               INTEGER NOT NULL DEFAULT 0,
  paid                INTEGER NOT NULL DEFAULT 0,
  -- when the reminder of an overdue payment, or of a quote about to end,
  -- was marked done (the money chased, the client called) without the
  -- payment or the answer having come
  payment_reminder_done_at INTEGER,
  quote_reminder_done_at   INTEGER,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
) STRICT;
-- The Orders list, newest first, and its filters: each query names the
-- index it walks (rapport-order-repository-list.c). The walks by day and
-- of the unpaid also carry what the other filters look at, so that a walk
-- through a million orders reads no row of the table.
CREATE INDEX orders_by_date ON orders (ordered_on DESC, id DESC, status, client_id, number);
CREATE INDEX orders_by_status ON orders (status, ordered_on DESC, id DESC);
CREATE INDEX orders_unpaid ON orders (ordered_on DESC, id DESC, status, client_id, number)
  WHERE paid < total AND status IN ('confirmed', 'fulfilled', 'closed');
-- A client's orders, newest first: the card and the client's figures.
CREATE INDEX orders_by_client ON orders (client_id, ordered_on DESC, id DESC);
-- Reminders (rapport-order-repository-reminders.c): what is still to be
-- paid by its due day, and quotes by their last day; done ones drop out.
CREATE INDEX orders_payment_due ON orders (payment_due_on, id)
  WHERE paid < total AND status IN ('confirmed', 'fulfilled', 'closed') AND payment_reminder_done_at IS NULL;
CREATE INDEX orders_quotes_expiring ON orders (quote_valid_until, id)
  WHERE status = 'quoted' AND quote_valid_until IS NOT NULL AND quote_reminder_done_at IS NULL;
CREATE INDEX orders_by_staff ON orders (staff_id) WHERE staff_id IS NOT NULL;

CREATE TABLE order_lines (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  -- the catalog item it came from, if any; the line keeps its own copy of
  -- name, unit and price, so later catalog changes rewrite no history
  catalog_item_id  INTEGER REFERENCES catalog_items (id) ON DELETE RESTRICT,
  kind             TEXT    NOT NULL CHECK (kind IN ('product', 'service')),
  name             TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  unit             TEXT    NOT NULL DEFAULT '',
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price       INTEGER NOT NULL CHECK (unit_price >= 0),
  discount         INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000),
  tax_rate         INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 10000),
  warranty_months  INTEGER NOT NULL DEFAULT 0 CHECK (warranty_months BETWEEN 0 AND 1200),
  serial_number    TEXT    NOT NULL DEFAULT '',
  -- what the line comes to, by the one rounding rule
  net              INTEGER NOT NULL,
  tax              INTEGER NOT NULL,
  gross            INTEGER NOT NULL CHECK (gross = net + tax)
) STRICT;
CREATE INDEX order_lines_by_order ON order_lines (order_id, position);
CREATE INDEX order_lines_by_item ON order_lines (catalog_item_id) WHERE catalog_item_id IS NOT NULL;

-- Every status an order went through, with when and who.
CREATE TABLE order_status_changes (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  status          TEXT    NOT NULL,
  changed_at      INTEGER NOT NULL,
  staff_id        INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  lost_reason_id  INTEGER REFERENCES order_lost_reasons (id) ON DELETE RESTRICT,
  note            TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX order_status_changes_by_order ON order_status_changes (order_id, changed_at, id);

CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  -- payments are history: an order that has them is never deleted
  order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
  paid_on     TEXT    NOT NULL CHECK (date(paid_on) IS paid_on),
  -- a refund is negative
  amount      INTEGER NOT NULL CHECK (amount <> 0),
  method      TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'other')),
  note        TEXT    NOT NULL DEFAULT '',
  staff_id    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX payments_by_order ON payments (order_id, paid_on, id);

-- An order's total and paid follow its lines and payments, whoever writes them.
CREATE TRIGGER order_lines_after_insert AFTER INSERT ON order_lines
BEGIN
  UPDATE orders SET total = total + NEW.gross WHERE id = NEW.order_id;
END;
CREATE TRIGGER order_lines_after_delete AFTER DELETE ON order_lines
BEGIN
  UPDATE orders SET total = total - OLD.gross WHERE id = OLD.order_id;
END;
CREATE TRIGGER order_lines_after_update AFTER UPDATE OF gross, order_id ON order_lines
BEGIN
  UPDATE orders SET total = total - OLD.gross WHERE id = OLD.order_id;
  UPDATE orders SET total = total + NEW.gross WHERE id = NEW.order_id;
END;
CREATE TRIGGER payments_after_insert AFTER INSERT ON payments
BEGIN
  UPDATE orders SET paid = paid + NEW.amount WHERE id = NEW.order_id;
END;
CREATE TRIGGER payments_after_delete AFTER DELETE ON payments
BEGIN
  UPDATE orders SET paid = paid - OLD.amount WHERE id = OLD.order_id;
END;
CREATE TRIGGER payments_after_update AFTER UPDATE OF amount, order_id ON payments
BEGIN
  UPDATE orders SET paid = paid - OLD.amount WHERE id = OLD.order_id;
  UPDATE orders SET paid = paid + NEW.amount WHERE id = NEW.order_id;
END;

-- The business itself: its name, address, tax number and logo on
-- invoices, its currency, how its orders are numbered. Kept in the file,
-- not in the desktop's settings: the amounts mean nothing without their
-- currency, and a file moved to another computer keeps its business.
CREATE TABLE business_settings (
  key    TEXT PRIMARY KEY,
  value  ANY
) STRICT, WITHOUT ROWID;
