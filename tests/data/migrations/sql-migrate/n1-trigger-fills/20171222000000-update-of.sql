-- +migrate Up
ALTER TABLE accounts ADD COLUMN sitemap_bucket TEXT;
UPDATE accounts SET sitemap_bucket = substr(md5(username), 1, 1);
ALTER TABLE accounts ALTER COLUMN sitemap_bucket SET NOT NULL;

-- +migrate StatementBegin
CREATE FUNCTION maintain_sitemap_bucket() RETURNS TRIGGER AS
$$
BEGIN
    NEW.sitemap_bucket := substr(md5(NEW.username), 1, 1);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd

CREATE TRIGGER accounts_sitemap_bucket BEFORE INSERT OR UPDATE OF username ON accounts
FOR EACH ROW EXECUTE PROCEDURE maintain_sitemap_bucket();

-- +migrate Down
DROP TRIGGER accounts_sitemap_bucket ON accounts;
DROP FUNCTION maintain_sitemap_bucket();
ALTER TABLE accounts DROP COLUMN sitemap_bucket;
