-- What a forum says about each family: the verdict of the SLS head, presence, challenges raised by
-- participants and the forum's decisions, and families added because they were missing.

-- A closed forum is read-only: any write to its rows is refused by the database itself.
CREATE FUNCTION fkp.refuse_when_forum_closed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.forum_id ELSE NEW.forum_id END;
BEGIN
    IF (SELECT state FROM fkp.forums WHERE id = fid) = 'closed' THEN
        RAISE EXCEPTION 'forum % is closed: % on %.% refused', fid, TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_closed_read_only';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE FUNCTION fkp.freeze_with_forum(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER forum_closed_read_only BEFORE INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION fkp.refuse_when_forum_closed()', target);
END $$;
SELECT fkp.freeze_with_forum('fkp.forum_units');
SELECT fkp.freeze_with_forum('fkp.forum_team');
SELECT fkp.freeze_with_forum('fkp.forum_participants');

CREATE TABLE fkp.reviews (
    forum_id          bigint NOT NULL REFERENCES fkp.forums (id),
    family_id         text   NOT NULL REFERENCES fkp.families (id),
    verdict           text,
    proposed_group    smallint,
    reason            text,
    presence          text NOT NULL DEFAULT 'present',
    moved_to          text,
    moved_to_sls_code text REFERENCES fkp.regions (code),
    duplicate_of      text REFERENCES fkp.families (id),
    merged_into       text REFERENCES fkp.families (id),
    order_note        text,
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text,
    PRIMARY KEY (forum_id, family_id),
    CONSTRAINT reviews_verdict_known CHECK (verdict IN ('sesuai', 'tidak_sesuai', 'tidak_berpendapat')),
    CONSTRAINT reviews_proposed_group_1_to_4 CHECK (proposed_group BETWEEN 1 AND 4),
    CONSTRAINT reviews_not_fitting_proposes_group CHECK ((verdict = 'tidak_sesuai') = (proposed_group IS NOT NULL)),
    CONSTRAINT reviews_group_change_has_reason CHECK (proposed_group IS NULL OR coalesce(btrim(reason), '') <> ''),
    CONSTRAINT reviews_presence_known CHECK (presence IN ('present', 'moved', 'died', 'not_found', 'duplicate', 'merged')),
    CONSTRAINT reviews_duplicate_names_family CHECK ((presence = 'duplicate') = (duplicate_of IS NOT NULL)),
    CONSTRAINT reviews_merged_names_family CHECK ((presence = 'merged') = (merged_into IS NOT NULL)),
    CONSTRAINT reviews_moved_details_only_when_moved CHECK (presence = 'moved' OR (moved_to IS NULL AND moved_to_sls_code IS NULL)),
    CONSTRAINT reviews_not_duplicate_of_itself CHECK (duplicate_of <> family_id AND merged_into <> family_id)
);

-- The family must be in one of the forum's units, a proposed group must differ from the
-- preliminary one, and duplicate-of / merged-into must point inside the same forum.
CREATE FUNCTION fkp.check_review() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fam fkp.families;
BEGIN
    SELECT * INTO fam FROM fkp.families WHERE id = NEW.family_id;
    IF NOT EXISTS (SELECT 1 FROM fkp.forum_units u WHERE u.forum_id = NEW.forum_id
                      AND fam.sls_code LIKE u.sls_code || '%') THEN
        RAISE EXCEPTION 'family % is not in a unit of forum %', NEW.family_id, NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_family_in_forum';
    END IF;
    IF NEW.proposed_group = fam.welfare_group THEN
        RAISE EXCEPTION 'family %: the proposed group % is its preliminary group', NEW.family_id, NEW.proposed_group
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_proposed_group_differs';
    END IF;
    IF coalesce(NEW.duplicate_of, NEW.merged_into) IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM fkp.families o JOIN fkp.forum_units u ON o.sls_code LIKE u.sls_code || '%'
             WHERE o.id = coalesce(NEW.duplicate_of, NEW.merged_into) AND u.forum_id = NEW.forum_id) THEN
        RAISE EXCEPTION 'family %: % is not a family of forum %', NEW.family_id,
            coalesce(NEW.duplicate_of, NEW.merged_into), NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_reference_in_forum';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER reviews_valid BEFORE INSERT OR UPDATE ON fkp.reviews
    FOR EACH ROW EXECUTE FUNCTION fkp.check_review();
SELECT fkp.freeze_with_forum('fkp.reviews');
SELECT audit.attach('fkp.reviews', 'forum_id', ARRAY['forum_id', 'family_id']);

CREATE TABLE fkp.added_families (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id       bigint  NOT NULL REFERENCES fkp.forums (id),
    sls_code       text    NOT NULL REFERENCES fkp.regions (code),
    head_name      text    NOT NULL CHECK (btrim(head_name) <> '' AND length(head_name) <= 200),
    address        text    NOT NULL DEFAULT '' CHECK (length(address) <= 500),
    members        integer NOT NULL CHECK (members BETWEEN 1 AND 99),
    presence       text    NOT NULL DEFAULT 'present' CHECK (presence IN ('present', 'moved', 'not_found')),
    proposed_group smallint NOT NULL CHECK (proposed_group BETWEEN 1 AND 4),
    reason         text    NOT NULL CHECK (btrim(reason) <> ''),
    kk_number      text CHECK (kk_number ~ '^[0-9]{16}$'),
    head_nik       text CHECK (head_nik ~ '^[0-9]{16}$'),
    created_by     text,
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION fkp.check_added_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fkp.forum_units WHERE forum_id = NEW.forum_id AND sls_code = NEW.sls_code) THEN
        RAISE EXCEPTION 'unit % is not covered by forum %', NEW.sls_code, NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'added_families_unit_in_forum';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER added_families_valid BEFORE INSERT OR UPDATE ON fkp.added_families
    FOR EACH ROW EXECUTE FUNCTION fkp.check_added_family();
SELECT fkp.freeze_with_forum('fkp.added_families');
SELECT audit.attach('fkp.added_families', 'forum_id', ARRAY['id'], ARRAY['kk_number', 'head_nik']);

CREATE TABLE fkp.challenges (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id          bigint NOT NULL REFERENCES fkp.forums (id),
    family_id         text REFERENCES fkp.families (id),
    added_family_id   bigint REFERENCES fkp.added_families (id),
    kind              text NOT NULL,
    proposed_group    smallint,
    proposed_presence text,
    proposed_value    text,
    reason            text NOT NULL,
    raised_by_user_id bigint REFERENCES fkp.users (id),
    raised_by_name    text NOT NULL CHECK (btrim(raised_by_name) <> ''),
    raised_at         timestamptz NOT NULL DEFAULT now(),
    status            text NOT NULL DEFAULT 'open',
    decision_method   text,
    votes_for         integer CHECK (votes_for >= 0),
    votes_against     integer CHECK (votes_against >= 0),
    votes_abstain     integer CHECK (votes_abstain >= 0),
    decision_note     text,
    decided_by        text,
    decided_at        timestamptz,
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT challenges_on_one_row CHECK ((family_id IS NULL) <> (added_family_id IS NULL)),
    CONSTRAINT challenges_kind_known CHECK (kind IN ('group', 'presence', 'data')),
    CONSTRAINT challenges_group_proposes_group CHECK ((kind = 'group') = (proposed_group IS NOT NULL)),
    CONSTRAINT challenges_proposed_group_1_to_4 CHECK (proposed_group BETWEEN 1 AND 4),
    CONSTRAINT challenges_presence_proposes_presence CHECK ((kind = 'presence') = (proposed_presence IS NOT NULL)),
    CONSTRAINT challenges_presence_known CHECK (proposed_presence IN ('present', 'moved', 'died', 'not_found', 'duplicate', 'merged')),
    CONSTRAINT challenges_data_proposes_value CHECK (kind <> 'data' OR coalesce(btrim(proposed_value), '') <> ''),
    CONSTRAINT challenges_reason_present CHECK (btrim(reason) <> ''),
    CONSTRAINT challenges_status_known CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    CONSTRAINT challenges_decided_when_closed CHECK ((status = 'open') = (decided_at IS NULL)),
    CONSTRAINT challenges_method_known CHECK (decision_method IN ('consensus', 'vote')),
    CONSTRAINT challenges_decision_has_method CHECK (status NOT IN ('accepted', 'rejected') OR decision_method IS NOT NULL),
    CONSTRAINT challenges_vote_has_counts CHECK (decision_method IS DISTINCT FROM 'vote'
                                                 OR (votes_for IS NOT NULL AND votes_against IS NOT NULL))
);
CREATE INDEX challenges_forum_idx ON fkp.challenges (forum_id, status);
SELECT fkp.freeze_with_forum('fkp.challenges');
SELECT audit.attach('fkp.challenges', 'forum_id', ARRAY['id']);
