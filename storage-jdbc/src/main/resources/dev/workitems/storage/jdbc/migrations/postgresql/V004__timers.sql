-- workitems schema, version 4, PostgreSQL: deadlines, reminders and escalation.
-- timers holds an item's timers as a JSON object (NULL when it has none): the library reads and writes them whole.
-- timer_due_ms is when the item's next reminder or escalation step falls due, NULL when the item is not Pending or
-- nothing is left to do. A sweep reads the due items from the partial index below, so it costs what is due, not what
-- is stored, and an item with nothing due takes no room in the index.
ALTER TABLE workitems_work_item ADD COLUMN timers TEXT;
ALTER TABLE workitems_work_item ADD COLUMN timer_due_ms BIGINT;

CREATE INDEX workitems_work_item_timer_due
    ON workitems_work_item (timer_due_ms, id) WHERE timer_due_ms IS NOT NULL;
