-- Accounts. Roles and places are in fkp.role_assignments (0005), since community roles name a forum.
CREATE TABLE fkp.users (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text NOT NULL UNIQUE,
    display_name         text NOT NULL,
    password_hash        text,
    must_change_password boolean NOT NULL DEFAULT true,
    disabled_at          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    CONSTRAINT users_display_name_present CHECK (btrim(display_name) <> '' AND length(display_name) <= 200)
);
SELECT audit.attach('fkp.users', NULL, ARRAY['username'], '{}', ARRAY['password_hash']);
