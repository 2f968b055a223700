-- Preliminary lists. A bulk load is one import batch: one audit entry carrying the SHA-256 of the
-- file, its rows kept in the append-only audit.import_rows.
CREATE TABLE fkp.import_batches (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('regions', 'families')),
    file_name   text NOT NULL,
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    region_code text REFERENCES fkp.regions (code),
    actor       text NOT NULL,
    row_count   integer NOT NULL CHECK (row_count >= 0),
    added       integer NOT NULL DEFAULT 0 CHECK (added >= 0),
    changed     integer NOT NULL DEFAULT 0 CHECK (changed >= 0),
    removed     integer NOT NULL DEFAULT 0 CHECK (removed >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
SELECT audit.attach('fkp.import_batches', NULL, ARRAY['id']);

CREATE TABLE audit.import_rows (
    batch_id bigint  NOT NULL REFERENCES fkp.import_batches (id),
    line     integer NOT NULL CHECK (line >= 2),
    row_data jsonb   NOT NULL,
    PRIMARY KEY (batch_id, line)
);
SELECT audit.make_append_only('audit.import_rows');

CREATE TABLE fkp.families (
    id              text PRIMARY KEY,
    sls_code        text NOT NULL REFERENCES fkp.regions (code),
    regency_code    text GENERATED ALWAYS AS (left(sls_code, 4)) STORED,
    head_name       text NOT NULL,
    address         text NOT NULL DEFAULT '',
    members         integer NOT NULL,
    kk_number       text NOT NULL,
    head_nik        text NOT NULL,
    welfare_group   smallint NOT NULL,
    welfare_score   numeric NOT NULL,
    sls_rank        integer NOT NULL,
    latitude        numeric,
    longitude       numeric,
    import_batch_id bigint REFERENCES fkp.import_batches (id),
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT families_id_format CHECK (id ~ '^[A-Za-z0-9._-]{1,32}$'),
    CONSTRAINT families_head_name_present CHECK (btrim(head_name) <> '' AND length(head_name) <= 200),
    CONSTRAINT families_address_length CHECK (length(address) <= 500),
    CONSTRAINT families_members_range CHECK (members BETWEEN 1 AND 99),
    CONSTRAINT families_kk_number_16_digits CHECK (kk_number ~ '^[0-9]{16}$'),
    CONSTRAINT families_head_nik_16_digits CHECK (head_nik ~ '^[0-9]{16}$'),
    CONSTRAINT families_welfare_group_1_to_4 CHECK (welfare_group BETWEEN 1 AND 4),
    CONSTRAINT families_sls_rank_positive CHECK (sls_rank >= 1),
    -- Indonesia's bounding box, with a little margin.
    CONSTRAINT families_latitude_in_indonesia CHECK (latitude BETWEEN -11.5 AND 6.5),
    CONSTRAINT families_longitude_in_indonesia CHECK (longitude BETWEEN 94.5 AND 141.5),
    CONSTRAINT families_coordinates_paired CHECK ((latitude IS NULL) = (longitude IS NULL)),
    -- With the foreign key to regions (whose code length gives the level), this keeps families in
    -- SLS, sub-SLS or Non-SLS units; a CHECK costs nothing per row, unlike a trigger.
    CONSTRAINT families_in_a_unit CHECK (length(sls_code) IN (14, 16)),
    CONSTRAINT families_rank_unique_in_sls UNIQUE (sls_code, sls_rank) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX families_regency_idx ON fkp.families (regency_code);
-- Prefix searches (sls_code LIKE '3201%') at every level of the region browser.
CREATE INDEX families_sls_prefix_idx ON fkp.families (sls_code text_pattern_ops, welfare_group);

SELECT audit.attach('fkp.families', NULL, ARRAY['id'], ARRAY['kk_number', 'head_nik'], bulk => true);
