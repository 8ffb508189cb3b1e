if (process.env.NODE_ENV === 'test') {
  module.exports = {
    up: async (queryInterface) => {
      await queryInterface.bulkInsert('Users', [{ id: 1 }]);
    },
    down: async () => {
      // No rollback
    },
  };
} else {
  module.exports = { up: () => Promise.resolve(), down: () => Promise.resolve() };
}
