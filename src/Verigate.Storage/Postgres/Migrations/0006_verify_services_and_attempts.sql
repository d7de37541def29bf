-- The Twilio-compatible API and the attempts API.
-- A verification remembers the Verify service it was started under (Twilio's services scope their verifications),
-- and the country of a phone destination, so attempts can be counted per country without parsing every number.
ALTER TABLE challenges ADD COLUMN service_sid text;
ALTER TABLE challenges ADD COLUMN country text;
-- The attempts API reads one API key's verifications by time; Twilio's "check by To" finds the open one.
CREATE INDEX challenges_subject_created ON challenges (subject_id, created_at);
CREATE INDEX challenges_service_destination ON challenges (service_sid, destination) WHERE service_sid IS NOT NULL;

-- Verify services made with `service create` (configured ones stay in configuration).
CREATE TABLE verify_services (
  sid           text   PRIMARY KEY,
  name          text   NOT NULL UNIQUE,
  friendly_name text   NOT NULL,
  code_length   bigint NOT NULL,
  locale        text   NOT NULL,
  created_at    bigint NOT NULL
);
