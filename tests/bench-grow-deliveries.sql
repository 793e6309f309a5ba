-- SPDX-License-Identifier: GPL-3.0-or-later
-- Gives the benchmark's database (1,000,000 orders, 3,000,000 lines, opened
-- once by this version so that its schema is current) the issue's
-- 900,000 deliveries and 1,500,000 warranties in a few minutes, where a
-- seed of that size takes hours:
--   sqlite3 -bail bench.db < tests/bench-grow-deliveries.sql
-- Every sale (confirmed, fulfilled or closed order) with goods gets one
-- delivery of all of them, by one of the three first carriers; the first
-- sales with two or more goods lines are split in two, until there are
-- 900,000. What was fulfilled or closed arrived a day to a week after the
-- order; a confirmed order's delivery is still on its way, planned around
-- its day, so that those of the last weeks are late. Each delivered goods
-- line gets a warranty a unit (at most three: each unit has its serial
-- number), the latest deliveries first, until there are 1,500,000, for
-- the line's warranty months or 12 when the seed gave it none, then
-- extended warranties (a year after the first) up to that count. Orders
-- that have deliveries already keep theirs.
PRAGMA cache_size = -1048576;
PRAGMA foreign_keys = OFF;
BEGIN;

-- The sales with goods, and how many goods lines each has.
CREATE TEMP TABLE sales AS
SELECT o.id AS order_id, o.client_id, o.ordered_on, o.status,
       (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.kind = 'product') AS n_goods
FROM orders o
WHERE o.status IN ('confirmed', 'fulfilled', 'closed')
  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.order_id = o.id);
DELETE FROM sales WHERE n_goods = 0;

-- One delivery a sale, a second part for the first sales with several
-- goods lines until there are 900,000 (part 2 carries the later lines).
CREATE TEMP TABLE parts (order_id INTEGER, part INTEGER, client_id INTEGER, day TEXT,
                         status TEXT, n_goods INTEGER, PRIMARY KEY (order_id, part));
INSERT INTO parts SELECT order_id, 1, client_id, ordered_on, status, n_goods FROM sales
ORDER BY order_id LIMIT 900000;
INSERT INTO parts SELECT order_id, 2, client_id, ordered_on, status, n_goods FROM sales
WHERE n_goods >= 2 ORDER BY order_id
LIMIT max(0, 900000 - (SELECT count(*) FROM parts));
-- The day it is planned for, and for what arrived the day it arrived:
-- never after today.
UPDATE parts SET day = date (day, printf ('+%d days', 1 + (order_id + part) % 7));
UPDATE parts SET day = min (day, date ('now')) WHERE status <> 'confirmed';

-- The three first carriers take turns.
CREATE TEMP TABLE carrier_turns (n INTEGER PRIMARY KEY, carrier_id INTEGER);
INSERT INTO carrier_turns (n, carrier_id)
SELECT row_number () OVER (ORDER BY position, id) - 1, id FROM carriers ORDER BY position, id LIMIT 3;

CREATE TEMP TABLE made (id INTEGER PRIMARY KEY, order_id INTEGER, part INTEGER, n_goods INTEGER,
                        n_parts INTEGER);
INSERT INTO deliveries (order_id, client_id, carrier_id, tracking_number, address, planned_on, status,
                        delivered_on, notes, created_at, updated_at)
SELECT p.order_id, p.client_id, k.id,
       CASE WHEN k.pickup THEN '' ELSE printf ('%s%09d', upper (substr (k.name, 1, 2)), p.order_id * 2 + p.part) END,
       CASE WHEN k.pickup THEN ''
            ELSE coalesce ((SELECT street || char (10) || postal_code || ' ' || locality FROM client_addresses a
                            WHERE a.client_id = p.client_id ORDER BY position LIMIT 1), '') END,
       p.day,
       CASE WHEN p.status = 'confirmed'
            THEN CASE (p.order_id % 4) WHEN 0 THEN 'planned' WHEN 1 THEN 'packed'
                                       WHEN 2 THEN 'shipped' ELSE 'in-transit' END
            ELSE 'delivered' END,
       CASE WHEN p.status = 'confirmed' THEN NULL ELSE p.day END,
       '', unixepoch (p.day) - 86400, unixepoch (p.day) - 86400
FROM parts p
JOIN carrier_turns t ON t.n = p.order_id % (SELECT count(*) FROM carrier_turns)
JOIN carriers k ON k.id = t.carrier_id
ORDER BY p.order_id, p.part;

INSERT INTO made
SELECT d.id, d.order_id, p.part, p.n_goods, (SELECT count(*) FROM parts q WHERE q.order_id = d.order_id)
FROM deliveries d JOIN parts p ON p.order_id = d.order_id
WHERE p.part = (SELECT count(*) FROM deliveries e WHERE e.order_id = d.order_id AND e.id <= d.id);

-- What each part carries: all goods, or the first or the second half.
INSERT INTO delivery_lines (delivery_id, order_line_id, quantity)
SELECT m.id, l.id, l.quantity
FROM made m JOIN order_lines l ON l.order_id = m.order_id AND l.kind = 'product'
WHERE m.n_parts = 1
   OR (m.part = 1) = ((SELECT count(*) FROM order_lines e WHERE e.order_id = m.order_id AND e.kind = 'product'
                       AND (e.position, e.id) < (l.position, l.id)) < m.n_goods / 2);

INSERT INTO delivery_status_changes (delivery_id, status, changed_at, note)
SELECT m.id, 'planned', d.created_at, '' FROM made m JOIN deliveries d ON d.id = m.id;
INSERT INTO delivery_status_changes (delivery_id, status, changed_at, note)
SELECT m.id, d.status, unixepoch (coalesce (d.delivered_on, d.planned_on)), ''
FROM made m JOIN deliveries d ON d.id = m.id WHERE d.status <> 'planned';

-- A warranty a unit of each delivered goods line, until 1,500,000.
CREATE TEMP TABLE units (n INTEGER PRIMARY KEY);
INSERT INTO units VALUES (1), (2), (3);
INSERT INTO warranties (order_line_id, delivery_id, client_id, product, serial_number, quantity,
                        starts_on, ends_on, created_at)
SELECT l.id, d.id, d.client_id, l.name,
       CASE WHEN l.serial_number <> '' AND u.n = 1 THEN l.serial_number
            ELSE printf ('SN%08d-%d', l.id, u.n) END,
       1000, d.delivered_on,
       date (d.delivered_on, printf ('+%d months', CASE WHEN l.warranty_months > 0 THEN l.warranty_months ELSE 12 END)),
       unixepoch (d.delivered_on)
FROM made m JOIN deliveries d ON d.id = m.id AND d.status = 'delivered'
JOIN delivery_lines dl ON dl.delivery_id = d.id
JOIN order_lines l ON l.id = dl.order_line_id
JOIN units u ON u.n <= max (1, min (3, dl.quantity / 1000))
ORDER BY d.id DESC, l.id, u.n
LIMIT max (0, 1500000 - (SELECT count(*) FROM warranties));

-- The seed sells at most three units a line, too few for 1,500,000:
-- the rest are extended warranties, a year after the first ends, of the
-- latest warranties.
INSERT INTO warranties (order_line_id, delivery_id, client_id, product, serial_number, quantity,
                        starts_on, ends_on, created_at)
SELECT order_line_id, delivery_id, client_id, product, serial_number, quantity,
       ends_on, date (ends_on, '+12 months'), created_at
FROM warranties WHERE delivery_id IN (SELECT id FROM made)
ORDER BY id DESC
LIMIT max (0, 1500000 - (SELECT count(*) FROM warranties));

COMMIT;
PRAGMA foreign_keys = ON;
ANALYZE;
