-- Re-ranking runs of a regency and the final list each produced.
CREATE TABLE fkp.rerank_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    regency_code  text    NOT NULL REFERENCES fkp.regions (code),
    provisional   boolean NOT NULL,
    inputs_sha256 text    NOT NULL CHECK (inputs_sha256 ~ '^[0-9a-f]{64}$'),
    output_sha256 text    NOT NULL CHECK (output_sha256 ~ '^[0-9a-f]{64}$'),
    family_count  integer NOT NULL CHECK (family_count >= 0),
    created_by    text    NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rerank_runs_regency_level CHECK (length(regency_code) = 4)
);
SELECT audit.attach('fkp.rerank_runs', NULL, ARRAY['id']);

CREATE TABLE fkp.final_ranks (
    run_id          bigint   NOT NULL REFERENCES fkp.rerank_runs (id),
    final_rank      integer  NOT NULL CHECK (final_rank >= 1),
    family_id       text REFERENCES fkp.families (id),
    added_family_id bigint REFERENCES fkp.added_families (id),
    sls_code        text     NOT NULL REFERENCES fkp.regions (code),
    final_group     smallint NOT NULL CHECK (final_group BETWEEN 1 AND 4),
    change_reason   text,
    flags           text[]   NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, final_rank),
    CONSTRAINT final_ranks_one_subject CHECK ((family_id IS NULL) <> (added_family_id IS NULL))
);
SELECT audit.attach('fkp.final_ranks', NULL, ARRAY['run_id', 'final_rank']);
