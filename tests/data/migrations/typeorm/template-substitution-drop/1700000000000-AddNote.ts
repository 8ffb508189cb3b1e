import { MigrationInterface, QueryRunner } from 'typeorm';

const schema = 'public';

export class DropAudit1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schema}"."audit_log"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "${schema}"."audit_log" ("id" serial)`);
  }
}
