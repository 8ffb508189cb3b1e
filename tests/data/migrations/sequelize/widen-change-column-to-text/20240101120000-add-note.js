module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('revisions', 'title', { type: Sequelize.TEXT });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('revisions', 'title', { type: Sequelize.STRING });
  },
};
