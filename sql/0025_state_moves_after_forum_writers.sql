-- Rows of a forum's tables are written only in the states their work allows (0011), but a writer
-- read the forum's state without a lock, so a write could pass the check against a state about to
-- change and commit after the move: a signature recorded while the forum went back to review was
-- not voided with the others (0020), and one recorded while the forum closed landed in a closed
-- forum. Checks that count or look at a forum's rows had the same gap between two writers: two
-- assistants booked at once as the second made three, and notes written while the first
-- signature was recorded were kept under it (0020).
--
-- Now the state gate takes the forum's row, at once at the strongest lock its table's writers need
-- (a writer that took it weaker and then stronger could deadlock with a move, which holds the row
-- while it waits for FOR UPDATE): FOR NO KEY UPDATE for the team, the participants and the
-- minutes, whose checks count or look at the forum's rows (two assistants, five figures, no notes
-- under a signature); FOR SHARE for a signature, so that notes and signatures go in turn; FOR KEY
-- SHARE, what a reference to the forum takes anyway, for units. Every move of state except the
-- one out of reviewing first takes the row FOR UPDATE, before any other check of the move: a
-- writer waits for a move under way and then sees the new state; a move waits for the writers
-- under way and its checks (every place signed, signatures voided) see what they wrote. Verdicts,
-- challenges and added families take no row lock, as before (0012): the move out of reviewing
-- waits for them by table locks, now including added families, and does not take the row FOR
-- UPDATE, since a new verdict's reference to the forum would then wait for the move while the
-- move waits for the verdict.
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
    IF work = 'review' THEN
        SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid;
    ELSIF TG_TABLE_NAME IN ('forum_team', 'forum_participants', 'minutes') THEN
        SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid FOR NO KEY UPDATE;
    ELSIF TG_TABLE_NAME = 'signatures' THEN
        SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid FOR SHARE;
    ELSE
        SELECT f.state INTO state FROM fkp.forums f WHERE f.id = fid FOR KEY SHARE;
    END IF;
    IF NOT fkp.forum_state_allows(state, work) THEN
        RAISE EXCEPTION 'forum % is %: % (% work) refused', fid, state, lower(TG_OP) || ' on ' || TG_TABLE_NAME, work
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_state_allows';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE FUNCTION fkp.await_forum_writers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state IS DISTINCT FROM OLD.state AND OLD.state <> 'reviewing' THEN
        PERFORM 1 FROM fkp.forums WHERE id = NEW.id FOR UPDATE;
    END IF;
    RETURN NEW;
END $$;
-- Named to sort before every other BEFORE UPDATE trigger of fkp.forums (they fire by name).
CREATE TRIGGER forums_await_writers_before_state_change BEFORE UPDATE OF state ON fkp.forums
    FOR EACH ROW EXECUTE FUNCTION fkp.await_forum_writers();

CREATE OR REPLACE FUNCTION fkp.check_forum_ready() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    without_verdict bigint;
    open_challenges bigint;
BEGIN
    -- In the order a challenge's decision writes them (challenge, then review): no deadlock. An
    -- added family is written alone.
    LOCK TABLE fkp.challenges, fkp.reviews, fkp.added_families IN SHARE MODE;
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
