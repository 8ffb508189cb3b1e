import { MigrationInterface, QueryRunner } from 'typeorm';

export class EncryptSettings1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.manager.query('UPDATE settings SET value = encrypt(value) WHERE encrypted = 0');
  }

  public async down(): Promise<void> {
    return;
  }
}
