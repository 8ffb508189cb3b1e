module.exports = {
  async up(queryInterface) {
    await queryInterface.removeIndex('documents', ['teamId', 'archivedAt']);
    await queryInterface.removeConstraint('documents', 'documents_teamId_fkey');
  },
  async down(queryInterface) {
    await queryInterface.addIndex('documents', ['teamId', 'archivedAt']);
    await queryInterface.addConstraint('documents', { fields: ['teamId'], type: 'foreign key', references: { table: 'teams', field: 'id' } });
  },
};
