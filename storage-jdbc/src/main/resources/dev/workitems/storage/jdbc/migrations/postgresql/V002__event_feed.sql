-- workitems schema, version 2, PostgreSQL: the history becomes the event feed.
-- A sequence value is taken before commit, so seq order is not the order in which events become visible: a
-- transaction holding seq 10 may commit after one holding seq 11. Feed positions are therefore given after commit:
-- every event's seq is also written to workitems_feed_pending in the event's own transaction; a reader takes the
-- feed head's row lock and, in a new statement, moves the committed pending events to workitems_feed_position,
-- numbered in seq order, then reads by position. Numbering only what is committed means a later commit always gets a
-- higher position, so a reader that has passed position p never misses an event below p. The events of one item are
-- written one version after another (each waits for the item's row lock), so they are numbered in version order.
-- Numbering writes two narrow rows per event and never rewrites the event itself.
-- Each event also records the item's type and what the change it belongs to did to the item's owner and state.
-- Events written before this version keep NULL there (the type is filled in from the item).
ALTER TABLE workitems_event ADD COLUMN item_type TEXT;
ALTER TABLE workitems_event ADD COLUMN owner_before TEXT COLLATE "C";
ALTER TABLE workitems_event ADD COLUMN owner_after TEXT COLLATE "C";
ALTER TABLE workitems_event ADD COLUMN state_before TEXT;
ALTER TABLE workitems_event ADD COLUMN state_after TEXT;
UPDATE workitems_event e SET item_type = w.type FROM workitems_work_item w WHERE w.id = e.work_item_id;

-- Events not numbered yet (their seq), written with each event.
CREATE TABLE workitems_feed_pending (
    seq BIGINT NOT NULL PRIMARY KEY
);
-- The feed: each numbered event's position and seq.
CREATE TABLE workitems_feed_position (
    position BIGINT NOT NULL PRIMARY KEY,
    seq      BIGINT NOT NULL
);
-- Events written before this version are numbered by the first reader.
INSERT INTO workitems_feed_pending (seq) SELECT seq FROM workitems_event;

-- The last position given; its row lock makes numbering one reader at a time.
CREATE TABLE workitems_feed_head (
    id            SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    last_position BIGINT   NOT NULL
);
INSERT INTO workitems_feed_head (id, last_position) VALUES (1, 0);
