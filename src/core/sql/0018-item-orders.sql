-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the orders of each catalog item by day, and what was paid
-- on them by day, so that the Analytics page under a catalog item's filter
-- reads the item's rows of the period instead of looking for the item among
-- every line (and for its payments among every payment). Kept by the
-- triggers below whoever writes; the C half of the step
-- (rapport-analytics-items.c) fills them from the orders already there.
-- And the addresses by city and by region, for the filter by place.

-- A city's or region's clients, for the page's filter by place (which
-- matches either, as NOCASE compares): two ranges of these instead of every
-- address read for each of the page's statements.
CREATE INDEX client_addresses_by_locality ON client_addresses (locality COLLATE NOCASE, client_id);
CREATE INDEX client_addresses_by_region ON client_addresses (region COLLATE NOCASE, client_id);

-- For each catalog item and each order (of any status) with a line of it:
-- the order's day, client, member of staff (0 for none) and status, and
-- what its lines of the item come to (with tax).
CREATE TABLE item_orders (
  item_id    INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  order_id   INTEGER NOT NULL,
  client_id  INTEGER NOT NULL,
  staff_id   INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  amount     INTEGER NOT NULL,
  PRIMARY KEY (item_id, day, order_id)
) STRICT, WITHOUT ROWID;

-- What was received and refunded on each day on the orders that have a
-- line of each catalog item, by the order's member of staff and status.
CREATE TABLE item_payment_days (
  item_id   INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  status    TEXT    NOT NULL,
  received  INTEGER NOT NULL,
  refunded  INTEGER NOT NULL,
  PRIMARY KEY (item_id, day, staff_id, status)
) STRICT, WITHOUT ROWID;

-- An order's figures leave (sign -1, before a change, from the order as it
-- still is) or join (sign 1, after it): every trigger below writes a row
-- here, and this one place moves the figures, as the funnel's moves do.
CREATE VIEW item_order_moves AS SELECT 0 AS order_id, 0 AS sign WHERE 0;

CREATE TRIGGER item_order_moves_apply INSTEAD OF INSERT ON item_order_moves
BEGIN
  DELETE FROM item_orders
   WHERE NEW.sign < 0
     AND item_id IN (SELECT catalog_item_id FROM order_lines
                      WHERE order_id = NEW.order_id AND catalog_item_id IS NOT NULL)
     AND day = (SELECT ordered_on FROM orders WHERE id = NEW.order_id) AND order_id = NEW.order_id;
  UPDATE item_payment_days
     SET received = received - (SELECT coalesce(sum(max(p.amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = NEW.order_id AND p.paid_on = item_payment_days.day),
         refunded = refunded - (SELECT coalesce(sum(max(-p.amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = NEW.order_id AND p.paid_on = item_payment_days.day)
   WHERE NEW.sign < 0
     AND item_id IN (SELECT catalog_item_id FROM order_lines
                      WHERE order_id = NEW.order_id AND catalog_item_id IS NOT NULL)
     AND (staff_id, status) = (SELECT coalesce(staff_id, 0), status FROM orders WHERE id = NEW.order_id)
     AND day IN (SELECT paid_on FROM payments WHERE order_id = NEW.order_id);
  INSERT INTO item_orders (item_id, day, order_id, client_id, staff_id, status, amount)
    SELECT l.catalog_item_id, o.ordered_on, o.id, o.client_id, coalesce(o.staff_id, 0), o.status, sum(l.gross)
      FROM orders o JOIN order_lines l ON l.order_id = o.id
     WHERE NEW.sign > 0 AND o.id = NEW.order_id AND l.catalog_item_id IS NOT NULL
     GROUP BY l.catalog_item_id;
  INSERT INTO item_payment_days (item_id, day, staff_id, status, received, refunded)
    SELECT i.item_id, p.paid_on, coalesce(o.staff_id, 0), o.status, sum(max(p.amount, 0)), sum(max(-p.amount, 0))
      FROM orders o
      JOIN (SELECT DISTINCT catalog_item_id AS item_id FROM order_lines
             WHERE order_id = NEW.order_id AND catalog_item_id IS NOT NULL) i
      JOIN payments p ON p.order_id = o.id
     WHERE NEW.sign > 0 AND o.id = NEW.order_id
     GROUP BY i.item_id, p.paid_on
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;

-- A line of a catalog item added: what the item's lines of the order come
-- to grows; the order's first line of the item also brings the order's
-- payments to the item (an order being written has none yet, so this is
-- one look-up and one upsert).
CREATE TRIGGER item_orders_line_added AFTER INSERT ON order_lines
  WHEN NEW.catalog_item_id IS NOT NULL
BEGIN
  INSERT INTO item_payment_days (item_id, day, staff_id, status, received, refunded)
    SELECT NEW.catalog_item_id, p.paid_on, coalesce(o.staff_id, 0), o.status, sum(max(p.amount, 0)),
           sum(max(-p.amount, 0))
      FROM orders o JOIN payments p ON p.order_id = o.id
     WHERE o.id = NEW.order_id
       AND NOT EXISTS (SELECT 1 FROM item_orders WHERE item_id = NEW.catalog_item_id AND day = o.ordered_on
                                                   AND order_id = o.id)
     GROUP BY p.paid_on
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
  INSERT INTO item_orders (item_id, day, order_id, client_id, staff_id, status, amount)
    SELECT NEW.catalog_item_id, o.ordered_on, o.id, o.client_id, coalesce(o.staff_id, 0), o.status, NEW.gross
      FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- A line of a catalog item removed or changed: its order's figures leave
-- before and come back after. (An order deleted has taken its figures away
-- before: its lines then find no order.)
CREATE TRIGGER item_orders_line_before_delete BEFORE DELETE ON order_lines
  WHEN OLD.catalog_item_id IS NOT NULL
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.order_id, -1);
END;

CREATE TRIGGER item_orders_line_after_delete AFTER DELETE ON order_lines
  WHEN OLD.catalog_item_id IS NOT NULL
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.order_id, 1);
END;

CREATE TRIGGER item_orders_line_before_update BEFORE UPDATE OF order_id, catalog_item_id, gross ON order_lines
  WHEN (OLD.catalog_item_id IS NOT NULL OR NEW.catalog_item_id IS NOT NULL)
       AND (OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
            OR OLD.gross IS NOT NEW.gross)
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.order_id, -1);
  INSERT INTO item_order_moves (order_id, sign) SELECT NEW.order_id, -1 WHERE NEW.order_id IS NOT OLD.order_id;
END;

CREATE TRIGGER item_orders_line_after_update AFTER UPDATE OF order_id, catalog_item_id, gross ON order_lines
  WHEN (OLD.catalog_item_id IS NOT NULL OR NEW.catalog_item_id IS NOT NULL)
       AND (OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
            OR OLD.gross IS NOT NEW.gross)
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.order_id, 1);
  INSERT INTO item_order_moves (order_id, sign) SELECT NEW.order_id, 1 WHERE NEW.order_id IS NOT OLD.order_id;
END;

-- An order moved to another day, client, member of staff or status, or
-- deleted: its items' figures move with it. Only an order with a line of a
-- catalog item has any.
CREATE TRIGGER item_orders_order_before_update BEFORE UPDATE OF ordered_on, client_id, staff_id, status ON orders
  WHEN (OLD.ordered_on IS NOT NEW.ordered_on OR OLD.client_id IS NOT NEW.client_id
        OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status)
       AND EXISTS (SELECT 1 FROM order_lines WHERE order_id = OLD.id AND catalog_item_id IS NOT NULL)
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.id, -1);
END;

CREATE TRIGGER item_orders_order_after_update AFTER UPDATE OF ordered_on, client_id, staff_id, status ON orders
  WHEN (OLD.ordered_on IS NOT NEW.ordered_on OR OLD.client_id IS NOT NEW.client_id
        OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status)
       AND EXISTS (SELECT 1 FROM order_lines WHERE order_id = NEW.id AND catalog_item_id IS NOT NULL)
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (NEW.id, 1);
END;

CREATE TRIGGER item_orders_order_before_delete BEFORE DELETE ON orders
BEGIN
  INSERT INTO item_order_moves (order_id, sign) VALUES (OLD.id, -1);
END;

-- A payment counts for each catalog item its order has lines of.
CREATE TRIGGER item_payment_days_added AFTER INSERT ON payments
BEGIN
  INSERT INTO item_payment_days (item_id, day, staff_id, status, received, refunded)
    SELECT i.item_id, NEW.paid_on, coalesce(o.staff_id, 0), o.status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders o
      JOIN (SELECT DISTINCT catalog_item_id AS item_id FROM order_lines
             WHERE order_id = NEW.order_id AND catalog_item_id IS NOT NULL) i
     WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;

CREATE TRIGGER item_payment_days_deleted AFTER DELETE ON payments
BEGIN
  UPDATE item_payment_days
     SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE item_id IN (SELECT catalog_item_id FROM order_lines
                      WHERE order_id = OLD.order_id AND catalog_item_id IS NOT NULL)
     AND day = OLD.paid_on
     AND (staff_id, status) = (SELECT coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
END;

CREATE TRIGGER item_payment_days_changed AFTER UPDATE OF amount, order_id, paid_on ON payments
  WHEN OLD.amount IS NOT NEW.amount OR OLD.order_id IS NOT NEW.order_id OR OLD.paid_on IS NOT NEW.paid_on
BEGIN
  UPDATE item_payment_days
     SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE item_id IN (SELECT catalog_item_id FROM order_lines
                      WHERE order_id = OLD.order_id AND catalog_item_id IS NOT NULL)
     AND day = OLD.paid_on
     AND (staff_id, status) = (SELECT coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
  INSERT INTO item_payment_days (item_id, day, staff_id, status, received, refunded)
    SELECT i.item_id, NEW.paid_on, coalesce(o.staff_id, 0), o.status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders o
      JOIN (SELECT DISTINCT catalog_item_id AS item_id FROM order_lines
             WHERE order_id = NEW.order_id AND catalog_item_id IS NOT NULL) i
     WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
