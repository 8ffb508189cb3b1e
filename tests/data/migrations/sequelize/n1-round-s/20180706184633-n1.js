module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('Subscriptions', 'jiraHost', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.changeColumn('Subscriptions', 'gitHubInstallationId', { type: Sequelize.INTEGER, allowNull: false });
    await queryInterface.addIndex('Notes', ['title'], { indicesType: 'UNIQUE' });
    await queryInterface.addIndex('Notes', ['alias'], { type: 'UNIQUE' });
    await queryInterface.addIndex('Notes', ['ownerId'], { type: 'FULLTEXT' });
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.removeIndex('Notes', ['ownerId']);
    await queryInterface.removeIndex('Notes', ['alias']);
    await queryInterface.removeIndex('Notes', ['title']);
    await queryInterface.changeColumn('Subscriptions', 'gitHubInstallationId', { type: Sequelize.INTEGER });
    await queryInterface.changeColumn('Subscriptions', 'jiraHost', { type: Sequelize.STRING, allowNull: true });
  },
};
