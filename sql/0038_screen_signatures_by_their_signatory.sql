-- A signature given on screen is the signatory's own act: the application lets only the account of
-- a place sign it on screen (anyone else records a paper signature, saying so). The database now
-- holds the same rule, so no other path can put a signature on screen in someone else's name: a
-- 'screen' signature fills a place that has an account, names that account, and is written in a
-- transaction declared by it.
CREATE OR REPLACE FUNCTION fkp.check_signature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refused fkp.signatures;
    place_user bigint;
BEGIN
    IF NEW.escalated_from IS NULL THEN
        SELECT s.user_id INTO place_user FROM fkp.minutes_signatories(NEW.forum_id) s
         WHERE s.slot = fkp.signature_slot(NEW.signatory_role, NEW.participant_id, NEW.user_id, NULL)
           AND s.signatory_role = NEW.signatory_role;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'a % (participant %, user %) does not sign the minutes of forum %', NEW.signatory_role,
                NEW.participant_id, NEW.user_id, NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_known_signatory';
        END IF;
    ELSE
        SELECT * INTO refused FROM fkp.signatures WHERE id = NEW.escalated_from;
        IF refused.id IS NULL OR refused.status <> 'refused' OR refused.forum_id <> NEW.forum_id
           OR refused.forum_version <> NEW.forum_version
           OR fkp.escalation_role(refused.signatory_role) IS DISTINCT FROM NEW.signatory_role THEN
            RAISE EXCEPTION 'signature % of forum % answers no refusal that asks a %', NEW.escalated_from, NEW.forum_id,
                NEW.signatory_role
                USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_escalation_goes_up';
        END IF;
    END IF;
    IF NEW.method = 'screen' AND (place_user IS NULL OR NEW.user_id IS DISTINCT FROM place_user
            OR NEW.recorded_by IS DISTINCT FROM audit.context('actor')
            OR NOT EXISTS (SELECT 1 FROM fkp.users u WHERE u.id = place_user AND u.username = audit.context('actor'))) THEN
        RAISE EXCEPTION 'only the account of the place signs it on screen (forum %, % place, recorded by %)', NEW.forum_id,
            NEW.signatory_role, NEW.recorded_by
            USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_screen_by_signatory';
    END IF;
    RETURN NEW;
END $$;
