-- A challenge could name only a family of the preliminary list, yet the families a forum adds are
-- rows of the same list (../shared/domain.md, step 6) and as open to dispute: their proposed group
-- or their presence. A challenge now names either kind of row, and the database holds what the
-- forms check: the row belongs to the challenge's forum, an added family proposes only the
-- presences an added family can have, a withdrawn addition is no longer challenged, and an
-- addition is not withdrawn while a challenge on it is open (the facilitator decides it first).
--
-- A new challenge on an added family takes that row FOR SHARE, and a withdrawal updates it: the
-- two go one after the other, so neither can slip past the other's check.
CREATE FUNCTION fkp.check_challenge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added fkp.added_families;
BEGIN
    IF NEW.family_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM fkp.families f JOIN fkp.forum_units u ON f.sls_code LIKE u.sls_code || '%'
                        WHERE f.id = NEW.family_id AND u.forum_id = NEW.forum_id) THEN
            RAISE EXCEPTION 'family % is not in a unit of forum %', NEW.family_id, NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'challenges_row_in_forum';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO added FROM fkp.added_families WHERE id = NEW.added_family_id FOR SHARE;
    IF added.forum_id IS DISTINCT FROM NEW.forum_id THEN
        RAISE EXCEPTION 'added family % is not a row of forum %', NEW.added_family_id, NEW.forum_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'challenges_row_in_forum';
    END IF;
    IF added.withdrawn_at IS NOT NULL THEN
        RAISE EXCEPTION 'added family % was withdrawn and is no longer challenged', added.id
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'challenges_added_family_withdrawn';
    END IF;
    IF NEW.proposed_presence NOT IN ('present', 'moved', 'not_found') THEN
        RAISE EXCEPTION 'added family %: presence % is not one an added family can have', added.id, NEW.proposed_presence
            USING ERRCODE = 'check_violation', CONSTRAINT = 'challenges_added_family_presence';
    END IF;
    RETURN NEW;
END $$;
-- A decision changes none of these columns, so deciding takes no lock on the challenged row here.
CREATE TRIGGER challenges_valid BEFORE INSERT OR UPDATE OF forum_id, family_id, added_family_id, proposed_presence
    ON fkp.challenges FOR EACH ROW EXECUTE FUNCTION fkp.check_challenge();

CREATE FUNCTION fkp.keep_challenged_addition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.withdrawn_at IS NOT NULL AND OLD.withdrawn_at IS NULL
       AND EXISTS (SELECT 1 FROM fkp.challenges WHERE added_family_id = NEW.id AND status = 'open') THEN
        RAISE EXCEPTION 'added family % has an open challenge: decide it before withdrawing the family', NEW.id
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'added_families_open_challenge';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER added_families_withdrawn_without_open_challenge BEFORE UPDATE OF withdrawn_at ON fkp.added_families
    FOR EACH ROW EXECUTE FUNCTION fkp.keep_challenged_addition();

CREATE INDEX challenges_added_family_idx ON fkp.challenges (added_family_id) WHERE added_family_id IS NOT NULL;
