-- A re-ranking run's final list is a record of what the run said. Its lines read the head's name
-- and the preliminary group from the families as they are now, and referenced them by a foreign
-- key. So a preliminary list revised after a run (allowed for a unit whose forum has not opened,
-- and a provisional run can come first) either was refused outright when it removed a family the
-- run had listed, or, when it changed a name or a group, made the run's list stop hashing to the
-- output recorded with it: a false alarm of tampering. Each line now keeps the name and the
-- preliminary group it printed, and names its family by id, as the audit trail does, without a key.
ALTER TABLE fkp.final_ranks
    ADD COLUMN head_name text,
    ADD COLUMN preliminary_group smallint CHECK (preliminary_group BETWEEN 1 AND 4);

-- Lines stored before this file take them from the families they name (the key kept those rows
-- there). The lines are append-only, so this one change is made with that guard set aside and
-- recorded in the audit trail, line by line, in each run's regency chain.
ALTER TABLE fkp.final_ranks DISABLE TRIGGER final_ranks_append_only;

DO $$
DECLARE
    regency text;
BEGIN
    FOR regency IN SELECT DISTINCT r.regency_code FROM fkp.rerank_runs r
                    WHERE EXISTS (SELECT 1 FROM fkp.final_ranks l WHERE l.run_id = r.id) ORDER BY 1 LOOP
        PERFORM audit.declare('system:migration', 'system', 'migration',
                              'migration 0037: each final line keeps the name and preliminary group it printed',
                              NULL, regency);
        UPDATE fkp.final_ranks l
           SET head_name = coalesce((SELECT f.head_name FROM fkp.families f WHERE f.id = l.family_id),
                                    (SELECT a.head_name FROM fkp.added_families a WHERE a.id = l.added_family_id)),
               preliminary_group = (SELECT f.welfare_group FROM fkp.families f WHERE f.id = l.family_id)
         WHERE l.run_id IN (SELECT r.id FROM fkp.rerank_runs r WHERE r.regency_code = regency);
    END LOOP;
END $$;

ALTER TABLE fkp.final_ranks ENABLE TRIGGER final_ranks_append_only;

ALTER TABLE fkp.final_ranks
    ALTER COLUMN head_name SET NOT NULL,
    ADD CONSTRAINT final_ranks_preliminary_group_of_listed_family CHECK ((family_id IS NULL) = (preliminary_group IS NULL)),
    DROP CONSTRAINT final_ranks_family_id_fkey;
