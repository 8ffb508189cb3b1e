exports.up = async function(knex) {
  await knex.schema.alterTable('users', (table) => {
    table.string('email').notNullable().alter();
    table.string('name', 100).notNullable().alter();
  });
};

exports.down = async function(knex) {
  await knex.schema.alterTable('users', (table) => {
    table.string('email').nullable().alter();
    table.string('name', 50).notNullable().alter();
  });
};
