-- A batch's kept rows are read together by `fkp audit verify-import`, which checks them against
-- the file the batch loaded. Their key is (family id or code, batch), for a family's history; by
-- batch alone PostgreSQL read the whole table, at national scale some 85 million rows for one
-- regency's batch. The rows of a batch are written together, one batch after another, so a block
-- range index finds them from a few pages of index, and costs a load next to nothing (a B-tree on
-- the batch would be one more entry a row). Ranges written since the last vacuum are not yet
-- summarised and are read whole, as a batch just loaded would be anyway (no `autosummarize`:
-- measured, it only added to a load's time).
CREATE INDEX imported_families_batch_idx ON audit.imported_families USING brin (batch_id);
CREATE INDEX imported_regions_batch_idx ON audit.imported_regions USING brin (batch_id);
