-- Whose signature a refusal asks for (../shared/domain.md: "the level above (village head, then
-- district head)"). A forum held above village level takes units of several villages: an SLS head's
-- refusal asks the head of that unit's village (0039), but a team member's or a community figure's
-- belongs to no village, and asked a "village head" of none, whose signature the database took with
-- no village named. The level above such a forum's team is the district's head (camat), who is asked
-- now. Signatures already given are kept as they were.
--
-- The minutes list their SLS heads by unit, as their sections of results, and no longer by name.

CREATE FUNCTION fkp.refusal_asks(p_refusal bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN f.held_at_level = 'above_village' AND r.signatory_role IN ('facilitator', 'assistant_facilitator', 'community_figure')
            THEN 'district_head'
        ELSE fkp.escalation_role(r.signatory_role)
    END
      FROM fkp.signatures r JOIN fkp.forums f ON f.id = r.forum_id
     WHERE r.id = p_refusal
$$;

CREATE OR REPLACE FUNCTION fkp.check_signature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refused fkp.signatures;
    place_user bigint;
BEGIN
    IF NEW.escalated_from IS NULL THEN
        SELECT s.user_id INTO place_user FROM fkp.minutes_signatories(NEW.forum_id) s
         WHERE s.slot = fkp.signature_slot(NEW.signatory_role, NEW.participant_id, NEW.user_id, NULL, NEW.village_code)
           AND s.signatory_role = NEW.signatory_role;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'a % (participant %, user %, village %) does not sign the minutes of forum %', NEW.signatory_role,
                NEW.participant_id, NEW.user_id, NEW.village_code, NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_known_signatory';
        END IF;
    ELSE
        SELECT * INTO refused FROM fkp.signatures WHERE id = NEW.escalated_from;
        IF refused.id IS NULL OR refused.status <> 'refused' OR refused.forum_id <> NEW.forum_id
           OR refused.forum_version <> NEW.forum_version
           OR fkp.refusal_asks(refused.id) IS DISTINCT FROM NEW.signatory_role
           OR NEW.village_code IS DISTINCT FROM fkp.escalation_village(refused.id) THEN
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

-- As in 0039, each refusal's next level asked through fkp.refusal_asks; the SLS heads not yet signed
-- in their units' order, as the minutes list them.
CREATE OR REPLACE FUNCTION fkp.closing_blockers(p_forum bigint)
RETURNS TABLE (kind text, role text, detail text) LANGUAGE sql STABLE AS $$
    WITH f AS (SELECT id, forum_version FROM fkp.forums WHERE id = p_forum),
    signed AS (SELECT s.* FROM fkp.signatures s JOIN f ON s.forum_id = f.id AND s.forum_version = f.forum_version)
    SELECT 'without_verdict', NULL, count(*)::text
      FROM fkp.forum_units u
      JOIN fkp.families fam ON fam.sls_code ~>=~ u.sls_code AND fam.sls_code ~<~ (u.sls_code || ':')
      LEFT JOIN fkp.reviews r ON r.forum_id = u.forum_id AND r.family_id = fam.id
     WHERE u.forum_id = p_forum AND r.verdict IS NULL
    HAVING count(*) > 0
    UNION ALL
    SELECT 'open_challenges', NULL, count(*)::text FROM fkp.challenges WHERE forum_id = p_forum AND status = 'open'
    HAVING count(*) > 0
    UNION ALL
    (SELECT 'unsigned', s.signatory_role,
            coalesce(s.name, (SELECT v.name FROM fkp.regions v WHERE s.signatory_role = 'village_head' AND v.code = s.place_code))
       FROM fkp.minutes_signatories(p_forum) s
      WHERE NOT EXISTS (SELECT 1 FROM signed g
                         WHERE g.escalated_from IS NULL
                           AND fkp.signature_slot(g.signatory_role, g.participant_id, g.user_id, NULL, g.village_code) = s.slot)
      ORDER BY s.sort_order, s.place_code, s.name, s.slot)
    UNION ALL
    (SELECT CASE WHEN fkp.refusal_asks(g.id) IS NULL THEN 'refused_at_top' ELSE 'escalation' END,
            fkp.refusal_asks(g.id), g.signer_name
       FROM signed g
      WHERE g.status = 'refused' AND NOT EXISTS (SELECT 1 FROM signed e WHERE e.escalated_from = g.id)
      ORDER BY g.id)
$$;
