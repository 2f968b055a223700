-- The minutes are signed and stamped by the village head (../shared/domain.md). A forum held above
-- village level (a district's forum) takes units of several villages, yet its minutes asked one
-- "village head", of no village in particular. Now such a forum's minutes ask the head of each
-- village whose units it takes, each naming their village and each with that village's stamp; a
-- village's forum asks its own head as before (its place and the signatures given to it unchanged).
-- A refusal by an SLS head of such a forum asks the head of that unit's village, named so.
-- A district head, asked when a village head refuses, signs with the district's stamp as a village
-- head does with the village's.

ALTER TABLE fkp.signatures ADD COLUMN village_code text;
ALTER TABLE fkp.signatures ADD CONSTRAINT signatures_village_of_its_head
    CHECK (village_code IS NULL OR (signatory_role = 'village_head' AND village_code ~ '^[0-9]{10}$'));
ALTER TABLE fkp.signatures DROP CONSTRAINT signatures_stamp_by_village_head;
ALTER TABLE fkp.signatures ADD CONSTRAINT signatures_stamp_by_a_head
    CHECK (NOT with_stamp OR signatory_role IN ('village_head', 'district_head'));

-- Which place a signature fills, now with the village a village head signs for.
CREATE FUNCTION fkp.signature_slot(p_role text, p_participant bigint, p_user bigint, p_escalated_from bigint, p_village text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_escalated_from IS NOT NULL THEN NULL
        WHEN p_participant IS NOT NULL THEN 'participant:' || p_participant
        WHEN p_role IN ('facilitator', 'assistant_facilitator') AND p_user IS NOT NULL THEN 'user:' || p_user
        WHEN p_role = 'village_head' THEN 'village_head' || coalesce(':' || p_village, '')
    END
$$;
DROP INDEX fkp.signatures_one_per_slot;
CREATE UNIQUE INDEX signatures_one_per_slot ON fkp.signatures
    (forum_id, forum_version, fkp.signature_slot(signatory_role, participant_id, user_id, escalated_from, village_code))
    WHERE escalated_from IS NULL;

-- place_code: the unit of an SLS head or representative, the village of a village head.
DROP FUNCTION fkp.minutes_signatories(bigint);
CREATE FUNCTION fkp.minutes_signatories(p_forum bigint)
RETURNS TABLE (slot text, signatory_role text, participant_id bigint, user_id bigint, name text, place_code text, sort_order integer)
LANGUAGE sql STABLE AS $$
    SELECT 'user:' || t.user_id, t.team_role, NULL::bigint, t.user_id, u.display_name, NULL::text,
           CASE t.team_role WHEN 'facilitator' THEN 1 ELSE 2 END
      FROM fkp.forum_team t JOIN fkp.users u ON u.id = t.user_id
     WHERE t.forum_id = p_forum AND t.team_role IN ('facilitator', 'assistant_facilitator')
    UNION ALL
    SELECT 'participant:' || p.id, CASE WHEN p.representative_name IS NULL THEN 'sls_head' ELSE 'sls_representative' END,
           p.id, CASE WHEN p.representative_name IS NULL THEN p.user_id END, coalesce(p.representative_name, p.full_name), p.sls_code, 3
      FROM fkp.forum_participants p
     WHERE p.forum_id = p_forum AND p.kind = 'sls_head' AND p.attended
    UNION ALL
    SELECT 'participant:' || p.id, 'community_figure', p.id, p.user_id, p.full_name, NULL, 4
      FROM fkp.forum_participants p
     WHERE p.forum_id = p_forum AND p.kind = 'community_figure' AND p.attended
    UNION ALL
    SELECT 'village_head', 'village_head', NULL, NULL, NULL, NULL, 5
      FROM fkp.forums f WHERE f.id = p_forum AND f.held_at_level <> 'above_village'
    UNION ALL
    SELECT DISTINCT 'village_head:' || left(u.sls_code, 10), 'village_head', NULL::bigint, NULL::bigint, NULL::text,
           left(u.sls_code, 10), 5
      FROM fkp.forums f JOIN fkp.forum_units u ON u.forum_id = f.id
     WHERE f.id = p_forum AND f.held_at_level = 'above_village'
$$;

-- The village whose head answers a refusal, where a forum held above village level asks for one:
-- that of the unit of the SLS head (or representative) who refused. NULL otherwise: a village's
-- forum has one village head, and a team member's or a community figure's refusal names no unit.
CREATE FUNCTION fkp.escalation_village(p_refusal bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT left(p.sls_code, 10)
      FROM fkp.signatures r JOIN fkp.forums f ON f.id = r.forum_id
      JOIN fkp.forum_participants p ON p.id = r.participant_id
     WHERE r.id = p_refusal AND f.held_at_level = 'above_village' AND fkp.escalation_role(r.signatory_role) = 'village_head'
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
           OR fkp.escalation_role(refused.signatory_role) IS DISTINCT FROM NEW.signatory_role
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

-- As in 0013, with the new slot; a village head not yet signed is named by their village.
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
      ORDER BY s.sort_order, s.name, s.slot)
    UNION ALL
    (SELECT CASE WHEN fkp.escalation_role(g.signatory_role) IS NULL THEN 'refused_at_top' ELSE 'escalation' END,
            fkp.escalation_role(g.signatory_role), g.signer_name
       FROM signed g
      WHERE g.status = 'refused' AND NOT EXISTS (SELECT 1 FROM signed e WHERE e.escalated_from = g.id)
      ORDER BY g.id)
$$;

DROP FUNCTION fkp.signature_slot(text, bigint, bigint, bigint);
