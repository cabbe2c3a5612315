-- Set-based rule for devices: an FCM registration token belongs to one account at a time. Registering it for
-- another account moves it there, written in the same transaction as the DeviceRemoved and DeviceRegistered events.
CREATE TABLE device_tokens (
    token VARCHAR(1024) PRIMARY KEY,
    user_id VARCHAR(64) NOT NULL,
    platform VARCHAR(16) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX device_tokens_user_id ON device_tokens (user_id);

-- Devices registered before this table existed, from the event store: each token goes to the account that
-- registered it last, unless that account removed it afterwards.
WITH device_events AS (
    SELECT convert_from(payload, 'UTF8')::jsonb AS event, payload_type, global_index
    FROM domain_event_entry
    WHERE payload_type IN ('dev.shutter.events.user.DeviceRegistered', 'dev.shutter.events.user.DeviceRemoved')
),
last_registrations AS (
    SELECT DISTINCT ON (event ->> 'token')
        event ->> 'token' AS token, event ->> 'userId' AS user_id, event ->> 'platform' AS platform, global_index
    FROM device_events
    WHERE payload_type = 'dev.shutter.events.user.DeviceRegistered'
    ORDER BY event ->> 'token', global_index DESC
)
INSERT INTO device_tokens (token, user_id, platform)
SELECT token, user_id, platform
FROM last_registrations registration
WHERE length(token) <= 1024
    AND NOT EXISTS (
        SELECT 1 FROM device_events removal
        WHERE removal.payload_type = 'dev.shutter.events.user.DeviceRemoved'
            AND removal.event ->> 'token' = registration.token
            AND removal.event ->> 'userId' = registration.user_id
            AND removal.global_index > registration.global_index);
