BEGIN;
SELECT 'down not supported';
COMMIT;
