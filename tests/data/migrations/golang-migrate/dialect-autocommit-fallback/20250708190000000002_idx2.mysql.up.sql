CREATE INDEX idx2 ON identities (nid);
