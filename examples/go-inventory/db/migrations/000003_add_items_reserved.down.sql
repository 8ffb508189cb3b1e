ALTER TABLE items DROP CONSTRAINT IF EXISTS items_reserved_le_on_hand;
ALTER TABLE items DROP COLUMN IF EXISTS reserved;
