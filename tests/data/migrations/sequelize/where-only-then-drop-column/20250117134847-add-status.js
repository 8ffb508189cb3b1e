module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`
      UPDATE "Collectives" SET "deletedAt" = NOW() WHERE "isPledged" = TRUE
    `);
    await queryInterface.removeColumn('Collectives', 'isPledged');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('Collectives', 'isPledged', Sequelize.BOOLEAN);
  },
};
