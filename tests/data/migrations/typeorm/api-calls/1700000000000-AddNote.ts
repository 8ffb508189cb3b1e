import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

export class Cleanup1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('photo', new TableColumn({ name: 'exif', type: 'text' }));
    await queryRunner.clearTable('thumbnail_cache');
    await queryRunner.manager.delete('session', { expired: true });
    await queryRunner.dropForeignKey('photo', 'FK_photo_user');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('photo', new TableColumn({ name: 'exif', type: 'text', isNullable: true }));
  }
}
