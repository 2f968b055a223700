-- 0024-0026 made a forum's writers take the forum's row, but some took it twice: first FOR KEY
-- SHARE (the state gate, 0025), then a stronger lock in a trigger that fires later (the notes'
-- FOR NO KEY UPDATE, a signature's FOR SHARE). A move of the forum's state holds the row FOR NO
-- KEY UPDATE while it waits to take it FOR UPDATE (0025), so such a writer and a move could each
-- wait for the other. Now the state gate, which fires before those triggers, takes at once the
-- strongest lock the writer needs: FOR NO KEY UPDATE for the team, the participants and the
-- minutes (whose checks count or look at rows of the forum: two assistants, five figures, no notes
-- under a signature), FOR SHARE for a signature (so that notes and signatures go in turn), FOR
-- KEY SHARE for units; reviews, challenges and added families stay without a row lock (0012).
-- The team's two-assistant count was the last check of that kind taken without a lock: two
-- assistants booked at once as the second made three.
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

-- The gate now takes these locks first; the later triggers need none of their own.
DROP TRIGGER signatures_after_notes_being_written ON fkp.signatures;
DROP FUNCTION fkp.await_notes_being_written();
CREATE OR REPLACE FUNCTION fkp.refuse_notes_under_signatures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM fkp.signatures WHERE forum_id = NEW.forum_id AND forum_version = NEW.forum_version) THEN
        RAISE EXCEPTION 'the minutes of forum % version % are being signed: their notes no longer change', NEW.forum_id, NEW.forum_version
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'minutes_signed_as_they_stand';
    END IF;
    RETURN NEW;
END $$;
