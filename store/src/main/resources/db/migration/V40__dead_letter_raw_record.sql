-- A dead letter holds its record whatever the bytes: a key that could not be stored as it came (invalid UTF-8,
-- control characters, too long) is kept base64-encoded next to its printable form, and a payload that is not
-- storable text says it is base64.
ALTER TABLE dead_letter
    ADD COLUMN raw_key          text,
    ADD COLUMN payload_encoding text;
