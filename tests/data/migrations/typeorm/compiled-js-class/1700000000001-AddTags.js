'use strict';

module.exports = class AddTags1700000000001 {
  name = 'AddTags1700000000001';

  async up(queryRunner) {
    await queryRunner.query(`CREATE TABLE "tag" ("id" SERIAL NOT NULL, "name" varchar(64) NOT NULL)`);
  }

  async down(queryRunner) {}
};
