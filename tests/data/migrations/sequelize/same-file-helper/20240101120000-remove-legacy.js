async function removeLegacy(queryInterface, table) {
  await queryInterface.removeColumn(table, 'legacy');
}

module.exports = {
  async up(queryInterface) {
    await removeLegacy(queryInterface, 'orders');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'legacy', Sequelize.STRING);
  },
};
