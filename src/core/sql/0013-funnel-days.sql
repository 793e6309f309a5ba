-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the funnel, the lost quotes, the staff's work and the
-- sales by region by day, so that a year of them is read from a few
-- thousand rows instead of every order and interaction of the period. Kept by the triggers below whoever
-- writes; the C half of the step (rapport-analytics-funnel.c) fills them
-- from the data already there.

-- What the funnel needs of an order (not a draft): its day, who took it,
-- its status and (lost) reason, whether it was ever quoted and confirmed,
-- whether it is paid in full and was delivered, what it comes to, and the
-- moments of its steps. The one definition the triggers, the filling and
-- the check share.
CREATE VIEW funnel_facts AS
  SELECT o.id AS order_id, o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id, o.status AS status,
         CASE WHEN o.status = 'lost' THEN coalesce(o.lost_reason_id, 0) ELSE 0 END AS reason_id,
         f.quoted_at IS NOT NULL AS quoted, f.confirmed_at IS NOT NULL AS confirmed,
         o.total > 0 AND o.paid >= o.total AS paid, f.delivered_at IS NOT NULL AS delivered,
         o.total AS amount, f.quoted_at, f.confirmed_at, f.paid_at, f.delivered_at
    FROM orders o JOIN order_funnel f ON f.order_id = o.id
   WHERE o.status <> 'draft';

-- The time an order spent before each step it reached (1 confirmed, 2 paid,
-- 3 delivered), cut into the buckets a person reads: the hour under two
-- days, the day beyond. A bucket is named by its first second.
CREATE VIEW funnel_durations AS
  SELECT order_id, day, staff_id, step,
         CAST(CASE WHEN spent < 172800 THEN spent - spent % 3600 ELSE spent - spent % 86400 END AS INTEGER) AS bucket
    FROM (SELECT order_id, day, staff_id, 1 AS step, confirmed_at - quoted_at AS spent FROM funnel_facts
           WHERE quoted AND confirmed AND confirmed_at >= quoted_at
          UNION ALL
          SELECT order_id, day, staff_id, 2, paid_at - confirmed_at FROM funnel_facts
           WHERE paid AND confirmed AND paid_at IS NOT NULL AND paid_at >= confirmed_at
          UNION ALL
          SELECT order_id, day, staff_id, 3, delivered_at - paid_at FROM funnel_facts
           WHERE delivered AND paid AND paid_at IS NOT NULL AND delivered_at >= paid_at);

-- Orders (not drafts) by the day they were taken, who took them, their
-- status and lost reason, and the steps they reached: how many, and what
-- they come to.
CREATE TABLE funnel_days (
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
  PRIMARY KEY (day, staff_id, status, reason_id, quoted, confirmed, paid, delivered)
) STRICT, WITHOUT ROWID;

-- How many orders of a day, by who took them, spent a bucket's time before
-- a step: the medians of the funnel come from these.
CREATE TABLE funnel_times (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  step      INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  orders    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, step, bucket)
) STRICT, WITHOUT ROWID;

-- An order's figures leave (sign -1) before it changes and come back
-- (sign 1) after: every trigger below writes a row here, and this one
-- place moves the figures.
CREATE VIEW funnel_moves AS SELECT 0 AS order_id, 0 AS sign WHERE 0;

CREATE TRIGGER funnel_moves_apply INSTEAD OF INSERT ON funnel_moves
BEGIN
  INSERT INTO funnel_days (day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, orders, amount)
    SELECT day, staff_id, status, reason_id, quoted, confirmed, paid, delivered, NEW.sign, NEW.sign * amount
      FROM funnel_facts WHERE order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO funnel_times (day, staff_id, step, bucket, orders)
    SELECT day, staff_id, step, bucket, NEW.sign FROM funnel_durations WHERE order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
END;

CREATE TRIGGER funnel_days_order_added AFTER INSERT ON order_funnel
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (NEW.order_id, 1);
END;

CREATE TRIGGER funnel_days_moments_leave BEFORE UPDATE ON order_funnel
  WHEN OLD.quoted_at IS NOT NEW.quoted_at OR OLD.confirmed_at IS NOT NEW.confirmed_at
       OR OLD.paid_at IS NOT NEW.paid_at OR OLD.delivered_at IS NOT NEW.delivered_at
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (OLD.order_id, -1);
END;

CREATE TRIGGER funnel_days_moments_join AFTER UPDATE ON order_funnel
  WHEN OLD.quoted_at IS NOT NEW.quoted_at OR OLD.confirmed_at IS NOT NEW.confirmed_at
       OR OLD.paid_at IS NOT NEW.paid_at OR OLD.delivered_at IS NOT NEW.delivered_at
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (NEW.order_id, 1);
END;

CREATE TRIGGER funnel_days_order_leaves BEFORE UPDATE OF ordered_on, staff_id, status, lost_reason_id, total, paid
  ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
       OR OLD.lost_reason_id IS NOT NEW.lost_reason_id OR OLD.total IS NOT NEW.total OR OLD.paid IS NOT NEW.paid
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (OLD.id, -1);
END;

CREATE TRIGGER funnel_days_order_joins AFTER UPDATE OF ordered_on, staff_id, status, lost_reason_id, total, paid
  ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
       OR OLD.lost_reason_id IS NOT NEW.lost_reason_id OR OLD.total IS NOT NEW.total OR OLD.paid IS NOT NEW.paid
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (NEW.id, 1);
END;

-- Before the order and its moments are gone.
CREATE TRIGGER funnel_days_order_deleted BEFORE DELETE ON orders
BEGIN
  INSERT INTO funnel_moves (order_id, sign) VALUES (OLD.id, -1);
END;

-- ---- The staff's interactions and follow-ups ----

-- Interactions by the UTC day they happened (seconds / 86400, rounded
-- down) and who logged them. A period's local days are its whole UTC days
-- from here and the hours at either end from interactions_by_time.
CREATE TABLE interaction_days (
  day       INTEGER NOT NULL,
  staff_id  INTEGER NOT NULL,
  logged    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id)
) STRICT, WITHOUT ROWID;

-- Follow-ups by the day they are due and who logged them: those done on
-- time (before the end of that day on the local clock), done late, and
-- still open (late or not depends on when the figures are read).
CREATE TABLE follow_up_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  on_time   INTEGER NOT NULL,
  late      INTEGER NOT NULL,
  open      INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id)
) STRICT, WITHOUT ROWID;

-- An interaction's figures leave (sign -1) or join (sign 1): every trigger
-- below writes a row here, and this one place moves the figures.
CREATE VIEW interaction_moves AS
  SELECT 0 AS occurred_at, 0 AS staff_id, '' AS follow_up_on, 0 AS follow_up_done_at, 0 AS sign WHERE 0;

CREATE TRIGGER interaction_moves_apply INSTEAD OF INSERT ON interaction_moves
BEGIN
  INSERT INTO interaction_days (day, staff_id, logged)
    VALUES (NEW.occurred_at / 86400 - (NEW.occurred_at % 86400 < 0), coalesce(NEW.staff_id, 0), NEW.sign)
    ON CONFLICT DO UPDATE SET logged = logged + excluded.logged;
  INSERT INTO follow_up_days (day, staff_id, on_time, late, open)
    SELECT NEW.follow_up_on, coalesce(NEW.staff_id, 0),
           NEW.sign * coalesce(NEW.follow_up_done_at < unixepoch(NEW.follow_up_on, '+1 day', 'utc'), 0),
           NEW.sign * coalesce(NEW.follow_up_done_at >= unixepoch(NEW.follow_up_on, '+1 day', 'utc'), 0),
           NEW.sign * (NEW.follow_up_done_at IS NULL)
     WHERE NEW.follow_up_on IS NOT NULL
    ON CONFLICT DO UPDATE SET on_time = on_time + excluded.on_time, late = late + excluded.late,
                              open = open + excluded.open;
END;

CREATE TRIGGER interaction_days_after_insert AFTER INSERT ON interactions
BEGIN
  INSERT INTO interaction_moves (occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (NEW.occurred_at, NEW.staff_id, NEW.follow_up_on, NEW.follow_up_done_at, 1);
END;

CREATE TRIGGER interaction_days_after_delete AFTER DELETE ON interactions
BEGIN
  INSERT INTO interaction_moves (occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (OLD.occurred_at, OLD.staff_id, OLD.follow_up_on, OLD.follow_up_done_at, -1);
END;

CREATE TRIGGER interaction_days_after_update AFTER UPDATE OF occurred_at, staff_id, follow_up_on, follow_up_done_at
  ON interactions
  WHEN OLD.occurred_at IS NOT NEW.occurred_at OR OLD.staff_id IS NOT NEW.staff_id
       OR OLD.follow_up_on IS NOT NEW.follow_up_on OR OLD.follow_up_done_at IS NOT NEW.follow_up_done_at
BEGIN
  INSERT INTO interaction_moves (occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (OLD.occurred_at, OLD.staff_id, OLD.follow_up_on, OLD.follow_up_done_at, -1),
           (NEW.occurred_at, NEW.staff_id, NEW.follow_up_on, NEW.follow_up_done_at, 1);
END;

-- Money owed read from the index alone, in the order of its ageing.
CREATE INDEX orders_owed ON orders (payment_due_on, id, ordered_on, total, paid, staff_id, client_id)
  WHERE paid < total AND status IN ('confirmed', 'fulfilled', 'closed');

-- ---- Sales by region ----

-- Each client's region as the page names it: the region, else the city, of
-- their first address ('' for none). Kept as addresses change.
CREATE TABLE client_regions (
  client_id  INTEGER PRIMARY KEY,
  region     TEXT    NOT NULL
) STRICT;

-- Sales (confirmed, fulfilled and closed orders) by the day they were
-- taken, who took them and their client's region now: how many, and what
-- they come to. A client's region changed moves their figures; a row that
-- comes to nothing goes.
CREATE TABLE region_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  region    TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, region)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER client_regions_address_added AFTER INSERT ON client_addresses
BEGIN
  INSERT INTO client_regions (client_id, region)
    SELECT NEW.client_id, coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality))
                                      FROM client_addresses a WHERE a.client_id = NEW.client_id
                                     ORDER BY a.position LIMIT 1), '')
    ON CONFLICT DO UPDATE SET region = excluded.region WHERE region IS NOT excluded.region;
END;

CREATE TRIGGER client_regions_address_gone AFTER DELETE ON client_addresses
BEGIN
  INSERT INTO client_regions (client_id, region)
    SELECT OLD.client_id, coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality))
                                      FROM client_addresses a WHERE a.client_id = OLD.client_id
                                     ORDER BY a.position LIMIT 1), '')
    ON CONFLICT DO UPDATE SET region = excluded.region WHERE region IS NOT excluded.region;
END;

CREATE TRIGGER client_regions_address_changed AFTER UPDATE OF client_id, position, locality, region
  ON client_addresses
BEGIN
  INSERT INTO client_regions (client_id, region)
    SELECT c.id, coalesce((SELECT coalesce(nullif(trim(a.region), ''), trim(a.locality))
                             FROM client_addresses a WHERE a.client_id = c.id
                            ORDER BY a.position LIMIT 1), '')
      FROM (SELECT OLD.client_id AS id UNION SELECT NEW.client_id) c WHERE true
    ON CONFLICT DO UPDATE SET region = excluded.region WHERE region IS NOT excluded.region;
END;

-- A client's sales leave a region (sign -1) or join one (sign 1).
CREATE VIEW region_moves AS SELECT 0 AS client_id, '' AS region, 0 AS sign WHERE 0;

CREATE TRIGGER region_moves_apply INSTEAD OF INSERT ON region_moves
BEGIN
  INSERT INTO region_days (day, staff_id, region, orders, amount)
    SELECT ordered_on, coalesce(staff_id, 0), NEW.region, NEW.sign * count(*), NEW.sign * sum(total) FROM orders
     WHERE client_id = NEW.client_id AND status IN ('confirmed', 'fulfilled', 'closed') GROUP BY 1, 2
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM region_days
   WHERE NEW.sign < 0 AND region = NEW.region AND orders = 0 AND amount = 0
     AND (day, staff_id) IN (SELECT ordered_on, coalesce(staff_id, 0) FROM orders
                              WHERE client_id = NEW.client_id AND status IN ('confirmed', 'fulfilled', 'closed'));
END;

-- A client's region changed (or first known): their sales move with it.
CREATE TRIGGER region_days_client_moved AFTER UPDATE OF region ON client_regions
  WHEN OLD.region IS NOT NEW.region
BEGIN
  INSERT INTO region_moves (client_id, region, sign) VALUES (OLD.client_id, OLD.region, -1), (NEW.client_id, NEW.region, 1);
END;

CREATE TRIGGER region_days_client_placed AFTER INSERT ON client_regions
  WHEN NEW.region <> ''
BEGIN
  INSERT INTO region_moves (client_id, region, sign) VALUES (NEW.client_id, '', -1), (NEW.client_id, NEW.region, 1);
END;

CREATE TRIGGER region_days_order_added AFTER INSERT ON orders
  WHEN NEW.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO region_days (day, staff_id, region, orders, amount)
    VALUES (NEW.ordered_on, coalesce(NEW.staff_id, 0),
            coalesce((SELECT region FROM client_regions WHERE client_id = NEW.client_id), ''), 1, NEW.total)
    ON CONFLICT DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
END;

CREATE TRIGGER region_days_order_deleted AFTER DELETE ON orders
  WHEN OLD.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  UPDATE region_days SET orders = orders - 1, amount = amount - OLD.total
   WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND region = coalesce((SELECT region FROM client_regions WHERE client_id = OLD.client_id), '');
  DELETE FROM region_days WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND orders = 0 AND amount = 0;
END;

CREATE TRIGGER region_days_order_changed AFTER UPDATE OF ordered_on, staff_id, status, total, client_id ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
       OR OLD.total IS NOT NEW.total OR OLD.client_id IS NOT NEW.client_id
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

-- ---- Under a tag or place ----

-- Each client's orders by day with all a figure needs: the figures of a
-- tag's or a place's clients are read from their orders alone.
CREATE INDEX orders_by_client_day ON orders (client_id, ordered_on, status, staff_id, total, paid);

-- Payments by client, the day they were made, and their order's staff and
-- status: what came in, and what was paid back (a row that comes to nothing
-- goes, so that a client merged and the merge undone leaves none behind). Under a tag or place the
-- payments of the period are read from the clients', not from every
-- payment of the period.
CREATE TABLE client_payment_days (
  client_id  INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  staff_id   INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  received   INTEGER NOT NULL,
  refunded   INTEGER NOT NULL,
  PRIMARY KEY (client_id, day, staff_id, status)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER client_payment_days_added AFTER INSERT ON payments
BEGIN
  INSERT INTO client_payment_days (client_id, day, staff_id, status, received, refunded)
    SELECT client_id, NEW.paid_on, coalesce(staff_id, 0), status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;

CREATE TRIGGER client_payment_days_deleted AFTER DELETE ON payments
BEGIN
  UPDATE client_payment_days
     SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE (client_id, day, staff_id, status) =
         (SELECT client_id, OLD.paid_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
  DELETE FROM client_payment_days
   WHERE client_id = (SELECT client_id FROM orders WHERE id = OLD.order_id) AND day = OLD.paid_on
     AND received = 0 AND refunded = 0;
END;

CREATE TRIGGER client_payment_days_changed AFTER UPDATE OF amount, order_id, paid_on ON payments
BEGIN
  UPDATE client_payment_days
     SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE (client_id, day, staff_id, status) =
         (SELECT client_id, OLD.paid_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
  DELETE FROM client_payment_days
   WHERE client_id = (SELECT client_id FROM orders WHERE id = OLD.order_id) AND day = OLD.paid_on
     AND received = 0 AND refunded = 0;
  INSERT INTO client_payment_days (client_id, day, staff_id, status, received, refunded)
    SELECT client_id, NEW.paid_on, coalesce(staff_id, 0), status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;

-- The order's payments follow its client, staff and status.
CREATE TRIGGER client_payment_days_order_moved AFTER UPDATE OF client_id, staff_id, status ON orders
  WHEN OLD.client_id IS NOT NEW.client_id OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE client_payment_days
     SET received = received - (SELECT coalesce(sum(max(amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = OLD.id AND p.paid_on = client_payment_days.day),
         refunded = refunded - (SELECT coalesce(sum(max(-amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = OLD.id AND p.paid_on = client_payment_days.day)
   WHERE client_id = OLD.client_id AND staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status
     AND day IN (SELECT paid_on FROM payments WHERE order_id = OLD.id);
  DELETE FROM client_payment_days
   WHERE client_id = OLD.client_id AND day IN (SELECT paid_on FROM payments WHERE order_id = OLD.id)
     AND received = 0 AND refunded = 0;
  INSERT INTO client_payment_days (client_id, day, staff_id, status, received, refunded)
    SELECT NEW.client_id, paid_on, coalesce(NEW.staff_id, 0), NEW.status, sum(max(amount, 0)), sum(max(-amount, 0))
      FROM payments WHERE order_id = NEW.id GROUP BY paid_on
    ON CONFLICT DO UPDATE SET received = received + excluded.received, refunded = refunded + excluded.refunded;
END;
