-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: new and returning clients read from a few hundred rows.
-- How many clients made their first sale, and how many their last, on
-- each day, kept from client_sales (step 0008) by the triggers below, so
-- that a year's new clients are a sum over its days, and its returning
-- ones the clients whose last sale is in it less the new ones, plus only
-- those who bought again after it (README, “Analytics”). The C half of
-- the step (rapport-analytics-sales.c) fills it from client_sales.

CREATE TABLE client_days (
  day     TEXT    NOT NULL PRIMARY KEY,
  firsts  INTEGER NOT NULL,
  lasts   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER client_days_after_insert AFTER INSERT ON client_sales
BEGIN
  INSERT INTO client_days (day, firsts, lasts) VALUES (NEW.first_day, 1, 0)
    ON CONFLICT DO UPDATE SET firsts = firsts + 1;
  INSERT INTO client_days (day, firsts, lasts) VALUES (NEW.last_day, 0, 1)
    ON CONFLICT DO UPDATE SET lasts = lasts + 1;
END;

CREATE TRIGGER client_days_after_delete AFTER DELETE ON client_sales
BEGIN
  UPDATE client_days SET firsts = firsts - 1 WHERE day = OLD.first_day;
  UPDATE client_days SET lasts = lasts - 1 WHERE day = OLD.last_day;
END;

CREATE TRIGGER client_days_after_update AFTER UPDATE OF first_day, last_day ON client_sales
  WHEN OLD.first_day IS NOT NEW.first_day OR OLD.last_day IS NOT NEW.last_day
BEGIN
  UPDATE client_days SET firsts = firsts - 1 WHERE day = OLD.first_day;
  INSERT INTO client_days (day, firsts, lasts) VALUES (NEW.first_day, 1, 0)
    ON CONFLICT DO UPDATE SET firsts = firsts + 1;
  UPDATE client_days SET lasts = lasts - 1 WHERE day = OLD.last_day;
  INSERT INTO client_days (day, firsts, lasts) VALUES (NEW.last_day, 0, 1)
    ON CONFLICT DO UPDATE SET lasts = lasts + 1;
END;

-- The refunds by day, for the sales read from the payments themselves
-- (for checking): only a refund needs its order's status, and the few
-- thousand refunds of a year are read without the rest.
CREATE INDEX payments_refunds_by_day ON payments (paid_on, order_id, amount) WHERE amount < 0;
