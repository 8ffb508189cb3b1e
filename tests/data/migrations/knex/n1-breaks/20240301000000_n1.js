exports.up = async (knex) => {
  await knex.schema.alterTable('orders', (table) => {
    table.renameColumn('note', 'comment');
    table.string('currency', 3).notNullable();
    table.string('code', 20).alter();
    table.unique(['ref']);
    table.foreign('customer_id').references('customers.id');
    table.dropNullable('status');
    table.string('region').notNullable().defaultTo(null);
  });
  await knex.schema.renameTable('customers', 'clients');
};

exports.down = async (knex) => {
  await knex.schema.renameTable('clients', 'customers');
  await knex.schema.alterTable('orders', (table) => {
    table.dropColumn('region');
    table.setNullable('status');
    table.dropForeign('customer_id');
    table.dropUnique(['ref']);
    table.string('code', 255).alter();
    table.dropColumn('currency');
    table.renameColumn('comment', 'note');
  });
};
