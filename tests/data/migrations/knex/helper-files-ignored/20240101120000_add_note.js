exports.up = (knex) => knex.schema.createTable('a', (t) => t.increments());
exports.down = (knex) => knex.schema.dropTable('a');
