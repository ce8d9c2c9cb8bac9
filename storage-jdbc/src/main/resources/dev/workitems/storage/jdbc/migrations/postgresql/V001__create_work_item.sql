-- workitems schema, version 1, PostgreSQL.
-- One row per work item. Approval items, remediation items, the form, errors and the account selection are JSON
-- text columns: the library always reads and writes an item whole, and no operation queries inside them, so a
-- page is one indexed range read with no join and no per-item query, and a change is one UPDATE. They are text,
-- not jsonb, because nothing queries them and text is returned without conversion.
-- Ids and owner ids use the "C" collation so that ORDER BY id is the same order on every server (D2).
CREATE TABLE workitems_work_item (
    id                     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    owner_id               TEXT COLLATE "C" NOT NULL,
    completed_list         SMALLINT NOT NULL,  -- 0: listed as pending, 1: listed as completed (D1)
    created_ms             BIGINT   NOT NULL,  -- epoch milliseconds, UTC
    version                BIGINT   NOT NULL,  -- optimistic concurrency: an update applies only at the version read
    state                  TEXT     NOT NULL,
    type                   TEXT     NOT NULL,
    name                   TEXT,
    description            TEXT     NOT NULL,
    owner_name             TEXT     NOT NULL,
    requester_id           TEXT,
    requester_display_name TEXT,
    modified_ms            BIGINT,
    completed_ms           BIGINT,
    approval_items         TEXT,               -- JSON array, NULL when the item has none
    remediation_items      TEXT,               -- JSON array, NULL when the item has none
    form                   TEXT,               -- JSON object, NULL when the item has none
    errors                 TEXT     NOT NULL,  -- JSON array of strings
    account_selection      TEXT                -- JSON object, NULL until submitted
);

-- Serves each owner's pending and completed lists in the contract's order (created, then id: D2).
CREATE INDEX workitems_work_item_owner_list
    ON workitems_work_item (owner_id, completed_list, created_ms, id);

-- Per-owner counters, changed in the same transaction as every insert and update, so that counts and summaries
-- read one row instead of counting an owner's items.
CREATE TABLE workitems_owner_count (
    owner_id  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    pending   BIGINT NOT NULL,
    completed BIGINT NOT NULL
);

-- The history: append-only, one row per event, written in the same transaction as the change it records.
CREATE TABLE workitems_event (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    work_item_id TEXT COLLATE "C" NOT NULL REFERENCES workitems_work_item (id),
    item_version BIGINT NOT NULL,
    at_ms        BIGINT NOT NULL,
    actor_id     TEXT   NOT NULL,
    action       TEXT   NOT NULL,
    comment      TEXT,
    data         TEXT   NOT NULL               -- JSON object
);

CREATE INDEX workitems_event_item ON workitems_event (work_item_id, seq);
