-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rapport schema: a client's consent to service messages (the ready
-- message when a warranty ends), with the moment it was given.

-- When the client agreed to service messages, UTC seconds; NULL when the
-- client did not, or took it back.
ALTER TABLE clients ADD COLUMN service_messages_since INTEGER
  CHECK (service_messages_since IS NULL OR service_messages_since > 0);
