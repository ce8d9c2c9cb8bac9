-- workitems schema, version 2, SQLite: the history becomes the event feed.
-- SQLite lets one transaction write at a time, so events take their seq in commit order: seq is the feed position.
-- Each event also records the item's type and what the change it belongs to did to the item's owner and state.
-- Events written before this version keep NULL there (the type is filled in from the item).
ALTER TABLE workitems_event ADD COLUMN item_type TEXT;
ALTER TABLE workitems_event ADD COLUMN owner_before TEXT;
ALTER TABLE workitems_event ADD COLUMN owner_after TEXT;
ALTER TABLE workitems_event ADD COLUMN state_before TEXT;
ALTER TABLE workitems_event ADD COLUMN state_after TEXT;
UPDATE workitems_event SET item_type = (SELECT w.type FROM workitems_work_item w WHERE w.id = workitems_event.work_item_id);
