module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('shares', 'urlId', { type: Sequelize.STRING, allowNull: true }, { transaction });
      await queryInterface.addConstraint('shares', { fields: ['urlId', 'teamId'], type: 'unique', transaction });
      await queryInterface.addColumn('links', 'slug', { type: Sequelize.STRING, allowNull: true });
      await queryInterface.addConstraint('links', ['slug'], { type: 'unique', name: 'links_slug_uq' });
    });
  },
  async down(queryInterface) {
    await queryInterface.removeConstraint('links', 'links_slug_uq');
    await queryInterface.removeColumn('links', 'slug');
    await queryInterface.removeConstraint('shares', 'shares_urlId_teamId_uk');
    await queryInterface.removeColumn('shares', 'urlId');
  },
};
