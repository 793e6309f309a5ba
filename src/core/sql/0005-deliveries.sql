-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: carriers, deliveries with the order lines and quantities
-- they carry and every status they went through, and the warranties of
-- what was delivered. Quantities are thousandths, as on order lines; days
-- a person means as a day are 'YYYY-MM-DD' text; moments are UTC seconds.

-- Who carries: an editable list, never deleted once used. A pick-up
-- carrier (the client comes to the shop) needs no address.
CREATE TABLE carriers (
  id                INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  pickup            INTEGER NOT NULL DEFAULT 0 CHECK (pickup IN (0, 1)),
  -- where a tracking number is looked up: an address with {tracking}, or ''
  tracking_pattern  TEXT    NOT NULL DEFAULT '',
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position          INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE deliveries (
  id               INTEGER PRIMARY KEY,
  -- deliveries are history: an order or a client that has them stays
  order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
  -- the order's client, kept here so that the client card and the search
  -- need not go through the orders
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  carrier_id       INTEGER NOT NULL REFERENCES carriers (id) ON DELETE RESTRICT,
  tracking_number  TEXT    NOT NULL DEFAULT '',
  -- a copy of the client's address as it was: the client may move later
  address          TEXT    NOT NULL DEFAULT '',
  planned_on       TEXT    NOT NULL CHECK (date(planned_on) IS planned_on),
  status           TEXT    NOT NULL CHECK (status IN ('planned', 'packed', 'shipped', 'in-transit',
                                                      'delivered', 'returned', 'failed')),
  -- the day it was delivered, once it was
  delivered_on     TEXT    CHECK (delivered_on IS NULL OR date(delivered_on) IS delivered_on),
  staff_id         INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  notes            TEXT    NOT NULL DEFAULT '',
  -- when the reminder of a late delivery was marked done without it
  -- having arrived
  late_reminder_done_at INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
-- The Deliveries page, newest planned first, and its filters by day.
CREATE INDEX deliveries_by_day ON deliveries (planned_on DESC, id DESC, status, client_id, order_id);
-- What is still on its way, by its day: late ones, today's, and their
-- reminders; delivered, returned and failed ones drop out.
CREATE INDEX deliveries_open ON deliveries (planned_on, id)
  WHERE status IN ('planned', 'packed', 'shipped', 'in-transit');
CREATE INDEX deliveries_by_order ON deliveries (order_id, id);
CREATE INDEX deliveries_by_client ON deliveries (client_id, planned_on DESC, id DESC);
CREATE INDEX deliveries_by_tracking ON deliveries (tracking_number) WHERE tracking_number <> '';
CREATE INDEX deliveries_by_carrier ON deliveries (carrier_id);
CREATE INDEX deliveries_by_staff ON deliveries (staff_id) WHERE staff_id IS NOT NULL;

-- What a delivery carries: lines of its order, and how much of each.
CREATE TABLE delivery_lines (
  delivery_id    INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  -- an order line that was delivered, or is on its way, is never deleted
  order_line_id  INTEGER NOT NULL REFERENCES order_lines (id) ON DELETE RESTRICT,
  quantity       INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (delivery_id, order_line_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX delivery_lines_by_line ON delivery_lines (order_line_id, delivery_id);

-- Every status a delivery went through, with when and who.
CREATE TABLE delivery_status_changes (
  id           INTEGER PRIMARY KEY,
  delivery_id  INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  status       TEXT    NOT NULL,
  changed_at   INTEGER NOT NULL,
  staff_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  note         TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX delivery_status_changes_by_delivery ON delivery_status_changes (delivery_id, changed_at, id);

-- The warranty of a delivered line: from the day it was delivered for
-- the line's warranty months. The product and serial number are copies,
-- as on the line.
CREATE TABLE warranties (
  id              INTEGER PRIMARY KEY,
  order_line_id   INTEGER NOT NULL REFERENCES order_lines (id) ON DELETE RESTRICT,
  -- the delivery that brought it; a returned delivery takes its
  -- warranties with it
  delivery_id     INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  client_id       INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  product         TEXT    NOT NULL CHECK (length(trim(product)) > 0),
  serial_number   TEXT    NOT NULL DEFAULT '',
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  starts_on       TEXT    NOT NULL CHECK (date(starts_on) IS starts_on),
  ends_on         TEXT    NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on),
  -- when the reminders before the end and on the day were marked done
  soon_reminder_done_at  INTEGER,
  end_reminder_done_at   INTEGER,
  created_at      INTEGER NOT NULL
) STRICT;
-- Warranties ending within N days, and their reminders.
CREATE INDEX warranties_by_end ON warranties (ends_on, id);
CREATE INDEX warranties_by_client ON warranties (client_id, ends_on DESC, id DESC);
CREATE INDEX warranties_by_serial ON warranties (serial_number) WHERE serial_number <> '';
CREATE INDEX warranties_by_line ON warranties (order_line_id);
CREATE INDEX warranties_by_delivery ON warranties (delivery_id);
