-- A unit is in one forum that is not closed (0005). Once a forum closes, a later forum may take
-- its units; reopening the first then made two forums review one list, and the re-ranking took
-- whichever had the higher id. Reopening is refused while another forum that is not closed holds
-- one of the forum's units (or a sub-SLS of it, or the SLS above), naming both. It takes the
-- same per-SLS locks as planning, so a plan and a reopening cannot both pass at once.
CREATE FUNCTION fkp.check_reopened_forum_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unit text;
    other bigint;
BEGIN
    FOR unit IN SELECT sls_code FROM fkp.forum_units WHERE forum_id = NEW.id ORDER BY left(sls_code, 14), sls_code LOOP
        PERFORM pg_advisory_xact_lock(hashtext('fkp.sls:' || left(unit, 14)));
        SELECT u.forum_id INTO other
          FROM fkp.forum_units u JOIN fkp.forums o ON o.id = u.forum_id
         WHERE u.forum_id <> NEW.id AND o.state <> 'closed'
           AND (u.sls_code LIKE unit || '%' OR unit LIKE u.sls_code || '%')
         ORDER BY u.forum_id
         LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'forum % cannot reopen: unit % is in forum %, which is not closed', NEW.id, unit, other
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'forum_units_one_open_forum';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_reopen_units_free BEFORE UPDATE OF state ON fkp.forums
    FOR EACH ROW WHEN (OLD.state = 'closed' AND NEW.state <> 'closed')
    EXECUTE FUNCTION fkp.check_reopened_forum_units();
