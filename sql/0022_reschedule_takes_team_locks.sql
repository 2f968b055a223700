-- Booking a person into a forum's team takes that person's lock before looking for a clash (0005),
-- but moving a forum's time looked without it: a plan changed to a new time while another forum
-- booked one of its team at that time could both pass, each not yet seeing the other. The move
-- now takes the same lock for each of its team, in the order of their ids, before it looks.
CREATE OR REPLACE FUNCTION fkp.check_forum_reschedule() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    clash record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('fkp.user:' || t.user_id))
       FROM (SELECT user_id FROM fkp.forum_team WHERE forum_id = NEW.id ORDER BY user_id) t;
    SELECT t.user_id, o.id AS other INTO clash
      FROM fkp.forum_team t
      JOIN fkp.forum_team t2 ON t2.user_id = t.user_id AND t2.forum_id <> t.forum_id
      JOIN fkp.forums o ON o.id = t2.forum_id
     WHERE t.forum_id = NEW.id
       AND tstzrange(o.starts_at, o.ends_at) && tstzrange(NEW.starts_at, NEW.ends_at)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'user % is already in forum % at an overlapping time', clash.user_id, clash.other
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'forum_team_no_double_booking';
    END IF;
    RETURN NEW;
END $$;
