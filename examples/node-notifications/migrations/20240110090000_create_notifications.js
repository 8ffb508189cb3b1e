/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.up = function (knex) {
  return knex.schema.createTable('notifications', (table) => {
    table.bigIncrements('id').primary();
    table.uuid('user_id').notNullable().index();
    table.string('channel', 16).notNullable(); // email | push | sms
    table.string('template', 64).notNullable();
    table.jsonb('payload').notNullable().defaultTo('{}');
    table.timestamp('sent_at', { useTz: true });
    table.timestamps(true, true);
  });
};

/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.down = function (knex) {
  return knex.schema.dropTable('notifications');
};
