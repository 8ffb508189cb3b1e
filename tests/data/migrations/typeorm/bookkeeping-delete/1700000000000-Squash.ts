import { MigrationInterface, QueryRunner } from 'typeorm';

export class Squash1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "migrations" WHERE "timestamp" < 1600000000000`);
    await queryRunner.query(`DELETE FROM "user_sessions" WHERE "expired" = true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT 1`);
  }
}
