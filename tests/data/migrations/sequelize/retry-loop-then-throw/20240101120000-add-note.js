module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE "shares" ADD CONSTRAINT "fk" FOREIGN KEY ("documentId") REFERENCES "documents" ("id") ON DELETE CASCADE');
  },
  async down(queryInterface) {
    let error;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await queryInterface.sequelize.query('ALTER TABLE "shares" DROP CONSTRAINT "fk"');
        return;
      } catch (err) {
        error = err;
      }
    }
    throw error;
  },
};
