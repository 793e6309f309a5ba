-- SPDX-License-Identifier: GPL-3.0-or-later
-- Campaigns: saved segments (rules over the clients), opt-outs per client
-- and channel, campaigns with the recipient list frozen when sent, and the
-- send queue, whose per-recipient state makes sending resumable and never
-- twice.

CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  match_any   INTEGER NOT NULL DEFAULT 0 CHECK (match_any IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- One rule of a segment: what it tests (kind), and its values; which
-- values a kind uses is the core's rule model (rapport-segment.c).
CREATE TABLE segment_rules (
  segment_id  INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  text_value  TEXT    NOT NULL DEFAULT '',
  number      INTEGER NOT NULL DEFAULT 0,
  days        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (segment_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE opt_outs (
  client_id      INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  channel        TEXT    NOT NULL CHECK (channel IN ('email', 'sms', 'phone')),
  opted_out_at   INTEGER NOT NULL,
  PRIMARY KEY (client_id, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  channel      TEXT    NOT NULL CHECK (channel IN ('email', 'sms', 'phone')),
  segment_id   INTEGER REFERENCES segments (id) ON DELETE SET NULL,
  subject      TEXT    NOT NULL DEFAULT '',
  body         TEXT    NOT NULL DEFAULT '',
  cost         INTEGER CHECK (cost IS NULL OR cost >= 0),
  status       TEXT    NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'sending', 'paused', 'sent')),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  started_at   INTEGER,
  finished_at  INTEGER,
  -- The frozen list's counts, kept by the triggers below, so that the list
  -- of campaigns reads a row each and never counts recipients.
  n_recipients INTEGER NOT NULL DEFAULT 0,
  n_sent       INTEGER NOT NULL DEFAULT 0,
  n_failed     INTEGER NOT NULL DEFAULT 0,
  n_queued     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX campaigns_by_date ON campaigns (created_at DESC, id DESC);

-- The frozen recipient list. “sending” marks a message handed to the
-- server and not yet confirmed: after a crash it is never sent again.
CREATE TABLE campaign_recipients (
  id               INTEGER PRIMARY KEY,
  campaign_id      INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  address          TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  state            TEXT    NOT NULL DEFAULT 'queued'
                           CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
  reason           TEXT    NOT NULL DEFAULT '',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  done_at          INTEGER,
  UNIQUE (campaign_id, client_id)
) STRICT;
CREATE INDEX campaign_recipients_queue ON campaign_recipients (campaign_id, state, next_attempt_at, id);
CREATE INDEX campaign_recipients_by_client ON campaign_recipients (client_id, campaign_id);

CREATE TRIGGER campaign_recipients_after_insert AFTER INSERT ON campaign_recipients
BEGIN
  UPDATE campaigns SET n_recipients = n_recipients + 1,
                       n_sent = n_sent + (NEW.state = 'sent'),
                       n_failed = n_failed + (NEW.state = 'failed'),
                       n_queued = n_queued + (NEW.state IN ('queued', 'sending'))
   WHERE id = NEW.campaign_id;
END;

CREATE TRIGGER campaign_recipients_after_delete AFTER DELETE ON campaign_recipients
BEGIN
  UPDATE campaigns SET n_recipients = n_recipients - 1,
                       n_sent = n_sent - (OLD.state = 'sent'),
                       n_failed = n_failed - (OLD.state = 'failed'),
                       n_queued = n_queued - (OLD.state IN ('queued', 'sending'))
   WHERE id = OLD.campaign_id;
END;

CREATE TRIGGER campaign_recipients_after_update AFTER UPDATE OF state, campaign_id ON campaign_recipients
BEGIN
  UPDATE campaigns SET n_recipients = n_recipients - 1,
                       n_sent = n_sent - (OLD.state = 'sent'),
                       n_failed = n_failed - (OLD.state = 'failed'),
                       n_queued = n_queued - (OLD.state IN ('queued', 'sending'))
   WHERE id = OLD.campaign_id;
  UPDATE campaigns SET n_recipients = n_recipients + 1,
                       n_sent = n_sent + (NEW.state = 'sent'),
                       n_failed = n_failed + (NEW.state = 'failed'),
                       n_queued = n_queued + (NEW.state IN ('queued', 'sending'))
   WHERE id = NEW.campaign_id;
END;

CREATE INDEX orders_by_campaign ON orders (campaign_id) WHERE campaign_id IS NOT NULL;
