-- A job's life as data. Cancel is a request recorded on the row (who, when), acted on once by
-- the job's owner; the deadline counts from the first submit and survives restarts (Unix time);
-- every state change is appended to job_events by the database itself, in the transaction of
-- the change, with the actor and the reason the change wrote into the row.
ALTER TABLE jobs ADD COLUMN cancel_requested_by INTEGER;
ALTER TABLE jobs ADD COLUMN cancel_requested_at TEXT;
ALTER TABLE jobs ADD COLUMN deadline_at REAL;
ALTER TABLE jobs ADD COLUMN state_actor INTEGER;
ALTER TABLE jobs ADD COLUMN state_reason TEXT;

-- The legal moves; bot/lifecycle.py holds the same table and a test keeps the two equal.
CREATE TABLE job_transitions (
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    PRIMARY KEY (from_state, to_state)
) WITHOUT ROWID;
INSERT INTO job_transitions (from_state, to_state) VALUES
    ('queued', 'submitting'), ('queued', 'canceled'), ('queued', 'failed'),
    ('submitting', 'starting'), ('submitting', 'canceled'), ('submitting', 'failed'),
    ('starting', 'processing'), ('starting', 'delivering'),
    ('starting', 'canceled'), ('starting', 'failed'),
    ('processing', 'delivering'), ('processing', 'canceled'), ('processing', 'failed'),
    ('delivering', 'done'), ('delivering', 'failed');

-- Append-only: (job, from, to, at, actor, reason). No foreign key: the trace of a request that
-- was never accepted (its row deleted) stays readable.
CREATE TABLE job_events (
    id          INTEGER PRIMARY KEY,
    job_id      TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor       INTEGER,
    reason      TEXT
);
CREATE INDEX job_events_by_job ON job_events (job_id, id);

CREATE TRIGGER job_events_no_update BEFORE UPDATE ON job_events
BEGIN
    SELECT RAISE(ABORT, 'job_events is append-only');
END;

CREATE TRIGGER job_accepted AFTER INSERT ON jobs
BEGIN
    INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason)
    VALUES (NEW.id, NULL, NEW.state, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'),
            NEW.state_actor, COALESCE(NEW.state_reason, 'accepted'));
END;

-- A move outside the table is a bug of the code that asked for it: refuse the whole write.
CREATE TRIGGER job_transition_guard BEFORE UPDATE OF state ON jobs
WHEN OLD.state IS NOT NEW.state AND NOT EXISTS (
    SELECT 1 FROM job_transitions WHERE from_state = OLD.state AND to_state = NEW.state
)
BEGIN
    SELECT RAISE(ABORT, 'illegal job transition');
END;

CREATE TRIGGER job_transition_event AFTER UPDATE OF state ON jobs
WHEN OLD.state IS NOT NEW.state
BEGIN
    INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason)
    VALUES (NEW.id, OLD.state, NEW.state, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'),
            NEW.state_actor, NEW.state_reason);
END;

-- Jobs left final by older versions keep their state; unfinished ones get a first event so
-- every job's trace starts somewhere.
INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason)
SELECT id, NULL, state, created_at, NULL, 'recorded before job events existed' FROM jobs;
