import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNote1700000000000 implements MigrationInterface {
  name = 'AddNote1700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD "note" character varying`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "note"`);
  }
}
