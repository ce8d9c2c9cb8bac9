-- workitems schema, version 5, SQLite: Work Reassignment (standing out-of-office rules) and the tenant's switch.
-- One row per (identity, config type): new work of that type for the identity goes to target_id from start_ms
-- (inclusive) until end_ms (exclusive; NULL: no end). A rule is read by its identity (the primary key's prefix) when
-- an item is created for that identity or forwarded to it. Writes are compare-and-set on every column.
CREATE TABLE workitems_reassignment (
    identity_id TEXT NOT NULL,
    config_type TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    start_ms    INTEGER  NOT NULL,
    end_ms      INTEGER,
    created_ms  INTEGER  NOT NULL,
    created_by  TEXT    NOT NULL,
    modified_ms INTEGER,
    modified_by TEXT,
    PRIMARY KEY (identity_id, config_type)
);

-- The tenant's switch: one row once set; while disabled = 1, no rule acts.
CREATE TABLE workitems_reassignment_switch (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    disabled    INTEGER NOT NULL,
    modified_ms INTEGER,
    modified_by TEXT
);
