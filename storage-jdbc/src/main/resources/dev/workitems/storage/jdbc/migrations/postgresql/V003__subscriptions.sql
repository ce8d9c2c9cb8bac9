-- workitems schema, version 3: durable subscriptions to the event feed.
-- One row per subscription: the position of the last event it handled, moved only after its handler returned, and
-- the lease that lets one host instance at a time deliver it (taken when free, expired or already its own).
CREATE TABLE workitems_subscription (
    name           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    position       BIGINT NOT NULL,
    holder         TEXT,               -- the instance holding the lease; NULL before the first claim
    lease_until_ms BIGINT                  -- epoch milliseconds; another instance may claim from then on
);

-- Events a subscription's handler kept failing on, set aside so that the subscription goes on; an admin call can
-- ask for another delivery (retry_requested) or drop them.
CREATE TABLE workitems_parked_event (
    subscription    TEXT COLLATE "C" NOT NULL REFERENCES workitems_subscription (name),
    position        BIGINT NOT NULL,
    attempts        INTEGER NOT NULL,
    error           TEXT    NOT NULL,
    at_ms           BIGINT NOT NULL,
    retry_requested SMALLINT NOT NULL,
    PRIMARY KEY (subscription, position)
);
