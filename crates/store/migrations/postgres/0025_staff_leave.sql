-- A judge's leave (休假、病假、学习、借调…), declared by the judge or the court's office with who
-- approved it: the draw passes over them on its days, and says so in its log entry
-- (docs/allocation.md).
CREATE TABLE staff_leave (
    staff_id    TEXT NOT NULL,
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    approver    TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (staff_id, first_day)
);
