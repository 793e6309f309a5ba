-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the unpaid orders of each group of clients (a tag, a
-- city or region: step 0020's client_groups), so that the Analytics page's
-- money owed under a tag or a place reads the group's unpaid orders in the
-- order of their due day instead of looking up the client of every unpaid
-- order. Kept by the triggers below whoever writes; the C half of the step
-- (rapport-analytics-groups.c) fills it from the orders already there.
--
-- Each trigger writes the rows from the order as it is after the change,
-- so the order in which they fire does not matter.

-- For each group and each unpaid sale (confirmed, fulfilled or closed,
-- paid less than its total) of a client of the group: the order's due
-- day, the day it was taken, its member of staff (0 for none) and what is
-- left to pay on it.
CREATE TABLE group_owed (
  group_id   INTEGER NOT NULL,
  due_on     TEXT    NOT NULL,
  order_id   INTEGER NOT NULL,
  ordered_on TEXT    NOT NULL,
  staff_id   INTEGER NOT NULL,
  balance    INTEGER NOT NULL,
  PRIMARY KEY (group_id, due_on, order_id)
) STRICT, WITHOUT ROWID;

-- An order taken already owing (as an import writes it).
CREATE TRIGGER group_owed_order_added AFTER INSERT ON orders
  WHEN NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  INSERT INTO group_owed (group_id, due_on, order_id, ordered_on, staff_id, balance)
    SELECT group_id, NEW.payment_due_on, NEW.id, NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.total - NEW.paid
      FROM client_groups WHERE client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET ordered_on = excluded.ordered_on, staff_id = excluded.staff_id,
                              balance = excluded.balance;
END;

-- An order that owes, or owed, changed what it owes, its due day, day,
-- member of staff, status or client (a merge): its rows go from the old
-- client's groups and come back in the new one's as it is now.
CREATE TRIGGER group_owed_order_changed
  AFTER UPDATE OF paid, total, status, payment_due_on, ordered_on, staff_id, client_id ON orders
  WHEN (OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed'))
       OR (NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed'))
BEGIN
  DELETE FROM group_owed
   WHERE group_id IN (SELECT group_id FROM client_groups WHERE client_id = OLD.client_id)
     AND due_on = OLD.payment_due_on AND order_id = OLD.id;
  INSERT INTO group_owed (group_id, due_on, order_id, ordered_on, staff_id, balance)
    SELECT group_id, NEW.payment_due_on, NEW.id, NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.total - NEW.paid
      FROM client_groups
     WHERE client_id = NEW.client_id
       AND NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
    ON CONFLICT DO UPDATE SET ordered_on = excluded.ordered_on, staff_id = excluded.staff_id,
                              balance = excluded.balance;
END;

CREATE TRIGGER group_owed_order_deleted AFTER DELETE ON orders
  WHEN OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  DELETE FROM group_owed
   WHERE group_id IN (SELECT group_id FROM client_groups WHERE client_id = OLD.client_id)
     AND due_on = OLD.payment_due_on AND order_id = OLD.id;
END;

-- A client joins a group with its unpaid orders, and leaves with them.
CREATE TRIGGER group_owed_joined AFTER INSERT ON client_groups
BEGIN
  INSERT INTO group_owed (group_id, due_on, order_id, ordered_on, staff_id, balance)
    SELECT NEW.group_id, payment_due_on, id, ordered_on, coalesce(staff_id, 0), total - paid
      FROM orders INDEXED BY orders_by_client_day
     WHERE client_id = NEW.client_id AND paid < total AND status IN ('confirmed', 'fulfilled', 'closed')
    ON CONFLICT DO UPDATE SET ordered_on = excluded.ordered_on, staff_id = excluded.staff_id,
                              balance = excluded.balance;
END;

CREATE TRIGGER group_owed_left AFTER DELETE ON client_groups
BEGIN
  DELETE FROM group_owed
   WHERE group_id = OLD.group_id
     AND (due_on, order_id) IN (SELECT payment_due_on, id FROM orders INDEXED BY orders_by_client_day
                                 WHERE client_id = OLD.client_id);
END;
