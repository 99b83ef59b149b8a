-- Accounts, API tokens and the audit log. Passwords are argon2 hashes; tokens are stored as the
-- SHA-256 of the token, never the token itself.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    court_code    TEXT,
    division      TEXT,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id        BIGSERIAL PRIMARY KEY,
    at        TEXT NOT NULL,
    user_name TEXT,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL
);
