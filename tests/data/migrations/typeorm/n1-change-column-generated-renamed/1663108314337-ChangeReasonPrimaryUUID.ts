import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

export class ChangeReasonPrimaryUUID1663108314337 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ien_status_reasons" ADD COLUMN "uid" uuid DEFAULT NULL`);
    await queryRunner.query(`UPDATE "ien_status_reasons" SET "uid" = uuid_generate_v4()`);
    await queryRunner.changeColumn(
      'ien_status_reasons',
      'uid',
      new TableColumn({
        type: 'uuid',
        name: 'public_id',
        isGenerated: true,
        generationStrategy: 'uuid',
      }),
    );
    await queryRunner.changeColumn(
      'ien_status_reasons',
      'label',
      new TableColumn({ type: 'varchar', name: 'title', isNullable: true }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ien_status_reasons" RENAME COLUMN "title" TO "label"`);
    await queryRunner.query(`ALTER TABLE "ien_status_reasons" DROP COLUMN "public_id"`);
  }
}
