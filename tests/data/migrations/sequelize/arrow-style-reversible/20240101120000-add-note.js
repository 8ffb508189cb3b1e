module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.createTable('tags', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING(64), allowNull: false },
    }),
  down: (queryInterface) => queryInterface.dropTable('tags'),
};
