// joplin 20211105183559: added with a default that fills the rows, then .alter() drops it
exports.up = async function(knex) {
  await knex.schema.alterTable('items', (table) => {
    table.integer('content_storage_id').defaultTo(1).notNullable();
  });
  await knex.schema.alterTable('items', (table) => {
    table.integer('content_storage_id').notNullable().alter();
  });
};

exports.down = async function(knex) {
  await knex.schema.alterTable('items', (table) => {
    table.dropColumn('content_storage_id');
  });
};
