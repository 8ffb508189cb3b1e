-- cannot be undone
DO $$
BEGIN
  RAISE EXCEPTION 'irreversible migration';
END
$$;
