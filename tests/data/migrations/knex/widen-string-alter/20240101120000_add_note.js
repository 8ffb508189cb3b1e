exports.up = (knex) =>
  knex.schema.alterTable('monitor', (table) => {
    table.string('push_token', 32).alter();
  });

exports.down = (knex) =>
  knex.schema.alterTable('monitor', (table) => {
    table.string('push_token', 20).alter();
  });
