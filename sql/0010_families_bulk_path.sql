-- A regency's preliminary list (up to a million families) must load near COPY speed. What cost
-- most was per-row work on fkp.families: two foreign-key triggers, regular expressions with counted
-- repetition, a stored regency column with its own index, a stored rank under a deferred unique
-- constraint that every re-import rewrote, and one jsonb document per kept row. The guarantees stay;
-- the work is done once per statement, or not stored at all when it can be derived.

-- The preliminary order within a unit is derived (score, ties by family id; see
-- PreliminaryRanking; the view fkp.families_in_order at the end numbers it), served by the index
-- below rather than stored and kept in step.
ALTER TABLE fkp.families
    DROP CONSTRAINT families_rank_unique_in_sls,
    DROP COLUMN sls_rank,
    DROP COLUMN regency_code;
DROP INDEX fkp.families_sls_prefix_idx;
-- Serves a unit's list in order, and prefix searches (sls_code LIKE '3201%') at every level; the
-- group is included so that counts per place are answered from the index alone.
CREATE INDEX families_unit_order_idx ON fkp.families (sls_code text_pattern_ops, welfare_score, id COLLATE "C")
    INCLUDE (welfare_group);

-- The same formats, checked without counted repetition (three times cheaper per row).
ALTER TABLE fkp.families
    DROP CONSTRAINT families_id_format,
    DROP CONSTRAINT families_kk_number_16_digits,
    DROP CONSTRAINT families_head_nik_16_digits,
    ADD CONSTRAINT families_id_format CHECK (octet_length(id) BETWEEN 1 AND 32 AND id ~ '^[A-Za-z0-9._-]+$'),
    ADD CONSTRAINT families_kk_number_16_digits CHECK (octet_length(kk_number) = 16 AND kk_number ~ '^[0-9]+$'),
    ADD CONSTRAINT families_head_nik_16_digits CHECK (octet_length(head_nik) = 16 AND head_nik ~ '^[0-9]+$');

-- The references to the unit and the import batch, checked per statement: the units a statement
-- names are locked (FOR KEY SHARE, as a foreign key would) and must exist, and so must the batches.
ALTER TABLE fkp.families
    DROP CONSTRAINT families_sls_code_fkey,
    DROP CONSTRAINT families_import_batch_id_fkey;

CREATE FUNCTION fkp.check_family_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing_unit  text;
    missing_batch bigint;
BEGIN
    PERFORM 1 FROM fkp.regions r WHERE r.code IN (SELECT n.sls_code FROM new_rows n) FOR KEY SHARE;
    SELECT u.sls_code INTO missing_unit FROM (SELECT DISTINCT sls_code FROM new_rows) u
     WHERE NOT EXISTS (SELECT 1 FROM fkp.regions r WHERE r.code = u.sls_code) LIMIT 1;
    IF missing_unit IS NOT NULL THEN
        RAISE EXCEPTION 'family in unit % refused: there is no such place', missing_unit
            USING ERRCODE = 'foreign_key_violation', SCHEMA = 'fkp', TABLE = 'families',
                  CONSTRAINT = 'families_sls_code_fkey';
    END IF;
    SELECT b.batch INTO missing_batch FROM (SELECT DISTINCT import_batch_id AS batch FROM new_rows) b
     WHERE b.batch IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fkp.import_batches i WHERE i.id = b.batch) LIMIT 1;
    IF missing_batch IS NOT NULL THEN
        RAISE EXCEPTION 'family of import batch % refused: there is no such batch', missing_batch
            USING ERRCODE = 'foreign_key_violation', SCHEMA = 'fkp', TABLE = 'families',
                  CONSTRAINT = 'families_import_batch_id_fkey';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER families_references_on_insert AFTER INSERT ON fkp.families
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.check_family_references();
CREATE TRIGGER families_references_on_update AFTER UPDATE ON fkp.families
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fkp.check_family_references();

-- The other side of those references: a place that holds families keeps its code, and a batch
-- that loaded families stays.
CREATE FUNCTION fkp.refuse_orphaning_families() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'regions' AND EXISTS (SELECT 1 FROM fkp.families f WHERE f.sls_code = OLD.code) THEN
        RAISE EXCEPTION 'place % holds families: it cannot be removed or recoded', OLD.code
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'families_sls_code_fkey';
    END IF;
    IF TG_TABLE_NAME = 'import_batches' AND EXISTS (SELECT 1 FROM fkp.families f WHERE f.import_batch_id = OLD.id) THEN
        RAISE EXCEPTION 'import batch % loaded families: it cannot be removed or renumbered', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'families_import_batch_id_fkey';
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER regions_keep_families BEFORE DELETE OR UPDATE OF code ON fkp.regions
    FOR EACH ROW EXECUTE FUNCTION fkp.refuse_orphaning_families();
CREATE TRIGGER import_batches_keep_families BEFORE DELETE OR UPDATE OF id ON fkp.import_batches
    FOR EACH ROW EXECUTE FUNCTION fkp.refuse_orphaning_families();

-- What each batch changed, one typed row per family or place (jsonb cost 30 µs a row). A removal
-- keeps the family id and the unit it left. Append-only, like the rest of the audit schema.
DROP TABLE audit.import_rows;

CREATE TABLE audit.imported_families (
    batch_id      bigint   NOT NULL,
    family_id     text     NOT NULL,
    change        text     NOT NULL CHECK (change IN ('add', 'change', 'remove')),
    line          integer  CHECK (line >= 2),
    sls_code      text     NOT NULL,
    head_name     text,
    address       text,
    members       integer,
    welfare_group smallint,
    welfare_score numeric,
    kk_number     text,
    head_nik      text,
    latitude      numeric,
    longitude     numeric,
    -- A family's history is read by its id.
    PRIMARY KEY (family_id, batch_id),
    CONSTRAINT imported_families_line_unless_removed CHECK ((change = 'remove') = (line IS NULL))
);
SELECT audit.make_append_only('audit.imported_families');

CREATE TABLE audit.imported_regions (
    batch_id bigint  NOT NULL REFERENCES fkp.import_batches (id),
    code     text    NOT NULL,
    change   text    NOT NULL CHECK (change IN ('add', 'change')),
    line     integer NOT NULL CHECK (line >= 2),
    name     text    NOT NULL,
    level    text    NOT NULL,
    non_sls  boolean NOT NULL,
    PRIMARY KEY (code, batch_id)
);
SELECT audit.make_append_only('audit.imported_regions');

-- The same statement-level reference check for the kept family rows.
CREATE FUNCTION audit.check_imported_batch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing_batch bigint;
BEGIN
    SELECT b.batch INTO missing_batch FROM (SELECT DISTINCT batch_id AS batch FROM new_rows) b
     WHERE NOT EXISTS (SELECT 1 FROM fkp.import_batches i WHERE i.id = b.batch) LIMIT 1;
    IF missing_batch IS NOT NULL THEN
        RAISE EXCEPTION 'rows of import batch % refused: there is no such batch', missing_batch
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER imported_families_batch_exists AFTER INSERT ON audit.imported_families
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.check_imported_batch();

-- The regencies a batch changed (a province's code for a province row), so that each office lists
-- its own batches without reading their rows.
ALTER TABLE fkp.import_batches ADD COLUMN regencies text[] NOT NULL DEFAULT '{}';

-- Families with their preliminary order within the unit (1 = poorest; ties by family id, compared
-- byte by byte so that every database locale agrees with PreliminaryRanking). A condition on
-- sls_code is pushed inside the window, so one unit's rows are read through the index.
CREATE VIEW fkp.families_in_order AS
SELECT f.*, row_number() OVER (PARTITION BY f.sls_code ORDER BY f.welfare_score, f.id COLLATE "C")::integer AS sls_rank
  FROM fkp.families f;
