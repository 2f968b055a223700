-- An SLS head who cannot come may send a representative (the attendance page). The representative's
-- place on the minutes was still tied to the head's account, so the absent head could sign it on
-- screen, in the representative's name. A representative has no account here: their place takes no
-- screen signature, and is recorded from the paper by the forum's administrator or BPS staff.
CREATE OR REPLACE FUNCTION fkp.minutes_signatories(p_forum bigint)
RETURNS TABLE (slot text, signatory_role text, participant_id bigint, user_id bigint, name text, sls_code text, sort_order integer)
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
$$;
