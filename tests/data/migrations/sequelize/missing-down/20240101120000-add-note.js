module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('events', {
      id: { type: Sequelize.UUID, primaryKey: true },
    });
  },
};
