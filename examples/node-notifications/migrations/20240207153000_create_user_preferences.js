exports.up = async function (knex) {
  await knex.schema.createTable('user_preferences', (table) => {
    table.uuid('user_id').primary();
    table.boolean('email_enabled').notNullable().defaultTo(true);
    table.boolean('push_enabled').notNullable().defaultTo(true);
    table.string('timezone', 64).notNullable().defaultTo('UTC');
    table.timestamps(true, true);
  });
};

exports.down = async function (knex) {
  await knex.schema.dropTableIfExists('user_preferences');
};
