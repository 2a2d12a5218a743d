-- Where a position's units sit in the location (aisle and bay, e.g. A07-03), set by stock feeds; the pick lists of
-- the store's tasks carry it so associates walk the aisles in order. NULL: not known.
ALTER TABLE stock ADD COLUMN bin text CHECK (bin ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$');
