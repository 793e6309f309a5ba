-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: analytics. Summaries of the orders and payments that the
-- triggers below keep in step with every write, whoever makes it, so that
-- a year of figures is read from a few thousand rows instead of a million
-- orders; the clients' RFM scores and usual intervals, computed in the
-- background; and indexes for the figures read from the tables themselves.
-- The C half of the step (rapport-analytics.c) fills the summaries from the
-- data already there. Who counts as what is in README.md, “Analytics”.

-- Orders by the day they were taken, who took them and their status: how
-- many, and what they come to (with tax).
CREATE TABLE sales_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  status    TEXT    NOT NULL,
  orders    INTEGER NOT NULL,
  amount    INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, status)
) STRICT, WITHOUT ROWID;

-- Payments by the day they were made, and their order's staff and status:
-- what came in, and what was paid back (a positive number).
CREATE TABLE payment_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  status    TEXT    NOT NULL,
  received  INTEGER NOT NULL,
  refunded  INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, status)
) STRICT, WITHOUT ROWID;

-- Each client's sales (confirmed, fulfilled and closed orders): the first
-- and last day, how many, what they came to.
CREATE TABLE client_sales (
  client_id  INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  first_day  TEXT    NOT NULL,
  last_day   TEXT    NOT NULL,
  orders     INTEGER NOT NULL,
  spent      INTEGER NOT NULL
) STRICT;
CREATE INDEX client_sales_by_first_day ON client_sales (first_day);
CREATE INDEX client_sales_by_last_day ON client_sales (last_day, first_day);

-- Each client's scores as last computed: for clients who bought, recency,
-- frequency and money (1 to 5) and the segment they name; for regular
-- clients (three days or more with an order or a visit) the usual number
-- of days between two of them; and the last such day.
CREATE TABLE client_scores (
  client_id       INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  recency         INTEGER CHECK (recency BETWEEN 1 AND 5),
  frequency       INTEGER CHECK (frequency BETWEEN 1 AND 5),
  monetary        INTEGER CHECK (monetary BETWEEN 1 AND 5),
  segment         TEXT,
  visits          INTEGER NOT NULL,
  usual_interval  INTEGER,
  last_day        TEXT    NOT NULL,
  scored_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX client_scores_by_segment ON client_scores (segment, client_id);
CREATE INDEX client_scores_regular ON client_scores (client_id, last_day, usual_interval)
  WHERE usual_interval IS NOT NULL;

-- The moments each order reached the steps of the funnel: first quoted,
-- first confirmed, last paid (its last payment) and first delivered.
CREATE TABLE order_funnel (
  order_id      INTEGER PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  quoted_at     INTEGER,
  confirmed_at  INTEGER,
  paid_at       INTEGER,
  delivered_at  INTEGER
) STRICT;

-- Sales by day read from the orders themselves (for checking, and under
-- the filters the summaries do not keep), without reading the table.
CREATE INDEX orders_sales_by_day ON orders (ordered_on, status, staff_id, total, client_id, paid);
-- Paid by day from the payments themselves.
CREATE INDEX payments_by_day ON payments (paid_on, order_id, amount);
-- The days a client came in.
CREATE INDEX interactions_visits ON interactions (client_id, occurred_at) WHERE kind = 'visit';
-- Interactions logged in a period, by whom; follow-ups due in a period.
CREATE INDEX interactions_by_time ON interactions (occurred_at, staff_id);
-- (Open ones are in interactions_open_follow_ups; this one holds only the
-- done, so that the reminders' walk of the open keeps its small index.)
CREATE INDEX interactions_done_follow_ups ON interactions (follow_up_on, staff_id, follow_up_done_at)
  WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NOT NULL;

-- ---- Orders ----

CREATE TRIGGER analytics_orders_after_insert AFTER INSERT ON orders
BEGIN
  INSERT INTO order_funnel (order_id) VALUES (NEW.id);
  INSERT INTO sales_days (day, staff_id, status, orders, amount)
    VALUES (NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.status, 1, NEW.total)
    ON CONFLICT DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
  DELETE FROM client_sales WHERE client_id = NEW.client_id;
  INSERT INTO client_sales (client_id, first_day, last_day, orders, spent)
    SELECT client_id, min(ordered_on), max(ordered_on), count(*), sum(total)
      FROM orders WHERE client_id = NEW.client_id AND status IN ('confirmed', 'fulfilled', 'closed')
      GROUP BY client_id;
END;

CREATE TRIGGER analytics_orders_after_delete AFTER DELETE ON orders
BEGIN
  DELETE FROM order_funnel WHERE order_id = OLD.id;
  UPDATE sales_days SET orders = orders - 1, amount = amount - OLD.total
   WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status;
  DELETE FROM client_sales WHERE client_id = OLD.client_id;
  INSERT INTO client_sales (client_id, first_day, last_day, orders, spent)
    SELECT client_id, min(ordered_on), max(ordered_on), count(*), sum(total)
      FROM orders WHERE client_id = OLD.client_id AND status IN ('confirmed', 'fulfilled', 'closed')
      GROUP BY client_id;
END;

-- A line added or changed changes the order's total: the day's amount
-- moves with it.
CREATE TRIGGER analytics_orders_after_update AFTER UPDATE OF ordered_on, staff_id, status, total ON orders
  WHEN OLD.ordered_on IS NOT NEW.ordered_on OR OLD.staff_id IS NOT NEW.staff_id
       OR OLD.status IS NOT NEW.status OR OLD.total IS NOT NEW.total
BEGIN
  UPDATE sales_days SET orders = orders - 1, amount = amount - OLD.total
   WHERE day = OLD.ordered_on AND staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status;
  INSERT INTO sales_days (day, staff_id, status, orders, amount)
    VALUES (NEW.ordered_on, coalesce(NEW.staff_id, 0), NEW.status, 1, NEW.total)
    ON CONFLICT DO UPDATE SET orders = orders + 1, amount = amount + excluded.amount;
END;

-- The order's payments follow its staff and status.
CREATE TRIGGER analytics_orders_move_payments AFTER UPDATE OF staff_id, status ON orders
  WHEN OLD.staff_id IS NOT NEW.staff_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE payment_days
     SET received = received - (SELECT coalesce(sum(max(amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = OLD.id AND p.paid_on = payment_days.day),
         refunded = refunded - (SELECT coalesce(sum(max(-amount, 0)), 0) FROM payments p
                                 WHERE p.order_id = OLD.id AND p.paid_on = payment_days.day)
   WHERE staff_id = coalesce(OLD.staff_id, 0) AND status = OLD.status
     AND day IN (SELECT paid_on FROM payments WHERE order_id = OLD.id);
  INSERT INTO payment_days (day, staff_id, status, received, refunded)
    SELECT paid_on, coalesce(NEW.staff_id, 0), NEW.status, sum(max(amount, 0)), sum(max(-amount, 0))
      FROM payments WHERE order_id = NEW.id GROUP BY paid_on
    ON CONFLICT DO UPDATE SET received = received + excluded.received,
                              refunded = refunded + excluded.refunded;
END;

-- Whether, when and how much a client bought.
CREATE TRIGGER analytics_orders_client_sales AFTER UPDATE OF client_id, ordered_on, status ON orders
  WHEN OLD.client_id IS NOT NEW.client_id OR OLD.ordered_on IS NOT NEW.ordered_on
       OR OLD.status IS NOT NEW.status
BEGIN
  DELETE FROM client_sales WHERE client_id IN (OLD.client_id, NEW.client_id);
  INSERT INTO client_sales (client_id, first_day, last_day, orders, spent)
    SELECT client_id, min(ordered_on), max(ordered_on), count(*), sum(total)
      FROM orders WHERE client_id IN (OLD.client_id, NEW.client_id)
                    AND status IN ('confirmed', 'fulfilled', 'closed')
      GROUP BY client_id;
END;

CREATE TRIGGER analytics_orders_client_spent AFTER UPDATE OF total ON orders
  WHEN OLD.total IS NOT NEW.total AND OLD.client_id IS NEW.client_id
       AND OLD.ordered_on IS NEW.ordered_on AND OLD.status IS NEW.status
       AND NEW.status IN ('confirmed', 'fulfilled', 'closed')
BEGIN
  UPDATE client_sales SET spent = spent + NEW.total - OLD.total WHERE client_id = NEW.client_id;
END;

-- ---- The funnel's moments ----

CREATE TRIGGER analytics_funnel_status AFTER INSERT ON order_status_changes
  WHEN NEW.status IN ('quoted', 'confirmed')
BEGIN
  UPDATE order_funnel
     SET quoted_at = CASE WHEN NEW.status = 'quoted' THEN min(coalesce(quoted_at, NEW.changed_at), NEW.changed_at)
                          ELSE quoted_at END,
         confirmed_at = CASE WHEN NEW.status = 'confirmed'
                             THEN min(coalesce(confirmed_at, NEW.changed_at), NEW.changed_at)
                             ELSE confirmed_at END
   WHERE order_id = NEW.order_id;
END;

CREATE TRIGGER analytics_funnel_payment AFTER INSERT ON payments
BEGIN
  UPDATE order_funnel SET paid_at = max(coalesce(paid_at, NEW.created_at), NEW.created_at)
   WHERE order_id = NEW.order_id;
END;

CREATE TRIGGER analytics_funnel_payment_gone AFTER DELETE ON payments
BEGIN
  UPDATE order_funnel SET paid_at = (SELECT max(created_at) FROM payments WHERE order_id = OLD.order_id)
   WHERE order_id = OLD.order_id;
END;

CREATE TRIGGER analytics_funnel_payment_moved AFTER UPDATE OF order_id, created_at ON payments
BEGIN
  UPDATE order_funnel SET paid_at = (SELECT max(created_at) FROM payments WHERE order_id = order_funnel.order_id)
   WHERE order_id IN (OLD.order_id, NEW.order_id);
END;

CREATE TRIGGER analytics_funnel_delivered AFTER INSERT ON delivery_status_changes
  WHEN NEW.status = 'delivered'
BEGIN
  UPDATE order_funnel SET delivered_at = min(coalesce(delivered_at, NEW.changed_at), NEW.changed_at)
   WHERE order_id = (SELECT order_id FROM deliveries WHERE id = NEW.delivery_id);
END;

CREATE TRIGGER analytics_funnel_delivery_gone AFTER DELETE ON delivery_status_changes
  WHEN OLD.status = 'delivered'
BEGIN
  UPDATE order_funnel
     SET delivered_at = (SELECT min(dc.changed_at) FROM deliveries d
                           JOIN delivery_status_changes dc ON dc.delivery_id = d.id
                          WHERE d.order_id = order_funnel.order_id AND dc.status = 'delivered')
   WHERE order_id = (SELECT order_id FROM deliveries WHERE id = OLD.delivery_id);
END;

-- ---- Payments ----

CREATE TRIGGER analytics_payments_after_insert AFTER INSERT ON payments
BEGIN
  INSERT INTO payment_days (day, staff_id, status, received, refunded)
    SELECT NEW.paid_on, coalesce(staff_id, 0), status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received,
                              refunded = refunded + excluded.refunded;
END;

CREATE TRIGGER analytics_payments_after_delete AFTER DELETE ON payments
BEGIN
  UPDATE payment_days SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE day = OLD.paid_on
     AND (staff_id, status) = (SELECT coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
END;

CREATE TRIGGER analytics_payments_after_update AFTER UPDATE OF amount, order_id, paid_on ON payments
BEGIN
  UPDATE payment_days SET received = received - max(OLD.amount, 0), refunded = refunded - max(-OLD.amount, 0)
   WHERE day = OLD.paid_on
     AND (staff_id, status) = (SELECT coalesce(staff_id, 0), status FROM orders WHERE id = OLD.order_id);
  INSERT INTO payment_days (day, staff_id, status, received, refunded)
    SELECT NEW.paid_on, coalesce(staff_id, 0), status, max(NEW.amount, 0), max(-NEW.amount, 0)
      FROM orders WHERE id = NEW.order_id
    ON CONFLICT DO UPDATE SET received = received + excluded.received,
                              refunded = refunded + excluded.refunded;
END;

-- A “slipping away” reminder marked done, for the absence it was about
-- (the client's last day then): when the client comes back and slips away
-- again, there is a new reminder.
CREATE TABLE win_back_done (
  client_id  INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  last_day   TEXT    NOT NULL,
  done_at    INTEGER NOT NULL
) STRICT;
