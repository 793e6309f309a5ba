-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: campaigns, the second part.

-- An e-mail campaign may offer a formatted (HTML) message beside its plain
-- text; '' is plain text only.
ALTER TABLE campaigns ADD COLUMN html_body TEXT NOT NULL DEFAULT '';

-- A client's first address with its key for “the same address twice”, read
-- from the index alone: an audience looks it up for every matched client,
-- and reading each address's row cost a random page read of the table
-- apiece. These replace the indexes of the same columns' start.
DROP INDEX client_emails_by_client;
CREATE INDEX client_emails_by_client ON client_emails (client_id, position, match_key);
DROP INDEX client_phones_by_client;
CREATE INDEX client_phones_by_client ON client_phones (client_id, position, match_key);
