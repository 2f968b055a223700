-- The audit pages list a person's entries, or one action's, newest first. Without an index for
-- them, PostgreSQL reads the trail backwards from its newest entry until a page is full: a person
-- who last acted a month ago, or the closings of a regency, meant passing over every entry written
-- since (at national scale, hundreds of millions). With (actor, id) and (action, id) the page is
-- read from the index, newest first. Each index costs an audited write one more index entry.
CREATE INDEX entries_actor_idx ON audit.entries (actor, id);
CREATE INDEX entries_action_idx ON audit.entries (action, id);

-- The forums of a place are asked by code prefix (`region_code ~>=~ '3201' AND region_code ~<~
-- '3201:'`: the overview, the forum lists, re-ranking, the audit pages), which only an index of
-- the pattern operator class serves; the existing index is of the collation's order. With 175,000
-- forums each such question read them all (15-40 ms), the audit page once per page.
CREATE INDEX forums_region_prefix_idx ON fkp.forums (region_code text_pattern_ops);

-- A place's entries outside forums (imports, re-ranking, accounts), which are few, by the place
-- their write was declared for: with the forum index, a village's whole history is a few index
-- reads, however long ago it was written.
CREATE INDEX entries_place_idx ON audit.entries (region_code text_pattern_ops) WHERE forum_id IS NULL;
