-- Closing and reopening a forum (../shared/domain.md, steps 8 and 9). A forum closes only when
-- nothing blocks it: every family has a verdict, no challenge is open, and every signatory of the
-- minutes has signed, or refused and the level above has signed in their place. Closing stores the
-- minutes as printed and the head of the forum's audit chain; reopening keeps both and starts a
-- new version of the forum whose minutes and signatures are its own.

-- The minutes as they stood at closing (MinutesDocument, JSON); null while the version is open.
ALTER TABLE fkp.minutes ADD COLUMN document jsonb;

-- Minutes and signatures belong to the forum's current version: a closed version's stay as they were.
CREATE FUNCTION fkp.refuse_past_forum_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    current_version integer;
BEGIN
    SELECT forum_version INTO current_version FROM fkp.forums WHERE id = r.forum_id;
    IF r.forum_version IS DISTINCT FROM current_version
       OR (TG_OP = 'UPDATE' AND OLD.forum_version IS DISTINCT FROM current_version) THEN
        RAISE EXCEPTION 'forum % is at version %: % of version % refused', r.forum_id, current_version,
            TG_TABLE_NAME, r.forum_version
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'forum_version_current';
    END IF;
    RETURN r;
END $$;
CREATE TRIGGER minutes_current_version BEFORE INSERT OR UPDATE OR DELETE ON fkp.minutes
    FOR EACH ROW EXECUTE FUNCTION fkp.refuse_past_forum_version();
CREATE TRIGGER signatures_current_version BEFORE INSERT OR UPDATE OR DELETE ON fkp.signatures
    FOR EACH ROW EXECUTE FUNCTION fkp.refuse_past_forum_version();

-- Which place on the minutes a signature fills: a team member, a participant, or the village head.
-- A signature given in place of someone who refused (escalated_from) fills no place of its own.
CREATE FUNCTION fkp.signature_slot(p_role text, p_participant bigint, p_user bigint, p_escalated_from bigint)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_escalated_from IS NOT NULL THEN NULL
        WHEN p_participant IS NOT NULL THEN 'participant:' || p_participant
        WHEN p_role IN ('facilitator', 'assistant_facilitator') AND p_user IS NOT NULL THEN 'user:' || p_user
        WHEN p_role = 'village_head' THEN 'village_head'
    END
$$;
CREATE UNIQUE INDEX signatures_one_per_slot ON fkp.signatures
    (forum_id, forum_version, fkp.signature_slot(signatory_role, participant_id, user_id, escalated_from))
    WHERE escalated_from IS NULL;
CREATE UNIQUE INDEX signatures_one_escalation ON fkp.signatures (escalated_from) WHERE escalated_from IS NOT NULL;

-- Who signs the minutes of a forum: the facilitator and assistant facilitators, the head (or the
-- representative) of each unit who attended, the community figures who attended, and the village
-- head, in that order.
CREATE FUNCTION fkp.minutes_signatories(p_forum bigint)
RETURNS TABLE (slot text, signatory_role text, participant_id bigint, user_id bigint, name text, sls_code text, sort_order integer)
LANGUAGE sql STABLE AS $$
    SELECT 'user:' || t.user_id, t.team_role, NULL::bigint, t.user_id, u.display_name, NULL::text,
           CASE t.team_role WHEN 'facilitator' THEN 1 ELSE 2 END
      FROM fkp.forum_team t JOIN fkp.users u ON u.id = t.user_id
     WHERE t.forum_id = p_forum AND t.team_role IN ('facilitator', 'assistant_facilitator')
    UNION ALL
    SELECT 'participant:' || p.id, CASE WHEN p.representative_name IS NULL THEN 'sls_head' ELSE 'sls_representative' END,
           p.id, p.user_id, coalesce(p.representative_name, p.full_name), p.sls_code, 3
      FROM fkp.forum_participants p
     WHERE p.forum_id = p_forum AND p.kind = 'sls_head' AND p.attended
    UNION ALL
    SELECT 'participant:' || p.id, 'community_figure', p.id, p.user_id, p.full_name, NULL, 4
      FROM fkp.forum_participants p
     WHERE p.forum_id = p_forum AND p.kind = 'community_figure' AND p.attended
    UNION ALL
    SELECT 'village_head', 'village_head', NULL, NULL, NULL, NULL, 5
$$;

-- Whose signature a refusal asks for next: a village head's refusal goes to the district head,
-- anyone else's to the village head; a district head's refusal has no level above it.
CREATE FUNCTION fkp.escalation_role(p_refusing_role text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_refusing_role WHEN 'district_head' THEN NULL WHEN 'village_head' THEN 'district_head' ELSE 'village_head' END
$$;

-- A signature fills a known place of the current version, or answers a refusal of that version
-- with the level the refusal asks for.
CREATE FUNCTION fkp.check_signature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refused fkp.signatures;
BEGIN
    IF NEW.escalated_from IS NULL THEN
        IF NOT EXISTS (SELECT 1 FROM fkp.minutes_signatories(NEW.forum_id) s
                        WHERE s.slot = fkp.signature_slot(NEW.signatory_role, NEW.participant_id, NEW.user_id, NULL)
                          AND s.signatory_role = NEW.signatory_role) THEN
            RAISE EXCEPTION 'a % (participant %, user %) does not sign the minutes of forum %', NEW.signatory_role,
                NEW.participant_id, NEW.user_id, NEW.forum_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_known_signatory';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO refused FROM fkp.signatures WHERE id = NEW.escalated_from;
    IF refused.id IS NULL OR refused.status <> 'refused' OR refused.forum_id <> NEW.forum_id
       OR refused.forum_version <> NEW.forum_version
       OR fkp.escalation_role(refused.signatory_role) IS DISTINCT FROM NEW.signatory_role THEN
        RAISE EXCEPTION 'signature % of forum % answers no refusal that asks a %', NEW.escalated_from, NEW.forum_id,
            NEW.signatory_role
            USING ERRCODE = 'check_violation', CONSTRAINT = 'signatures_escalation_goes_up';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER signatures_valid BEFORE INSERT OR UPDATE ON fkp.signatures
    FOR EACH ROW EXECUTE FUNCTION fkp.check_signature();

-- Everything that still keeps a forum from closing, one row each. The forum page lists them and
-- the move to 'closed' is refused while there is any, from the same function.
-- kind: without_verdict (detail: count), open_challenges (count), unsigned (role, name),
-- escalation (role asked, name of who refused), refused_at_top (district head's name).
CREATE FUNCTION fkp.closing_blockers(p_forum bigint)
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
    (SELECT 'unsigned', s.signatory_role, s.name
       FROM fkp.minutes_signatories(p_forum) s
      WHERE NOT EXISTS (SELECT 1 FROM signed g
                         WHERE g.escalated_from IS NULL
                           AND fkp.signature_slot(g.signatory_role, g.participant_id, g.user_id, NULL) = s.slot)
      ORDER BY s.sort_order, s.name)
    UNION ALL
    (SELECT CASE WHEN fkp.escalation_role(g.signatory_role) IS NULL THEN 'refused_at_top' ELSE 'escalation' END,
            fkp.escalation_role(g.signatory_role), g.signer_name
       FROM signed g
      WHERE g.status = 'refused' AND NOT EXISTS (SELECT 1 FROM signed e WHERE e.escalated_from = g.id)
      ORDER BY g.id)
$$;

CREATE FUNCTION fkp.check_forum_closable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    blockers text;
BEGIN
    SELECT string_agg(b.kind || coalesce(' ' || b.role, '') || coalesce(' ' || b.detail, ''), '; ') INTO blockers
      FROM fkp.closing_blockers(NEW.id) b;
    IF blockers IS NOT NULL THEN
        RAISE EXCEPTION 'forum % cannot close: %', NEW.id, blockers
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_closing_blocked';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_closable BEFORE UPDATE OF state ON fkp.forums
    -- Only the one allowed move there; other moves are refused by forums_state_change.
    FOR EACH ROW WHEN (OLD.state = 'ready_to_close' AND NEW.state = 'closed')
    EXECUTE FUNCTION fkp.check_forum_closable();

-- A closing records the real head of the forum's chain: the entry of the move to 'closed', made
-- earlier in the same transaction. The database fills it in, so no caller can claim another.
CREATE FUNCTION fkp.record_chain_head() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    f record;
BEGIN
    SELECT state, forum_version INTO f FROM fkp.forums WHERE id = NEW.forum_id;
    IF f.state IS DISTINCT FROM 'closed' OR f.forum_version <> NEW.forum_version THEN
        RAISE EXCEPTION 'forum % version % is not being closed', NEW.forum_id, NEW.forum_version
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_closings_when_closed';
    END IF;
    SELECT h.seq, h.hash INTO NEW.chain_seq, NEW.chain_head FROM audit.chain_heads h WHERE h.chain = 'forum:' || NEW.forum_id;
    NEW.closed_at := now();
    NEW.reopened_at := NULL;
    NEW.reopened_by := NULL;
    NEW.reopen_reason := NULL;
    RETURN NEW;
END $$;
CREATE TRIGGER forum_closings_chain_head BEFORE INSERT ON fkp.forum_closings
    FOR EACH ROW EXECUTE FUNCTION fkp.record_chain_head();

-- A closing is never removed, and once written changes only to be marked reopened, once.
CREATE FUNCTION fkp.check_closing_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.reopened_at IS NOT NULL
       OR (NEW.forum_id, NEW.forum_version, NEW.closed_at, NEW.closed_by, NEW.chain_seq, NEW.chain_head)
          IS DISTINCT FROM (OLD.forum_id, OLD.forum_version, OLD.closed_at, OLD.closed_by, OLD.chain_seq, OLD.chain_head) THEN
        RAISE EXCEPTION 'the closing of forum % version % is kept as it was; it can only be marked reopened, once',
            OLD.forum_id, OLD.forum_version
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_closings_kept';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forum_closings_kept BEFORE UPDATE OR DELETE ON fkp.forum_closings
    FOR EACH ROW EXECUTE FUNCTION fkp.check_closing_change();

-- At commit: a closed forum has its closing and its minutes as printed; a reopened one has said,
-- on the closing it leaves, who reopened it and why.
CREATE FUNCTION fkp.check_forum_version_records() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    f fkp.forums;
BEGIN
    SELECT * INTO f FROM fkp.forums WHERE id = NEW.id;
    IF f.state = 'closed' AND NOT EXISTS (
            SELECT 1 FROM fkp.forum_closings c JOIN fkp.minutes m USING (forum_id, forum_version)
             WHERE c.forum_id = f.id AND c.forum_version = f.forum_version AND m.document IS NOT NULL) THEN
        RAISE EXCEPTION 'forum % closed without its closing record and minutes', f.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_closed_with_record';
    END IF;
    IF f.state = 'reopened' AND NOT EXISTS (
            SELECT 1 FROM fkp.forum_closings c
             WHERE c.forum_id = f.id AND c.forum_version = f.forum_version - 1 AND c.reopened_at IS NOT NULL) THEN
        RAISE EXCEPTION 'forum % reopened without the reason on its last closing', f.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_reopened_with_reason';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER forums_version_records AFTER UPDATE OF state ON fkp.forums
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.state IN ('closed', 'reopened') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION fkp.check_forum_version_records();

-- Reopening starts the next version of the forum; the version changes at no other time.
CREATE FUNCTION fkp.step_forum_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'closed' AND NEW.state = 'reopened' THEN
        NEW.forum_version := OLD.forum_version + 1;
    ELSIF NEW.forum_version <> OLD.forum_version THEN
        RAISE EXCEPTION 'forum %: the version changes only when the forum is reopened', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_version_step';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER forums_version_step BEFORE UPDATE ON fkp.forums
    FOR EACH ROW EXECUTE FUNCTION fkp.step_forum_version();

-- The families of a unit whose forum has opened no longer change, whoever writes (the importer
-- names them first; this holds for hand-typed SQL too). A forum unit is the family's SLS or the
-- SLS above its sub-SLS.
CREATE FUNCTION fkp.refuse_family_change_in_opened_forum() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    hit record;
BEGIN
    SELECT u.forum_id, u.sls_code, f.state INTO hit
      FROM (SELECT sls_code FROM changed_rows GROUP BY sls_code) c
      JOIN fkp.forum_units u ON u.sls_code IN (c.sls_code, left(c.sls_code, 14))
      JOIN fkp.forums f ON f.id = u.forum_id AND f.state <> 'planned'
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'families of unit % cannot change: forum % is %', hit.sls_code, hit.forum_id, hit.state
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'families_frozen_by_forum';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER families_frozen_on_insert AFTER INSERT ON fkp.families
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.refuse_family_change_in_opened_forum();
CREATE TRIGGER families_frozen_on_update_old AFTER UPDATE ON fkp.families
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.refuse_family_change_in_opened_forum();
CREATE TRIGGER families_frozen_on_update_new AFTER UPDATE ON fkp.families
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.refuse_family_change_in_opened_forum();
CREATE TRIGGER families_frozen_on_delete AFTER DELETE ON fkp.families
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.refuse_family_change_in_opened_forum();

-- Re-ranking runs count the families that left the list, and say which forums were not yet
-- closed when a provisional run was made.
ALTER TABLE fkp.rerank_runs
    ADD COLUMN removed_count integer NOT NULL DEFAULT 0 CHECK (removed_count >= 0),
    ADD COLUMN open_forums bigint[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT rerank_runs_provisional_when_open CHECK (provisional OR cardinality(open_forums) = 0);
-- What changed on each final line (Reranking.Change), beside its flags and the reason.
ALTER TABLE fkp.final_ranks ADD COLUMN changes text[] NOT NULL DEFAULT '{}';

-- A run's final list is derived from its inputs and is as long as the regency (up to a million
-- lines). Like an import batch it is recorded as one audited entry, the run's, whose output_sha256
-- is the SHA-256 of the list as CSV (docs/reranking.md); its lines are append-only. A transaction
-- declares the run whose lines it writes (audit.declare_rerank_run), and may then write lines of
-- that run only, and only of a run it created itself. Lines written without a declared run are
-- captured row by row as usual.
CREATE FUNCTION audit.declare_rerank_run(p_run bigint) RETURNS void LANGUAGE sql AS $$
    SELECT set_config('fkp.rerank_run', p_run::text, true)
$$;

CREATE FUNCTION fkp.check_final_ranks_run() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    declared text := coalesce(current_setting('fkp.rerank_run', true), '');
    stray bigint;
BEGIN
    IF declared = '' THEN
        RETURN NULL;
    END IF;
    SELECT n.run_id INTO stray FROM (SELECT DISTINCT run_id FROM new_lines) n
     WHERE n.run_id <> declared::bigint
        OR NOT EXISTS (SELECT 1 FROM fkp.rerank_runs r WHERE r.id = n.run_id AND r.xmin = pg_current_xact_id()::xid)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'final ranks of run % refused: the transaction declared run % and must have created it', stray, declared
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER audit_capture_row ON fkp.final_ranks;
CREATE TRIGGER audit_capture_row AFTER INSERT OR UPDATE OR DELETE ON fkp.final_ranks FOR EACH ROW
    WHEN (coalesce(current_setting('fkp.rerank_run', true), '') = '')
    EXECUTE FUNCTION audit.capture_row('', '{run_id,final_rank}', '{}', '{}');
CREATE TRIGGER final_ranks_of_declared_run AFTER INSERT ON fkp.final_ranks
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION fkp.check_final_ranks_run();
CREATE TRIGGER final_ranks_append_only BEFORE UPDATE OR DELETE ON fkp.final_ranks
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
