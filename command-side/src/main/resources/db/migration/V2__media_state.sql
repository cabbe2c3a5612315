-- A media id can stop being usable: media-uploader rejected the bytes of a direct upload
-- (MediaRejected), or deleted the photo because the post that showed it was deleted
-- (MediaDeleted). Neither may be used in a post again. A rejected media was never stored.
ALTER TABLE media ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'STORED';
ALTER TABLE media ADD COLUMN state_changed_at TIMESTAMPTZ;
ALTER TABLE media ALTER COLUMN stored_at DROP NOT NULL;
ALTER TABLE media ADD CONSTRAINT media_state_known CHECK (state IN ('STORED', 'REJECTED', 'DELETED'));
