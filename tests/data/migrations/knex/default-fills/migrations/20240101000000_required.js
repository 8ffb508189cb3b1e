exports.up = async function(knex) {
  await knex.schema.alterTable('users', (table) => {
    table.string('email').notNullable().defaultTo('').alter();
    table.string('name').notNullable().alter();
  });
};

exports.down = async function(knex) {
  await knex.schema.alterTable('users', (table) => {
    table.string('email').nullable().alter();
    table.string('name').nullable().alter();
  });
};
