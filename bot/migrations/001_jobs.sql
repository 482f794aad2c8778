-- Jobs: one row per /imagine (or reroll, variation), from acceptance to its end.
CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    parent_id      TEXT REFERENCES jobs(id),
    guild_id       INTEGER,
    channel_id     INTEGER,
    requester_id   INTEGER NOT NULL,
    locale         TEXT NOT NULL,
    request_json   TEXT NOT NULL,
    state          TEXT NOT NULL,
    prediction_id  TEXT,
    message_id     INTEGER,
    seed           INTEGER,
    images         INTEGER NOT NULL DEFAULT 0,
    error_key      TEXT,
    predict_time   REAL,
    created_at     TEXT NOT NULL,
    started_at     TEXT,
    finished_at    TEXT
);
CREATE INDEX jobs_by_requester ON jobs (guild_id, requester_id, created_at);
CREATE INDEX jobs_by_state ON jobs (state);
