CREATE TABLE tag_aliases_new (tag_id integer NOT NULL, alias varchar(255) NOT NULL);
INSERT INTO tag_aliases_new SELECT tag_id, alias FROM tag_aliases;
DROP TABLE tag_aliases;
ALTER TABLE tag_aliases_new RENAME TO tag_aliases;
CREATE UNIQUE INDEX tag_aliases_alias_unique ON tag_aliases (alias);
ALTER TABLE tag_aliases RENAME COLUMN alias TO name;
DROP INDEX "Viewer_dataroomId_email_key";
CREATE UNIQUE INDEX "Viewer_teamId_email_key" ON "Viewer" ("teamId", "email");
