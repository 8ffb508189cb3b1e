module.exports = {
  up: (queryInterface) => {
    return queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeColumn('collections', 'type', { transaction });
      await queryInterface.bulkDelete('stars', { collectionId: null }, { transaction });
    });
  },
  down: (queryInterface, Sequelize) => {
    return queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('collections', 'type', Sequelize.STRING, { transaction });
    });
  },
};
