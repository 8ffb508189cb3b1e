import { MigrationInterface, QueryRunner } from 'typeorm';

export class LocalUsers1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY NOT NULL, "email" varchar, "password" varchar)`);
    await queryRunner.query(`INSERT INTO "temporary_user"("id", "email") SELECT "id", "email" FROM "user"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY NOT NULL, "email" varchar NOT NULL, "password" varchar)`);
    await queryRunner.query(`INSERT INTO "temporary_user"("id", "email", "password") SELECT "id", "email", "password" FROM "user"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY NOT NULL, "email" varchar, "password" varchar)`);
    await queryRunner.query(`INSERT INTO "user"("id", "email", "password") SELECT "id", "email", "password" FROM "temporary_user"`);
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY NOT NULL, "email" varchar)`);
    await queryRunner.query(`INSERT INTO "user"("id", "email") SELECT "id", "email" FROM "temporary_user"`);
    await queryRunner.query(`DROP TABLE "temporary_user"`);
  }
}
