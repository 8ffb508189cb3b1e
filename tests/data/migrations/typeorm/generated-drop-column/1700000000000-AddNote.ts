import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropLegacy1700000000000 implements MigrationInterface {
  name = 'DropLegacy1700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "FK_1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_legacy"`);
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "legacy"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" ADD "legacy" text`);
    await queryRunner.query(`CREATE INDEX "IDX_user_legacy" ON "user" ("legacy")`);
    await queryRunner.query(`ALTER TABLE "user" ADD CONSTRAINT "FK_1" FOREIGN KEY ("orgId") REFERENCES "org"("id")`);
  }
}
