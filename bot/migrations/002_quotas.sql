-- The quota ledger: every image reserved, settled, refunded, granted or reset, with why.
-- For a finished job: reserved = settled + refunded. A day's use is reserved - refunded - reset.
CREATE TABLE ledger (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('reserve', 'settle', 'refund', 'grant', 'reset')),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    job_id      TEXT REFERENCES jobs(id),
    actor_id    INTEGER,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ledger_by_member_day ON ledger (guild_id, user_id, day);
CREATE INDEX ledger_by_job ON ledger (job_id);
CREATE INDEX ledger_by_guild_day ON ledger (guild_id, day);

-- Daily allowances set by moderators: for a member, for a role, or the server's default.
CREATE TABLE allowances (
    guild_id    INTEGER NOT NULL,
    scope       TEXT NOT NULL CHECK (scope IN ('member', 'role', 'guild')),
    target_id   INTEGER NOT NULL,
    images      INTEGER NOT NULL CHECK (images >= 0),
    set_by      INTEGER,
    set_at      TEXT NOT NULL,
    PRIMARY KEY (guild_id, scope, target_id)
);

-- Members who may not generate in a server.
CREATE TABLE bans (
    guild_id    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    banned_by   INTEGER,
    banned_at   TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

-- Per-server settings moderators control; a missing row means the defaults.
CREATE TABLE guild_policy (
    guild_id              INTEGER PRIMARY KEY,
    daily_cap             INTEGER CHECK (daily_cap IS NULL OR daily_cap >= 0),
    moderator_role_id     INTEGER,
    mod_log_channel_id    INTEGER,
    allowed_channels      TEXT,
    safety_checker_off_ok INTEGER NOT NULL DEFAULT 0,
    blocklist_mode        TEXT NOT NULL DEFAULT 'refuse' CHECK (blocklist_mode IN ('refuse', 'review'))
);

-- Words and regular expressions refused in prompts (or held for review).
CREATE TABLE blocklist (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    pattern     TEXT NOT NULL,
    is_regex    INTEGER NOT NULL,
    added_by    INTEGER,
    added_at    TEXT NOT NULL,
    UNIQUE (guild_id, pattern, is_regex)
);
