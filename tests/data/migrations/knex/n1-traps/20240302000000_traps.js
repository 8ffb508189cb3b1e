exports.up = async (knex) => {
  await knex.schema.createTable('invoices', (table) => {
    table.increments('id');
    table.string('number').notNullable().unique();
  });
  await knex.schema.alterTable('orders', (table) => {
    table.string('currency', 3).notNullable().defaultTo('EUR');
    table.string('state').defaultsTo('initial').notNullable();
    table.integer('attempt_count').notNullable().default(1);
    table.string('note', 500).alter();
    table.integer('invoice_id').references('invoices.id');
    table.index(['created_at']);
    table.bigInteger('batch_id').unsigned().defaultTo(null);
    table.foreign('batch_id').references('batches.id');
  });
};

exports.down = async (knex) => {
  await knex.schema.alterTable('orders', (table) => {
    table.dropForeign('batch_id');
    table.dropColumn('batch_id');
    table.dropIndex(['created_at']);
    table.dropColumn('invoice_id');
    table.string('note', 100).alter();
    table.dropColumn('currency');
    table.dropColumn('state');
    table.renameColumn('a', 'b');
  });
  await knex.schema.renameTable('x', 'y');
  await knex.schema.dropTable('invoices');
};
