-- A court's short name (法院简称: 清河中院, 清河区法院) beside its full name: what tables and
-- headings show. Empty for courts stored before; they show their full names.
ALTER TABLE courts ADD COLUMN short_name TEXT;
