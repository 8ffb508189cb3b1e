module.exports = {
  async up(queryInterface) {
    await copyRows(queryInterface);
    await queryInterface.bulkDelete('old_orders', null, {});
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('INSERT INTO old_orders SELECT * FROM orders_archive');
  },
};

async function copyRows(queryInterface) {
  await queryInterface.sequelize.query('INSERT INTO orders_archive SELECT * FROM old_orders');
}
