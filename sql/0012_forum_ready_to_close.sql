-- A forum is ready to close only when every family of its units has a verdict and no challenge is
-- still open (../shared/domain.md, step 8). The move first waits for the reviews and challenges
-- being written to commit, and holds new writes back until it commits (they then see the new
-- state and are refused), so a verdict cannot slip past the count. The pause is one count long,
-- once per forum; locking the forum's row in every write instead cost a fifth of the write rate.

CREATE FUNCTION fkp.check_forum_ready() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    without_verdict bigint;
    open_challenges bigint;
BEGIN
    -- In the order a challenge's decision writes them (challenge, then review): no deadlock.
    LOCK TABLE fkp.challenges, fkp.reviews IN SHARE MODE;
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
CREATE TRIGGER forums_ready_to_close BEFORE UPDATE OF state ON fkp.forums
    -- Only the one allowed move there; other moves are refused by forums_state_change.
    FOR EACH ROW WHEN (OLD.state = 'reviewing' AND NEW.state = 'ready_to_close')
    EXECUTE FUNCTION fkp.check_forum_ready();
