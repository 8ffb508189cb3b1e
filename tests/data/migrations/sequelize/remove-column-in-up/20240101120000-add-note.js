module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('users', 'passwordDigest');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'passwordDigest', Sequelize.STRING);
  },
};
