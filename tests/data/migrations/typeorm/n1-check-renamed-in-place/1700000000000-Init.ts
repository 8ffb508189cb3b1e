import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "121-service"."attribute" ("id" SERIAL NOT NULL, "name" character varying NOT NULL, CONSTRAINT "CHK_a" CHECK ("name" NOT IN ('id', 'status', 'x')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "121-service"."attribute"`);
  }
}
