module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('shares', 'urlId', { type: Sequelize.STRING, allowNull: true }, { transaction });
      await queryInterface.addConstraint('shares', { fields: ['urlId', 'teamId'], type: 'unique', transaction });
      await queryInterface.addColumn('links', 'slug', { type: Sequelize.STRING, allowNull: true });
      await queryInterface.addConstraint('links', ['slug'], { type: 'unique', name: 'links_slug_uq' });
      await queryInterface.addColumn('address', 'account', { type: Sequelize.INTEGER, allowNull: true, defaultValue: null });
      await queryInterface.addIndex('address', ['wallet_id', 'account'], { unique: true, name: 'address_account_uq' });
    });
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('address', 'address_account_uq');
    await queryInterface.removeColumn('address', 'account');
    await queryInterface.removeConstraint('links', 'links_slug_uq');
    await queryInterface.removeColumn('links', 'slug');
    await queryInterface.removeConstraint('shares', 'shares_urlId_teamId_uk');
    await queryInterface.removeColumn('shares', 'urlId');
  },
};
