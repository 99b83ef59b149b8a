-- The store's data version: raised by every write of cases, events or courts, in the same
-- transaction. The indicators' columns kept beside the store carry the version they were made
-- from; a different version means they are stale and are rebuilt.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('data_version', 0);
