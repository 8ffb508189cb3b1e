import { MigrationInterface, QueryRunner } from 'typeorm';

export class Seed1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO "role" ("name") VALUES ('admin')`);
  }
}
