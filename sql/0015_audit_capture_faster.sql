-- Each audited write, cheaper (docs/benchmarks.md, "Audited verdict writes"). The entries and
-- their hashes do not change, field for field.
--
-- 1. The hash of an entry is computed from its canonical text, whose timestamp became STABLE in
--    0014. An IMMUTABLE SQL function whose body is only STABLE is never inlined: PostgreSQL then
--    planned canonical_text anew for every entry, 0.4 ms of the 0.9 ms of a verdict. Declared
--    STABLE (which they are: to_char), both inline again.
ALTER FUNCTION audit.canonical_text(audit.entries) STABLE;
ALTER FUNCTION audit.entry_hash(audit.entries) STABLE;

-- 2. The row trigger reads the declared context once, and does the work for personal and secret
--    columns (a salt, two image rewrites) only for tables that have such columns.
CREATE OR REPLACE FUNCTION audit.capture_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    forum_column text := TG_ARGV[0];
    key_columns  text[] := TG_ARGV[1]::text[];
    pii_columns  text[] := TG_ARGV[2]::text[];
    secret_cols  text[] := TG_ARGV[3]::text[];
    protects     boolean := cardinality(pii_columns) > 0 OR cardinality(secret_cols) > 0;
    old_image    jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_image    jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    any_image    jsonb := coalesce(new_image, old_image);
    actor        text := nullif(current_setting('fkp.actor', true), '');
    region       text := nullif(current_setting('fkp.region', true), '');
    declared_forum bigint := nullif(current_setting('fkp.forum', true), '')::bigint;
    row_forum    bigint;
    salt         text;
    old_p        record;
    new_p        record;
    e            audit.entries;
    i            int;
BEGIN
    IF actor IS NULL THEN
        RAISE EXCEPTION 'unaudited write to %.% refused: declare the actor first', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND old_image = new_image THEN
        RETURN NULL;  -- nothing changed, nothing to record
    END IF;
    IF forum_column <> '' THEN
        row_forum := (any_image ->> forum_column)::bigint;
        IF declared_forum IS NOT NULL AND row_forum IS DISTINCT FROM declared_forum THEN
            RAISE EXCEPTION 'write to %.% of forum % refused: the transaction declared forum %',
                TG_TABLE_SCHEMA, TG_TABLE_NAME, row_forum, declared_forum
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSE
        row_forum := declared_forum;
    END IF;

    IF protects THEN
        salt := replace(gen_random_uuid()::text, '-', '');
        SELECT * INTO old_p FROM audit.protect_image(old_image, pii_columns, secret_cols, salt);
        SELECT * INTO new_p FROM audit.protect_image(new_image, pii_columns, secret_cols, salt);
        e.old_row := old_p.protected;
        e.new_row := new_p.protected;
    ELSE
        e.old_row := old_image;
        e.new_row := new_image;
    END IF;

    e.chain := audit.chain_for(row_forum, region);
    e.actor := actor;
    e.actor_role := coalesce(nullif(current_setting('fkp.role', true), ''), 'system');
    e.forum_id := row_forum;
    e.region_code := region;
    e.action := nullif(current_setting('fkp.action', true), '');
    e.reason := nullif(current_setting('fkp.reason', true), '');
    e.decision_ref := nullif(current_setting('fkp.decision', true), '');
    e.request_id := nullif(current_setting('fkp.request', true), '');
    e.table_name := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    e.operation := TG_OP;
    e.row_key := CASE WHEN cardinality(key_columns) = 1 THEN any_image ->> key_columns[1]
                      ELSE (SELECT string_agg(any_image ->> k, '/' ORDER BY ord)
                              FROM unnest(key_columns) WITH ORDINALITY AS u(k, ord)) END;
    e := audit.append(e);

    IF protects THEN
        FOR i IN 1 .. coalesce(array_length(old_p.pii_out, 1), 0) LOOP
            INSERT INTO audit.personal_values VALUES (e.id, 'old', old_p.pii_out[i][1], old_p.pii_out[i][2], salt);
        END LOOP;
        FOR i IN 1 .. coalesce(array_length(new_p.pii_out, 1), 0) LOOP
            INSERT INTO audit.personal_values VALUES (e.id, 'new', new_p.pii_out[i][1], new_p.pii_out[i][2], salt);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
