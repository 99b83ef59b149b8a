-- A court's case list in case-number order (the API's /cases): counted and paged from this index
-- alone, without reading the court's rows or sorting them.
CREATE INDEX cases_by_court_and_number ON cases (court_code, case_no);
