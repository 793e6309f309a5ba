-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: each client's groups (a tag, a city or region of an
-- address) and the sales and payments of each group by day, so that the
-- Analytics page under a tag or a place reads a few thousand rows of its
-- group instead of every order of the group's clients. Kept by the
-- triggers below whoever writes; the C half of the step
-- (rapport-analytics-groups.c) fills them from the data already there.

-- The places the addresses name, as the filter compares them (a city and
-- a region of the same name are one place; case is ignored).
CREATE TABLE analytics_places (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

-- A client's groups: a tag's id, or minus a place's id. (A tag whose id
-- is not above zero, which only a file written by hand can hold, is in
-- no group: its id would be a place's.)
CREATE TABLE client_groups (
  client_id  INTEGER NOT NULL,
  group_id   INTEGER NOT NULL,
  PRIMARY KEY (client_id, group_id)
) STRICT, WITHOUT ROWID;

-- The sales and payments of a group's clients by day, their staff, and
-- whether the order is a sale (1; confirmed, fulfilled or closed) or not
-- (0): how many orders and what they come to (a sale, or a cancellation:
-- other orders are not counted), what came in and what was paid back (on
-- any order, by the day it was paid). The sales count nothing
-- else of a status, so an order going from confirmed to closed moves
-- nothing. One table for both, so that each move is one upsert. A row
-- that comes to nothing goes, so that a client merged and the merge
-- undone leaves none behind.
CREATE TABLE group_days (
  group_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  sale      INTEGER NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  received  INTEGER NOT NULL,
  refunded  INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id, sale)
) STRICT, WITHOUT ROWID;

-- A client's figures move to each of its groups: the triggers on the
-- orders and the payments write a row here, and this one place moves
-- them.
CREATE VIEW group_moves AS
  SELECT 0 AS client_id, '' AS day, 0 AS staff_id, 0 AS sale, 0 AS orders, 0 AS amount,
         0 AS received, 0 AS refunded WHERE 0;

CREATE TRIGGER group_moves_apply INSTEAD OF INSERT ON group_moves
BEGIN
  INSERT INTO group_days (group_id, day, staff_id, sale, orders, amount, received, refunded)
    SELECT group_id, NEW.day, NEW.staff_id, NEW.sale, NEW.orders, NEW.amount, NEW.received, NEW.refunded
      FROM client_groups WHERE client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount,
                              received = received + excluded.received, refunded = refunded + excluded.refunded;
  -- Only a move that takes away can leave a row at nothing.
  DELETE FROM group_days
   WHERE (NEW.orders < 0 OR NEW.amount < 0 OR NEW.received < 0 OR NEW.refunded < 0)
     AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id)
     AND day = NEW.day AND staff_id = NEW.staff_id AND sale = NEW.sale
     AND orders = 0 AND amount = 0 AND received = 0 AND refunded = 0;
END;

CREATE TRIGGER group_days_order_added AFTER INSERT ON orders
  WHEN NEW.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled')
BEGIN
  INSERT INTO group_moves VALUES (NEW.client_id, NEW.ordered_on, coalesce(NEW.staff_id, 0),
                                  NEW.status <> 'cancelled', 1, NEW.total, 0, 0);
END;

CREATE TRIGGER group_days_order_deleted AFTER DELETE ON orders
  WHEN OLD.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled')
BEGIN
  INSERT INTO group_moves VALUES (OLD.client_id, OLD.ordered_on, coalesce(OLD.staff_id, 0),
                                  OLD.status <> 'cancelled', -1, -OLD.total, 0, 0);
END;

-- Moved only when what the sales count changes: a sale confirmed, then
-- fulfilled and closed, moves once.
CREATE TRIGGER group_days_order_changed AFTER UPDATE OF client_id, ordered_on, staff_id, status, total ON orders
  WHEN (OLD.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled') OR NEW.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled'))
       AND (OLD.client_id IS NOT NEW.client_id OR OLD.ordered_on IS NOT NEW.ordered_on
            OR OLD.staff_id IS NOT NEW.staff_id OR OLD.total IS NOT NEW.total
            OR (OLD.status IN ('confirmed', 'fulfilled', 'closed')) IS NOT (NEW.status IN ('confirmed', 'fulfilled', 'closed'))
            OR (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled'))
BEGIN
  INSERT INTO group_moves
    SELECT OLD.client_id, OLD.ordered_on, coalesce(OLD.staff_id, 0), OLD.status <> 'cancelled', -1, -OLD.total, 0, 0
     WHERE OLD.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled')
    UNION ALL
    SELECT NEW.client_id, NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.status <> 'cancelled', 1, NEW.total, 0, 0
     WHERE NEW.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled');
END;

-- A payment's figures, by the day it was made and its order's client,
-- staff and whether the order is a sale.
CREATE TRIGGER group_days_payment_added AFTER INSERT ON payments
BEGIN
  INSERT INTO group_moves
    SELECT client_id, NEW.paid_on, coalesce(staff_id, 0), status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id;
END;

CREATE TRIGGER group_days_payment_deleted AFTER DELETE ON payments
BEGIN
  INSERT INTO group_moves
    SELECT client_id, OLD.paid_on, coalesce(staff_id, 0), status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, -max(OLD.amount, 0), -max(-OLD.amount, 0)
      FROM orders WHERE id = OLD.order_id;
END;

CREATE TRIGGER group_days_payment_changed AFTER UPDATE OF amount, order_id, paid_on ON payments
BEGIN
  INSERT INTO group_moves
    SELECT client_id, OLD.paid_on, coalesce(staff_id, 0), status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, -max(OLD.amount, 0), -max(-OLD.amount, 0)
      FROM orders WHERE id = OLD.order_id
    UNION ALL
    SELECT client_id, NEW.paid_on, coalesce(staff_id, 0), status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id;
END;

-- An order's payments follow its client, staff, and whether it is a sale
-- (a sale confirmed, then closed, moves none).
CREATE TRIGGER group_days_order_payments_moved AFTER UPDATE OF client_id, staff_id, status ON orders
  WHEN OLD.client_id IS NOT NEW.client_id OR OLD.staff_id IS NOT NEW.staff_id
       OR (OLD.status IN ('confirmed', 'fulfilled', 'closed')) IS NOT (NEW.status IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  INSERT INTO group_moves
    SELECT OLD.client_id, paid_on, coalesce(OLD.staff_id, 0), OLD.status IN ('confirmed', 'fulfilled', 'closed'), 0, 0,
           -sum(max(amount, 0)), -sum(max(-amount, 0))
      FROM payments WHERE order_id = OLD.id GROUP BY paid_on
    UNION ALL
    SELECT NEW.client_id, paid_on, coalesce(NEW.staff_id, 0), NEW.status IN ('confirmed', 'fulfilled', 'closed'), 0, 0,
           sum(max(amount, 0)), sum(max(-amount, 0))
      FROM payments WHERE order_id = NEW.id GROUP BY paid_on;
END;

-- A client joins a group with all its figures, and leaves with them.
CREATE TRIGGER client_groups_joined AFTER INSERT ON client_groups
BEGIN
  INSERT INTO group_days (group_id, day, staff_id, sale, orders, amount, received, refunded)
    SELECT NEW.group_id, ordered_on, coalesce(staff_id, 0), status <> 'cancelled', count(*), sum(total), 0, 0
      FROM orders INDEXED BY orders_by_client_day
     WHERE client_id = NEW.client_id AND status IN ('confirmed', 'fulfilled', 'closed', 'cancelled') GROUP BY 2, 3, 4
    UNION ALL
    SELECT NEW.group_id, day, staff_id, status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, received, refunded
      FROM client_payment_days WHERE client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount,
                              received = received + excluded.received, refunded = refunded + excluded.refunded;
END;

CREATE TRIGGER client_groups_left AFTER DELETE ON client_groups
BEGIN
  INSERT INTO group_days (group_id, day, staff_id, sale, orders, amount, received, refunded)
    SELECT OLD.group_id, ordered_on, coalesce(staff_id, 0), status <> 'cancelled', -count(*), -sum(total), 0, 0
      FROM orders INDEXED BY orders_by_client_day
     WHERE client_id = OLD.client_id AND status IN ('confirmed', 'fulfilled', 'closed', 'cancelled') GROUP BY 2, 3, 4
    UNION ALL
    SELECT OLD.group_id, day, staff_id, status IN ('confirmed', 'fulfilled', 'closed'), 0, 0, -received, -refunded
      FROM client_payment_days WHERE client_id = OLD.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount,
                              received = received + excluded.received, refunded = refunded + excluded.refunded;
  DELETE FROM group_days
   WHERE group_id = OLD.group_id
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = OLD.client_id
                 UNION ALL SELECT day FROM client_payment_days WHERE client_id = OLD.client_id)
     AND orders = 0 AND amount = 0 AND received = 0 AND refunded = 0;
END;

-- A tag given or taken.
CREATE TRIGGER client_groups_tag_given AFTER INSERT ON client_tags
  WHEN NEW.tag_id > 0
BEGIN
  INSERT OR IGNORE INTO client_groups (client_id, group_id) VALUES (NEW.client_id, NEW.tag_id);
END;

CREATE TRIGGER client_groups_tag_taken AFTER DELETE ON client_tags
BEGIN
  DELETE FROM client_groups WHERE client_id = OLD.client_id AND group_id = OLD.tag_id;
END;

-- A client's places: each address adds its city and region, and takes
-- away those no other address of the client names.
CREATE TRIGGER client_groups_address_added AFTER INSERT ON client_addresses
BEGIN
  INSERT OR IGNORE INTO analytics_places (name)
    SELECT NEW.locality WHERE NEW.locality <> '' UNION ALL SELECT NEW.region WHERE NEW.region <> '';
  INSERT OR IGNORE INTO client_groups (client_id, group_id)
    SELECT NEW.client_id, -id FROM analytics_places WHERE name IN (NEW.locality, NEW.region);
END;

CREATE TRIGGER client_groups_address_gone AFTER DELETE ON client_addresses
BEGIN
  DELETE FROM client_groups
   WHERE client_id = OLD.client_id
     AND group_id IN (SELECT -p.id FROM analytics_places p WHERE p.name IN (OLD.locality, OLD.region)
                         AND NOT EXISTS (SELECT 1 FROM client_addresses a WHERE a.client_id = OLD.client_id
                                            AND (p.name = a.locality OR p.name = a.region)));
END;

CREATE TRIGGER client_groups_address_changed AFTER UPDATE OF client_id, locality, region ON client_addresses
BEGIN
  DELETE FROM client_groups
   WHERE client_id = OLD.client_id
     AND group_id IN (SELECT -p.id FROM analytics_places p WHERE p.name IN (OLD.locality, OLD.region)
                         AND NOT EXISTS (SELECT 1 FROM client_addresses a WHERE a.client_id = OLD.client_id
                                            AND (p.name = a.locality OR p.name = a.region)));
  INSERT OR IGNORE INTO analytics_places (name)
    SELECT NEW.locality WHERE NEW.locality <> '' UNION ALL SELECT NEW.region WHERE NEW.region <> '';
  INSERT OR IGNORE INTO client_groups (client_id, group_id)
    SELECT NEW.client_id, -id FROM analytics_places WHERE name IN (NEW.locality, NEW.region);
END;
