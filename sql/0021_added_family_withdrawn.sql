-- A family added by mistake (added twice, to the wrong unit, or under a wrong name) had no way
-- off the list: it went on into the summaries, the minutes and the re-ranking. While the forum
-- reviews, it can now be withdrawn, with a reason. The row stays (struck through on the review
-- page, whole in the audit trail) and counts nowhere; a withdrawal is final, and a correction is
-- a withdrawal and a new addition.
ALTER TABLE fkp.added_families
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN withdrawn_by text,
    ADD COLUMN withdraw_reason text,
    ADD CONSTRAINT added_families_withdrawn_with_reason CHECK (
        (withdrawn_at IS NULL AND withdrawn_by IS NULL AND withdraw_reason IS NULL)
        OR (withdrawn_at IS NOT NULL AND btrim(coalesce(withdrawn_by, '')) <> '' AND btrim(coalesce(withdraw_reason, '')) <> ''
            AND length(withdraw_reason) <= 500));

CREATE FUNCTION fkp.keep_withdrawn_addition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.withdrawn_at IS NOT NULL THEN
        RAISE EXCEPTION 'added family % was withdrawn and no longer changes', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'added_families_withdrawal_final';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER added_families_withdrawal_final BEFORE UPDATE OR DELETE ON fkp.added_families
    FOR EACH ROW EXECUTE FUNCTION fkp.keep_withdrawn_addition();
