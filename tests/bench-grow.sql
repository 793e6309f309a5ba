-- SPDX-License-Identifier: GPL-3.0-or-later
-- Grows the benchmark's database of 100,000 clients and 1,000,000
-- interactions to 1,000,000 clients and 2,000,000 interactions in a few
-- minutes, where seeding them takes much longer:
--   cp bench.db bench-1m.db && sqlite3 bench-1m.db < tests/bench-grow.sql
-- Each client is copied nine times under new ids, with its phones,
-- e-mails, addresses, tags, name words and search text, so that a search
-- finds ten times what it found (“gmail.com”: 18,000 clients become
-- 180,000); the first copy of each client gets a copy of its interactions.
-- Orders stay with the first 100,000 clients. Then every client is given
-- its position in the name order again and the search index is written in
-- that order, as schema step 28 does.
PRAGMA cache_size = -1048576;
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE copies (n INTEGER PRIMARY KEY);
WITH RECURSIVE k (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 9)
INSERT INTO copies SELECT n FROM k;
CREATE TEMP TABLE base AS SELECT max(id) AS span FROM clients;

INSERT INTO clients (id, kind, given_name, family_name, display_name, organization, notes,
                     birthday, owner_id, created_at, updated_at, archived_at, last_contact_at, sort_key)
SELECT c.id + copies.n * base.span, kind, given_name, family_name, display_name, organization, notes,
       birthday, owner_id, created_at, updated_at, archived_at, NULL, sort_key
FROM clients AS c, copies, base WHERE c.id <= base.span;

INSERT INTO client_phones (client_id, position, label, number, match_key)
SELECT client_id + copies.n * base.span, position, label, number, match_key
FROM client_phones, copies, base WHERE client_id <= base.span;
INSERT INTO client_emails (client_id, position, label, address, match_key)
SELECT client_id + copies.n * base.span, position, label, address, match_key
FROM client_emails, copies, base WHERE client_id <= base.span;
INSERT INTO client_addresses (client_id, position, label, street, locality, region, postal_code, country)
SELECT client_id + copies.n * base.span, position, label, street, locality, region, postal_code, country
FROM client_addresses, copies, base WHERE client_id <= base.span;
INSERT INTO client_tags (client_id, tag_id, position)
SELECT client_id + copies.n * base.span, tag_id, position
FROM client_tags, copies, base WHERE client_id <= base.span;
INSERT INTO client_words (word, client_id)
SELECT word, client_id + copies.n * base.span
FROM client_words, copies, base WHERE client_id <= base.span;
CREATE TEMP TABLE bodies AS
SELECT c.id AS id, s.body AS body FROM clients AS c JOIN client_search AS s ON s.rowid = c.search_pos;
INSERT INTO temp.bodies (id, body)
SELECT b.id + copies.n * base.span, b.body FROM temp.bodies AS b, copies, base WHERE b.id <= base.span;
CREATE INDEX temp.bodies_by_id ON bodies (id);

UPDATE clients SET search_pos = NULL;
WITH ranked AS (SELECT id, row_number() OVER (ORDER BY sort_key, id) AS n FROM clients)
UPDATE clients SET search_pos = ranked.n * 1024 FROM ranked WHERE ranked.id = clients.id;
DELETE FROM client_search;
INSERT INTO client_search (rowid, body)
SELECT c.search_pos, b.body FROM clients AS c JOIN temp.bodies AS b ON b.id = c.id ORDER BY c.search_pos;

INSERT INTO interactions (client_id, kind, direction, occurred_at, staff_id, summary, body,
                          follow_up_on, created_at)
SELECT client_id + base.span, kind, direction, occurred_at, staff_id, summary, body,
       follow_up_on, created_at
FROM interactions, base WHERE client_id <= base.span;
COMMIT;
PRAGMA foreign_keys = ON;
