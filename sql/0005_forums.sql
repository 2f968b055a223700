-- Forums, the units (SLS, sub-SLS, Non-SLS) they cover, their team and participants, and the
-- role assignments that scope every user to a place or a forum.
CREATE TABLE fkp.forums (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code    text NOT NULL REFERENCES fkp.regions (code),
    held_at_level  text NOT NULL DEFAULT 'village',
    title          text NOT NULL DEFAULT '',
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    venue          text NOT NULL,
    state          text NOT NULL DEFAULT 'planned',
    forum_version  integer NOT NULL DEFAULT 1 CHECK (forum_version >= 1),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT forums_held_at_level_known CHECK (held_at_level IN ('village', 'below_village', 'above_village')),
    CONSTRAINT forums_state_known CHECK (state IN ('planned', 'open', 'reviewing', 'ready_to_close', 'closed', 'reopened')),
    CONSTRAINT forums_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT forums_venue_present CHECK (btrim(venue) <> '' AND length(venue) <= 300)
);
CREATE INDEX forums_region_idx ON fkp.forums (region_code);

-- A forum is held for a village; one held above village level names the district.
CREATE FUNCTION fkp.check_forum_region() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    expected text := CASE NEW.held_at_level WHEN 'above_village' THEN 'district' ELSE 'village' END;
BEGIN
    IF fkp.region_level(NEW.region_code) IS DISTINCT FROM expected THEN
        RAISE EXCEPTION 'forum held at % level must name a %, and % is a %',
            NEW.held_at_level, expected, NEW.region_code, coalesce(fkp.region_level(NEW.region_code), 'unknown code')
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forums_region_level';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_region_level BEFORE INSERT OR UPDATE OF region_code, held_at_level ON fkp.forums
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_region();
SELECT audit.attach('fkp.forums', 'id', ARRAY['id']);

CREATE TABLE fkp.forum_units (
    forum_id bigint NOT NULL REFERENCES fkp.forums (id),
    sls_code text   NOT NULL REFERENCES fkp.regions (code),
    position integer NOT NULL DEFAULT 1 CHECK (position BETWEEN 1 AND 12),
    PRIMARY KEY (forum_id, sls_code)
);
CREATE INDEX forum_units_sls_idx ON fkp.forum_units (sls_code);

-- A unit must be an SLS, sub-SLS or Non-SLS unit inside the forum's place (the village itself
-- unless the forum is held above village level), and in no other forum that is not closed.
CREATE FUNCTION fkp.check_forum_unit() RETURNS trigger LANGUAGE plpgsql AS $$
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
     WHERE u.forum_id <> NEW.forum_id AND o.state <> 'closed'
       AND (u.sls_code LIKE NEW.sls_code || '%' OR NEW.sls_code LIKE u.sls_code || '%')
     LIMIT 1;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'unit % is already in forum %, which is not closed', NEW.sls_code, other
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'forum_units_one_open_forum';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forum_units_valid BEFORE INSERT OR UPDATE ON fkp.forum_units
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_unit();

-- One to twelve units per forum, checked at commit so a forum and its units can be written together.
CREATE FUNCTION fkp.check_forum_unit_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fid bigint;
    n integer;
BEGIN
    IF TG_TABLE_NAME = 'forums' THEN
        fid := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        fid := OLD.forum_id;
    ELSE
        fid := NEW.forum_id;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM fkp.forums WHERE id = fid) THEN
        RETURN NULL;
    END IF;
    SELECT count(*) INTO n FROM fkp.forum_units WHERE forum_id = fid;
    IF n NOT BETWEEN 1 AND 12 THEN
        RAISE EXCEPTION 'forum % covers % units; a forum covers one to twelve', fid, n
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forums_one_to_twelve_units';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER forums_one_to_twelve_units AFTER INSERT ON fkp.forums
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_unit_count();
CREATE CONSTRAINT TRIGGER forum_units_one_to_twelve AFTER INSERT OR DELETE ON fkp.forum_units
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_unit_count();
SELECT audit.attach('fkp.forum_units', 'forum_id', ARRAY['forum_id', 'sls_code']);

CREATE TABLE fkp.forum_team (
    forum_id  bigint NOT NULL REFERENCES fkp.forums (id),
    user_id   bigint NOT NULL REFERENCES fkp.users (id),
    team_role text   NOT NULL CHECK (team_role IN ('facilitator', 'assistant_facilitator', 'administrator')),
    PRIMARY KEY (forum_id, user_id)
);
CREATE UNIQUE INDEX forum_team_one_facilitator ON fkp.forum_team (forum_id) WHERE team_role = 'facilitator';
CREATE UNIQUE INDEX forum_team_one_administrator ON fkp.forum_team (forum_id) WHERE team_role = 'administrator';

-- At most two assistants, and nobody in two forums whose times overlap.
CREATE FUNCTION fkp.check_forum_team() RETURNS trigger LANGUAGE plpgsql AS $$
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
     WHERE t.user_id = NEW.user_id AND o.id <> NEW.forum_id
       AND tstzrange(o.starts_at, o.ends_at) && tstzrange(f.starts_at, f.ends_at)
     LIMIT 1;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'user % is already in forum % at an overlapping time', NEW.user_id, clash
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'forum_team_no_double_booking';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forum_team_valid BEFORE INSERT OR UPDATE ON fkp.forum_team
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_team();
SELECT audit.attach('fkp.forum_team', 'forum_id', ARRAY['forum_id', 'user_id']);

-- Moving a forum's time must not double-book its team either.
CREATE FUNCTION fkp.check_forum_reschedule() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    clash record;
BEGIN
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
CREATE TRIGGER forums_reschedule_valid BEFORE UPDATE OF starts_at, ends_at ON fkp.forums
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_reschedule();

CREATE TABLE fkp.forum_participants (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id            bigint NOT NULL REFERENCES fkp.forums (id),
    kind                text   NOT NULL CHECK (kind IN ('sls_head', 'community_figure')),
    sls_code            text REFERENCES fkp.regions (code),
    user_id             bigint REFERENCES fkp.users (id),
    full_name           text   NOT NULL CHECK (btrim(full_name) <> '' AND length(full_name) <= 200),
    attended            boolean NOT NULL DEFAULT false,
    representative_name text CHECK (representative_name IS NULL OR btrim(representative_name) <> ''),
    attended_at         timestamptz,
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT forum_participants_head_has_unit CHECK ((kind = 'sls_head') = (sls_code IS NOT NULL)),
    CONSTRAINT forum_participants_attendance_time CHECK (attended = (attended_at IS NOT NULL)),
    CONSTRAINT forum_participants_representative_attended CHECK (representative_name IS NULL OR attended)
);
CREATE UNIQUE INDEX forum_participants_one_head_per_unit ON fkp.forum_participants (forum_id, sls_code)
    WHERE kind = 'sls_head';

CREATE FUNCTION fkp.check_forum_participant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'sls_head' AND NOT EXISTS (
            SELECT 1 FROM fkp.forum_units WHERE forum_id = NEW.forum_id AND sls_code = NEW.sls_code) THEN
        RAISE EXCEPTION 'unit % is not covered by forum %', NEW.sls_code, NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_participants_unit_in_forum';
    END IF;
    IF NEW.kind = 'community_figure' AND (SELECT count(*) FROM fkp.forum_participants
            WHERE forum_id = NEW.forum_id AND kind = 'community_figure' AND id <> NEW.id) >= 5 THEN
        RAISE EXCEPTION 'forum % already has five community figures', NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_participants_five_figures';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forum_participants_valid BEFORE INSERT OR UPDATE ON fkp.forum_participants
    FOR EACH ROW EXECUTE FUNCTION fkp.check_forum_participant();
SELECT audit.attach('fkp.forum_participants', 'forum_id', ARRAY['id']);

CREATE TABLE fkp.role_assignments (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES fkp.users (id),
    role          text   NOT NULL,
    region_code   text REFERENCES fkp.regions (code),
    forum_id      bigint REFERENCES fkp.forums (id),
    is_supervisor boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    CONSTRAINT role_assignments_role_known CHECK (role IN ('admin', 'bps_staff', 'facilitator', 'sls_head',
                                                           'community_figure', 'auditor')),
    CONSTRAINT role_assignments_place_given CHECK (role = 'admin' OR region_code IS NOT NULL),
    CONSTRAINT role_assignments_figure_has_forum CHECK (role <> 'community_figure' OR forum_id IS NOT NULL),
    CONSTRAINT role_assignments_supervisor_is_staff CHECK (NOT is_supervisor OR role IN ('bps_staff', 'admin'))
);
CREATE INDEX role_assignments_user_idx ON fkp.role_assignments (user_id) WHERE revoked_at IS NULL;

-- Each role is scoped to a place of the right level.
CREATE FUNCTION fkp.check_role_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lvl text := fkp.region_level(NEW.region_code);
    allowed text[] := CASE NEW.role
        WHEN 'admin' THEN ARRAY['province', 'regency', 'district', 'village', 'sls', 'subsls']
        WHEN 'bps_staff' THEN ARRAY['province', 'regency']
        WHEN 'facilitator' THEN ARRAY['village', 'district']
        WHEN 'sls_head' THEN ARRAY['sls', 'subsls']
        ELSE ARRAY['province', 'regency', 'district', 'village', 'sls', 'subsls'] END;
BEGIN
    IF NEW.region_code IS NOT NULL AND NOT lvl = ANY (allowed) THEN
        RAISE EXCEPTION 'role % is scoped to a %, and % is a %', NEW.role, array_to_string(allowed, ' or '),
            NEW.region_code, lvl
            USING ERRCODE = 'check_violation', CONSTRAINT = 'role_assignments_place_level';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER role_assignments_place_level BEFORE INSERT OR UPDATE ON fkp.role_assignments
    FOR EACH ROW EXECUTE FUNCTION fkp.check_role_place();
SELECT audit.attach('fkp.role_assignments', NULL, ARRAY['id']);

CREATE TABLE fkp.activation_codes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES fkp.users (id),
    code_hash  text   NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activation_codes_used_before_expiry CHECK (used_at IS NULL OR used_at <= expires_at)
);
SELECT audit.attach('fkp.activation_codes', NULL, ARRAY['id'], '{}', ARRAY['code_hash']);
