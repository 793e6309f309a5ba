-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema, step 1: staff, clients with their contact points, tags,
-- interactions, and the search indexes.
-- Times are UTC seconds since the epoch; days a person means as a day
-- (a birthday, a follow-up) are 'YYYY-MM-DD' text.

CREATE TABLE staff (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  role        TEXT    NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE clients (
  id               INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL CHECK (kind IN ('person', 'company')),
  given_name       TEXT    NOT NULL DEFAULT '',
  family_name      TEXT    NOT NULL DEFAULT '',
  display_name     TEXT    NOT NULL CHECK (length(trim(display_name)) > 0),
  organization     TEXT    NOT NULL DEFAULT '',
  notes            TEXT    NOT NULL DEFAULT '',
  birthday         TEXT    CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  owner_id         INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  archived_at      INTEGER,
  last_contact_at  INTEGER,
  -- display_name folded (case, accents, scripts' variants): the name order
  sort_key         TEXT    NOT NULL
) STRICT;

-- The Clients list: active clients by name, or by last contact (newest first).
CREATE INDEX clients_active_by_name ON clients (sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX clients_all_by_name ON clients (sort_key, id);
CREATE INDEX clients_active_by_last_contact ON clients (last_contact_at DESC, sort_key, id)
  WHERE archived_at IS NULL;
CREATE INDEX clients_all_by_last_contact ON clients (last_contact_at DESC, sort_key, id);
CREATE INDEX clients_by_owner ON clients (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE client_phones (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  label      TEXT    NOT NULL DEFAULT '',
  number     TEXT    NOT NULL CHECK (length(trim(number)) > 0),
  -- the last nine digits: the same for every way of writing the number
  match_key  TEXT    NOT NULL
) STRICT;
CREATE INDEX client_phones_by_client ON client_phones (client_id, position);
CREATE INDEX client_phones_by_match_key ON client_phones (match_key);

CREATE TABLE client_emails (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  label      TEXT    NOT NULL DEFAULT '',
  address    TEXT    NOT NULL CHECK (length(trim(address)) > 0),
  -- the address case-folded
  match_key  TEXT    NOT NULL
) STRICT;
CREATE INDEX client_emails_by_client ON client_emails (client_id, position);
CREATE INDEX client_emails_by_match_key ON client_emails (match_key);

CREATE TABLE client_addresses (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  label        TEXT    NOT NULL DEFAULT '',
  street       TEXT    NOT NULL DEFAULT '',
  locality     TEXT    NOT NULL DEFAULT '',
  region       TEXT    NOT NULL DEFAULT '',
  postal_code  TEXT    NOT NULL DEFAULT '',
  country      TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX client_addresses_by_client ON client_addresses (client_id, position);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE client_tags (
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (client_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX client_tags_by_tag ON client_tags (tag_id);

-- Folded words of each client's names: the 1–2 character prefix search.
CREATE TABLE client_words (
  word       TEXT    NOT NULL,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  PRIMARY KEY (word, client_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX client_words_by_client ON client_words (client_id);

-- Folded names, organization, phones (as written and as digits), e-mails,
-- addresses and notes of each client, rowid = clients.id. Substring search.
CREATE VIRTUAL TABLE client_search USING fts5 (body, tokenize = 'trigram');

CREATE TABLE interactions (
  id            INTEGER PRIMARY KEY,
  -- interactions are history: a client who has them is archived, never deleted
  client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  kind          TEXT    NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'visit', 'note')),
  direction     TEXT    NOT NULL DEFAULT 'none' CHECK (direction IN ('none', 'inbound', 'outbound')),
  occurred_at   INTEGER NOT NULL,
  staff_id      INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  summary       TEXT    NOT NULL DEFAULT '',
  body          TEXT    NOT NULL DEFAULT '',
  follow_up_on  TEXT    CHECK (follow_up_on IS NULL OR follow_up_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX interactions_by_client ON interactions (client_id, occurred_at DESC, id DESC);
CREATE INDEX interactions_by_follow_up ON interactions (follow_up_on) WHERE follow_up_on IS NOT NULL;
CREATE INDEX interactions_by_staff ON interactions (staff_id) WHERE staff_id IS NOT NULL;

-- A note is not contact: last contact is the newest call, meeting, e-mail or visit.
CREATE TRIGGER interactions_after_insert AFTER INSERT ON interactions
WHEN NEW.kind <> 'note'
BEGIN
  UPDATE clients SET last_contact_at = NEW.occurred_at
   WHERE id = NEW.client_id
     AND (last_contact_at IS NULL OR last_contact_at < NEW.occurred_at);
END;

CREATE TRIGGER interactions_after_delete AFTER DELETE ON interactions
WHEN OLD.kind <> 'note'
BEGIN
  UPDATE clients SET last_contact_at =
    (SELECT max(occurred_at) FROM interactions
      WHERE client_id = OLD.client_id AND kind <> 'note')
   WHERE id = OLD.client_id;
END;

CREATE TRIGGER interactions_after_update AFTER UPDATE OF client_id, kind, occurred_at ON interactions
BEGIN
  UPDATE clients SET last_contact_at =
    (SELECT max(occurred_at) FROM interactions
      WHERE client_id = clients.id AND kind <> 'note')
   WHERE id IN (OLD.client_id, NEW.client_id);
END;
