-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the search index in name order. Each client has a
-- position, a number that follows the name order (sort_key, then id) with
-- room between neighbours (rapport-client-positions.c keeps it so), and
-- its search row has that number for row id: the index then meets
-- matches in name order, and the first screenful of a search that
-- matches a hundred thousand clients is its first rows, not a sort of
-- them all. The orders of the list read positions from their indexes.
--
-- The search text also gains, for each word of the names, the marks of
-- its first letter and first two letters (U+001E around them), so that
-- a one- or two-letter search is a match of the same index, in the same
-- order, rather than a range of client_words in word order.

ALTER TABLE clients ADD COLUMN search_pos INTEGER;

WITH ranked AS (SELECT id, row_number() OVER (ORDER BY sort_key, id) AS n FROM clients)
UPDATE clients SET search_pos = ranked.n * 1024 FROM ranked WHERE ranked.id = clients.id;

CREATE UNIQUE INDEX clients_by_search_pos ON clients (search_pos);
DROP INDEX clients_active_by_name;
CREATE INDEX clients_active_by_search_pos ON clients (search_pos) WHERE archived_at IS NULL;
DROP INDEX clients_active_by_last_contact;
DROP INDEX clients_all_by_last_contact;
CREATE INDEX clients_active_by_last_contact ON clients (last_contact_at DESC, search_pos)
  WHERE archived_at IS NULL;
CREATE INDEX clients_all_by_last_contact ON clients (last_contact_at DESC, search_pos);

CREATE TEMP TABLE moved_search AS
  SELECT c.search_pos AS pos,
         s.body || coalesce((SELECT char(10) || group_concat(char(30) || substr(w.word, 1, 2) || char(30)
                                                             || substr(w.word, 1, 1) || char(30), '')
                               FROM client_words AS w WHERE w.client_id = c.id), '') AS body
    FROM clients AS c JOIN client_search AS s ON s.rowid = c.id;
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5 (body, tokenize = 'trigram');
INSERT INTO client_search (client_search, rank) VALUES ('hashsize', 8388608);
INSERT INTO client_search (rowid, body) SELECT pos, body FROM temp.moved_search ORDER BY pos;
DROP TABLE temp.moved_search;
