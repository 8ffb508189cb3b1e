import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cleanup1700000000000 implements MigrationInterface {
  private async dropLegacy(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "legacy_sessions"`);
  }

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.dropLegacy(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "legacy_sessions" ("id" serial)`);
  }
}
