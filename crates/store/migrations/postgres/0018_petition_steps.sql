-- The log of a petition's handling as recorded here: its registration and each step (accept,
-- reply, 复查, 化解, …) with who recorded it and when. The petition row holds where it stands now;
-- the log is never rewritten (a register re-import replaces the row, not the log). `at` is the
-- moment as the audit log writes it.
CREATE TABLE petition_steps (
    petition_id BIGINT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL,
    at          TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    step        TEXT NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (petition_id, seq)
);
