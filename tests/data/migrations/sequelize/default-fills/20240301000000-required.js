module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('orders', 'region', { type: Sequelize.STRING(3), allowNull: false, defaultValue: 'EU' });
    await queryInterface.changeColumn('orders', 'currency', { type: Sequelize.STRING(3), allowNull: false });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('orders', 'region', { type: Sequelize.STRING(3), allowNull: true });
    await queryInterface.changeColumn('orders', 'currency', { type: Sequelize.STRING(3), allowNull: true });
  },
};
