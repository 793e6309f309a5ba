-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the clients slipping away and the RFM segments read from
-- indexes. Each regular client's due day (their last day, of the scores or
-- of a sale since, plus twice their usual interval; none for an archived
-- client) and what every scored client has spent, kept beside their
-- scores by the triggers below whoever writes: the clients overdue as of a
-- day are then a range of one index, the most valuable of them the first
-- entries of another, and a segment's revenue a sum over a third, instead
-- of a look at every client, their sales and their card (README,
-- “Analytics”).

ALTER TABLE client_scores ADD COLUMN due_day TEXT;
ALTER TABLE client_scores ADD COLUMN value INTEGER NOT NULL DEFAULT 0;

-- The one definition of both, which `rapport-cli report check` compares
-- with what is stored. The day is the one the slipping-away rule names:
-- not back for twice the usual interval as of a day is due_day <= that day.
CREATE VIEW client_due_days AS
  SELECT s.client_id AS client_id,
         CASE WHEN c.id IS NOT NULL AND c.archived_at IS NULL AND s.usual_interval > 0
              THEN date(max(s.last_day, coalesce(cs.last_day, '')), printf('%+d days', 2 * s.usual_interval))
         END AS due_day,
         coalesce(cs.spent, 0) AS value
    FROM client_scores s
    LEFT JOIN clients c ON c.id = s.client_id
    LEFT JOIN client_sales cs ON cs.client_id = s.client_id;

-- A client whose due day or value may have moved: every trigger below
-- writes a row here, and this one place moves them.
CREATE VIEW client_due_moves AS SELECT 0 AS client_id WHERE 0;

CREATE TRIGGER client_due_moves_apply INSTEAD OF INSERT ON client_due_moves
BEGIN
  UPDATE client_scores SET (due_day, value) = (SELECT d.due_day, d.value FROM client_due_days d
                                                WHERE d.client_id = NEW.client_id)
   WHERE client_id = NEW.client_id;
END;

CREATE TRIGGER client_scores_due_after_insert AFTER INSERT ON client_scores
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (NEW.client_id);
END;

CREATE TRIGGER client_scores_due_after_update AFTER UPDATE OF last_day, usual_interval ON client_scores
  WHEN OLD.last_day IS NOT NEW.last_day OR OLD.usual_interval IS NOT NEW.usual_interval
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (NEW.client_id);
END;

CREATE TRIGGER client_sales_due_after_insert AFTER INSERT ON client_sales
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (NEW.client_id);
END;

CREATE TRIGGER client_sales_due_after_update AFTER UPDATE OF last_day, spent ON client_sales
  WHEN OLD.last_day IS NOT NEW.last_day OR OLD.spent IS NOT NEW.spent
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (NEW.client_id);
END;

CREATE TRIGGER client_sales_due_after_delete AFTER DELETE ON client_sales
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (OLD.client_id);
END;

CREATE TRIGGER clients_due_after_archive AFTER UPDATE OF archived_at ON clients
  WHEN (OLD.archived_at IS NULL) IS NOT (NEW.archived_at IS NULL)
BEGIN
  INSERT INTO client_due_moves (client_id) VALUES (NEW.id);
END;

INSERT INTO client_due_moves (client_id) SELECT client_id FROM client_scores;

-- The overdue as of a day, counted from the index alone; and the most
-- valuable of them first, read in this index's order.
CREATE INDEX client_scores_by_due_day ON client_scores (due_day) WHERE due_day IS NOT NULL;
CREATE INDEX client_scores_due_by_value ON client_scores (value DESC, client_id, due_day)
  WHERE due_day IS NOT NULL;

-- Each segment's clients and revenue, from this index alone; it also
-- lists a segment's clients in their order, as the index it replaces did
-- (one index fewer to move when a refresh changes a segment).
DROP INDEX client_scores_by_segment;
CREATE INDEX client_scores_by_segment_value ON client_scores (segment, client_id, value)
  WHERE segment IS NOT NULL;

-- ---- Follow-ups done on time, in the reader's zone ----

-- The follow-ups done, by the day they were due, who logged them, and
-- the quarter hour they were done in, counted from the end of that day
-- on the UTC clock (-57 for earlier than 14¼ hours before it, 57 for 14¼
-- hours after it or later). Whether one was done on time (before the end
-- of its day on the local clock) is then decided when the figures are
-- read, in the reader's zone, as the interactions' days are: the writer's
-- zone no longer counts. follow_up_days (step 0013) keeps the open ones;
-- its on_time and late, decided in the writer's zone, are not read.
CREATE TABLE follow_up_done_days (
  day       TEXT    NOT NULL,
  staff_id  INTEGER NOT NULL,
  quarter   INTEGER NOT NULL,
  done      INTEGER NOT NULL,
  PRIMARY KEY (day, staff_id, quarter)
) STRICT, WITHOUT ROWID;

-- What the table holds, from the interactions themselves: the rebuild
-- fills it from here and `rapport-cli report check` compares.
CREATE VIEW follow_up_done_quarters AS
  SELECT follow_up_on AS day, coalesce(staff_id, 0) AS staff_id,
         max(-57, min(57, (follow_up_done_at - unixepoch(follow_up_on, '+1 day')
                           - ((follow_up_done_at - unixepoch(follow_up_on, '+1 day')) % 900 + 900) % 900) / 900))
           AS quarter
    FROM interactions
   WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NOT NULL AND unixepoch(follow_up_on) IS NOT NULL;

-- A second trigger on the moves of step 0013: the same rows, one more
-- summary.
CREATE TRIGGER follow_up_done_days_apply INSTEAD OF INSERT ON interaction_moves
  WHEN NEW.follow_up_on IS NOT NULL AND NEW.follow_up_done_at IS NOT NULL AND unixepoch(NEW.follow_up_on) IS NOT NULL
BEGIN
  INSERT INTO follow_up_done_days (day, staff_id, quarter, done)
    VALUES (NEW.follow_up_on, coalesce(NEW.staff_id, 0),
            max(-57, min(57, (NEW.follow_up_done_at - unixepoch(NEW.follow_up_on, '+1 day')
                              - ((NEW.follow_up_done_at - unixepoch(NEW.follow_up_on, '+1 day')) % 900 + 900) % 900)
                             / 900)),
            NEW.sign)
    ON CONFLICT DO UPDATE SET done = done + excluded.done;
END;

INSERT INTO follow_up_done_days (day, staff_id, quarter, done)
  SELECT day, staff_id, quarter, count(*) FROM follow_up_done_quarters GROUP BY 1, 2, 3;
