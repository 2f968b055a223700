-- Each audited write, cheaper again for PostgreSQL (docs/benchmarks.md, "Audited verdict writes").
-- What a write records, the entries' hashes and the chain rule do not change, field for field; the
-- rules the triggers enforce do not change either.
--
-- 1. The row trigger appends the entry itself. audit.append, its only caller, was a second
--    SECURITY DEFINER call per entry (a search_path set and reset, the entry passed and returned
--    whole). The chain's head is read and locked first; only a chain's first entry inserts it
--    (before, every entry tried the insert, ON CONFLICT DO NOTHING, then read the head). The row
--    key of a table keyed by several columns was a query per entry (string_agg over unnest); it is
--    a loop with the same rule: the values in key order, joined by '/', NULLs left out, NULL when
--    all are.
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
    key_column   text;
    key_part     text;
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
    FOREACH key_column IN ARRAY key_columns LOOP
        key_part := any_image ->> key_column;
        IF key_part IS NOT NULL THEN
            e.row_key := CASE WHEN e.row_key IS NULL THEN key_part ELSE e.row_key || '/' || key_part END;
        END IF;
    END LOOP;

    -- The chain's head, locked: writers to one chain queue here, so the chain cannot fork. A
    -- chain's first entry makes its head row first.
    SELECT h.seq + 1, h.hash INTO e.seq, e.prev_hash FROM audit.chain_heads h WHERE h.chain = e.chain FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit.chain_heads (chain, seq, hash) VALUES (e.chain, 0, repeat('0', 64))
            ON CONFLICT (chain) DO NOTHING;
        SELECT h.seq + 1, h.hash INTO e.seq, e.prev_hash FROM audit.chain_heads h WHERE h.chain = e.chain FOR UPDATE;
    END IF;
    e.occurred_at := clock_timestamp();
    e.txid := txid_current();
    e.hash := audit.entry_hash(e);
    INSERT INTO audit.entries (chain, seq, prev_hash, hash, occurred_at, txid, actor, actor_role,
                               forum_id, region_code, action, reason, decision_ref, request_id,
                               table_name, operation, row_key, old_row, new_row)
    VALUES (e.chain, e.seq, e.prev_hash, e.hash, e.occurred_at, e.txid, e.actor, e.actor_role,
            e.forum_id, e.region_code, e.action, e.reason, e.decision_ref, e.request_id,
            e.table_name, e.operation, e.row_key, e.old_row, e.new_row)
    RETURNING id INTO e.id;
    UPDATE audit.chain_heads SET seq = e.seq, hash = e.hash WHERE chain = e.chain;

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

DROP FUNCTION audit.append(audit.entries);

-- 2. audit.chain_for was declared IMMUTABLE, yet `text || bigint` is only STABLE (it calls the
--    number's output function through anytextcat), and PostgreSQL does not inline a function whose
--    body is more volatile than declared: it ran as a function of its own, its body parsed and
--    planned anew in every transaction (6% of a verdict). Cast to text first, it inlines.
CREATE OR REPLACE FUNCTION audit.chain_for(p_forum_id bigint, p_region_code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_forum_id IS NOT NULL THEN 'forum:' || p_forum_id::text
        WHEN length(p_region_code) >= 4 THEN 'regency:' || left(p_region_code, 4)
        ELSE 'national'
    END
$$;

-- 3. A PL/pgSQL condition that holds a subquery is run as a query, with an executor started and
--    stopped, even when its first part is false. The statement trigger of every audited table ran
--    the import batch's check that way on every write; it now runs only when a batch is declared.
CREATE OR REPLACE FUNCTION audit.require_context() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF audit.context('actor') IS NULL OR audit.context('action') IS NULL THEN
        RAISE EXCEPTION 'unaudited write to %.% refused: declare the actor first (SELECT audit.declare(...))',
            TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'every write runs in a transaction that begins with audit.declare(actor, role, action, ...)';
    END IF;
    IF audit.context('role') = 'auditor' THEN
        RAISE EXCEPTION 'auditors change nothing: write to %.% refused', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF audit.context('batch') IS NOT NULL AND TG_ARGV[0] = 'bulk' THEN
        IF NOT EXISTS (SELECT 1 FROM fkp.import_batches
                        WHERE id = audit.context('batch')::bigint AND xmin = pg_current_xact_id()::xid) THEN
            RAISE EXCEPTION 'bulk write to %.% refused: import batch % was not created in this transaction',
                TG_TABLE_SCHEMA, TG_TABLE_NAME, audit.context('batch')
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- 4. A review's checks: the family's preliminary group and whether it lies in one of the forum's
--    units in one query instead of two, and the check of a duplicate-of or merged-into family only
--    when one is named (it was a query on every write, by the rule above).
CREATE OR REPLACE FUNCTION fkp.check_review() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    preliminary_group smallint;
    in_forum          boolean;
BEGIN
    SELECT f.welfare_group,
           EXISTS (SELECT 1 FROM fkp.forum_units u WHERE u.forum_id = NEW.forum_id AND f.sls_code LIKE u.sls_code || '%')
      INTO preliminary_group, in_forum
      FROM fkp.families f WHERE f.id = NEW.family_id;
    IF in_forum IS NOT TRUE THEN
        RAISE EXCEPTION 'family % is not in a unit of forum %', NEW.family_id, NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_family_in_forum';
    END IF;
    IF NEW.proposed_group = preliminary_group THEN
        RAISE EXCEPTION 'family %: the proposed group % is its preliminary group', NEW.family_id, NEW.proposed_group
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_proposed_group_differs';
    END IF;
    IF coalesce(NEW.duplicate_of, NEW.merged_into) IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM fkp.families o JOIN fkp.forum_units u ON o.sls_code LIKE u.sls_code || '%'
                        WHERE o.id = coalesce(NEW.duplicate_of, NEW.merged_into) AND u.forum_id = NEW.forum_id) THEN
            RAISE EXCEPTION 'family %: % is not a family of forum %', NEW.family_id,
                coalesce(NEW.duplicate_of, NEW.merged_into), NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_reference_in_forum';
        END IF;
    END IF;
    RETURN NEW;
END $$;
