-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: new and returning clients under a member of staff's
-- filter read from that member's clients instead of every order of the
-- period. For each member of staff (0 for none) and client, the first and
-- last day of the sales (confirmed, fulfilled and closed orders) that
-- member took for that client, and how many. Kept by the triggers below
-- whoever writes; the C half of the step (rapport-analytics-sales.c) fills
-- it from the orders already there. And three triggers of step 13 made
-- again so that a draft's changes no longer run them (at the end).

CREATE TABLE staff_clients (
  staff_id   INTEGER NOT NULL,
  client_id  INTEGER NOT NULL,
  first_day  TEXT    NOT NULL,
  last_day   TEXT    NOT NULL,
  orders     INTEGER NOT NULL,
  PRIMARY KEY (staff_id, client_id)
) STRICT, WITHOUT ROWID;
-- A member's clients who last bought from them in a period.
CREATE INDEX staff_clients_by_last_day ON staff_clients (staff_id, last_day, first_day);

-- A sale leaves (sign -1, after it is gone or changed) or joins (sign 1)
-- its member of staff's and client's row: every trigger below writes a
-- row here, and this one place moves the figures. A row left with no sale
-- goes; when the sale left was on the first or last day, those are looked
-- for again among the client's orders, through orders_by_client_day.
CREATE VIEW staff_client_moves AS SELECT 0 AS staff_id, 0 AS client_id, '' AS day, 0 AS sign WHERE 0;

CREATE TRIGGER staff_client_moves_apply INSTEAD OF INSERT ON staff_client_moves
BEGIN
  INSERT INTO staff_clients (staff_id, client_id, first_day, last_day, orders)
    SELECT coalesce(NEW.staff_id, 0), NEW.client_id, NEW.day, NEW.day, 1 WHERE NEW.sign > 0
    ON CONFLICT DO UPDATE SET first_day = min(first_day, excluded.first_day),
                              last_day = max(last_day, excluded.last_day), orders = orders + 1;
  UPDATE staff_clients SET orders = orders - 1
   WHERE NEW.sign < 0 AND staff_id = coalesce(NEW.staff_id, 0) AND client_id = NEW.client_id;
  DELETE FROM staff_clients
   WHERE NEW.sign < 0 AND staff_id = coalesce(NEW.staff_id, 0) AND client_id = NEW.client_id AND orders <= 0;
  UPDATE staff_clients
     SET first_day = coalesce((SELECT min(o.ordered_on) FROM orders o INDEXED BY orders_by_client_day
                                WHERE o.client_id = NEW.client_id AND o.status IN ('confirmed', 'fulfilled', 'closed')
                                  AND coalesce(o.staff_id, 0) = staff_clients.staff_id), first_day),
         last_day = coalesce((SELECT max(o.ordered_on) FROM orders o INDEXED BY orders_by_client_day
                               WHERE o.client_id = NEW.client_id AND o.status IN ('confirmed', 'fulfilled', 'closed')
                                 AND coalesce(o.staff_id, 0) = staff_clients.staff_id), last_day)
   WHERE NEW.sign < 0 AND staff_id = coalesce(NEW.staff_id, 0) AND client_id = NEW.client_id
     AND NEW.day IN (first_day, last_day);
END;

CREATE TRIGGER staff_clients_order_added AFTER INSERT ON orders
  WHEN NEW.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO staff_client_moves (staff_id, client_id, day, sign) VALUES (NEW.staff_id, NEW.client_id, NEW.ordered_on, 1);
END;

CREATE TRIGGER staff_clients_order_deleted AFTER DELETE ON orders
  WHEN OLD.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO staff_client_moves (staff_id, client_id, day, sign) VALUES (OLD.staff_id, OLD.client_id, OLD.ordered_on, -1);
END;

-- Only a change that touches a sale: a draft's lines moving its total, or a
-- quote confirmed into a sale, costs one test here.
CREATE TRIGGER staff_clients_order_changed AFTER UPDATE OF staff_id, client_id, ordered_on, status ON orders
  WHEN (OLD.staff_id IS NOT NEW.staff_id OR OLD.client_id IS NOT NEW.client_id
        OR OLD.ordered_on IS NOT NEW.ordered_on OR OLD.status IS NOT NEW.status)
       AND (OLD.status IN ('confirmed', 'fulfilled', 'closed') OR NEW.status IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  INSERT INTO staff_client_moves (staff_id, client_id, day, sign)
    SELECT OLD.staff_id, OLD.client_id, OLD.ordered_on, -1 WHERE OLD.status IN ('confirmed', 'fulfilled', 'closed');
  INSERT INTO staff_client_moves (staff_id, client_id, day, sign)
    SELECT NEW.staff_id, NEW.client_id, NEW.ordered_on, 1 WHERE NEW.status IN ('confirmed', 'fulfilled', 'closed');
END;

-- ---- What an order's write costs ----

-- Three triggers of step 13 ran for every change of a draft, above all for
-- each line added to it (which moves its total), and wrote nothing: the
-- funnel leaves drafts out, and sales by region count only sales. They are
-- made again, the same but for a WHEN that skips those changes.
DROP TRIGGER funnel_days_order_leaves;
DROP TRIGGER funnel_days_order_joins;
DROP TRIGGER region_days_order_changed;

CREATE TRIGGER funnel_days_order_leaves BEFORE UPDATE OF ordered_on, staff_id, status, lost_reason_id, total, paid
  ON orders
  WHEN (OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
        OR OLD.lost_reason_id IS NOT NEW.lost_reason_id OR OLD.total IS NOT NEW.total OR OLD.paid IS NOT NEW.paid)
       AND OLD.status <> 'draft'
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (OLD.id, -1);
END;

CREATE TRIGGER funnel_days_order_joins AFTER UPDATE OF ordered_on, staff_id, status, lost_reason_id, total, paid
  ON orders
  WHEN (OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
        OR OLD.lost_reason_id IS NOT NEW.lost_reason_id OR OLD.total IS NOT NEW.total OR OLD.paid IS NOT NEW.paid)
       AND NEW.status <> 'draft'
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (NEW.id, 1);
END;

-- (A row that comes to nothing, which this trigger used to remove on any
-- change, counts for nothing: the page and the check skip it.)
CREATE TRIGGER region_days_order_changed AFTER UPDATE OF ordered_on, staff_id, status, total, client_id ON orders
  WHEN (OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
        OR OLD.total IS NOT NEW.total OR OLD.client_id IS NOT NEW.client_id)
       AND (OLD.status IN ('confirmed', 'fulfilled', 'closed') OR NEW.status IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  UPDATE region_days SET orders = orders - 1, amount = amount - OLD.total
   WHERE OLD.status IN ('confirmed', 'fulfilled', 'closed')
     AND day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND region = coalesce((SELECT region FROM client_regions WHERE client_id = OLD.client_id), '');
  DELETE FROM region_days WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND orders = 0 AND amount = 0;
  INSERT INTO region_days (day, staff_id, region, orders, amount)
    SELECT NEW.ordered_on, coalesce(NEW.staff_id, 0),
           coalesce((SELECT region FROM client_regions WHERE client_id = NEW.client_id), ''), 1, NEW.total
     WHERE NEW.status IN ('confirmed', 'fulfilled', 'closed')
    ON CONFLICT DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
END;
