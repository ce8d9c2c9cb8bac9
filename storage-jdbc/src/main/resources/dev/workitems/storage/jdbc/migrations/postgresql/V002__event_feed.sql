-- workitems schema, version 2, PostgreSQL: the history becomes the event feed.
-- A sequence value is taken before commit, so seq order is not the order in which events become visible: a
-- transaction holding seq 10 may commit after one holding seq 11. Feed positions are therefore given after commit:
-- a reader takes the feed head's row lock and numbers every committed event that has no position yet, in seq order,
-- then reads by position. Numbering only what is committed means a later commit always gets a higher position, so a
-- reader that has passed position p never misses an event below p. The events of one item are written one version
-- after another (each waits for the item's row lock), so they are numbered in version order.
-- Each event also records the item's type and what the change it belongs to did to the item's owner and state.
-- Events written before this version keep NULL there (the type is filled in from the item).
ALTER TABLE workitems_event ADD COLUMN item_type TEXT;
ALTER TABLE workitems_event ADD COLUMN owner_before TEXT COLLATE "C";
ALTER TABLE workitems_event ADD COLUMN owner_after TEXT COLLATE "C";
ALTER TABLE workitems_event ADD COLUMN state_before TEXT;
ALTER TABLE workitems_event ADD COLUMN state_after TEXT;
ALTER TABLE workitems_event ADD COLUMN position BIGINT;
UPDATE workitems_event e SET item_type = w.type FROM workitems_work_item w WHERE w.id = e.work_item_id;

CREATE UNIQUE INDEX workitems_event_position ON workitems_event (position);
-- Finds the committed events still to be numbered without reading the numbered ones.
CREATE INDEX workitems_event_unnumbered ON workitems_event (seq) WHERE position IS NULL;

-- The last position given; its row lock makes numbering one reader at a time.
CREATE TABLE workitems_feed_head (
    id            SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    last_position BIGINT   NOT NULL
);
INSERT INTO workitems_feed_head (id, last_position) VALUES (1, 0);
