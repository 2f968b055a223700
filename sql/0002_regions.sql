-- BPS places, province to sub-SLS. The parent is the code's prefix, so it is a generated column
-- with a foreign key: a code whose prefix does not exist cannot be stored.
CREATE TABLE fkp.regions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    level       text NOT NULL,
    non_sls     boolean NOT NULL DEFAULT false,
    parent_code text GENERATED ALWAYS AS (
        CASE length(code)
            WHEN 4 THEN left(code, 2)
            WHEN 7 THEN left(code, 4)
            WHEN 10 THEN left(code, 7)
            WHEN 14 THEN left(code, 10)
            WHEN 16 THEN left(code, 14)
        END) STORED REFERENCES fkp.regions (code),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT regions_code_digits CHECK (code ~ '^[0-9]+$'),
    CONSTRAINT regions_level_known CHECK (level IN ('province', 'regency', 'district', 'village', 'sls', 'subsls')),
    CONSTRAINT regions_code_length_matches_level CHECK (length(code) = CASE level
        WHEN 'province' THEN 2 WHEN 'regency' THEN 4 WHEN 'district' THEN 7
        WHEN 'village' THEN 10 WHEN 'sls' THEN 14 WHEN 'subsls' THEN 16 END),
    CONSTRAINT regions_province_number CHECK (level <> 'province' OR code BETWEEN '11' AND '99'),
    -- 01-69 are regencies (kabupaten), 71-99 cities (kota); 00 and 70 are not used.
    CONSTRAINT regions_regency_number CHECK (level <> 'regency' OR (substr(code, 3, 2) BETWEEN '01' AND '99'
                                                                     AND substr(code, 3, 2) <> '70')),
    CONSTRAINT regions_name_present CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT regions_non_sls_is_a_unit CHECK (NOT non_sls OR level IN ('sls', 'subsls'))
);
CREATE INDEX regions_parent_idx ON fkp.regions (parent_code);
CREATE INDEX regions_code_prefix_idx ON fkp.regions (code text_pattern_ops);

SELECT audit.attach('fkp.regions', NULL, ARRAY['code'], bulk => true);

-- The level of a code, or NULL when it is not a known region.
CREATE FUNCTION fkp.region_level(p_code text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT level FROM fkp.regions WHERE code = p_code
$$;
