-- The statement checks on fkp.families read a list's rows (a million for a large regency's load)
-- once each, not once per question: the rows' units (and batches) are gathered in one pass, and
-- the questions are asked of those few hundred or thousand values. Same rules, same locks, same
-- order of locking; a million-row load spent 2.1 s in these two triggers, three and two passes.

CREATE OR REPLACE FUNCTION fkp.check_family_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    units         text[];
    batches       bigint[];
    missing_unit  text;
    missing_batch bigint;
BEGIN
    SELECT array_agg(DISTINCT g.sls_code), array_agg(DISTINCT g.batch) FILTER (WHERE g.batch IS NOT NULL)
      INTO units, batches
      FROM (SELECT sls_code, import_batch_id AS batch FROM new_rows GROUP BY 1, 2) g;
    PERFORM 1 FROM fkp.regions r WHERE r.code = ANY (units) FOR KEY SHARE;
    SELECT u INTO missing_unit FROM unnest(units) AS u
     WHERE NOT EXISTS (SELECT 1 FROM fkp.regions r WHERE r.code = u) LIMIT 1;
    IF missing_unit IS NOT NULL THEN
        RAISE EXCEPTION 'family in unit % refused: there is no such place', missing_unit
            USING ERRCODE = 'foreign_key_violation', SCHEMA = 'fkp', TABLE = 'families',
                  CONSTRAINT = 'families_sls_code_fkey';
    END IF;
    SELECT b INTO missing_batch FROM unnest(batches) AS b
     WHERE NOT EXISTS (SELECT 1 FROM fkp.import_batches i WHERE i.id = b) LIMIT 1;
    IF missing_batch IS NOT NULL THEN
        RAISE EXCEPTION 'family of import batch % refused: there is no such batch', missing_batch
            USING ERRCODE = 'foreign_key_violation', SCHEMA = 'fkp', TABLE = 'families',
                  CONSTRAINT = 'families_import_batch_id_fkey';
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION fkp.refuse_family_change_in_opened_forum() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    units text[];
    hit   record;
BEGIN
    SELECT array_agg(c.sls_code) INTO units FROM (SELECT sls_code FROM changed_rows GROUP BY sls_code) c;
    -- In code order, as the importer takes them, so two writers cannot each wait for the other.
    PERFORM fkp.lock_regency_families(r.regency)
       FROM (SELECT DISTINCT left(u, 4) AS regency FROM unnest(units) AS u ORDER BY 1) r;
    SELECT u.forum_id, u.sls_code, f.state INTO hit
      FROM unnest(units) AS c(sls_code)
      JOIN fkp.forum_units u ON u.sls_code IN (c.sls_code, left(c.sls_code, 14))
      JOIN fkp.forums f ON f.id = u.forum_id AND fkp.forum_freezes_families(f.state)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'families of unit % cannot change: forum % is %', hit.sls_code, hit.forum_id, hit.state
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'families_frozen_by_forum';
    END IF;
    RETURN NULL;
END $$;
