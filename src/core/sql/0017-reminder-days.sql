-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: what is due, counted from a few rows. How many open
-- reminders of the big sources fall on each day — orders whose payment is
-- due, follow-ups, regulars slipping away, warranties ending (by their
-- last day: the notice days before it are a setting, applied when read) —
-- kept by the triggers below whoever writes. What is overdue depends on today, so no
-- count is kept as “overdue”: a section's count is a sum over its days,
-- read when the agenda is, and the day passing moves nothing here. The
-- agenda used to count tens of thousands of index entries for the same
-- answer (README, “What is due, on the benchmark's file”).
--
-- A slipping-away reminder marked done (win_back_done) is still counted
-- on its day here: the few marked done are taken off when read, since
-- whether one still applies depends on the client's last day.

CREATE TABLE reminder_days (
  source  TEXT    NOT NULL,
  day     TEXT    NOT NULL,
  due     INTEGER NOT NULL,
  PRIMARY KEY (source, day)
) STRICT, WITHOUT ROWID;

-- What the table holds, from the records themselves: the filling below,
-- the rebuild and `rapport-cli report check` read it.
CREATE VIEW reminder_days_from_records AS
  SELECT 'payment-due' AS source, payment_due_on AS day, count(*) AS due FROM orders
   WHERE paid < total AND status IN ('confirmed', 'fulfilled', 'closed') AND payment_reminder_done_at IS NULL
   GROUP BY payment_due_on
  UNION ALL
  SELECT 'follow-up', follow_up_on, count(*) FROM interactions
   WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL
   GROUP BY follow_up_on
  UNION ALL
  SELECT 'slipping-away', due_day, count(*) FROM client_scores
   WHERE due_day IS NOT NULL
   GROUP BY due_day
  UNION ALL
  SELECT 'warranty-soon', ends_on, count(*) FROM warranties
   WHERE soon_reminder_done_at IS NULL
   GROUP BY ends_on
  UNION ALL
  SELECT 'warranty-end', ends_on, count(*) FROM warranties
   WHERE end_reminder_done_at IS NULL
   GROUP BY ends_on;

-- A reminder leaves its day (sign -1) or joins one (sign 1): every
-- trigger below writes a row here, and this one place moves the counts.
-- A day that comes to nothing goes, so that the days summed are only
-- those with something due.
CREATE VIEW reminder_day_moves AS SELECT '' AS source, '' AS day, 0 AS sign WHERE 0;

CREATE TRIGGER reminder_day_moves_apply INSTEAD OF INSERT ON reminder_day_moves
  WHEN NEW.day IS NOT NULL
BEGIN
  INSERT INTO reminder_days (source, day, due) VALUES (NEW.source, NEW.day, NEW.sign)
    ON CONFLICT DO UPDATE SET due = due + excluded.due;
  DELETE FROM reminder_days WHERE NEW.sign < 0 AND source = NEW.source AND day = NEW.day AND due = 0;
END;

-- ---- Orders whose payment is due (the partial index orders_payment_due) ----

CREATE TRIGGER reminder_days_order_added AFTER INSERT ON orders
  WHEN NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
       AND NEW.payment_reminder_done_at IS NULL
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign) VALUES ('payment-due', NEW.payment_due_on, 1);
END;

CREATE TRIGGER reminder_days_order_deleted AFTER DELETE ON orders
  WHEN OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed')
       AND OLD.payment_reminder_done_at IS NULL
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign) VALUES ('payment-due', OLD.payment_due_on, -1);
END;

-- A payment added, edited or deleted changes the order's paid; a line its
-- total; a cancellation its status; Done its reminder; new terms its day.
CREATE TRIGGER reminder_days_order_changed
  AFTER UPDATE OF paid, total, status, payment_reminder_done_at, payment_due_on ON orders
  WHEN (OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed')
        AND OLD.payment_reminder_done_at IS NULL)
       IS NOT (NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
               AND NEW.payment_reminder_done_at IS NULL)
       OR OLD.payment_due_on IS NOT NEW.payment_due_on
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign)
    SELECT 'payment-due', OLD.payment_due_on, -1
     WHERE OLD.paid < OLD.total AND OLD.status IN ('confirmed', 'fulfilled', 'closed')
       AND OLD.payment_reminder_done_at IS NULL
    UNION ALL
    SELECT 'payment-due', NEW.payment_due_on, 1
     WHERE NEW.paid < NEW.total AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
       AND NEW.payment_reminder_done_at IS NULL;
END;

-- ---- Follow-ups: one more trigger on the interactions' moves of step 0013 ----

CREATE TRIGGER reminder_days_follow_up_moved INSTEAD OF INSERT ON interaction_moves
  WHEN NEW.follow_up_on IS NOT NULL AND NEW.follow_up_done_at IS NULL
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign) VALUES ('follow-up', NEW.follow_up_on, NEW.sign);
END;

-- ---- Regulars slipping away: their due day of step 0015 ----

CREATE TRIGGER reminder_days_due_day_added AFTER INSERT ON client_scores
  WHEN NEW.due_day IS NOT NULL
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign) VALUES ('slipping-away', NEW.due_day, 1);
END;

CREATE TRIGGER reminder_days_due_day_deleted AFTER DELETE ON client_scores
  WHEN OLD.due_day IS NOT NULL
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign) VALUES ('slipping-away', OLD.due_day, -1);
END;

CREATE TRIGGER reminder_days_due_day_moved AFTER UPDATE OF due_day ON client_scores
  WHEN OLD.due_day IS NOT NEW.due_day
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign)
    SELECT 'slipping-away', OLD.due_day, -1 WHERE OLD.due_day IS NOT NULL
    UNION ALL
    SELECT 'slipping-away', NEW.due_day, 1 WHERE NEW.due_day IS NOT NULL;
END;

-- ---- Warranties: the notice before the end, and the last day ----

CREATE TRIGGER reminder_days_warranty_added AFTER INSERT ON warranties
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign)
    SELECT 'warranty-soon', NEW.ends_on, 1 WHERE NEW.soon_reminder_done_at IS NULL
    UNION ALL
    SELECT 'warranty-end', NEW.ends_on, 1 WHERE NEW.end_reminder_done_at IS NULL;
END;

-- Also when a returned delivery takes its warranties with it.
CREATE TRIGGER reminder_days_warranty_deleted AFTER DELETE ON warranties
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign)
    SELECT 'warranty-soon', OLD.ends_on, -1 WHERE OLD.soon_reminder_done_at IS NULL
    UNION ALL
    SELECT 'warranty-end', OLD.ends_on, -1 WHERE OLD.end_reminder_done_at IS NULL;
END;

CREATE TRIGGER reminder_days_warranty_changed
  AFTER UPDATE OF ends_on, soon_reminder_done_at, end_reminder_done_at ON warranties
  WHEN OLD.ends_on IS NOT NEW.ends_on
       OR (OLD.soon_reminder_done_at IS NULL) IS NOT (NEW.soon_reminder_done_at IS NULL)
       OR (OLD.end_reminder_done_at IS NULL) IS NOT (NEW.end_reminder_done_at IS NULL)
BEGIN
  INSERT INTO reminder_day_moves (source, day, sign)
    SELECT 'warranty-soon', OLD.ends_on, -1 WHERE OLD.soon_reminder_done_at IS NULL
    UNION ALL
    SELECT 'warranty-end', OLD.ends_on, -1 WHERE OLD.end_reminder_done_at IS NULL
    UNION ALL
    SELECT 'warranty-soon', NEW.ends_on, 1 WHERE NEW.soon_reminder_done_at IS NULL
    UNION ALL
    SELECT 'warranty-end', NEW.ends_on, 1 WHERE NEW.end_reminder_done_at IS NULL;
END;

INSERT INTO reminder_days (source, day, due) SELECT source, day, due FROM reminder_days_from_records;
