exports.up = (knex) =>
  knex.schema.alterTable('orders', (t) => {
    t.dropIndex(['customer_id']);
    t.dropForeign('customer_id');
    t.dropUnique(['number']);
    t.dropPrimary();
  });

exports.down = (knex) =>
  knex.schema.alterTable('orders', (t) => {
    t.index(['customer_id']);
    t.foreign('customer_id').references('customers.id');
    t.unique(['number']);
    t.primary(['id']);
  });
