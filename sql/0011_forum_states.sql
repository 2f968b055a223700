-- A forum's life: planned → open → reviewing → ready_to_close → closed, back from ready_to_close
-- to reviewing, and closed → reopened → reviewing. The same rules as ForumState (FKPCore); a test
-- runs every pair of states against both. Each kind of write is taken in some states only.

CREATE FUNCTION fkp.forum_state_move_allowed(p_from text, p_to text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (p_from, p_to) IN (('planned', 'open'), ('open', 'reviewing'), ('reviewing', 'ready_to_close'),
                              ('ready_to_close', 'reviewing'), ('ready_to_close', 'closed'),
                              ('closed', 'reopened'), ('reopened', 'reviewing'))
$$;

-- planning: units, team, schedule, invitations; attendance: who came; review: verdicts, presence,
-- challenges, added families; minutes: the minutes and their signatures.
CREATE FUNCTION fkp.forum_state_allows(p_state text, p_work text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_work
        WHEN 'planning' THEN p_state = 'planned'
        WHEN 'attendance' THEN p_state IN ('open', 'reviewing')
        WHEN 'review' THEN p_state = 'reviewing'
        WHEN 'minutes' THEN p_state = 'ready_to_close'
        ELSE false
    END
$$;

CREATE FUNCTION fkp.check_forum_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'planned' THEN
            RAISE EXCEPTION 'a new forum is planned, not %', NEW.state
                USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_state_move';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.state <> OLD.state AND NOT fkp.forum_state_move_allowed(OLD.state, NEW.state) THEN
        RAISE EXCEPTION 'forum %: a % forum cannot become %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_state_move';
    END IF;
    IF (NEW.region_code, NEW.held_at_level, NEW.title, NEW.starts_at, NEW.ends_at, NEW.venue)
           IS DISTINCT FROM (OLD.region_code, OLD.held_at_level, OLD.title, OLD.starts_at, OLD.ends_at, OLD.venue)
       AND NOT fkp.forum_state_allows(OLD.state, 'planning') THEN
        RAISE EXCEPTION 'forum % is %: its place, schedule and venue no longer change', OLD.id, OLD.state
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_state_allows';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_state_change BEFORE INSERT OR UPDATE ON fkp.forums
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_change();

-- Rows of a forum's tables are written only in the states their kind of work allows (argument).
-- A participant is invited while planning; marking attendance is attendance work.
CREATE FUNCTION fkp.refuse_outside_forum_state() RETURNS trigger LANGUAGE plpgsql AS $$
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
    SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid;
    IF NOT fkp.forum_state_allows(state, work) THEN
        RAISE EXCEPTION 'forum % is %: % (% work) refused', fid, state, lower(TG_OP) || ' on ' || TG_TABLE_NAME, work
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_state_allows';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE FUNCTION fkp.gate_by_forum_state(target regclass, work text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER forum_state_allows BEFORE INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION fkp.refuse_outside_forum_state(%L)', target, work);
END $$;

SELECT fkp.gate_by_forum_state('fkp.forum_units', 'planning');
SELECT fkp.gate_by_forum_state('fkp.forum_team', 'planning');
SELECT fkp.gate_by_forum_state('fkp.forum_participants', 'planning');
SELECT fkp.gate_by_forum_state('fkp.reviews', 'review');
SELECT fkp.gate_by_forum_state('fkp.added_families', 'review');
SELECT fkp.gate_by_forum_state('fkp.challenges', 'review');
SELECT fkp.gate_by_forum_state('fkp.minutes', 'minutes');
SELECT fkp.gate_by_forum_state('fkp.signatures', 'minutes');
