module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`
      CREATE TABLE "search_queries" (
        "id" uuid PRIMARY KEY,
        "query" text NOT NULL -- DROP TABLE would be wrong here
      );
    `);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE "search_queries"');
  },
};
