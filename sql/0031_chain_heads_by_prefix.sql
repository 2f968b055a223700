-- The chains of a place's regencies are found by prefix (`chain ~>=~ 'regency:32' AND chain ~<~
-- 'regency:32:'`: the audit pages of a province, the export of a region), which only an index of
-- the pattern operator class serves; with 175,000 forum chains beside them, each such question read
-- every head. The chain name never changes, so a head's update per entry stays a heap-only one.
CREATE INDEX chain_heads_prefix_idx ON audit.chain_heads (chain text_pattern_ops);
