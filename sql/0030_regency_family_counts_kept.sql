-- Families per welfare group of each regency, kept for the pages that count a province's or the
-- country's lists: 85 million families took about 16 s to count for each view of the country's
-- page (190 ms a million). Derived from fkp.families, not domain data, so in schema runtime.
-- A regency's row is removed by any write to its families, in the writing transaction, by the
-- statement trigger that already gathers the units written and takes their regencies' import
-- locks; the next page that needs it counts it again (RegionRepository), holding the same lock
-- for the count, so that no count read from before a write is kept after it.
CREATE TABLE runtime.regency_family_counts (
    regency  text PRIMARY KEY,
    -- Families in welfare groups 1, 2, 3 and 4.
    by_group bigint[] NOT NULL CHECK (cardinality(by_group) = 4)
);

-- The key of a regency's import lock, in one place for those who wait for it and those who try it.
CREATE FUNCTION fkp.regency_import_lock_key(p_regency text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT hashtextextended('fkp.import ' || p_regency, 0)
$$;

CREATE OR REPLACE FUNCTION fkp.lock_regency_families(p_regency text) RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(fkp.regency_import_lock_key(p_regency));
$$;

-- The same lock, taken only when no writer holds it.
CREATE FUNCTION fkp.try_lock_regency_families(p_regency text) RETURNS boolean LANGUAGE sql AS $$
    SELECT pg_try_advisory_xact_lock(fkp.regency_import_lock_key(p_regency));
$$;

CREATE OR REPLACE FUNCTION fkp.refuse_family_change_in_opened_forum() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    units     text[];
    regencies text[];
    hit       record;
BEGIN
    SELECT array_agg(c.sls_code) INTO units FROM (SELECT sls_code FROM changed_rows GROUP BY sls_code) c;
    SELECT array_agg(DISTINCT left(u, 4) ORDER BY left(u, 4)) INTO regencies FROM unnest(units) AS u;
    -- In code order, as the importer takes them, so two writers cannot each wait for the other.
    PERFORM fkp.lock_regency_families(r) FROM unnest(regencies) AS r;
    DELETE FROM runtime.regency_family_counts WHERE regency = ANY (regencies);
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
