module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface
      .addColumn('Transactions', 'HostId', { type: Sequelize.INTEGER })
      .then(() => queryInterface.sequelize.query('UPDATE "Transactions" SET "HostId" = 1'))
      .catch((e) =>
        queryInterface.removeColumn('Transactions', 'HostId').then(() => {
          throw e;
        }),
      ),
  down: (queryInterface) => queryInterface.removeColumn('Transactions', 'HostId'),
};
