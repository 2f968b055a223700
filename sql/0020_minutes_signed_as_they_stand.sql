-- The signatures of a forum's minutes are given to the minutes as they stand. Before, they
-- outlived what they signed: a forum sent back from ready to close to review kept them while its
-- verdicts, and so the counts of the minutes, changed, and it could then close on signatures
-- given to other counts; and the notes could still be rewritten under signatures already given.
-- Now the move back to review voids the version's signatures (deleted, so kept in the audit trail
-- with the move's actor and reason), and the notes no longer change once a signature is given.
CREATE FUNCTION fkp.void_signatures_on_return_to_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Still ready to close while this BEFORE trigger runs, so the signatures may be written.
    DELETE FROM fkp.signatures WHERE forum_id = NEW.id AND forum_version = NEW.forum_version;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_return_voids_signatures BEFORE UPDATE OF state ON fkp.forums
    FOR EACH ROW WHEN (OLD.state = 'ready_to_close' AND NEW.state = 'reviewing')
    EXECUTE FUNCTION fkp.void_signatures_on_return_to_review();

CREATE FUNCTION fkp.refuse_notes_under_signatures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM fkp.signatures WHERE forum_id = NEW.forum_id AND forum_version = NEW.forum_version) THEN
        RAISE EXCEPTION 'the minutes of forum % version % are being signed: their notes no longer change', NEW.forum_id, NEW.forum_version
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'minutes_signed_as_they_stand';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER minutes_notes_written_before_signatures BEFORE INSERT ON fkp.minutes
    FOR EACH ROW WHEN (NEW.notes <> '')
    EXECUTE FUNCTION fkp.refuse_notes_under_signatures();
CREATE TRIGGER minutes_notes_changed_before_signatures BEFORE UPDATE OF notes ON fkp.minutes
    FOR EACH ROW WHEN (NEW.notes IS DISTINCT FROM OLD.notes)
    EXECUTE FUNCTION fkp.refuse_notes_under_signatures();
