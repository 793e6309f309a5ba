-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the funnel of each catalog item by day, so that the
-- Analytics page under a catalog item's filter reads a few thousand rows
-- of the item instead of finding each of its orders and their moments.
-- Kept by the triggers below whoever writes; the C half of the step
-- (rapport-analytics-items.c) fills it from the orders already there.
--
-- An order's items change with its lines, and a line added or removed
-- also changes the order's total (one statement moves both), so the
-- figures cannot follow moves "before" and "after" as step 0013's do: a
-- move before the line's change might already see the line. Instead each
-- order's part is kept as it was last counted (item_funnel_orders), and
-- every change counts the order again from what it is now: what it was
-- leaves the days, what it is joins them. Whichever trigger runs last
-- sees the order as it ends.

-- For each catalog item and each order (not a draft) with lines of it:
-- the order's funnel facts (funnel_facts, step 0013), what its lines of
-- the item come to (with tax), and the bucket of time before each step
-- it reached (funnel_durations; NULL for none).
CREATE TABLE item_funnel_orders (
  order_id           INTEGER NOT NULL,
  item_id            INTEGER NOT NULL,
  day                TEXT    NOT NULL,
  staff_id           INTEGER NOT NULL,
  status             TEXT    NOT NULL,
  reason_id          INTEGER NOT NULL,
  quoted             INTEGER NOT NULL,
  confirmed          INTEGER NOT NULL,
  paid               INTEGER NOT NULL,
  delivered          INTEGER NOT NULL,
  amount             INTEGER NOT NULL,
  confirmed_bucket   INTEGER,
  paid_bucket        INTEGER,
  delivered_bucket   INTEGER,
  PRIMARY KEY (order_id, item_id)
) STRICT, WITHOUT ROWID;

-- The item's funnel by day, as funnel_days keeps it for all orders. A row
-- that comes to nothing goes.
CREATE TABLE item_funnel_days (
  item_id    INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  staff_id   INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  reason_id  INTEGER NOT NULL,
  quoted     INTEGER NOT NULL,
  confirmed  INTEGER NOT NULL,
  paid       INTEGER NOT NULL,
  delivered  INTEGER NOT NULL,
  orders     INTEGER NOT NULL,
  amount     INTEGER NOT NULL,
  PRIMARY KEY (item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered)
) STRICT, WITHOUT ROWID;

-- The histogram of times before each step (1 confirmed, 2 paid, 3
-- delivered), as funnel_times keeps it.
CREATE TABLE item_funnel_times (
  item_id   INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  step      INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  orders    INTEGER NOT NULL,
  PRIMARY KEY (item_id, day, staff_id, step, bucket)
) STRICT, WITHOUT ROWID;

-- One order's rows of item_funnel_orders, as the order is now: the one
-- definition the triggers, the filling and the check share. The buckets
-- are funnel_durations' (step 0013), worked out from the order's moments
-- here: that view, looked up for each step, made every trigger that
-- counts an order again read the order nine times more.
CREATE VIEW item_funnel_facts AS
  SELECT order_id, item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, amount,
         CAST(CASE WHEN confirming < 172800 THEN confirming - confirming % 3600
                   ELSE confirming - confirming % 86400 END AS INTEGER) AS confirmed_bucket,
         CAST(CASE WHEN paying < 172800 THEN paying - paying % 3600
                   ELSE paying - paying % 86400 END AS INTEGER) AS paid_bucket,
         CAST(CASE WHEN delivering < 172800 THEN delivering - delivering % 3600
                   ELSE delivering - delivering % 86400 END AS INTEGER) AS delivered_bucket
    FROM (SELECT f.order_id, l.catalog_item_id AS item_id, f.day, f.staff_id, f.status, f.reason_id, f.quoted,
                 f.confirmed, f.paid, f.delivered, sum(l.gross) AS amount,
                 CASE WHEN f.quoted AND f.confirmed AND f.confirmed_at >= f.quoted_at
                      THEN f.confirmed_at - f.quoted_at END AS confirming,
                 CASE WHEN f.paid AND f.confirmed AND f.paid_at IS NOT NULL AND f.paid_at >= f.confirmed_at
                      THEN f.paid_at - f.confirmed_at END AS paying,
                 CASE WHEN f.delivered AND f.paid AND f.paid_at IS NOT NULL AND f.delivered_at >= f.paid_at
                      THEN f.delivered_at - f.paid_at END AS delivering
            FROM funnel_facts f JOIN order_lines l ON l.order_id = f.order_id
           WHERE l.catalog_item_id IS NOT NULL
           GROUP BY f.order_id, l.catalog_item_id);

-- Counts an order again: its rows as last counted leave the days (sign
-- -1), its rows as it is now take their place and join them (sign 1).
-- Only an order that was counted or is to be counted: not a draft (whose
-- lines and total move with each line written) nor an order without
-- lines of the catalog.
CREATE VIEW item_funnel_recounts AS SELECT 0 AS order_id WHERE 0;

CREATE TRIGGER item_funnel_recounts_apply INSTEAD OF INSERT ON item_funnel_recounts
  WHEN EXISTS (SELECT 1 FROM item_funnel_orders WHERE order_id = NEW.order_id)
       OR EXISTS (SELECT 1 FROM orders o WHERE o.id = NEW.order_id AND o.status <> 'draft'
                    AND EXISTS (SELECT 1 FROM order_lines l
                                 WHERE l.order_id = o.id AND l.catalog_item_id IS NOT NULL))
BEGIN
  INSERT INTO item_funnel_days (item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered,
                                orders, amount)
    SELECT item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, -1, -amount
      FROM item_funnel_orders WHERE order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO item_funnel_times (item_id, day, staff_id, step, bucket, orders)
    SELECT item_id, day, staff_id, step, bucket, -1
      FROM (SELECT item_id, day, staff_id, 1 AS step, confirmed_bucket AS bucket
              FROM item_funnel_orders WHERE order_id = NEW.order_id
            UNION ALL
            SELECT item_id, day, staff_id, 2, paid_bucket FROM item_funnel_orders WHERE order_id = NEW.order_id
            UNION ALL
            SELECT item_id, day, staff_id, 3, delivered_bucket FROM item_funnel_orders WHERE order_id = NEW.order_id)
     WHERE bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
  DELETE FROM item_funnel_days
   WHERE orders = 0
     AND item_id IN (SELECT item_id FROM item_funnel_orders WHERE order_id = NEW.order_id)
     AND day = (SELECT day FROM item_funnel_orders WHERE order_id = NEW.order_id LIMIT 1);
  DELETE FROM item_funnel_times
   WHERE orders = 0
     AND item_id IN (SELECT item_id FROM item_funnel_orders WHERE order_id = NEW.order_id)
     AND day = (SELECT day FROM item_funnel_orders WHERE order_id = NEW.order_id LIMIT 1);
  DELETE FROM item_funnel_orders WHERE order_id = NEW.order_id;

  INSERT INTO item_funnel_orders (order_id, item_id, day, staff_id, status, reason_id, quoted, confirmed, paid,
                                  delivered, amount, confirmed_bucket, paid_bucket, delivered_bucket)
    SELECT * FROM item_funnel_facts WHERE order_id = NEW.order_id;
  INSERT INTO item_funnel_days (item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered,
                                orders, amount)
    SELECT item_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, 1, amount
      FROM item_funnel_orders WHERE order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO item_funnel_times (item_id, day, staff_id, step, bucket, orders)
    SELECT item_id, day, staff_id, step, bucket, 1
      FROM (SELECT item_id, day, staff_id, 1 AS step, confirmed_bucket AS bucket
              FROM item_funnel_orders WHERE order_id = NEW.order_id
            UNION ALL
            SELECT item_id, day, staff_id, 2, paid_bucket FROM item_funnel_orders WHERE order_id = NEW.order_id
            UNION ALL
            SELECT item_id, day, staff_id, 3, delivered_bucket FROM item_funnel_orders WHERE order_id = NEW.order_id)
     WHERE bucket IS NOT NULL
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
END;

-- What changes an order's funnel (as step 0013's triggers watch it)...
-- (An order comes without lines: their triggers below count it then.)
CREATE TRIGGER item_funnel_moments_changed AFTER UPDATE ON order_funnel
  WHEN OLD.quoted_at IS NOT NEW.quoted_at OR OLD.confirmed_at IS NOT NEW.confirmed_at
       OR OLD.paid_at IS NOT NEW.paid_at OR OLD.delivered_at IS NOT NEW.delivered_at
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (NEW.order_id);
END;

CREATE TRIGGER item_funnel_order_changed AFTER UPDATE OF ordered_on, staff_id, status, lost_reason_id, total, paid
  ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
       OR OLD.lost_reason_id IS NOT NEW.lost_reason_id OR OLD.total IS NOT NEW.total OR OLD.paid IS NOT NEW.paid
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (NEW.id);
END;

-- An order deleted: its rows go. (Its lines go with it, but may still be
-- there when their triggers run.)
CREATE TRIGGER item_funnel_order_deleted AFTER DELETE ON orders
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (OLD.id);
END;

-- ... and what changes its items: a line of a catalog item added,
-- removed, moved to another order, given another item or amount.
CREATE TRIGGER item_funnel_line_added AFTER INSERT ON order_lines
  WHEN NEW.catalog_item_id IS NOT NULL
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (NEW.order_id);
END;

CREATE TRIGGER item_funnel_line_deleted AFTER DELETE ON order_lines
  WHEN OLD.catalog_item_id IS NOT NULL
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (OLD.order_id);
END;

CREATE TRIGGER item_funnel_line_changed AFTER UPDATE OF order_id, catalog_item_id, gross ON order_lines
  WHEN (OLD.catalog_item_id IS NOT NULL OR NEW.catalog_item_id IS NOT NULL)
       AND (OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
            OR OLD.gross IS NOT NEW.gross)
BEGIN
  INSERT INTO item_funnel_recounts (order_id) VALUES (OLD.order_id);
  INSERT INTO item_funnel_recounts (order_id) SELECT NEW.order_id WHERE NEW.order_id IS NOT OLD.order_id;
END;
