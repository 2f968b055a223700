-- The notes of a forum's minutes no longer change once a signature is given (0020), but the notes
-- looked for signatures without a lock: notes written while the first signature was being
-- recorded passed the look and were kept under it. Now notes being written take the forum's row
-- FOR NO KEY UPDATE and a signature being recorded takes it FOR SHARE, so one waits for the other:
-- notes after a signature see it and are refused; a signature after notes is given to them.
CREATE OR REPLACE FUNCTION fkp.refuse_notes_under_signatures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM fkp.forums WHERE id = NEW.forum_id FOR NO KEY UPDATE;
    IF EXISTS (SELECT 1 FROM fkp.signatures WHERE forum_id = NEW.forum_id AND forum_version = NEW.forum_version) THEN
        RAISE EXCEPTION 'the minutes of forum % version % are being signed: their notes no longer change', NEW.forum_id, NEW.forum_version
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'minutes_signed_as_they_stand';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION fkp.await_notes_being_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM fkp.forums WHERE id = NEW.forum_id FOR SHARE;
    RETURN NEW;
END $$;
CREATE TRIGGER signatures_after_notes_being_written BEFORE INSERT ON fkp.signatures
    FOR EACH ROW EXECUTE FUNCTION fkp.await_notes_being_written();
