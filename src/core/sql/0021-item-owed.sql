-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the unpaid orders of each catalog item, so that the
-- Analytics page's money owed under a catalog item's filter reads the
-- item's few unpaid orders in the order of their due day instead of
-- checking every unpaid order against the item's orders. Kept by the
-- triggers below whoever writes; the C half of the step
-- (rapport-analytics-items.c) fills it from the orders already there.
--
-- Each trigger writes the rows from the order and its lines as they are
-- after the change, so the order in which they fire does not matter.

-- For each catalog item and each unpaid sale (confirmed, fulfilled or
-- closed, paid less than its total) with a line of it: the order's due
-- day, the day it was taken, its member of staff (0 for none) and what is
-- left to pay on the whole order.
CREATE TABLE item_owed (
  item_id    INTEGER NOT NULL,
  due_on     TEXT    NOT NULL,
  order_id   INTEGER NOT NULL,
  ordered_on TEXT    NOT NULL,
  staff_id   INTEGER NOT NULL,
  balance    INTEGER NOT NULL,
  PRIMARY KEY (item_id, due_on, order_id)
) STRICT, WITHOUT ROWID;

-- An order that owes, or owed, changed what it owes, its due day, day,
-- member of staff or status: its rows go and come back as it is now.
CREATE TRIGGER item_owed_order_changed
  AFTER UPDATE OF paid, total, status, payment_due_on, ordered_on, staff_id ON orders
  WHEN (OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed'))
       OR (NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  DELETE FROM item_owed
   WHERE item_id IN (SELECT catalog_item_id FROM order_lines WHERE order_id = OLD.id AND catalog_item_id IS NOT NULL)
     AND due_on = OLD.payment_due_on AND order_id = OLD.id;
  INSERT INTO item_owed (item_id, due_on, order_id, ordered_on, staff_id, balance)
    SELECT DISTINCT l.catalog_item_id, NEW.payment_due_on, NEW.id, NEW.ordered_on, coalesce(NEW.staff_id, 0),
           NEW.total - NEW.paid
      FROM order_lines l
     WHERE l.order_id = NEW.id AND l.catalog_item_id IS NOT NULL
       AND NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
    ON CONFLICT DO UPDATE SET ordered_on = excluded.ordered_on, staff_id = excluded.staff_id,
                              balance = excluded.balance;
END;

-- An order deleted takes its rows with it (its lines go after it).
CREATE TRIGGER item_owed_order_deleted BEFORE DELETE ON orders
  WHEN OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  DELETE FROM item_owed
   WHERE item_id IN (SELECT catalog_item_id FROM order_lines WHERE order_id = OLD.id AND catalog_item_id IS NOT NULL)
     AND due_on = OLD.payment_due_on AND order_id = OLD.id;
END;

-- A line of a catalog item removed from an order (or moved, or given
-- another item): the order no longer owes under an item it has no line
-- of, and owes under the one it now has. (A line added, removed or moved
-- changes its order's total, and what it owes follows above.)
CREATE TRIGGER item_owed_line_removed AFTER DELETE ON order_lines
  WHEN OLD.catalog_item_id IS NOT NULL
BEGIN
  DELETE FROM item_owed
   WHERE item_id = OLD.catalog_item_id
     AND due_on = (SELECT payment_due_on FROM orders WHERE id = OLD.order_id) AND order_id = OLD.order_id
     AND NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = OLD.order_id
                                                 AND catalog_item_id = OLD.catalog_item_id);
END;

CREATE TRIGGER item_owed_line_moved AFTER UPDATE OF order_id, catalog_item_id ON order_lines
  WHEN (OLD.catalog_item_id IS NOT NULL OR NEW.catalog_item_id IS NOT NULL)
       AND (OLD.order_id IS NOT NEW.order_id OR OLD.catalog_item_id IS NOT NEW.catalog_item_id)
BEGIN
  DELETE FROM item_owed
   WHERE item_id = OLD.catalog_item_id
     AND due_on = (SELECT payment_due_on FROM orders WHERE id = OLD.order_id) AND order_id = OLD.order_id
     AND NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = OLD.order_id
                                                 AND catalog_item_id = OLD.catalog_item_id);
  INSERT INTO item_owed (item_id, due_on, order_id, ordered_on, staff_id, balance)
    SELECT NEW.catalog_item_id, o.payment_due_on, o.id, o.ordered_on, coalesce(o.staff_id, 0), o.total - o.paid
      FROM orders o
     WHERE NEW.catalog_item_id IS NOT NULL
       AND o.id = NEW.order_id AND o.paid < o.total AND o.status IN ('confirmed', 'fulfilled', 'closed')
    ON CONFLICT DO UPDATE SET ordered_on = excluded.ordered_on, staff_id = excluded.staff_id,
                              balance = excluded.balance;
END;
