exports.up = (knex) => knex.schema.alterTable('a', (t) => t.string('b'));
exports.down = (knex) => knex.transaction(async () => {});
