-- The divisions (庭室) of each court as the network lists them: a case file that names a
-- division by its code in the court's case system is shown by the division's name.
CREATE TABLE divisions (
    court_code TEXT NOT NULL,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (court_code, code)
);
