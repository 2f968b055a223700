-- The hashed timestamp text (audit.timestamp_text) is STABLE, as the to_char it calls: declared
-- IMMUTABLE it could not be inlined, and reading a million entries spent four seconds calling it.
CREATE OR REPLACE FUNCTION audit.timestamp_text(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
