-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema, step 3: phone numbers match on their whole number.
-- client_phones.match_key becomes the number's digits with the calling code
-- first (rapport_phone_match_key()), worked out with the business's own
-- country for numbers written without one; this table holds which country
-- the keys were made for, so that every program that reads the file makes
-- the keys of what it looks for the same way. The keys themselves are made
-- again by the C part of this step.

CREATE TABLE phone_settings (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  -- ISO 3166 code of the business's country, or '' when not known
  region  TEXT    NOT NULL DEFAULT ''
) STRICT;

INSERT INTO phone_settings (id, region) VALUES (1, '');
