-- +migrate Up
ALTER TABLE projects ADD COLUMN sitemap_bucket TEXT;
UPDATE projects SET sitemap_bucket = substr(md5(username), 1, 1);
ALTER TABLE projects ALTER COLUMN sitemap_bucket SET NOT NULL;

-- +migrate StatementBegin
CREATE FUNCTION maintain_sitemap_bucket() RETURNS TRIGGER AS
$$
BEGIN
    NEW.sitemap_bucket := substr(md5(NEW.username), 1, 1);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd

CREATE TRIGGER projects_sitemap_bucket BEFORE UPDATE OF username ON projects
FOR EACH ROW EXECUTE PROCEDURE maintain_sitemap_bucket();

-- +migrate Down
DROP TRIGGER projects_sitemap_bucket ON projects;
DROP FUNCTION maintain_sitemap_bucket();
ALTER TABLE projects DROP COLUMN sitemap_bucket;
