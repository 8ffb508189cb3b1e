module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('authenticators', 'created_at');
    await queryInterface.addColumn('authenticators', 'created_at', Sequelize.BIGINT);
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('authenticators', 'created_at', Sequelize.DATE);
  },
};
