exports.up = (knex) => knex.schema.createTable('invoices', (t) => t.increments());
exports.down = () => Promise.reject(new Error('no way back'));
