-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the funnel, and the staff's interactions and follow-ups,
-- of each group of step 0020 (a tag, a city or region) by day, so that the
-- Analytics page under a tag or a place reads a few thousand rows of its
-- group instead of every order's moments and every interaction of the
-- group's clients. Kept by the triggers below whoever writes; the C half
-- of the step (rapport-analytics-groups.c) fills them from the data
-- already there. A row that comes to nothing goes, so that a client
-- merged and the merge undone leaves none behind.

-- The funnel of the group's clients' orders, as funnel_days (step 0013)
-- keeps it for all orders.
CREATE TABLE group_funnel_days (
  group_id   INTEGER NOT NULL,
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
  PRIMARY KEY (group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered)
) STRICT, WITHOUT ROWID;

-- The histogram of times before each step, as funnel_times keeps it: a
-- median is not a sum, so the buckets are kept and the page finds the
-- median among them.
CREATE TABLE group_funnel_times (
  group_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  step      INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  orders    INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id, step, bucket)
) STRICT, WITHOUT ROWID;

-- The group's clients' interactions by the UTC day they happened and who
-- logged them, as interaction_days keeps them (the hours at either end of
-- a period are read from the interactions).
CREATE TABLE group_interaction_days (
  group_id  INTEGER NOT NULL,
  day       INTEGER NOT NULL,
  staff_id  INTEGER NOT NULL,
  logged    INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id)
) STRICT, WITHOUT ROWID;

-- Their follow-ups by the day they are due and who logged them: those
-- done by the quarter hour after the UTC end of that day they were done
-- in (as follow_up_done_days keeps them: on time or late is decided when
-- read, in the reader's zone), and those still open (quarter 0).
CREATE TABLE group_follow_up_days (
  group_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  quarter   INTEGER NOT NULL,
  done      INTEGER NOT NULL,
  open      INTEGER NOT NULL,
  PRIMARY KEY (group_id, day, staff_id, quarter)
) STRICT, WITHOUT ROWID;

-- ---- The funnel ----

-- An order's funnel figures leave its client's groups (sign -1) or join
-- them (sign 1), as the order is when the move is written.
CREATE VIEW group_funnel_moves AS SELECT 0 AS order_id, 0 AS client_id, 0 AS sign WHERE 0;

CREATE TRIGGER group_funnel_moves_apply INSTEAD OF INSERT ON group_funnel_moves
BEGIN
  INSERT INTO group_funnel_days (group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered,
                                 orders, amount)
    SELECT g.group_id, f.day, f.staff_id, f.status, f.reason_id, f.quoted, f.confirmed, f.paid, f.delivered,
           NEW.sign, NEW.sign * f.amount
      FROM funnel_facts f JOIN client_groups g ON g.client_id = NEW.client_id
     WHERE f.order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO group_funnel_times (group_id, day, staff_id, step, bucket, orders)
    SELECT g.group_id, d.day, d.staff_id, d.step, d.bucket, NEW.sign
      FROM funnel_durations d JOIN client_groups g ON g.client_id = NEW.client_id
     WHERE d.order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
  -- Only a move that takes away can leave a row at nothing.
  DELETE FROM group_funnel_days
   WHERE NEW.sign < 0 AND orders = 0 AND amount = 0
     AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id)
     AND day = (SELECT ordered_on FROM orders WHERE id = NEW.order_id);
  DELETE FROM group_funnel_times
   WHERE NEW.sign < 0 AND orders = 0
     AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id)
     AND day = (SELECT ordered_on FROM orders WHERE id = NEW.order_id);
END;

-- Each move of the funnel by day (step 0013) moves the groups' funnel, if
-- the order's client is in any: an order leaves before it changes, as its
-- client's, and comes back after, as its (maybe new) client's.
CREATE TRIGGER group_funnel_follows_funnel INSTEAD OF INSERT ON funnel_moves
BEGIN
  INSERT INTO group_funnel_moves (order_id, client_id, sign)
    SELECT NEW.order_id, o.client_id, NEW.sign FROM orders o
     WHERE o.id = NEW.order_id AND EXISTS (SELECT 1 FROM client_groups g WHERE g.client_id = o.client_id);
END;

-- An order given to another client, and nothing else of its funnel
-- changed (else the triggers of step 0013 move it): a merge, or its undo.
CREATE TRIGGER group_funnel_client_leaves BEFORE UPDATE OF client_id ON orders
  WHEN OLD.client_id IS NOT NEW.client_id AND OLD.ordered_on IS NEW.ordered_on AND OLD.staff_id IS NEW.staff_id
       AND OLD.status IS NEW.status AND OLD.lost_reason_id IS NEW.lost_reason_id AND OLD.total IS NEW.total
       AND OLD.paid IS NEW.paid
BEGIN
  INSERT INTO group_funnel_moves (order_id, client_id, sign) VALUES (OLD.id, OLD.client_id, -1);
END;

CREATE TRIGGER group_funnel_client_joins AFTER UPDATE OF client_id ON orders
  WHEN OLD.client_id IS NOT NEW.client_id AND OLD.ordered_on IS NEW.ordered_on AND OLD.staff_id IS NEW.staff_id
       AND OLD.status IS NEW.status AND OLD.lost_reason_id IS NEW.lost_reason_id AND OLD.total IS NEW.total
       AND OLD.paid IS NEW.paid
BEGIN
  INSERT INTO group_funnel_moves (order_id, client_id, sign) VALUES (NEW.id, NEW.client_id, 1);
END;

-- ---- The interactions and follow-ups ----

-- An interaction leaves its client's groups (sign -1) or joins them.
CREATE VIEW group_interaction_moves AS
  SELECT 0 AS client_id, 0 AS occurred_at, 0 AS staff_id, '' AS follow_up_on, 0 AS follow_up_done_at, 0 AS sign
   WHERE 0;

CREATE TRIGGER group_interaction_moves_apply INSTEAD OF INSERT ON group_interaction_moves
BEGIN
  INSERT INTO group_interaction_days (group_id, day, staff_id, logged)
    SELECT group_id, NEW.occurred_at / 86400 - (NEW.occurred_at % 86400 < 0), coalesce(NEW.staff_id, 0), NEW.sign
      FROM client_groups WHERE client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET logged = logged + excluded.logged;
  -- A follow-up done on a day that is no day counts nowhere, as in
  -- follow_up_done_days.
  INSERT INTO group_follow_up_days (group_id, day, staff_id, quarter, done, open)
    SELECT group_id, NEW.follow_up_on, coalesce(NEW.staff_id, 0),
           CASE WHEN NEW.follow_up_done_at IS NULL THEN 0
                ELSE max(-57, min(57, (NEW.follow_up_done_at - unixepoch(NEW.follow_up_on, '+1 day')
                                       - ((NEW.follow_up_done_at - unixepoch(NEW.follow_up_on, '+1 day')) % 900 + 900)
                                         % 900) / 900)) END,
           NEW.sign * (NEW.follow_up_done_at IS NOT NULL), NEW.sign * (NEW.follow_up_done_at IS NULL)
      FROM client_groups
     WHERE client_id = NEW.client_id AND NEW.follow_up_on IS NOT NULL
       AND (NEW.follow_up_done_at IS NULL OR unixepoch(NEW.follow_up_on) IS NOT NULL)
    ON CONFLICT DO UPDATE SET done = done + excluded.done, open = open + excluded.open;
  DELETE FROM group_interaction_days
   WHERE NEW.sign < 0 AND logged = 0 AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id)
     AND day = NEW.occurred_at / 86400 - (NEW.occurred_at % 86400 < 0);
  DELETE FROM group_follow_up_days
   WHERE NEW.sign < 0 AND done = 0 AND open = 0
     AND group_id IN (SELECT group_id FROM client_groups WHERE client_id = NEW.client_id) AND day = NEW.follow_up_on;
END;

CREATE TRIGGER group_interactions_added AFTER INSERT ON interactions
BEGIN
  INSERT INTO group_interaction_moves (client_id, occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (NEW.client_id, NEW.occurred_at, NEW.staff_id, NEW.follow_up_on, NEW.follow_up_done_at, 1);
END;

CREATE TRIGGER group_interactions_deleted AFTER DELETE ON interactions
BEGIN
  INSERT INTO group_interaction_moves (client_id, occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (OLD.client_id, OLD.occurred_at, OLD.staff_id, OLD.follow_up_on, OLD.follow_up_done_at, -1);
END;

CREATE TRIGGER group_interactions_changed
  AFTER UPDATE OF client_id, occurred_at, staff_id, follow_up_on, follow_up_done_at ON interactions
  WHEN OLD.client_id IS NOT NEW.client_id OR OLD.occurred_at IS NOT NEW.occurred_at OR OLD.staff_id IS NOT NEW.staff_id
       OR OLD.follow_up_on IS NOT NEW.follow_up_on OR OLD.follow_up_done_at IS NOT NEW.follow_up_done_at
BEGIN
  INSERT INTO group_interaction_moves (client_id, occurred_at, staff_id, follow_up_on, follow_up_done_at, sign)
    VALUES (OLD.client_id, OLD.occurred_at, OLD.staff_id, OLD.follow_up_on, OLD.follow_up_done_at, -1),
           (NEW.client_id, NEW.occurred_at, NEW.staff_id, NEW.follow_up_on, NEW.follow_up_done_at, 1);
END;

-- ---- A client joining or leaving a group ----

-- What a client brings to a group, and takes away: its orders' funnel
-- (funnel_facts and funnel_durations of step 0013), its interactions and
-- its follow-ups. (Its times are read a row each, not grouped: grouped,
-- SQLite reads the durations of every order.) The follow-ups as
-- group_follow_up_days counts them, with their client: the triggers and
-- the check share it.
CREATE VIEW group_follow_up_rows AS
  SELECT client_id, follow_up_on AS day, coalesce(staff_id, 0) AS staff_id,
         CASE WHEN follow_up_done_at IS NULL THEN 0
              ELSE max(-57, min(57, (follow_up_done_at - unixepoch(follow_up_on, '+1 day')
                                     - ((follow_up_done_at - unixepoch(follow_up_on, '+1 day')) % 900 + 900) % 900)
                                    / 900)) END AS quarter,
         follow_up_done_at IS NOT NULL AS done, follow_up_done_at IS NULL AS open
    FROM interactions
   WHERE follow_up_on IS NOT NULL AND (follow_up_done_at IS NULL OR unixepoch(follow_up_on) IS NOT NULL);

CREATE TRIGGER group_activity_joined AFTER INSERT ON client_groups
BEGIN
  INSERT INTO group_funnel_days (group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered,
                                 orders, amount)
    SELECT NEW.group_id, f.day, f.staff_id, f.status, f.reason_id, f.quoted, f.confirmed, f.paid, f.delivered,
           count(*), sum(f.amount)
      FROM orders o INDEXED BY orders_by_client_day JOIN funnel_facts f ON f.order_id = o.id
     WHERE o.client_id = NEW.client_id GROUP BY 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO group_funnel_times (group_id, day, staff_id, step, bucket, orders)
    SELECT NEW.group_id, d.day, d.staff_id, d.step, d.bucket, 1
      FROM funnel_durations d JOIN orders o INDEXED BY orders_by_client_day ON o.id = d.order_id
     WHERE o.client_id = NEW.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
  INSERT INTO group_interaction_days (group_id, day, staff_id, logged)
    SELECT NEW.group_id, occurred_at / 86400 - (occurred_at % 86400 < 0), coalesce(staff_id, 0), count(*)
      FROM interactions WHERE client_id = NEW.client_id GROUP BY 2, 3
    ON CONFLICT DO UPDATE SET logged = logged + excluded.logged;
  INSERT INTO group_follow_up_days (group_id, day, staff_id, quarter, done, open)
    SELECT NEW.group_id, day, staff_id, quarter, sum(done), sum(open) FROM group_follow_up_rows
     WHERE client_id = NEW.client_id GROUP BY 2, 3, 4
    ON CONFLICT DO UPDATE SET done = done + excluded.done, open = open + excluded.open;
END;

CREATE TRIGGER group_activity_left AFTER DELETE ON client_groups
BEGIN
  INSERT INTO group_funnel_days (group_id, day, staff_id, status, reason_id, quoted, confirmed, paid, delivered,
                                 orders, amount)
    SELECT OLD.group_id, f.day, f.staff_id, f.status, f.reason_id, f.quoted, f.confirmed, f.paid, f.delivered,
           -count(*), -sum(f.amount)
      FROM orders o INDEXED BY orders_by_client_day JOIN funnel_facts f ON f.order_id = o.id
     WHERE o.client_id = OLD.client_id GROUP BY 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;
  INSERT INTO group_funnel_times (group_id, day, staff_id, step, bucket, orders)
    SELECT OLD.group_id, d.day, d.staff_id, d.step, d.bucket, -1
      FROM funnel_durations d JOIN orders o INDEXED BY orders_by_client_day ON o.id = d.order_id
     WHERE o.client_id = OLD.client_id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders;
  INSERT INTO group_interaction_days (group_id, day, staff_id, logged)
    SELECT OLD.group_id, occurred_at / 86400 - (occurred_at % 86400 < 0), coalesce(staff_id, 0), -count(*)
      FROM interactions WHERE client_id = OLD.client_id GROUP BY 2, 3
    ON CONFLICT DO UPDATE SET logged = logged + excluded.logged;
  INSERT INTO group_follow_up_days (group_id, day, staff_id, quarter, done, open)
    SELECT OLD.group_id, day, staff_id, quarter, -sum(done), -sum(open) FROM group_follow_up_rows
     WHERE client_id = OLD.client_id GROUP BY 2, 3, 4
    ON CONFLICT DO UPDATE SET done = done + excluded.done, open = open + excluded.open;
  DELETE FROM group_funnel_days
   WHERE group_id = OLD.group_id AND orders = 0 AND amount = 0
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = OLD.client_id);
  DELETE FROM group_funnel_times
   WHERE group_id = OLD.group_id AND orders = 0
     AND day IN (SELECT ordered_on FROM orders INDEXED BY orders_by_client_day WHERE client_id = OLD.client_id);
  DELETE FROM group_interaction_days
   WHERE group_id = OLD.group_id AND logged = 0
     AND day IN (SELECT occurred_at / 86400 - (occurred_at % 86400 < 0) FROM interactions WHERE client_id = OLD.client_id);
  DELETE FROM group_follow_up_days
   WHERE group_id = OLD.group_id AND done = 0 AND open = 0
     AND day IN (SELECT follow_up_on FROM interactions WHERE client_id = OLD.client_id);
END;
