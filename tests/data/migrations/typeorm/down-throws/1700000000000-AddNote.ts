import { MigrationInterface, QueryRunner } from 'typeorm';

export class Backfill1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "post" SET "slug" = lower("title")`);
  }

  public async down(): Promise<void> {
    throw new Error('This migration cannot be reverted');
  }
}
