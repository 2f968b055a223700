-- What a batch did to places beyond its counts, as its check said it would: the units it removed
-- families from, and the units it did not list whose families it moved into its own (the ten that
-- lost most, each), or the places it renamed or marked otherwise (the first ten by code). A revised
-- file speaks for every unit it lists, so one that lists a unit in part removes the rest; kept in
-- the batch row, the batch's audit entry carries them, and its page shows them after the load.
-- Batches loaded before keep `{}`, as a batch that changed no place does.
ALTER TABLE fkp.import_batches
    ADD COLUMN places_changed jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(places_changed) = 'object');
