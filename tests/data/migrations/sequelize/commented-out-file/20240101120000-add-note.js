/* This migration is archived

module.exports = {
  up: (queryInterface) => queryInterface.dropTable('Users'),
  down: () => {},
};
*/
