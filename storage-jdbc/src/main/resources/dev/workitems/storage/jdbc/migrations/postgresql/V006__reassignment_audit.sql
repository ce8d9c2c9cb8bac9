-- workitems schema, version 6, PostgreSQL: the audit trail of Work Reassignment rules (R9).
-- One row per creation, replacement or deletion of a rule, written in the same transaction as the change: who, when,
-- and the rule before and after as JSON (NULL before a creation, after a deletion). Append-only.
CREATE TABLE workitems_reassignment_audit (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identity_id TEXT COLLATE "C" NOT NULL,
    config_type TEXT    NOT NULL,
    at_ms       BIGINT  NOT NULL,
    actor_id    TEXT    NOT NULL,
    before_rule TEXT,
    after_rule  TEXT
);

CREATE INDEX workitems_reassignment_audit_identity ON workitems_reassignment_audit (identity_id, seq);
