import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cascade1700000000000 implements MigrationInterface {
  name = 'Cascade1700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "temporary_season" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" integer NOT NULL, "requestId" integer, CONSTRAINT "FK_2" FOREIGN KEY ("requestId") REFERENCES "request" ("id") ON DELETE CASCADE)`
    );
    await queryRunner.query(
      `INSERT INTO "temporary_season"("id", "number", "requestId") SELECT "id", "number", "requestId" FROM "season"`
    );
    await queryRunner.query(`DROP TABLE "season"`);
    await queryRunner.query(`ALTER TABLE "temporary_season" RENAME TO "season"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "season" RENAME TO "temporary_season"`);
    await queryRunner.query(
      `CREATE TABLE "season" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" integer NOT NULL, "requestId" integer)`
    );
    await queryRunner.query(
      `INSERT INTO "season"("id", "number", "requestId") SELECT "id", "number", "requestId" FROM "temporary_season"`
    );
    await queryRunner.query(`DROP TABLE "temporary_season"`);
  }
}
