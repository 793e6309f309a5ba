-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema, step 2: reminders. A follow-up gets an optional time of
-- day and can be done; tasks are free reminders on a client; the state of
-- each reminder (notified, snoozed, dismissed) is kept under its identity.
-- Days and times a person means on the wall clock stay as they were
-- written ('YYYY-MM-DD', 'HH:MM'): the zone turns them into moments when
-- they are read, so a reminder keeps its hour across daylight saving.

ALTER TABLE interactions ADD COLUMN follow_up_time TEXT
  CHECK (follow_up_time IS NULL
         OR (follow_up_on IS NOT NULL
             AND follow_up_time GLOB '[0-2][0-9]:[0-5][0-9]'
             AND follow_up_time < '24:00'));
-- When the follow-up was done, in UTC seconds; NULL while it is open.
ALTER TABLE interactions ADD COLUMN follow_up_done_at INTEGER;

-- “What is due before X” is a range of this index, which holds only the
-- open follow-ups: done ones, however many years of them, are never read.
DROP INDEX interactions_by_follow_up;
CREATE INDEX interactions_open_follow_ups ON interactions (follow_up_on, follow_up_time)
  WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  -- a client with tasks is archived, never deleted, like one with history
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  -- whom the task is for; nobody in particular when NULL
  staff_id    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  notes       TEXT    NOT NULL DEFAULT '',
  due_on      TEXT    NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  due_time    TEXT    CHECK (due_time IS NULL
                             OR (due_time GLOB '[0-2][0-9]:[0-5][0-9]' AND due_time < '24:00')),
  done_at     INTEGER,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX tasks_open_by_due ON tasks (due_on, due_time) WHERE done_at IS NULL;
CREATE INDEX tasks_by_client ON tasks (client_id, due_on);
CREATE INDEX tasks_by_staff ON tasks (staff_id) WHERE staff_id IS NOT NULL;

-- What happened to a reminder, under its stable identity: the source that
-- makes it (“follow-up”, “task”, later “payment”, “delivery”, “warranty”)
-- and that source's record. A row exists only once something happened.
CREATE TABLE reminder_state (
  source         TEXT    NOT NULL CHECK (length(source) > 0),
  item_id        INTEGER NOT NULL,
  -- the moment (UTC seconds) it was last notified for, and when
  notified_due   INTEGER,
  notified_at    INTEGER,
  snoozed_until  INTEGER,
  dismissed_at   INTEGER,
  PRIMARY KEY (source, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX reminder_state_snoozed ON reminder_state (snoozed_until) WHERE snoozed_until IS NOT NULL;
CREATE INDEX reminder_state_dismissed ON reminder_state (dismissed_at) WHERE dismissed_at IS NOT NULL;

-- Facts about the file itself: its own identity (for calendar export), and
-- how far desktop notifications have got.
CREATE TABLE database_facts (
  name   TEXT PRIMARY KEY,
  value  ANY
) STRICT, WITHOUT ROWID;
INSERT INTO database_facts (name, value) VALUES ('uuid', lower(hex(randomblob(16))));
