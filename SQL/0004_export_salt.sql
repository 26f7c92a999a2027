-- A per-tenant secret for the pseudonyms of anonymised exports (issue 6): an HMAC key, so a
-- pseudonym cannot be tested against guessed names by anybody who lacks it. 32 bytes from two
-- v4 UUIDs, which PostgreSQL draws from its strong random source (244 random bits); existing
-- tenants get their own value as the column is added. Never exported, never sent to clients.
ALTER TABLE tenants
    ADD COLUMN export_salt bytea NOT NULL
        DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
        CHECK (length(export_salt) = 32);
