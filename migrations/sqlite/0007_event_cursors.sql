-- Positions of event subscribers that must see every outbox event exactly once across a
-- restart (pipeline triggers, ...): stored in the transaction that applies the events.
-- The same schema lives in the other backend's 0007_event_cursors.sql.

CREATE TABLE event_cursors (
    subscriber TEXT    NOT NULL PRIMARY KEY,
    position   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
