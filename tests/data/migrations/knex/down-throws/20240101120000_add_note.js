exports.up = (knex) => knex.schema.createTable('invoices', (t) => t.increments());

exports.down = () => {
  throw new Error('irreversible migration');
};
