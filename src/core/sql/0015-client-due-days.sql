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

-- Each segment's clients and revenue, from this index alone.
CREATE INDEX client_scores_segment_value ON client_scores (segment, value) WHERE segment IS NOT NULL;
