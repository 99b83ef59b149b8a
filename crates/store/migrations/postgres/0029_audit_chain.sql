-- The audit log becomes a hash chain (docs/operations.md, "审计日志 The audit log"): each entry
-- its number in the chain, the previous entry's hash and its own. Entries written before this
-- are sealed, in the order written, by the program right after this script (in the same
-- transaction), so the chain covers them from the upgrade on; it proves nothing of what was
-- done to them before.
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
