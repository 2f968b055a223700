-- The family card numbers and heads' NIKs that a families batch's families shared with another
-- family of their regency when it was loaded, as its check said: how many numbers, and the first
-- ten, each by the ids and lines of its first five families (never the number itself). Not refused:
-- a preliminary list holds duplicates, and a forum marks them; kept in the batch row, the batch's
-- audit entry carries them, and its page shows them after the load. Batches loaded before, and
-- those whose families share none, keep `{}`.
ALTER TABLE fkp.import_batches
    ADD COLUMN numbers_shared jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(numbers_shared) = 'object');
