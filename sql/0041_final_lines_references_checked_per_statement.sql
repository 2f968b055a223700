-- A re-ranking run stores its final list, a line per family: a million lines for a large regency.
-- Each line's unit, added family and run were checked by foreign keys, three triggers a line: 7.7 s
-- of the 10 s that inserting a million lines took (measured by INSERT ... SELECT into copies of the
-- table with and without the keys). The lines are now checked as one set per statement, as the
-- families' references are (0010): the statement trigger that already checks the run reads the
-- statement's distinct units and added families once. What the keys also did on the other side
-- stays: a place or an added family that a final line names is not removed or renumbered, and a
-- run, a record like its lines, is not changed or removed at all. And the families' guard on places
-- no longer fails when a place that holds no family is removed (see its end).
ALTER TABLE fkp.final_ranks
    DROP CONSTRAINT final_ranks_sls_code_fkey,
    DROP CONSTRAINT final_ranks_added_family_id_fkey,
    DROP CONSTRAINT final_ranks_run_id_fkey;

CREATE OR REPLACE FUNCTION fkp.check_final_ranks_run() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    declared text := coalesce(current_setting('fkp.rerank_run', true), '');
    stray bigint;
    unit text;
BEGIN
    IF declared <> '' THEN
        SELECT n.run_id INTO stray FROM (SELECT DISTINCT run_id FROM new_lines) n
         WHERE n.run_id <> declared::bigint
            OR NOT EXISTS (SELECT 1 FROM fkp.rerank_runs r WHERE r.id = n.run_id AND r.xmin = pg_current_xact_id()::xid)
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'final ranks of run % refused: the transaction declared run % and must have created it', stray, declared
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSE
        SELECT n.run_id INTO stray FROM (SELECT DISTINCT run_id FROM new_lines) n
         WHERE NOT EXISTS (SELECT 1 FROM fkp.rerank_runs r WHERE r.id = n.run_id)
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'final ranks of run % refused: there is no such run', stray
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'final_ranks_run_id_fkey';
        END IF;
    END IF;
    SELECT n.sls_code INTO unit FROM (SELECT DISTINCT sls_code FROM new_lines) n
     WHERE NOT EXISTS (SELECT 1 FROM fkp.regions g WHERE g.code = n.sls_code)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a final line names place %, which does not exist', unit
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'final_ranks_sls_code_fkey';
    END IF;
    SELECT n.added_family_id INTO stray FROM new_lines n
     WHERE n.added_family_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fkp.added_families a WHERE a.id = n.added_family_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'a final line names added family %, which does not exist', stray
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'final_ranks_added_family_id_fkey';
    END IF;
    RETURN NULL;
END $$;

-- Removals and renumberings are rare and made by hand; each reads the lines as the keys did.
CREATE FUNCTION fkp.keep_final_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One test per table: an expression naming OLD's field is planned only for the table that has it.
    IF TG_TABLE_NAME = 'regions' THEN
        IF EXISTS (SELECT 1 FROM fkp.final_ranks l WHERE l.sls_code = OLD.code) THEN
            RAISE EXCEPTION 'place % is named by a final list: it cannot be removed or recoded', OLD.code
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'final_ranks_sls_code_fkey';
        END IF;
    ELSIF EXISTS (SELECT 1 FROM fkp.final_ranks l WHERE l.added_family_id = OLD.id) THEN
        RAISE EXCEPTION 'added family % is named by a final list: it cannot be removed or renumbered', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'final_ranks_added_family_id_fkey';
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER regions_keep_final_lines BEFORE DELETE OR UPDATE OF code ON fkp.regions
    FOR EACH ROW EXECUTE FUNCTION fkp.keep_final_lines();
CREATE TRIGGER added_families_keep_final_lines BEFORE DELETE OR UPDATE OF id ON fkp.added_families
    FOR EACH ROW EXECUTE FUNCTION fkp.keep_final_lines();
CREATE TRIGGER rerank_runs_append_only BEFORE UPDATE OR DELETE ON fkp.rerank_runs
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

-- The same test for the families' own guard (0010): it asked OLD.id of a place, so removing a place
-- that holds no family failed with "record old has no field id" instead of going through.
CREATE OR REPLACE FUNCTION fkp.refuse_orphaning_families() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'regions' THEN
        IF EXISTS (SELECT 1 FROM fkp.families f WHERE f.sls_code = OLD.code) THEN
            RAISE EXCEPTION 'place % holds families: it cannot be removed or recoded', OLD.code
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'families_sls_code_fkey';
        END IF;
    ELSIF EXISTS (SELECT 1 FROM fkp.families f WHERE f.import_batch_id = OLD.id) THEN
        RAISE EXCEPTION 'import batch % loaded families: it cannot be removed or renumbered', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'families_import_batch_id_fkey';
    END IF;
    RETURN OLD;
END $$;
