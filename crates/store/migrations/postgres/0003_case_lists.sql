-- A court's case list in case-number order (the API's /cases): counted and paged from this index,
-- in the byte order the lists use (COLLATE "C"), without sorting the court's rows.
CREATE INDEX cases_by_court_and_number ON cases (court_code, case_no COLLATE "C");
