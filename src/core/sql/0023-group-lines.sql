-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the lines of each group's sales by day, so that the
-- Analytics page's sales by product under a tag or a place reads a few
-- thousand rows of its group instead of every line of the group's
-- clients' orders. Kept by the triggers below whoever writes; the C half
-- of the step (rapport-analytics-groups.c) fills it from the data already
-- there. The groups and their clients are step 0020's.

-- For each group (client_groups' ids), day, member of staff (0 for none)
-- and catalog item (0 for a line typed by hand, then known by its name;
-- '' for a catalog item): how many sales (confirmed, fulfilled or closed:
-- no other status is counted) have lines of it, each once however many
-- lines and kinds it has of it, and what those lines come to (with tax).
-- A row that comes to nothing goes.
CREATE TABLE group_lines (
  group_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  item_id   INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id, item_id, name)
) STRICT, WITHOUT ROWID;

-- An order's lines leave (sign -1, before a change, from the order as it
-- still is) or join (sign 1, after it) each of its client's groups, when
-- it is a sale: the triggers below write a row here, and this one place
-- moves the figures.
CREATE VIEW group_line_moves AS SELECT 0 AS order_id, 0 AS sign WHERE 0;

CREATE TRIGGER group_line_moves_apply INSTEAD OF INSERT ON group_line_moves
BEGIN
  INSERT INTO group_lines (group_id, day, staff_id, item_id, name, orders, amount)
    SELECT g.group_id, o.ordered_on, coalesce(o.staff_id, 0), coalesce(l.catalog_item_id, 0),
           CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END, NEW.sign, NEW.sign * sum(l.gross)
      FROM orders o CROSS JOIN client_groups g ON g.client_id = o.client_id
      CROSS JOIN order_lines l ON l.order_id = o.id
     WHERE o.id = NEW.order_id AND o.status IN ('confirmed', 'fulfilled', 'closed')
     GROUP BY g.group_id, 4, 5
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM group_lines
   WHERE NEW.sign < 0
     AND group_id IN (SELECT g.group_id FROM orders o JOIN client_groups g ON g.client_id = o.client_id
                       WHERE o.id = NEW.order_id)
     AND (day, staff_id) = (SELECT ordered_on, coalesce(staff_id, 0) FROM orders WHERE id = NEW.order_id)
     AND orders = 0 AND amount = 0;
END;

-- A line added to a sale: its order counts once for its item, however
-- many lines of the item it has. (A draft's lines move nothing; they come
-- with its confirmation, below.)
CREATE TRIGGER group_lines_line_added AFTER INSERT ON order_lines
  WHEN (SELECT status FROM orders WHERE id = NEW.order_id) IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO group_lines (group_id, day, staff_id, item_id, name, orders, amount)
    SELECT g.group_id, o.ordered_on, coalesce(o.staff_id, 0), coalesce(NEW.catalog_item_id, 0),
           CASE WHEN NEW.catalog_item_id IS NULL THEN NEW.name ELSE '' END,
           NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                          AND l.catalog_item_id IS NEW.catalog_item_id
                          AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name)),
           NEW.gross
      FROM orders o CROSS JOIN client_groups g ON g.client_id = o.client_id
     WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
END;

-- A line removed, moved or changed: its order leaves before and comes
-- back after. (An order deleted has taken its lines' figures away before:
-- its lines then find no order.)
CREATE TRIGGER group_lines_line_before_delete BEFORE DELETE ON order_lines
  WHEN (SELECT status FROM orders WHERE id = OLD.order_id) IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.order_id, -1);
END;

CREATE TRIGGER group_lines_line_after_delete AFTER DELETE ON order_lines
  WHEN (SELECT status FROM orders WHERE id = OLD.order_id) IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.order_id, 1);
END;

CREATE TRIGGER group_lines_line_before_update BEFORE UPDATE OF order_id, catalog_item_id, name, gross ON order_lines
  WHEN OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
       OR (OLD.catalog_item_id IS NULL AND OLD.name IS NOT NEW.name) OR OLD.gross IS NOT NEW.gross
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.order_id, -1);
  INSERT INTO group_line_moves (order_id, sign) SELECT NEW.order_id, -1 WHERE NEW.order_id IS NOT OLD.order_id;
END;

CREATE TRIGGER group_lines_line_after_update AFTER UPDATE OF order_id, catalog_item_id, name, gross ON order_lines
  WHEN OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
       OR (OLD.catalog_item_id IS NULL AND OLD.name IS NOT NEW.name) OR OLD.gross IS NOT NEW.gross
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.order_id, 1);
  INSERT INTO group_line_moves (order_id, sign) SELECT NEW.order_id, 1 WHERE NEW.order_id IS NOT OLD.order_id;
END;

-- A sale moved to another client, day or member of staff, or becoming a
-- sale or ceasing to be one (confirmed, then closed, moves nothing), or
-- deleted: its lines' figures move with it.
CREATE TRIGGER group_lines_order_before_update BEFORE UPDATE OF client_id, ordered_on, staff_id, status ON orders
  WHEN OLD.status IN ('confirmed', 'fulfilled', 'closed')
       AND (OLD.client_id IS NOT NEW.client_id OR OLD.ordered_on IS NOT NEW.ordered_on
            OR OLD.staff_id IS NOT NEW.staff_id OR NEW.status NOT IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.id, -1);
END;

CREATE TRIGGER group_lines_order_after_update AFTER UPDATE OF client_id, ordered_on, staff_id, status ON orders
  WHEN NEW.status IN ('confirmed', 'fulfilled', 'closed')
       AND (OLD.client_id IS NOT NEW.client_id OR OLD.ordered_on IS NOT NEW.ordered_on
            OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status NOT IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (NEW.id, 1);
END;

CREATE TRIGGER group_lines_order_before_delete BEFORE DELETE ON orders
  WHEN OLD.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO group_line_moves (order_id, sign) VALUES (OLD.id, -1);
END;

-- A client joins a group with the lines of all its sales, and leaves with
-- them.
CREATE TRIGGER group_lines_client_joined AFTER INSERT ON client_groups
BEGIN
  INSERT INTO group_lines (group_id, day, staff_id, item_id, name, orders, amount)
    SELECT NEW.group_id, day, staff_id, item_id, name, count(*), sum(amount)
      FROM (SELECT o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id,
                   coalesce(l.catalog_item_id, 0) AS item_id,
                   CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END AS name, sum(l.gross) AS amount
              FROM orders o INDEXED BY orders_by_client_day CROSS JOIN order_lines l ON l.order_id = o.id
             WHERE o.client_id = NEW.client_id AND o.status IN ('confirmed', 'fulfilled', 'closed')
             GROUP BY o.id, 3, 4)
     WHERE 1
     GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
END;

CREATE TRIGGER group_lines_client_left AFTER DELETE ON client_groups
BEGIN
  INSERT INTO group_lines (group_id, day, staff_id, item_id, name, orders, amount)
    SELECT OLD.group_id, day, staff_id, item_id, name, -count(*), -sum(amount)
      FROM (SELECT o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id,
                   coalesce(l.catalog_item_id, 0) AS item_id,
                   CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END AS name, sum(l.gross) AS amount
              FROM orders o INDEXED BY orders_by_client_day CROSS JOIN order_lines l ON l.order_id = o.id
             WHERE o.client_id = OLD.client_id AND o.status IN ('confirmed', 'fulfilled', 'closed')
             GROUP BY o.id, 3, 4)
     WHERE 1
     GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM group_lines
   WHERE group_id = OLD.group_id
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = OLD.client_id)
     AND orders = 0 AND amount = 0;
END;

-- ---- Each group's sales by region ----

-- For each group, day and member of staff (0 for none), each region of
-- its clients as the page names it (client_regions, step 0013; '' for
-- none): how many sales, and what they come to.
CREATE TABLE group_regions (
  group_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  region    TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id, region)
) STRICT, WITHOUT ROWID;

-- A sale's figures, as step 0020's triggers move them to each of its
-- client's groups, go to the client's region there too. (Payments and
-- cancellations, which step 0020 moves the same way, are not sales.)
CREATE TRIGGER group_regions_moved INSTEAD OF INSERT ON group_moves
  WHEN NEW.sale AND (NEW.orders <> 0 OR NEW.amount <> 0)
BEGIN
  INSERT INTO group_regions (group_id, day, staff_id, region, orders, amount)
    SELECT group_id, NEW.day, NEW.staff_id,
           coalesce((SELECT region FROM client_regions WHERE client_id = NEW.client_id), ''), NEW.orders, NEW.amount
      FROM client_groups WHERE client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM group_regions
   WHERE (NEW.orders < 0 OR NEW.amount < 0)
     AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id)
     AND day = NEW.day AND staff_id = NEW.staff_id AND orders = 0 AND amount = 0;
END;

-- A client's sales leave (sign -1) or join (sign 1) a region in each of
-- its groups, or in one.
CREATE VIEW group_region_moves AS
  SELECT 0 AS client_id, 0 AS group_id, '' AS region, 0 AS sign WHERE 0;

CREATE TRIGGER group_region_moves_apply INSTEAD OF INSERT ON group_region_moves
BEGIN
  INSERT INTO group_regions (group_id, day, staff_id, region, orders, amount)
    SELECT g.group_id, o.ordered_on, coalesce(o.staff_id, 0), NEW.region, NEW.sign * count(*), NEW.sign * sum(o.total)
      FROM client_groups g CROSS JOIN orders o INDEXED BY orders_by_client_day ON o.client_id = g.client_id
     WHERE g.client_id = NEW.client_id AND (NEW.group_id IS NULL OR g.group_id = NEW.group_id)
       AND o.status IN ('confirmed', 'fulfilled', 'closed')
     GROUP BY 1, 2, 3
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM group_regions
   WHERE NEW.sign < 0
     AND group_id IN (SELECT group_id FROM client_groups
                       WHERE client_id = NEW.client_id AND (NEW.group_id IS NULL OR group_id = NEW.group_id))
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = NEW.client_id)
     AND region = NEW.region AND orders = 0 AND amount = 0;
END;

-- A client joins a group with its sales, at its region, and leaves with
-- them. (On leaving, the membership is gone: the move names the group.)
CREATE TRIGGER group_regions_client_joined AFTER INSERT ON client_groups
BEGIN
  INSERT INTO group_region_moves (client_id, group_id, region, sign)
    VALUES (NEW.client_id, NEW.group_id, coalesce((SELECT region FROM client_regions WHERE client_id = NEW.client_id), ''), 1);
END;

CREATE TRIGGER group_regions_client_left AFTER DELETE ON client_groups
BEGIN
  INSERT INTO group_regions (group_id, day, staff_id, region, orders, amount)
    SELECT OLD.group_id, ordered_on, coalesce(staff_id, 0),
           coalesce((SELECT region FROM client_regions WHERE client_id = OLD.client_id), ''), -count(*), -sum(total)
      FROM orders INDEXED BY orders_by_client_day
     WHERE client_id = OLD.client_id AND status IN ('confirmed', 'fulfilled', 'closed')
     GROUP BY 2, 3
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  DELETE FROM group_regions
   WHERE group_id = OLD.group_id
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = OLD.client_id)
     AND orders = 0 AND amount = 0;
END;

-- A client's region changed (or first known): its sales move with it in
-- each of its groups.
CREATE TRIGGER group_regions_client_moved AFTER UPDATE OF region ON client_regions
  WHEN OLD.region IS NOT NEW.region
BEGIN
  INSERT INTO group_region_moves (client_id, group_id, region, sign)
    VALUES (OLD.client_id, NULL, OLD.region, -1), (NEW.client_id, NULL, NEW.region, 1);
END;

CREATE TRIGGER group_regions_client_placed AFTER INSERT ON client_regions
  WHEN NEW.region <> ''
BEGIN
  INSERT INTO group_region_moves (client_id, group_id, region, sign)
    VALUES (NEW.client_id, NULL, '', -1), (NEW.client_id, NULL, NEW.region, 1);
END;
