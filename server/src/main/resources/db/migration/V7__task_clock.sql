-- A task past its due time is announced late once.
ALTER TABLE tasks ADD COLUMN late_notified boolean NOT NULL DEFAULT false;
