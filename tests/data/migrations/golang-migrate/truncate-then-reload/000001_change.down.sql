DELETE FROM countries WHERE code IN ('FR', 'DE');
