-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema, step 8: the history of merges, so that a merge can be undone
-- after the program was closed, not only from its toast.

-- One row a merge. No foreign key to clients on purpose: a merge moves
-- whatever points at a client, and the history must stay as it was.
-- “record” is what the merge changed (a GVariant): both clients as they
-- were, the kept one as the merge left it, the rows it moved and those it
-- deleted whole.
CREATE TABLE client_merges (
  id          INTEGER PRIMARY KEY,
  merged_at   INTEGER NOT NULL,
  keep_id     INTEGER NOT NULL,
  other_id    INTEGER NOT NULL,
  keep_name   TEXT    NOT NULL,
  other_name  TEXT    NOT NULL,
  record      BLOB    NOT NULL,
  undone_at   INTEGER
) STRICT;
