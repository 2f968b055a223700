-- A forum's participants are checked against its units and its five community figures (0005), but
-- two writers could each pass the check before the other committed: two figures invited at once
-- as the fifth made six, and an SLS head invited while a replan took that SLS out of the forum was
-- kept for an SLS the forum no longer covers (the replan removes the heads of the SLS it drops,
-- but could not see one not yet committed). The check now first takes the forum's row (FOR NO KEY
-- UPDATE, as a replan's FOR UPDATE does), so such writers go one after the other and the second
-- sees what the first did. Reviews and other rows that only reference the forum are not held up.
CREATE OR REPLACE FUNCTION fkp.check_forum_participant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM fkp.forums WHERE id = NEW.forum_id FOR NO KEY UPDATE;
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
