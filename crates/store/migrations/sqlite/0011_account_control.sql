-- Control over accounts: an account can be disabled (it can no longer sign in, and its tokens and
-- sessions stop working at their next request), and an API token expires on a given day. Tokens
-- made before this migration have no day of their own; the configured token life, counted from
-- their creation, applies to them.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_on TEXT;
