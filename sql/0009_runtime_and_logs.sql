-- Runtime state that is not domain data (sessions, login throttling) lives in schema runtime and is
-- not audited row by row; logs an auditor reads are append-only tables of schema audit.
-- The id is the SHA-256 of the session key, so a copy of this table opens no session.
CREATE TABLE runtime.sessions (
    id         text PRIMARY KEY,
    user_id    bigint REFERENCES fkp.users (id),
    payload    text NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expiry_idx ON runtime.sessions (expires_at);
CREATE INDEX sessions_user_idx ON runtime.sessions (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE runtime.login_failures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username    text NOT NULL,
    address     text NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_user_idx ON runtime.login_failures (username, failed_at);
CREATE INDEX login_failures_address_idx ON runtime.login_failures (address, failed_at);

CREATE TABLE audit.security_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    event       text NOT NULL,
    username    text,
    address     text,
    detail      text,
    request_id  text
);
SELECT audit.make_append_only('audit.security_events');

-- Every time a full NIK or family card number is shown or exported.
CREATE TABLE audit.personal_data_access (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    username    text NOT NULL,
    what        text NOT NULL,
    subject     text NOT NULL,
    request_id  text
);
SELECT audit.make_append_only('audit.personal_data_access');
