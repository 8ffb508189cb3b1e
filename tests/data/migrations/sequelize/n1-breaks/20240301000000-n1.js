module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.renameColumn('orders', 'note', 'comment');
    await queryInterface.renameTable('customers', 'clients', { transaction: null });
    await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3), allowNull: false });
    await queryInterface.addColumn('orders', 'region', { type: Sequelize.STRING(3), allowNull: false, defaultValue: 'EU' });
    await queryInterface.addConstraint('orders', { fields: ['ref'], type: 'unique', name: 'orders_ref_uq' });
    await queryInterface.addIndex('orders', ['code'], { unique: true });
    await queryInterface.addIndex('orders', ['created_at']);
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('orders', ['created_at']);
    await queryInterface.removeIndex('orders', ['code']);
    await queryInterface.removeConstraint('orders', 'orders_ref_uq');
    await queryInterface.removeColumn('orders', 'region');
    await queryInterface.removeColumn('orders', 'currency');
    await queryInterface.renameTable('clients', 'customers');
    await queryInterface.renameColumn('orders', 'comment', 'note');
  },
};
