module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.addColumn('teams', 'domain', Sequelize.STRING),
  down: () => Promise.reject(new Error('Cannot undo this migration.')),
};
