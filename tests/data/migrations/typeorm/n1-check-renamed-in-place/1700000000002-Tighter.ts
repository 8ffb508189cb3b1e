import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tighter1700000000002 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "121-service"."attribute" DROP CONSTRAINT "CHK_b"`);
    await queryRunner.query(
      `ALTER TABLE "121-service"."attribute" ADD CONSTRAINT "CHK_c" CHECK ("name" NOT IN ('id', 'status', 'declinedDate'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "121-service"."attribute" DROP CONSTRAINT "CHK_c"`);
    await queryRunner.query(
      `ALTER TABLE "121-service"."attribute" ADD CONSTRAINT "CHK_b" CHECK (((name)::text <> ALL ((ARRAY['id'::character varying, 'status'::character varying])::text[])))`,
    );
  }
}
