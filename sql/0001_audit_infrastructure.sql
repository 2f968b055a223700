-- The audited write path. Every domain table (schema fkp) gets two triggers from audit.attach():
-- a statement trigger that refuses any write whose transaction has not declared who acts, and a
-- row trigger that appends old and new values plus that declaration to a hash-chained log.
-- docs/audit.md is the contract for the canonical text and the chain rule; keep them in step.

CREATE SCHEMA audit;
CREATE SCHEMA fkp;
CREATE SCHEMA runtime;

CREATE TABLE audit.chain_heads (
    chain text PRIMARY KEY,
    seq   bigint NOT NULL CHECK (seq >= 0),
    hash  text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE TABLE audit.entries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain        text        NOT NULL,
    seq          bigint      NOT NULL CHECK (seq >= 1),
    prev_hash    text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash         text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    occurred_at  timestamptz NOT NULL,
    txid         bigint      NOT NULL,
    actor        text        NOT NULL,
    actor_role   text        NOT NULL,
    forum_id     bigint,
    region_code  text,
    action       text        NOT NULL,
    reason       text,
    decision_ref text,
    request_id   text,
    table_name   text        NOT NULL,
    operation    text        NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'BATCH')),
    row_key      text,
    old_row      jsonb,
    new_row      jsonb,
    UNIQUE (chain, seq)
);
CREATE INDEX entries_forum_idx ON audit.entries (forum_id, id) WHERE forum_id IS NOT NULL;
CREATE INDEX entries_row_idx ON audit.entries (table_name, row_key, id);
CREATE INDEX entries_time_idx ON audit.entries (occurred_at);

-- Personal numbers never enter the hashed text: the row image carries a salted commitment
-- ("pii:" + sha256 hex of salt ":" value) and the value itself lives here, shown to BPS staff only.
CREATE TABLE audit.personal_values (
    entry_id    bigint NOT NULL REFERENCES audit.entries (id),
    side        text   NOT NULL CHECK (side IN ('old', 'new')),
    column_name text   NOT NULL,
    value       text   NOT NULL,
    salt        text   NOT NULL,
    PRIMARY KEY (entry_id, side, column_name)
);

-- Append-only guard shared by every table of schema audit.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the table %.% is append-only: % is refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION audit.make_append_only(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER append_only_rows BEFORE UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()', target);
    EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()', target);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM PUBLIC', target);
END $$;

SELECT audit.make_append_only('audit.entries');
SELECT audit.make_append_only('audit.personal_values');

-- Chain heads move forward only, inside audit.append().
CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON audit.chain_heads
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER chain_heads_no_truncate BEFORE TRUNCATE ON audit.chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

-- The declared context of the current transaction, or NULL.
CREATE FUNCTION audit.context(name text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('fkp.' || name, true), '')
$$;

CREATE FUNCTION audit.known_roles() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT ARRAY['admin', 'bps_staff', 'facilitator', 'sls_head', 'community_figure', 'auditor', 'system']
$$;

-- What every write transaction calls first. Settings are transaction-local (is_local = true).
CREATE FUNCTION audit.declare(
    p_actor text, p_role text, p_action text,
    p_reason text DEFAULT NULL, p_forum_id bigint DEFAULT NULL, p_region_code text DEFAULT NULL,
    p_decision_ref text DEFAULT NULL, p_request_id text DEFAULT NULL
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(btrim(p_actor), '') = '' THEN
        RAISE EXCEPTION 'audit.declare: the actor is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT p_role = ANY (audit.known_roles()) THEN
        RAISE EXCEPTION 'audit.declare: unknown role "%"', p_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF coalesce(btrim(p_action), '') = '' THEN
        RAISE EXCEPTION 'audit.declare: the action is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_region_code IS NOT NULL AND p_region_code !~ '^[0-9]{2,16}$' THEN
        RAISE EXCEPTION 'audit.declare: region code "%" is not a BPS code', p_region_code
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('fkp.actor', p_actor, true),
            set_config('fkp.role', p_role, true),
            set_config('fkp.action', p_action, true),
            set_config('fkp.reason', coalesce(p_reason, ''), true),
            set_config('fkp.forum', coalesce(p_forum_id::text, ''), true),
            set_config('fkp.region', coalesce(p_region_code, ''), true),
            set_config('fkp.decision', coalesce(p_decision_ref, ''), true),
            set_config('fkp.request', coalesce(p_request_id, ''), true),
            set_config('fkp.batch', '', true);
END $$;

-- One field of the canonical text: "-\n" for NULL, else "<octets>:<text>\n".
CREATE FUNCTION audit.field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END || E'\n'
$$;

CREATE FUNCTION audit.timestamp_text(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The canonical text of an entry (docs/audit.md, "Canonical text"). The hash is not part of it.
CREATE FUNCTION audit.canonical_text(e audit.entries) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT audit.field('fkp-audit-v1')
        || audit.field(e.chain)
        || audit.field(e.seq::text)
        || audit.field(e.prev_hash)
        || audit.field(audit.timestamp_text(e.occurred_at))
        || audit.field(e.actor)
        || audit.field(e.actor_role)
        || audit.field(e.forum_id::text)
        || audit.field(e.region_code)
        || audit.field(e.action)
        || audit.field(e.reason)
        || audit.field(e.decision_ref)
        || audit.field(e.table_name)
        || audit.field(e.operation)
        || audit.field(e.row_key)
        || audit.field(e.old_row::text)
        || audit.field(e.new_row::text)
$$;

CREATE FUNCTION audit.entry_hash(e audit.entries) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(audit.canonical_text(e), 'UTF8')), 'hex')
$$;

-- Which chain a write belongs to: its forum; else the regency of the declared region; else national.
CREATE FUNCTION audit.chain_for(p_forum_id bigint, p_region_code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_forum_id IS NOT NULL THEN 'forum:' || p_forum_id
        WHEN length(p_region_code) >= 4 THEN 'regency:' || left(p_region_code, 4)
        ELSE 'national'
    END
$$;

-- Appends one entry to its chain. The head row is locked FOR UPDATE, so writers to one chain
-- queue behind each other and every entry sees the committed head: the chain cannot fork.
CREATE FUNCTION audit.append(e audit.entries) RETURNS audit.entries
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head audit.chain_heads;
BEGIN
    INSERT INTO audit.chain_heads (chain, seq, hash) VALUES (e.chain, 0, repeat('0', 64))
        ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM audit.chain_heads WHERE chain = e.chain FOR UPDATE;
    e.seq := head.seq + 1;
    e.prev_hash := head.hash;
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
    RETURN e;
END $$;

-- Refuses a write when the transaction has not declared who acts, or declared a read-only role.
-- On a table that takes bulk loads (argument 'bulk'), a declared import batch must have been
-- created by this very transaction: only then are its rows exempt from row-by-row capture.
CREATE FUNCTION audit.require_context() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF audit.context('batch') IS NOT NULL AND TG_ARGV[0] = 'bulk' AND NOT EXISTS (
            SELECT 1 FROM fkp.import_batches
             WHERE id = audit.context('batch')::bigint AND xmin = pg_current_xact_id()::xid) THEN
        RAISE EXCEPTION 'bulk write to %.% refused: import batch % was not created in this transaction',
            TG_TABLE_SCHEMA, TG_TABLE_NAME, audit.context('batch')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;

-- Declares that the rest of the transaction loads the rows of one import batch (see above).
CREATE FUNCTION audit.declare_batch(p_batch_id bigint) RETURNS void LANGUAGE sql AS $$
    SELECT set_config('fkp.batch', p_batch_id::text, true)
$$;

CREATE FUNCTION audit.refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE on %.% is refused: it would bypass the audit trail', TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- Replaces personal and secret columns of a row image; personal values are kept aside.
-- Returns the image to hash and, through pii_out, the (column, value, salt) triples to store.
CREATE FUNCTION audit.protect_image(image jsonb, pii text[], secrets text[], salt text,
                                    OUT protected jsonb, OUT pii_out text[][])
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    col text;
    val text;
BEGIN
    protected := image;
    pii_out := ARRAY[]::text[][];
    IF image IS NULL THEN RETURN; END IF;
    FOREACH col IN ARRAY pii LOOP
        val := image ->> col;
        IF val IS NOT NULL THEN
            protected := jsonb_set(protected, ARRAY[col], to_jsonb(
                'pii:' || encode(sha256(convert_to(salt || ':' || val, 'UTF8')), 'hex')));
            pii_out := pii_out || ARRAY[ARRAY[col, val]];
        END IF;
    END LOOP;
    FOREACH col IN ARRAY secrets LOOP
        val := image ->> col;
        IF val IS NOT NULL THEN
            protected := jsonb_set(protected, ARRAY[col], to_jsonb(
                'secret:' || left(encode(sha256(convert_to(val, 'UTF8')), 'hex'), 16)));
        END IF;
    END LOOP;
END $$;

-- Row trigger. Arguments: forum column ('' if none), key columns, personal columns, secret columns
-- (the last three as text[] literals).
CREATE FUNCTION audit.capture_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    forum_column text := TG_ARGV[0];
    key_columns  text[] := TG_ARGV[1]::text[];
    pii_columns  text[] := TG_ARGV[2]::text[];
    secret_cols  text[] := TG_ARGV[3]::text[];
    old_image    jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_image    jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    any_image    jsonb := coalesce(new_image, old_image);
    declared_forum bigint := audit.context('forum')::bigint;
    row_forum    bigint;
    salt         text := replace(gen_random_uuid()::text, '-', '');
    old_p        record;
    new_p        record;
    e            audit.entries;
    i            int;
BEGIN
    IF audit.context('actor') IS NULL THEN
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

    SELECT * INTO old_p FROM audit.protect_image(old_image, pii_columns, secret_cols, salt);
    SELECT * INTO new_p FROM audit.protect_image(new_image, pii_columns, secret_cols, salt);

    e.chain := audit.chain_for(row_forum, audit.context('region'));
    e.actor := audit.context('actor');
    e.actor_role := coalesce(audit.context('role'), 'system');
    e.forum_id := row_forum;
    e.region_code := audit.context('region');
    e.action := audit.context('action');
    e.reason := audit.context('reason');
    e.decision_ref := audit.context('decision');
    e.request_id := audit.context('request');
    e.table_name := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    e.operation := TG_OP;
    e.row_key := (SELECT string_agg(any_image ->> k, '/' ORDER BY ord)
                    FROM unnest(key_columns) WITH ORDINALITY AS u(k, ord));
    e.old_row := old_p.protected;
    e.new_row := new_p.protected;
    e := audit.append(e);

    FOR i IN 1 .. coalesce(array_length(old_p.pii_out, 1), 0) LOOP
        INSERT INTO audit.personal_values VALUES (e.id, 'old', old_p.pii_out[i][1], old_p.pii_out[i][2], salt);
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(new_p.pii_out, 1), 0) LOOP
        INSERT INTO audit.personal_values VALUES (e.id, 'new', new_p.pii_out[i][1], new_p.pii_out[i][2], salt);
    END LOOP;
    RETURN NULL;
END $$;

-- Puts a domain table under the audited write path. Called by every migration that adds one.
-- `bulk` lets import batches load the table without row-by-row capture (section "Bulk loads" of
-- docs/audit.md); the per-row check is a WHEN clause, so a million-row load pays no function call.
CREATE FUNCTION audit.attach(target regclass, forum_column text, key_columns text[],
                             pii_columns text[] DEFAULT '{}', secret_columns text[] DEFAULT '{}',
                             bulk boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER audit_require_context BEFORE INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.require_context(%L)',
                   target, CASE WHEN bulk THEN 'bulk' ELSE '' END);
    EXECUTE format('CREATE TRIGGER audit_capture_row AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW %s '
                   'EXECUTE FUNCTION audit.capture_row(%L, %L, %L, %L)',
                   target,
                   CASE WHEN bulk THEN 'WHEN (coalesce(current_setting(''fkp.batch'', true), '''') = '''')' ELSE '' END,
                   coalesce(forum_column, ''), key_columns, pii_columns, secret_columns);
    EXECUTE format('CREATE TRIGGER audit_refuse_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate()', target);
END $$;
