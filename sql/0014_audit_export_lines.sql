-- Lines of an audit export (docs/audit.md, section 5) are written by the database: it escapes text
-- for JSON and CSV in C, far faster than the application could field by field, and the row images
-- leave it as the very text their hashes cover.

-- A CSV field: absent is an empty unquoted field, empty text is "", and text holding a quote, comma,
-- line break or space at either end is quoted.
CREATE FUNCTION audit.csv_field(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN v IS NULL THEN ''
        WHEN v = '' THEN '""'
        WHEN v ~ '[",\r\n]' OR v ~ '^\s' OR v ~ '\s$' THEN '"' || replace(v, '"', '""') || '"'
        ELSE v
    END
$$;

-- A JSON value: a string, or null.
CREATE FUNCTION audit.json_field(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(to_json(v)::text, 'null')
$$;

-- One entry as a line of the export, with its line feed. format: 'jsonl' or 'csv'.
CREATE FUNCTION audit.export_line(e audit.entries, format text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE format
        WHEN 'jsonl' THEN
            '{"chain":' || audit.json_field(e.chain) || ',"seq":' || e.seq || ',"prev_hash":' || audit.json_field(e.prev_hash)
            || ',"hash":' || audit.json_field(e.hash) || ',"occurred_at":' || audit.json_field(audit.timestamp_text(e.occurred_at))
            || ',"actor":' || audit.json_field(e.actor) || ',"actor_role":' || audit.json_field(e.actor_role)
            || ',"forum_id":' || coalesce(e.forum_id::text, 'null') || ',"region_code":' || audit.json_field(e.region_code)
            || ',"action":' || audit.json_field(e.action) || ',"reason":' || audit.json_field(e.reason)
            || ',"decision_ref":' || audit.json_field(e.decision_ref) || ',"table_name":' || audit.json_field(e.table_name)
            || ',"operation":' || audit.json_field(e.operation) || ',"row_key":' || audit.json_field(e.row_key)
            || ',"old_row":' || audit.json_field(e.old_row::text) || ',"new_row":' || audit.json_field(e.new_row::text) || E'}\n'
        ELSE
            audit.csv_field(e.chain) || ',' || e.seq || ',' || audit.csv_field(e.prev_hash) || ',' || audit.csv_field(e.hash)
            || ',' || audit.csv_field(audit.timestamp_text(e.occurred_at)) || ',' || audit.csv_field(e.actor)
            || ',' || audit.csv_field(e.actor_role) || ',' || coalesce(e.forum_id::text, '') || ',' || audit.csv_field(e.region_code)
            || ',' || audit.csv_field(e.action) || ',' || audit.csv_field(e.reason) || ',' || audit.csv_field(e.decision_ref)
            || ',' || audit.csv_field(e.table_name) || ',' || audit.csv_field(e.operation) || ',' || audit.csv_field(e.row_key)
            || ',' || audit.csv_field(e.old_row::text) || ',' || audit.csv_field(e.new_row::text) || E'\n'
    END
$$;
