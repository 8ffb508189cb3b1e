CREATE FUNCTION purge() RETURNS void AS $$
BEGIN
  DELETE FROM audit_log;
END
$$ LANGUAGE plpgsql;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM settings) THEN
    DELETE FROM settings WHERE key = 'legacy';
  END IF;
END
$$;
