exports.up = async function (db) {
  await db.renameColumn('orders', 'note', 'comment');
  await db.renameTable('customers', 'clients');
  await db.addColumn('orders', 'currency', { type: 'string', notNull: true });
  await db.addColumn('orders', 'region', { type: 'string', notNull: true, defaultValue: 'EU' });
  await db.addColumn('orders', 'channel', { type: 'string', allowNull: false });
  await db.addIndex('orders', 'orders_code_uq', ['code'], true);
  await db.addIndex('orders', 'orders_created_idx', ['created_at']);
  await db.changeColumn('orders', 'status', { notNull: true });
  await db.changeColumn('orders', 'kind', { type: 'text', notNull: true });
};

exports.down = async function (db) {
  await db.changeColumn('orders', 'kind', { type: 'text', notNull: false });
  await db.changeColumn('orders', 'status', { notNull: false });
  await db.removeIndex('orders', 'orders_created_idx');
  await db.removeIndex('orders', 'orders_code_uq');
  await db.removeColumn('orders', 'channel');
  await db.removeColumn('orders', 'region');
  await db.removeColumn('orders', 'currency');
  await db.renameTable('clients', 'customers');
  await db.renameColumn('orders', 'comment', 'note');
};
