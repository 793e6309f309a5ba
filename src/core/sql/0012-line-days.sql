-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the order lines by day, so that sales by product or
-- service for a year are read from a few ten thousand rows instead of
-- every line of the period. Kept by the triggers below whoever writes;
-- the C half of the step (rapport-analytics.c) fills it from the lines
-- already there.

-- The lines of the orders taken on a day, by who took them, the order's
-- status, the catalog item (0 for a line typed by hand, then known by its
-- name; '' for a catalog item) and the line's kind: how many orders have
-- such lines, and what those lines come to (with tax).
CREATE TABLE line_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  status    TEXT    NOT NULL,
  item_id   INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, status, item_id, name, kind)
) STRICT, WITHOUT ROWID;

-- A line added: its order counts once for its item, however many lines
-- of the item it has.
CREATE TRIGGER line_days_after_insert AFTER INSERT ON order_lines
BEGIN
  INSERT INTO line_days (day, staff_id, status, item_id, name, kind, orders, amount)
    SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(NEW.catalog_item_id, 0),
           CASE WHEN NEW.catalog_item_id IS NULL THEN NEW.name ELSE '' END, NEW.kind,
           NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                          AND l.catalog_item_id IS NEW.catalog_item_id
                          AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind = NEW.kind),
           NEW.gross
      FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
END;

-- A line removed. An order deleted has taken its lines' figures away
-- before (line_days_order_before_delete): its lines then find no order.
CREATE TRIGGER line_days_after_delete AFTER DELETE ON order_lines
BEGIN
  UPDATE line_days
     SET orders = orders - NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id
                                          AND l.catalog_item_id IS OLD.catalog_item_id
                                          AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name)
                                          AND l.kind = OLD.kind),
         amount = amount - OLD.gross
   WHERE (day, staff_id, status) = (SELECT ordered_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id)
     AND item_id = coalesce(OLD.catalog_item_id, 0)
     AND name = CASE WHEN OLD.catalog_item_id IS NULL THEN OLD.name ELSE '' END AND kind = OLD.kind;
END;

-- A line changed in place: it leaves its old figures and joins its new.
CREATE TRIGGER line_days_after_update AFTER UPDATE OF order_id, catalog_item_id, name, kind, gross ON order_lines
  WHEN OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
       OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind OR OLD.gross IS NOT NEW.gross
BEGIN
  UPDATE line_days
     SET orders = orders - NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id AND l.id <> OLD.id
                                          AND l.catalog_item_id IS OLD.catalog_item_id
                                          AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name)
                                          AND l.kind = OLD.kind),
         amount = amount - OLD.gross
   WHERE (day, staff_id, status) = (SELECT ordered_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id)
     AND item_id = coalesce(OLD.catalog_item_id, 0)
     AND name = CASE WHEN OLD.catalog_item_id IS NULL THEN OLD.name ELSE '' END AND kind = OLD.kind;
  INSERT INTO line_days (day, staff_id, status, item_id, name, kind, orders, amount)
    SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(NEW.catalog_item_id, 0),
           CASE WHEN NEW.catalog_item_id IS NULL THEN NEW.name ELSE '' END, NEW.kind,
           NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                          AND l.catalog_item_id IS NEW.catalog_item_id
                          AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind = NEW.kind),
           NEW.gross
      FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
END;

-- An order deleted takes its lines' figures with it, while they are there.
CREATE TRIGGER line_days_order_before_delete BEFORE DELETE ON orders
BEGIN
  UPDATE line_days
     SET orders = orders - 1,
         amount = amount - (SELECT sum(l.gross) FROM order_lines l WHERE l.order_id = OLD.id
                               AND coalesce(l.catalog_item_id, 0) = line_days.item_id
                               AND CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END = line_days.name
                               AND l.kind = line_days.kind)
   WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status
     AND (item_id, name, kind) IN (SELECT coalesce(catalog_item_id, 0),
                                          CASE WHEN catalog_item_id IS NULL THEN name ELSE '' END, kind
                                     FROM order_lines WHERE order_id = OLD.id);
END;

-- An order moved to another day, staff member or status: its lines' figures
-- move with it.
CREATE TRIGGER line_days_order_after_update AFTER UPDATE OF ordered_on, staff_id, status ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE line_days
     SET orders = orders - 1,
         amount = amount - (SELECT sum(l.gross) FROM order_lines l WHERE l.order_id = OLD.id
                               AND coalesce(l.catalog_item_id, 0) = line_days.item_id
                               AND CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END = line_days.name
                               AND l.kind = line_days.kind)
   WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status
     AND (item_id, name, kind) IN (SELECT coalesce(catalog_item_id, 0),
                                          CASE WHEN catalog_item_id IS NULL THEN name ELSE '' END, kind
                                     FROM order_lines WHERE order_id = OLD.id);
  INSERT INTO line_days (day, staff_id, status, item_id, name, kind, orders, amount)
    SELECT NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.status, coalesce(catalog_item_id, 0),
           CASE WHEN catalog_item_id IS NULL THEN name ELSE '' END, kind, 1, sum(gross)
      FROM order_lines WHERE order_id = NEW.id GROUP BY 4, 5, 6
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
END;
