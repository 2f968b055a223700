-- The minutes (berita acara), their signatures, and each closing of a forum with its chain head.
CREATE TABLE fkp.minutes (
    forum_id      bigint  NOT NULL REFERENCES fkp.forums (id),
    forum_version integer NOT NULL CHECK (forum_version >= 1),
    notes         text    NOT NULL DEFAULT '',
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (forum_id, forum_version)
);
SELECT fkp.freeze_with_forum('fkp.minutes');
SELECT audit.attach('fkp.minutes', 'forum_id', ARRAY['forum_id', 'forum_version']);

CREATE TABLE fkp.signatures (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    forum_id        bigint  NOT NULL REFERENCES fkp.forums (id),
    forum_version   integer NOT NULL CHECK (forum_version >= 1),
    signatory_role  text    NOT NULL,
    participant_id  bigint REFERENCES fkp.forum_participants (id),
    user_id         bigint REFERENCES fkp.users (id),
    signer_name     text    NOT NULL CHECK (btrim(signer_name) <> ''),
    status          text    NOT NULL,
    method          text    NOT NULL,
    refusal_reason  text,
    escalated_from  bigint REFERENCES fkp.signatures (id),
    with_stamp      boolean NOT NULL DEFAULT false,
    recorded_by     text    NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT signatures_role_known CHECK (signatory_role IN ('facilitator', 'assistant_facilitator', 'administrator',
        'sls_head', 'sls_representative', 'community_figure', 'village_head', 'district_head')),
    CONSTRAINT signatures_status_known CHECK (status IN ('signed', 'refused')),
    CONSTRAINT signatures_method_known CHECK (method IN ('screen', 'paper')),
    CONSTRAINT signatures_refusal_has_reason CHECK ((status = 'refused') = (coalesce(btrim(refusal_reason), '') <> '')),
    CONSTRAINT signatures_escalation_goes_up CHECK (escalated_from IS NULL OR signatory_role IN ('village_head', 'district_head')),
    CONSTRAINT signatures_stamp_by_village_head CHECK (NOT with_stamp OR signatory_role = 'village_head')
);
SELECT fkp.freeze_with_forum('fkp.signatures');
SELECT audit.attach('fkp.signatures', 'forum_id', ARRAY['id']);

CREATE TABLE fkp.forum_closings (
    forum_id      bigint  NOT NULL REFERENCES fkp.forums (id),
    forum_version integer NOT NULL CHECK (forum_version >= 1),
    closed_at     timestamptz NOT NULL DEFAULT now(),
    closed_by     text    NOT NULL,
    chain_seq     bigint  NOT NULL CHECK (chain_seq >= 1),
    chain_head    text    NOT NULL CHECK (chain_head ~ '^[0-9a-f]{64}$'),
    reopened_at   timestamptz,
    reopened_by   text,
    reopen_reason text,
    PRIMARY KEY (forum_id, forum_version),
    CONSTRAINT forum_closings_reopen_has_reason CHECK ((reopened_at IS NULL) = (coalesce(btrim(reopen_reason), '') = '')),
    CONSTRAINT forum_closings_reopen_has_actor CHECK ((reopened_at IS NULL) = (reopened_by IS NULL))
);
SELECT audit.attach('fkp.forum_closings', 'forum_id', ARRAY['forum_id', 'forum_version']);
