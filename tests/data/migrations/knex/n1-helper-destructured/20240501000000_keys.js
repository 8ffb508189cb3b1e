const addFk = async (knex, { table, column = 'p_id' }) => {
  await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_p_fk FOREIGN KEY (${column}) REFERENCES p (id)`);
};

exports.up = async (knex) => {
  await knex.schema.createTable('newt', (t) => { t.uuid('id').primary(); t.uuid('p_id'); });
  await addFk(knex, { table: 'newt' });
  await addFk(knex, { table: 'orders', column: 'parent_id' });
};

exports.down = async (knex) => {
  await knex.raw('ALTER TABLE orders DROP CONSTRAINT orders_p_fk');
  await knex.schema.dropTable('newt');
};
