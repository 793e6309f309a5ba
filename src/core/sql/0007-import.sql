-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema, step 7: imports and what they bring, duplicates a person
-- said are not, and the parts of a contact card Rapport has no field for.

-- One row a finished import, to undo it later as a whole.
CREATE TABLE import_batches (
  id           INTEGER PRIMARY KEY,
  file_name    TEXT    NOT NULL,
  format       TEXT    NOT NULL CHECK (format IN ('vcard', 'csv')),
  imported_at  INTEGER NOT NULL,
  n_added      INTEGER NOT NULL DEFAULT 0,
  n_merged     INTEGER NOT NULL DEFAULT 0,
  undone_at    INTEGER
) STRICT;

-- The clients an import added or merged into. No foreign key on purpose:
-- merging clients moves whatever points at a client, and an import's
-- record of whom it added must stay as it was. “before” is the client as
-- it was before an import merged into it (a GVariant), NULL for added ones.
CREATE TABLE import_batch_clients (
  batch_id   INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  client_id  INTEGER NOT NULL,
  before     BLOB,
  PRIMARY KEY (batch_id, client_id)
) STRICT, WITHOUT ROWID;

-- What a person told the CSV import a file's columns mean, by the file's
-- header.
CREATE TABLE import_column_maps (
  signature  TEXT    PRIMARY KEY,
  mapping    TEXT    NOT NULL,
  used_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Pairs a person said are two clients, not one; low id first.
CREATE TABLE not_duplicates (
  client_a  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  client_b  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  PRIMARY KEY (client_a, client_b),
  CHECK (client_a < client_b)
) STRICT, WITHOUT ROWID;
CREATE INDEX not_duplicates_by_b ON not_duplicates (client_b);

-- A client's picture (a card's PHOTO).
CREATE TABLE client_pictures (
  client_id  INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  mime_type  TEXT    NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/gif')),
  data       BLOB    NOT NULL
) STRICT;

-- Card lines Rapport has no field for (IMPP, URL, X-…), kept as the card
-- wrote them so that an export gives them back.
CREATE TABLE client_card_lines (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  line       TEXT    NOT NULL
) STRICT;
CREATE INDEX client_card_lines_by_client ON client_card_lines (client_id, position);
