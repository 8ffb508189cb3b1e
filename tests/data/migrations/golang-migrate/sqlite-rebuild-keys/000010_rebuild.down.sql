ALTER TABLE tag_aliases RENAME COLUMN name TO alias;
DROP INDEX "Viewer_teamId_email_key";
CREATE UNIQUE INDEX "Viewer_dataroomId_email_key" ON "Viewer" ("dataroomId", "email");
