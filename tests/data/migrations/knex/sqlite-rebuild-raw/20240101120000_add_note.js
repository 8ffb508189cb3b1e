exports.up = async (knex) => {
  await knex.raw('CREATE TABLE "new_links" ("id" integer primary key, "url" text)');
  await knex.raw('INSERT INTO "new_links" ("id", "url") SELECT "id", "url" FROM "links"');
  await knex.raw('DROP TABLE "links"');
  await knex.raw('ALTER TABLE "new_links" RENAME TO "links"');
};

exports.down = async (knex) => {
  await knex.raw('ALTER TABLE "links" ADD COLUMN "legacy" text');
};
