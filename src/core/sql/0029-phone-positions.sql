-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: each phone holds its client's position (step 28), and
-- the phone keys' index holds it beside the client, so that the first
-- rows of a search by a number's first digits are read in name order
-- from the index alone. “+7 91” is the start of 5,283 keys at a million
-- clients: looking each client up for its position was a random page
-- read apiece, about 40 ms of the search.
--
-- Rapport gives the phones their client's position wherever it places a
-- client (rapport-client-positions.c says why not by a trigger there).
-- Triggers give it to a phone added, or given to another client, by
-- whoever writes; a search that meets a phone whose copy is not its
-- client's position does not trust the copies.

ALTER TABLE client_phones ADD COLUMN search_pos INTEGER;

UPDATE client_phones SET search_pos = (SELECT search_pos FROM clients WHERE clients.id = client_phones.client_id);

DROP INDEX client_phones_by_match_key;
CREATE INDEX client_phones_by_match_key ON client_phones (match_key, search_pos, client_id);

CREATE TRIGGER client_phones_added AFTER INSERT ON client_phones
WHEN NEW.search_pos IS NOT (SELECT search_pos FROM clients WHERE id = NEW.client_id)
BEGIN
  UPDATE client_phones SET search_pos = (SELECT search_pos FROM clients WHERE id = NEW.client_id)
   WHERE id = NEW.id;
END;

CREATE TRIGGER client_phones_moved AFTER UPDATE OF client_id, search_pos ON client_phones
WHEN NEW.search_pos IS NOT (SELECT search_pos FROM clients WHERE id = NEW.client_id)
BEGIN
  UPDATE client_phones SET search_pos = (SELECT search_pos FROM clients WHERE id = NEW.client_id)
   WHERE id = NEW.id;
END;
