-- Fleet-wide pause of submissions while APIXO refuses the account (401 key rejected, 402 or
-- INSUFFICIENT_CREDITS): queued jobs stay queued. One worker at a time claims the next balance check by
-- moving next_check_at; the one whose check succeeds resumes the fleet.
CREATE TABLE apixo_account (
    name          text        PRIMARY KEY,
    paused        boolean     NOT NULL DEFAULT false,
    reason        text,
    http_status   integer,
    paused_since  timestamptz,
    next_check_at timestamptz,
    checked_by    text,
    last_check    text,
    resumed_at    timestamptz
);
INSERT INTO apixo_account (name) VALUES ('apixo');
