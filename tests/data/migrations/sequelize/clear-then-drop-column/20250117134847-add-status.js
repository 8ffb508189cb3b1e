module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`UPDATE "Users" SET "legacyToken" = NULL`);
    await queryInterface.removeColumn('Users', 'legacyToken');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'legacyToken', Sequelize.STRING);
  },
};
