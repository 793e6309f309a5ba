-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the orders that the lines by day (step 0012) count more
-- than once for an item, so that sales by product count each order once
-- whatever the kinds of its lines. The lines by day keep a row a kind,
-- and an order with lines of one item (or one typed name) as both a
-- product and a service is counted in both: only a change of the item's
-- kind between two lines, or another program, makes such an order, so
-- what is to be taken off is kept apart, nearly always empty, rather
-- than a second row of every item a day. Kept by the triggers below
-- whoever writes; the C half of the step (rapport-analytics-lines.c)
-- fills it from the lines already there.

-- For the orders taken on a day, by who took them, with the order's
-- status, and a catalog item (0 for a line typed by hand, then known by
-- its name; '' for a catalog item): how many more times than once the
-- lines by day count those orders for the item, that is, for each order
-- the number of kinds of its lines of the item, less one.
CREATE TABLE line_kind_repeats (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  status    TEXT    NOT NULL,
  item_id   INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, status, item_id, name)
) STRICT, WITHOUT ROWID;

-- A line added in a kind its order had no line of the item in, while it
-- had one in another kind: one more repeat.
CREATE TRIGGER line_kind_repeats_after_insert AFTER INSERT ON order_lines
  WHEN EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id
                  AND l.catalog_item_id IS NEW.catalog_item_id
                  AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind <> NEW.kind)
   AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                      AND l.catalog_item_id IS NEW.catalog_item_id
                      AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind = NEW.kind)
BEGIN
  INSERT INTO line_kind_repeats (day, staff_id, status, item_id, name, orders)
    SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(NEW.catalog_item_id, 0),
           CASE WHEN NEW.catalog_item_id IS NULL THEN NEW.name ELSE '' END, 1
      FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + 1;
END;

-- A line removed, the last of its kind for the item in its order, while
-- the order keeps a line of the item in another kind: one repeat fewer.
-- An order deleted has taken its repeats away before
-- (line_kind_repeats_order_before_delete): its lines then find no order.
CREATE TRIGGER line_kind_repeats_after_delete AFTER DELETE ON order_lines
  WHEN EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id
                  AND l.catalog_item_id IS OLD.catalog_item_id
                  AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name) AND l.kind <> OLD.kind)
   AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id
                      AND l.catalog_item_id IS OLD.catalog_item_id
                      AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name) AND l.kind = OLD.kind)
BEGIN
  UPDATE line_kind_repeats SET orders = orders - 1
   WHERE (day, staff_id, status) = (SELECT ordered_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id)
     AND item_id = coalesce(OLD.catalog_item_id, 0)
     AND name = CASE WHEN OLD.catalog_item_id IS NULL THEN OLD.name ELSE '' END;
END;

-- A line changed in place: it leaves the order's other lines as if
-- removed, then joins them as if added, each as above.
CREATE TRIGGER line_kind_repeats_after_update AFTER UPDATE OF order_id, catalog_item_id, name, kind ON order_lines
  WHEN OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id
       OR OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind
BEGIN
  UPDATE line_kind_repeats SET orders = orders - 1
   WHERE (day, staff_id, status) = (SELECT ordered_on, coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id)
     AND item_id = coalesce(OLD.catalog_item_id, 0)
     AND name = CASE WHEN OLD.catalog_item_id IS NULL THEN OLD.name ELSE '' END
     AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id AND l.id <> OLD.id
                    AND l.catalog_item_id IS OLD.catalog_item_id
                    AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name) AND l.kind <> OLD.kind)
     AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = OLD.order_id AND l.id <> OLD.id
                        AND l.catalog_item_id IS OLD.catalog_item_id
                        AND (OLD.catalog_item_id IS NOT NULL OR l.name = OLD.name) AND l.kind = OLD.kind);
  INSERT INTO line_kind_repeats (day, staff_id, status, item_id, name, orders)
    SELECT o.ordered_on, coalesce(o.staff_id, 0), o.status, coalesce(NEW.catalog_item_id, 0),
           CASE WHEN NEW.catalog_item_id IS NULL THEN NEW.name ELSE '' END, 1
      FROM orders o
     WHERE o.id = NEW.order_id
       AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                      AND l.catalog_item_id IS NEW.catalog_item_id
                      AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind <> NEW.kind)
       AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = NEW.order_id AND l.id <> NEW.id
                          AND l.catalog_item_id IS NEW.catalog_item_id
                          AND (NEW.catalog_item_id IS NOT NULL OR l.name = NEW.name) AND l.kind = NEW.kind)
    ON CONFLICT DO UPDATE SET orders = orders + 1;
END;

-- Each order's repeats by item, from its lines.
CREATE VIEW order_line_kind_repeats AS
  SELECT order_id, coalesce(catalog_item_id, 0) AS item_id,
         CASE WHEN catalog_item_id IS NULL THEN name ELSE '' END AS name, count(DISTINCT kind) - 1 AS repeats
    FROM order_lines GROUP BY 1, 2, 3 HAVING count(DISTINCT kind) > 1;

-- An order deleted takes its repeats with it, while its lines are there.
CREATE TRIGGER line_kind_repeats_order_before_delete BEFORE DELETE ON orders
BEGIN
  UPDATE line_kind_repeats SET orders = orders - r.repeats FROM order_line_kind_repeats r
   WHERE r.order_id = OLD.id AND day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND status = OLD.status AND line_kind_repeats.item_id = r.item_id AND line_kind_repeats.name = r.name;
END;

-- An order moved to another day, member of staff or status: its repeats
-- move with it.
CREATE TRIGGER line_kind_repeats_order_after_update AFTER UPDATE OF ordered_on, staff_id, status ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE line_kind_repeats SET orders = orders - r.repeats FROM order_line_kind_repeats r
   WHERE r.order_id = OLD.id AND day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0)
     AND status = OLD.status AND line_kind_repeats.item_id = r.item_id AND line_kind_repeats.name = r.name;
  INSERT INTO line_kind_repeats (day, staff_id, status, item_id, name, orders)
    SELECT NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.status, item_id, name, repeats
      FROM order_line_kind_repeats WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
END;
