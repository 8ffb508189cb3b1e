import { MigrationInterface, QueryRunner } from 'typeorm';

export class Looser1700000000001 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "121-service"."attribute" DROP CONSTRAINT "CHK_a"`);
    await queryRunner.query(
      `ALTER TABLE "121-service"."attribute" ADD CONSTRAINT "CHK_b" CHECK ("name" NOT IN ('id', 'status'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "121-service"."attribute" DROP CONSTRAINT "CHK_b"`);
    await queryRunner.query(
      `ALTER TABLE "121-service"."attribute" ADD CONSTRAINT "CHK_a" CHECK (((name)::text <> ALL ((ARRAY['id'::character varying, 'status'::character varying, 'x'::character varying])::text[])))`,
    );
  }
}
