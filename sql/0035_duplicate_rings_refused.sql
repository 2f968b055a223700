-- A duplicate or a merger names the family that stays on the list. Marked the other way round too
-- (row A a duplicate of row B, row B of row A), or round a longer ring, every row of that family
-- would leave the final list (the re-ranking removes duplicates and merged families) and the family
-- would be lost. Two people at the two rows of one family, each saying "this one is the other's
-- duplicate", do exactly that.
--
-- Checked when the transaction commits (a deferred constraint trigger): by then the transaction
-- holds its forum chain's head (every review write appends to that chain, and writers to a chain
-- wait for each other's commit there), so a ring closed by two people at once is seen by the
-- second, whose statements read what the first committed.
CREATE FUNCTION fkp.refuse_review_ring() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next text;
    steps integer := 0;
BEGIN
    -- The row as it stands at commit, which a later statement of the transaction may have changed.
    SELECT coalesce(r.duplicate_of, r.merged_into) INTO next
      FROM fkp.reviews r WHERE r.forum_id = NEW.forum_id AND r.family_id = NEW.family_id;
    WHILE next IS NOT NULL AND steps < 10000 LOOP
        IF next = NEW.family_id THEN
            RAISE EXCEPTION 'family % of forum %: the family it names is marked a duplicate of, or merged into, it', NEW.family_id, NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'reviews_no_ring';
        END IF;
        steps := steps + 1;
        SELECT coalesce(r.duplicate_of, r.merged_into) INTO next
          FROM fkp.reviews r WHERE r.forum_id = NEW.forum_id AND r.family_id = next;
    END LOOP;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER reviews_no_ring AFTER INSERT OR UPDATE OF duplicate_of, merged_into ON fkp.reviews
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (coalesce(NEW.duplicate_of, NEW.merged_into) IS NOT NULL)
    EXECUTE FUNCTION fkp.refuse_review_ring();
