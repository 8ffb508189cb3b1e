module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('ImportRows', 'status', { type: Sequelize.STRING, defaultValue: 'PENDING' });
    await queryInterface.sequelize.query(`
      UPDATE "ImportRows" SET "status" = CASE WHEN "isDismissed" THEN 'IGNORED' ELSE 'PENDING' END
    `);
    await queryInterface.removeColumn('ImportRows', 'isDismissed');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('ImportRows', 'isDismissed', { type: Sequelize.BOOLEAN, defaultValue: false });
    await queryInterface.sequelize.query(`UPDATE "ImportRows" SET "isDismissed" = "status" = 'IGNORED'`);
    await queryInterface.removeColumn('ImportRows', 'status');
  },
};
