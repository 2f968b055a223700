-- A planned forum can be cancelled, with a reason: two forums planned for one village that are
-- to be held as one, or a forum planned by mistake, were otherwise kept for ever, holding their
-- units and team and keeping the regency's re-ranking provisional. A cancelled forum is kept
-- (its row, its chain, its reason) and takes no work; it holds no unit, books no one, and does not
-- freeze its families. The three questions every rule asks of a forum's state are asked here once.

ALTER TABLE fkp.forums DROP CONSTRAINT forums_state_known;
ALTER TABLE fkp.forums
    ADD CONSTRAINT forums_state_known
        CHECK (state IN ('planned', 'open', 'reviewing', 'ready_to_close', 'closed', 'reopened', 'cancelled')),
    ADD COLUMN cancel_reason text,
    ADD CONSTRAINT forums_cancelled_with_reason
        CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL) AND (cancel_reason IS NULL OR (btrim(cancel_reason) <> '' AND length(cancel_reason) <= 500)));

CREATE OR REPLACE FUNCTION fkp.forum_state_move_allowed(p_from text, p_to text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (p_from, p_to) IN (('planned', 'open'), ('open', 'reviewing'), ('reviewing', 'ready_to_close'),
                              ('ready_to_close', 'reviewing'), ('ready_to_close', 'closed'),
                              ('closed', 'reopened'), ('reopened', 'reviewing'), ('planned', 'cancelled'))
$$;

-- Whether a forum in this state holds its units (no other forum may take them) and counts as not
-- yet closed for the regency's re-ranking.
CREATE FUNCTION fkp.forum_holds_units(p_state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT p_state NOT IN ('closed', 'cancelled')
$$;
-- Whether a forum in this state books its team (no one may be in two forums at once).
CREATE FUNCTION fkp.forum_books_team(p_state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT p_state <> 'cancelled'
$$;
-- Whether a forum in this state has frozen the families of its units (it has opened).
CREATE FUNCTION fkp.forum_freezes_families(p_state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT p_state NOT IN ('planned', 'cancelled')
$$;

CREATE OR REPLACE FUNCTION fkp.check_forum_unit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    f fkp.forums;
    other bigint;
BEGIN
    SELECT * INTO f FROM fkp.forums WHERE id = NEW.forum_id;
    IF fkp.region_level(NEW.sls_code) NOT IN ('sls', 'subsls') THEN
        RAISE EXCEPTION '% is not an SLS, sub-SLS or Non-SLS unit', NEW.sls_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_units_are_units';
    END IF;
    IF left(NEW.sls_code, length(f.region_code)) <> f.region_code THEN
        RAISE EXCEPTION 'unit % is outside the forum''s % %', NEW.sls_code,
            CASE f.held_at_level WHEN 'above_village' THEN 'district' ELSE 'village' END, f.region_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_units_in_one_village';
    END IF;
    -- Serialise bookings of one SLS so two concurrent plans cannot both take it.
    PERFORM pg_advisory_xact_lock(hashtext('fkp.sls:' || left(NEW.sls_code, 14)));
    SELECT u.forum_id INTO other
      FROM fkp.forum_units u JOIN fkp.forums o ON o.id = u.forum_id
     WHERE u.forum_id <> NEW.forum_id AND fkp.forum_holds_units(o.state)
       AND (u.sls_code LIKE NEW.sls_code || '%' OR NEW.sls_code LIKE u.sls_code || '%')
     LIMIT 1;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'unit % is already in forum %, which is not closed', NEW.sls_code, other
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'forum_units_one_open_forum';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION fkp.check_reopened_forum_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unit text;
    other bigint;
BEGIN
    FOR unit IN SELECT sls_code FROM fkp.forum_units WHERE forum_id = NEW.id ORDER BY left(sls_code, 14), sls_code LOOP
        PERFORM pg_advisory_xact_lock(hashtext('fkp.sls:' || left(unit, 14)));
        SELECT u.forum_id INTO other
          FROM fkp.forum_units u JOIN fkp.forums o ON o.id = u.forum_id
         WHERE u.forum_id <> NEW.id AND fkp.forum_holds_units(o.state)
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

CREATE OR REPLACE FUNCTION fkp.check_forum_team() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    f fkp.forums;
    clash bigint;
BEGIN
    SELECT * INTO f FROM fkp.forums WHERE id = NEW.forum_id;
    IF NEW.team_role = 'assistant_facilitator' AND (SELECT count(*) FROM fkp.forum_team
            WHERE forum_id = NEW.forum_id AND team_role = 'assistant_facilitator' AND user_id <> NEW.user_id) >= 2 THEN
        RAISE EXCEPTION 'forum % already has two assistant facilitators', NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_team_two_assistants';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fkp.user:' || NEW.user_id));
    SELECT o.id INTO clash
      FROM fkp.forum_team t JOIN fkp.forums o ON o.id = t.forum_id
     WHERE t.user_id = NEW.user_id AND o.id <> NEW.forum_id AND fkp.forum_books_team(o.state)
       AND tstzrange(o.starts_at, o.ends_at) && tstzrange(f.starts_at, f.ends_at)
     LIMIT 1;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'user % is already in forum % at an overlapping time', NEW.user_id, clash
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'forum_team_no_double_booking';
    END IF;
    RETURN NEW;
END $$;

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
     WHERE t.forum_id = NEW.id AND fkp.forum_books_team(o.state)
       AND tstzrange(o.starts_at, o.ends_at) && tstzrange(NEW.starts_at, NEW.ends_at)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'user % is already in forum % at an overlapping time', clash.user_id, clash.other
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'forum_team_no_double_booking';
    END IF;
    RETURN NEW;
END $$;

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
      JOIN fkp.forums f ON f.id = u.forum_id AND fkp.forum_freezes_families(f.state)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'families of unit % cannot change: forum % is %', hit.sls_code, hit.forum_id, hit.state
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'families_frozen_by_forum';
    END IF;
    RETURN NULL;
END $$;
