-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: the search index gathers up to 8 MB of new terms before
-- it writes them out as a segment of its own (FTS5's hashsize; 1 MB by
-- default). A bulk insert hands it 2,048 clients in one statement, about
-- 2 MB of terms: at 1 MB FTS5 wrote each statement as two or three
-- segments and merged them again later, and with a 64 KB limit a seed's
-- search index cost twice as much. The terms are held only until the
-- statement ends, so a save of one client holds what it held before.
INSERT INTO client_search (client_search, rank) VALUES ('hashsize', 8388608);
