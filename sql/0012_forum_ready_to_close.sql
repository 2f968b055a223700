-- A forum is ready to close only when every family of its units has a verdict and no challenge is
-- still open (../shared/domain.md, step 8). Writes of each kind of work now lock the forum's row
-- FOR SHARE while they check its state, so a review being saved and the move to ready_to_close
-- cannot pass each other: one waits for the other.

CREATE FUNCTION fkp.check_forum_ready() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    without_verdict bigint;
    open_challenges bigint;
BEGIN
    SELECT count(*) INTO without_verdict
      FROM fkp.forum_units u
      JOIN fkp.families f ON f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':')
      LEFT JOIN fkp.reviews r ON r.forum_id = u.forum_id AND r.family_id = f.id
     WHERE u.forum_id = NEW.id AND r.verdict IS NULL;
    SELECT count(*) INTO open_challenges FROM fkp.challenges WHERE forum_id = NEW.id AND status = 'open';
    IF without_verdict > 0 OR open_challenges > 0 THEN
        RAISE EXCEPTION 'forum % is not ready to close: % families without a verdict, % open challenges',
            NEW.id, without_verdict, open_challenges
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_ready_to_close';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_ready_to_close BEFORE UPDATE OF state ON fkp.forums
    -- Only the one allowed move there; other moves are refused by forums_state_change.
    FOR EACH ROW WHEN (OLD.state = 'reviewing' AND NEW.state = 'ready_to_close')
    EXECUTE FUNCTION fkp.check_forum_ready();

CREATE OR REPLACE FUNCTION fkp.refuse_outside_forum_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fid   bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.forum_id ELSE NEW.forum_id END;
    work  text := TG_ARGV[0];
    state text;
BEGIN
    IF TG_TABLE_NAME = 'forum_participants' AND TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - ARRAY['attended', 'attended_at', 'representative_name', 'version'])
           = (to_jsonb(OLD) - ARRAY['attended', 'attended_at', 'representative_name', 'version']) THEN
        work := 'attendance';
    END IF;
    SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid FOR SHARE;
    IF NOT fkp.forum_state_allows(state, work) THEN
        RAISE EXCEPTION 'forum % is %: % (% work) refused', fid, state, lower(TG_OP) || ' on ' || TG_TABLE_NAME, work
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_state_allows';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
