-- A community figure is invited to a forum once by name: the invitations form sent twice (a
-- second tap on a slow connection) made two accounts for one person, each with a code. Names are
-- compared without case or surrounding spaces; two people of one name are told apart in the name
-- typed ("Ahmad (RT 003)"), as the printed invitation needs anyway.
CREATE UNIQUE INDEX forum_participants_one_figure_per_name ON fkp.forum_participants (forum_id, lower(btrim(full_name)))
    WHERE kind = 'community_figure';
