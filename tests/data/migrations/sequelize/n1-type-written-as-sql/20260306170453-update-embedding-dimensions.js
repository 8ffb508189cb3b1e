'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('UserProfileEmbeddings', 'embedding', {
      type: 'vector(1024)',
      allowNull: false,
    });
    await queryInterface.changeColumn('UserProfiles', 'bio', {
      type: 'TEXT',
      allowNull: true,
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('UserProfiles', 'bio', {
      type: 'varchar(500)',
      allowNull: true,
    });
    await queryInterface.changeColumn('UserProfileEmbeddings', 'embedding', {
      type: 'vector(1536)',
      allowNull: false,
    });
  },
};
