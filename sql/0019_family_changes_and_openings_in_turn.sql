-- The families of a unit whose forum has opened no longer change (0013), but the check saw only
-- what was committed when the change was written: an import still running when a forum of its
-- regency opened went on to commit changes to that forum's families, under a list its people
-- were already reviewing. A forum's first move out of planning, and every change to families,
-- now take the regency's import lock (the one `fkp import` holds for its whole transaction), so
-- they happen one after the other: an opening waits for a running import and sees its families;
-- a change that waited for an opening sees the forum open and is refused.
CREATE FUNCTION fkp.lock_regency_families(p_regency text) RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('fkp.import ' || p_regency, 0));
$$;

CREATE OR REPLACE FUNCTION fkp.refuse_family_change_in_opened_forum() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    hit record;
BEGIN
    -- In code order, as the importer takes them, so two writers cannot each wait for the other.
    PERFORM fkp.lock_regency_families(r.regency)
       FROM (SELECT DISTINCT left(sls_code, 4) AS regency FROM changed_rows ORDER BY 1) r;
    SELECT u.forum_id, u.sls_code, f.state INTO hit
      FROM (SELECT sls_code FROM changed_rows GROUP BY sls_code) c
      JOIN fkp.forum_units u ON u.sls_code IN (c.sls_code, left(c.sls_code, 14))
      JOIN fkp.forums f ON f.id = u.forum_id AND f.state <> 'planned'
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'families of unit % cannot change: forum % is %', hit.sls_code, hit.forum_id, hit.state
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'families_frozen_by_forum';
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION fkp.wait_for_family_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM fkp.lock_regency_families(left(NEW.region_code, 4));
    RETURN NEW;
END $$;
CREATE TRIGGER forums_open_after_family_changes BEFORE UPDATE OF state ON fkp.forums
    FOR EACH ROW WHEN (OLD.state = 'planned' AND NEW.state <> 'planned')
    EXECUTE FUNCTION fkp.wait_for_family_changes();
