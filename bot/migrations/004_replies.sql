-- Where a job's reply lives, so a restarted bot can keep editing it: the interaction's token
-- (erased when the job ends) and when it expires, or, once switched, the bot's own message.
ALTER TABLE jobs ADD COLUMN application_id INTEGER;
ALTER TABLE jobs ADD COLUMN interaction_token TEXT;
ALTER TABLE jobs ADD COLUMN token_expires_at REAL;
